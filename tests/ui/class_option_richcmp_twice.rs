// `__richcmp__` with `#[eq]` and `#[ord]`: one error, at the method.
use limpet::class::CompareOp;
limpet::class! {
    #[eq]
    #[ord]
    #[derive(PartialEq, PartialOrd)]
    pub struct C { v: i64 }
    impl C {
        fn __richcmp__(&self, other: &C, op: CompareOp) -> bool { op.matches(self.v.cmp(&other.v)) }
    }
}
fn main() {}
