limpet::class! {
    #[ord]
    #[derive(PartialEq, PartialOrd)]
    pub struct C { v: i64 }
}
fn main() {}
