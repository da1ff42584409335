use limpet::prelude::*;
limpet::class! {
    pub struct Greeter { name: String }
    impl Greeter {
        async fn __len__(&self) -> usize { self.name.len() }
    }
}
fn main() {}
