limpet::convert! {
    pub struct Point {
        #[allow(dead_code)]
        pub x: i64,
    }
}
fn main() {}
