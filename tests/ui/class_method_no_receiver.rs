// A method without a receiver (and no #[staticmethod]): one error that says what to write.
limpet::class! {
    pub struct C { v: i64 }
    impl C {
        fn make() -> i64 { 1 }
    }
}
fn main() {}
