limpet::class! {
    #[str]
    pub struct C { v: i64 }
}
fn main() {}
