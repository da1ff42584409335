// An attribute a class! field does not take: one error, at it.
limpet::class! {
    pub struct C {
        #[py(get)] pub v: i64,
        #[allow(dead_code)]
        w: i64,
    }
}
fn main() {}
