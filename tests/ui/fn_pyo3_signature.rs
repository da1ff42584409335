// PyO3's `#[pyo3(signature = ..)]` in function!: one error, at the attribute: the signature
// is the parameter list.
limpet::function! {
    #[pyo3(signature = (x, y = 1))]
    fn add(x: i64, y: i64) -> i64 { x + y }
}
fn main() {}
