// PyO3's `#[pyfunction]` in function!: one error, at the attribute, naming limpet's spelling.
limpet::function! {
    #[pyfunction]
    fn double(x: i64) -> i64 { x * 2 }
}
fn main() {}
