use limpet::prelude::*;
limpet::class! {
    pub struct Greeter { name: String }
    impl Greeter {
        async fn greet(&self, other: &str) -> String { format!("{} {}", self.name, other) }
    }
}
fn main() {}
