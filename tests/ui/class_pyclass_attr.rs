// PyO3's `#[pyclass(..)]` on a class!: one error at `pyclass`, naming limpet's options.
limpet::class! {
    #[pyclass(frozen)]
    pub struct C { v: i64 }
}
fn main() {}
