limpet::class! {
    pub struct C { v: i64 }
    impl C {
        #[getter] fn v(&self, extra: i64) -> i64 { self.v + extra }
    }
}
fn main() {}
