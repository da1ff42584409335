// `__richcmp__` is the class's one `tp_richcompare`: a typed `__eq__` next to it would never
// be called.
use limpet::class::CompareOp;
limpet::class! {
    pub struct C { v: i64 }
    impl C {
        fn __richcmp__(&self, other: &C, op: CompareOp) -> bool { op.matches(self.v.cmp(&other.v)) }
        fn __eq__(&self, other: &C) -> bool { self.v == other.v }
    }
}
fn main() {}
