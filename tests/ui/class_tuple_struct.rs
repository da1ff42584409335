limpet::class! {
    pub struct C(i64);
}
fn main() {}
