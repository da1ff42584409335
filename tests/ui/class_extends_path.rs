// `#[extends(..)]` takes one name.
limpet::class! {
    #[extends(limpet::exceptions::PyException)]
    pub struct E { v: i64 }
}
fn main() {}
