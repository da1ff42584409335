// Something class! does not read (here a constant in the impl block): the grammar, once.
limpet::class! {
    pub struct C { v: i64 }
    impl C {
        const LIMIT: i64 = 3;
        fn get(&self) -> i64 { self.v }
    }
}
fn main() {}
