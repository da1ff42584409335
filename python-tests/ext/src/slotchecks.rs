//! Slot results and borrow conflicts (test_slot_results.py): each dunder returns whatever
//! object it was given, so CPython's result checks (types, ranges, the hash reduction) can be
//! compared with a pure-Python class doing the same; and comparisons/operators whose `other`
//! is the receiver itself, to tell a borrow conflict (RuntimeError) from a wrong type.

use limpet::class::CompareOp;
use limpet::prelude::*;

limpet::class! {
    /// Every typed unary dunder returns the object given to the constructor.
    #[subclass]
    pub struct SlotRet {
        pub v: Py<PyAny>,
    }
    impl SlotRet {
        #[new]
        fn new(v: Py<PyAny>) -> Self { SlotRet { v } }
        fn __bool__(&self, py: Python<'_>) -> Py<PyAny> { self.v.clone_ref(py) }
        fn __hash__(&self, py: Python<'_>) -> Py<PyAny> { self.v.clone_ref(py) }
        fn __len__(&self, py: Python<'_>) -> Py<PyAny> { self.v.clone_ref(py) }
        fn __repr__(&self, py: Python<'_>) -> Py<PyAny> { self.v.clone_ref(py) }
        fn __str__(&self, py: Python<'_>) -> Py<PyAny> { self.v.clone_ref(py) }
        fn __index__(&self, py: Python<'_>) -> Py<PyAny> { self.v.clone_ref(py) }
        fn __int__(&self, py: Python<'_>) -> Py<PyAny> { self.v.clone_ref(py) }
        fn __float__(&self, py: Python<'_>) -> Py<PyAny> { self.v.clone_ref(py) }
        fn __complex__(&self, py: Python<'_>) -> Py<PyAny> { self.v.clone_ref(py) }
        fn __bytes__(&self, py: Python<'_>) -> Py<PyAny> { self.v.clone_ref(py) }
        fn __iter__(&self, py: Python<'_>) -> Py<PyAny> { self.v.clone_ref(py) }
        fn __length_hint__(&self, py: Python<'_>) -> Py<PyAny> { self.v.clone_ref(py) }
        fn __contains__(&self, py: Python<'_>, _item: &Bound<'_, PyAny>) -> Py<PyAny> { self.v.clone_ref(py) }
        fn __format__(&self, py: Python<'_>, _spec: &Bound<'_, PyAny>) -> Py<PyAny> { self.v.clone_ref(py) }
    }
}

limpet::class! {
    /// Typed Rust results (`i128`: wider than `Py_hash_t` and `Py_ssize_t` both ways).
    pub struct SlotTyped {
        pub h: i128,
    }
    impl SlotTyped {
        #[new]
        fn new(h: i128) -> Self { SlotTyped { h } }
        fn __hash__(&self) -> i128 { self.h }
        fn __len__(&self) -> i128 { self.h }
        fn __bool__(&self) -> bool { self.h != 0 }
    }
}

limpet::class! {
    /// `__richcmp__` taking the other operand mutably: `m == m` is a borrow conflict.
    pub struct CmpMut {
        #[py(get)] pub v: i64,
    }
    impl CmpMut {
        #[new]
        fn new(v: i64) -> Self { CmpMut { v } }
        fn __richcmp__(&self, other: &mut CmpMut, op: CompareOp) -> bool {
            other.v += 0;
            op.matches(self.v.cmp(&other.v))
        }
    }
}

limpet::class! {
    /// `__richcmp__` taking the other operand by shared reference: no conflict with itself.
    pub struct CmpRef {
        #[py(get)] pub v: i64,
    }
    impl CmpRef {
        #[new]
        fn new(v: i64) -> Self { CmpRef { v } }
        fn __richcmp__(&self, other: &CmpRef, op: CompareOp) -> bool { op.matches(self.v.cmp(&other.v)) }
    }
}

limpet::class! {
    /// `__richcmp__` with a small integer on the other side (out of range: not comparable).
    pub struct CmpSmall {
        #[py(get)] pub v: u8,
    }
    impl CmpSmall {
        #[new]
        fn new(v: u8) -> Self { CmpSmall { v } }
        fn __richcmp__(&self, other: u8, op: CompareOp) -> bool { op.matches(self.v.cmp(&other)) }
    }
}

limpet::class! {
    /// Binary, reflected, in-place and `__eq__`-style dunders taking the other operand as
    /// `&mut Self` (or `&Self` with a mutable receiver): with itself, a borrow conflict.
    pub struct OpMut {
        #[py(get)] pub v: i64,
    }
    impl OpMut {
        #[new]
        fn new(v: i64) -> Self { OpMut { v } }
        fn __add__(&self, other: &mut OpMut) -> i64 { self.v + other.v }
        fn __radd__(&self, other: &mut OpMut) -> i64 { self.v + other.v }
        fn __iadd__(&mut self, other: &OpMut) { self.v += other.v }
        fn __eq__(&self, other: &mut OpMut) -> bool { self.v == other.v }
        fn __lt__(&self, other: &mut OpMut) -> bool { self.v < other.v }
        fn __hash__(&self) -> i64 { self.v }
    }
}

limpet::class! {
    /// `__hash__ = None` as a class attribute: unhashable, as in Python.
    pub struct HashNone {
        #[py(get)] pub v: i64,
    }
    impl HashNone {
        #[new]
        fn new(v: i64) -> Self { HashNone { v } }
        #[classattr]
        fn __hash__() -> Option<i64> { None }
    }
}
