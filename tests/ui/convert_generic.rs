limpet::convert! {
    pub struct Wrapper<T> {
        pub value: T,
    }
}
fn main() {}
