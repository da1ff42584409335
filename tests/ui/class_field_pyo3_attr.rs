// PyO3's field attribute: one error at `pyo3`, naming limpet's spelling.
limpet::class! {
    pub struct C {
        /// The value.
        #[pyo3(get, set)]
        pub v: i64,
    }
}
fn main() {}
