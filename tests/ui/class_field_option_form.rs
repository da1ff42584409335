// `#[py(..)]` on a field takes only `get` and `set`.
limpet::class! {
    pub struct C { #[py(get = "value")] pub v: i64 }
}
fn main() {}
