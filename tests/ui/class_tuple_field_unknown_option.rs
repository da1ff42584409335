// Only `get`, `set` and `name = ".."` are options of a tuple struct field.
limpet::class! {
    pub struct C(#[py(get, name = "x", frozen)] pub i64);
}
fn main() {}
