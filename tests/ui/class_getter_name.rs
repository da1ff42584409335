// PyO3's `#[getter(name)]`: limpet's getter takes no name.
limpet::class! {
    pub struct C { v: i64 }
    impl C {
        #[getter(value)]
        fn get_v(&self) -> i64 { self.v }
    }
}
fn main() {}
