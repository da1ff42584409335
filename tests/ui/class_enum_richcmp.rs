// An enum class compares by variant: a `__richcmp__` would silently replace that (its `==`
// skipped the generated one at run time); one error, at the method.
use limpet::class::CompareOp;
limpet::class! {
    pub enum Color { Red, Green }
    impl Color {
        fn __richcmp__(&self, other: &Color, op: CompareOp) -> bool { let _ = (other, op); true }
    }
}
fn main() {}
