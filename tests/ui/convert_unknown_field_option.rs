limpet::convert! {
    pub struct Point {
        pub x: i64,
        #[py(rename = "yCoord")]
        pub y: i64,
    }
}
fn main() {}
