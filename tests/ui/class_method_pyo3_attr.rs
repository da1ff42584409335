// PyO3's `#[pyo3(signature = ..)]` on a method: limpet writes defaults in the parameter list.
limpet::class! {
    pub struct C { v: i64 }
    impl C {
        #[pyo3(signature = (by = 1))]
        fn incr(&mut self, by: i64) -> i64 { self.v += by; self.v }
    }
}
fn main() {}
