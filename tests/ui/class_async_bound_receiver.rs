use limpet::prelude::*;
limpet::class! {
    pub struct Greeter { name: String }
    impl Greeter {
        async fn greet(slf: PyRef<'_, Self>) -> String { slf.name.clone() }
    }
}
fn main() {}
