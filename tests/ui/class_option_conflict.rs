limpet::class! {
    #[eq]
    #[ord]
    #[derive(PartialEq, PartialOrd)]
    pub struct C { v: i64 }
    impl C {
        fn __lt__(&self, other: &C) -> bool { self.v < other.v }
    }
}
fn main() {}
