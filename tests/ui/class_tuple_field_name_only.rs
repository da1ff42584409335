// `name = ".."` without `get` or `set` names no property.
limpet::class! {
    pub struct C(#[py(name = "x")] pub i64);
}
fn main() {}
