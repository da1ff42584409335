//! Typed comparison dunders (issue 12): the class's `tp_richcompare` calls them directly on
//! an instance of its own type and resolves everything else as CPython's generic slot does
//! (test_slot_compare.py, against a pure-Python twin).

use limpet::prelude::*;

limpet::class! {
    /// `__eq__` and `__lt__` only, subclassable.
    #[subclass]
    pub struct Rank {
        #[py(get)] pub v: i64,
    }
    impl Rank {
        #[new]
        fn new(v: i64 = 0) -> Self { Rank { v } }
        fn __eq__(&self, other: &Rank) -> bool { self.v == other.v }
        fn __lt__(&self, other: &Rank) -> PyResult<bool> {
            if other.v == 99 { return Err(PyValueError::new_err("no order for 99")); }
            Ok(self.v < other.v)
        }
    }
}

limpet::class! {
    /// Every comparison, `&mut self` and a `py` parameter; results of any type.
    pub struct Ranked {
        #[py(get)] pub v: i64,
    }
    impl Ranked {
        #[new]
        fn new(v: i64) -> Self { Ranked { v } }
        fn __lt__(&mut self, py: Python<'_>, other: i64) -> PyResult<Py<PyAny>> { Ok((self.v < other).into_py(py)?.unbind()) }
        fn __le__(&self, other: i64) -> (i64, &'static str) { (self.v - other, "le") }
        fn __eq__(&self, other: u8) -> bool { self.v == i64::from(other) }
        fn __ne__(&self, other: u8) -> bool { self.v != i64::from(other) }
        fn __gt__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> { Ok(self.v > other.extract::<i64>()?) }
        fn __ge__(&self, other: i64) -> Option<i64> { (self.v >= other).then_some(self.v) }
    }
}
