limpet::convert! {
    pub enum Shape {
        Circle(f64),
        Rect { w: f64, h: f64 },
    }
}
fn main() {}
