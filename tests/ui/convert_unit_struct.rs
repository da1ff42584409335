limpet::convert! {
    pub struct Marker;
}
fn main() {}
