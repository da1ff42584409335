limpet::convert! {
    #[py(from = json)]
    pub struct Point {
        pub x: i64,
    }
}
limpet::convert! {
    #[py(frobnicate)]
    pub struct Pair(pub i64, pub i64);
}
limpet::convert! {
    #[py(into = dict)]
    pub struct Meters(pub f64);
}
fn main() {}
