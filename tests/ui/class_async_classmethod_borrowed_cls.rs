use limpet::prelude::*;
limpet::class! {
    pub struct Greeter { name: String }
    impl Greeter {
        #[classmethod]
        async fn kind(cls: &Bound<'_, PyAny>) -> String { String::new() }
    }
}
fn main() {}
