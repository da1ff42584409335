// A class attribute takes nothing or `py: Python<'_>`.
limpet::class! {
    pub struct C { v: i64 }
    impl C {
        #[classattr]
        fn ZERO(start: i64) -> i64 { start }
    }
}
fn main() {}
