// A tuple struct field's property needs a Python name (PyO3 requires one too).
limpet::class! {
    pub struct C(#[py(get, set)] pub i64, pub i64);
}
fn main() {}
