limpet::class! {
    pub struct C { v: i64 }
    impl C {
        fn take(self) -> i64 { self.v }
    }
}
fn main() {}
