//! The typed slot shims and direct `METH_NOARGS` methods (issue 12): each result type takes
//! the direct conversion (integers, `bool`, their `Result`s) or the object path, and both
//! must give what CPython gives a Python class (test_slot_fastpaths.py).

use limpet::prelude::*;

limpet::class! {
    /// Every typed slot returning `v` through a direct conversion.
    pub struct FastInt {
        #[py(get)] pub v: i64,
    }
    impl FastInt {
        #[new]
        fn new(v: i64) -> Self { FastInt { v } }
        fn __len__(&self) -> i64 { self.v }
        fn __hash__(&self) -> i64 { self.v }
        fn __bool__(&self) -> PyResult<bool> {
            if self.v == 99 { Err(PyValueError::new_err("no truth")) } else { Ok(self.v != 0) }
        }
        fn __contains__(&self, item: i64) -> i64 { self.v - item }
        fn __repr__(&self) -> String { format!("FastInt({})", self.v) }
        fn bump(&mut self) -> i64 { self.v += 1; self.v }
        fn with_py(&self, py: Python<'_>) -> PyResult<Py<PyAny>> { Ok(self.v.into_py(py)?.unbind()) }
        // Hygiene: names the expansion uses for its own items, and a method `field_v` next to
        // the field `v` (each has its own static).
        fn field_v(&self) -> i64 { -self.v }
        fn tuple(&self, body: i64) -> i64 { self.v + body }
        fn body(&self, fast: i64, hints: i64 = 2) -> i64 { fast * hints }
        fn fast(&self) -> &'static str { "fast" }
        fn hints(&self, holder: i64, tuple: i64 = 0) -> i64 { holder - tuple }
        fn noargs(&self) -> i64 { 0 }
    }
}

limpet::class! {
    /// Unsigned results: beyond `Py_ssize_t` / `Py_hash_t`.
    pub struct FastU64 {
        pub v: u64,
    }
    impl FastU64 {
        #[new]
        fn new(v: u64) -> Self { FastU64 { v } }
        fn __len__(&self) -> usize { self.v as usize }
        fn __hash__(&self) -> u64 { self.v }
        fn __bool__(&self) -> u64 { self.v }
    }
}

limpet::class! {
    /// `&mut self` slots, and a method that calls back into Python while holding a borrow.
    #[subclass]
    pub struct FastMut {
        pub n: usize,
    }
    impl FastMut {
        #[new]
        fn new(n: usize) -> Self { FastMut { n } }
        fn __len__(&mut self) -> Result<usize, PyErr> { self.n += 1; Ok(self.n - 1) }
        fn __contains__(&self, f: Bound<'_, PyAny>) -> PyResult<bool> { f.call0()?.is_truthy() }
        fn __repr__(&mut self) -> String { format!("FastMut({})", self.n) }
        fn hold(&self, f: Bound<'_, PyAny>) -> PyResult<Py<PyAny>> { Ok(f.call0()?.unbind()) }
        fn touch(&mut self) -> usize { self.n }
    }
}
