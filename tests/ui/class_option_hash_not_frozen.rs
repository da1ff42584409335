limpet::class! {
    #[eq]
    #[hash]
    #[derive(PartialEq, Eq, Hash)]
    pub struct C { v: i64 }
}
fn main() {}
