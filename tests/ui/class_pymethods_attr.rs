// PyO3's `#[pymethods]` on the impl block of class!.
limpet::class! {
    pub struct C { v: i64 }
    #[pymethods]
    impl C {
        fn get(&self) -> i64 { self.v }
    }
}
fn main() {}
