limpet::convert! {
    pub struct Wide(u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8);
}
fn main() {}
