// PyO3's field attribute in convert!: one error at `pyo3`.
limpet::convert! {
    pub struct Point {
        #[pyo3(item("x"))]
        pub x: i64,
    }
}
fn main() {}
