// `#[new]` cannot be async: one error, at the attribute.
limpet::class! {
    pub struct C { v: i64 }
    impl C {
        #[new]
        async fn new() -> Self { C { v: 0 } }
    }
}
fn main() {}
