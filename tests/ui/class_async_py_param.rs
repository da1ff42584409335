use limpet::prelude::*;
limpet::class! {
    pub struct Greeter { name: String }
    impl Greeter {
        async fn greet(&self, py: Python<'_>) -> String { self.name.clone() }
    }
}
fn main() {}
