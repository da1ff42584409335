limpet::class! {
    pub struct C { #[py(get, frobnicate)] v: i64 }
}
fn main() {}
