pub struct Other;

limpet::class! {
    pub struct Mine { v: i64 }
    impl Other {
        fn get(&self) -> i64 { 1 }
    }
}

fn main() {}
