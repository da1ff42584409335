use limpet::prelude::*;
limpet::class! {
    pub struct Greeter { name: String }
    impl Greeter {
        #[getter]
        async fn name(&self) -> String { self.name.clone() }
    }
}
fn main() {}
