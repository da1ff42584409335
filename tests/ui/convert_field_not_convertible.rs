struct Opaque;

limpet::convert! {
    pub struct Holder {
        pub inner: Opaque,
    }
}
fn main() {}
