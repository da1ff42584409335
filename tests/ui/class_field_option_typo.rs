// A field option limpet does not have: one error, at the option.
limpet::class! {
    pub struct C { #[py(gte)] pub v: i64 }
}
fn main() {}
