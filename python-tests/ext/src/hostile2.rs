//! Hostile tests, second round (`test_hostile2.py`): re-entrancy through the borrow flag,
//! panics in `Drop` of values converted into Python, arguments whose conversion calls back
//! into the receiver.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use limpet::prelude::*;

limpet::class! {
    /// A counter whose methods call back into Python while borrowed.
    pub struct H2Cell {
        #[py(get, set)] pub n: i64,
    }
    impl H2Cell {
        #[new]
        fn new(n: i64 = 0) -> Self { H2Cell { n } }
        /// `&mut self` across a call of `f()`.
        fn call_mut(&mut self, f: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            self.n += 1;
            let r = f.call0()?.unbind();
            self.n += 1;
            Ok(r)
        }
        /// `&self` across a call of `f()`.
        fn call_ref(&self, f: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> { Ok(f.call0()?.unbind()) }
        /// `&mut self` and another `&mut H2Cell` (the same object: a conflict).
        fn take_mut(&mut self, other: &mut H2Cell) -> i64 { self.n += other.n; self.n }
        /// `&mut self` and a `&H2Cell`.
        fn take_ref(&mut self, other: &H2Cell) -> i64 { self.n += other.n; self.n }
        /// `&self` and a `PyRefMut` of another.
        fn take_refmut(&self, mut other: PyRefMut<'_, H2Cell>) -> i64 { other.n += self.n; other.n }
        /// `&mut self` then a list of ints (their `__index__` may call back into `self`).
        fn add_all(&mut self, xs: Vec<i64>) -> i64 { self.n += xs.iter().sum::<i64>(); self.n }
        /// `&mut self` then a keyword-only dict of ints.
        fn add_map(&mut self, *, m: HashMap<String, i64>) -> i64 { self.n += m.values().sum::<i64>(); self.n }
        /// A panic while `&mut self` is borrowed.
        fn panic_mut(&mut self) { self.n += 1; panic!("panic while borrowed mutably") }
        /// A panic while `&self` is borrowed.
        fn panic_ref(&self) -> i64 { panic!("panic while borrowed ({})", self.n) }
        /// An error while `&mut self` is borrowed.
        fn err_mut(&mut self) -> PyResult<i64> { self.n += 1; Err(PyValueError::new_err("error while borrowed")) }
        /// `&mut self`, returning a fresh instance (allocating while borrowed).
        fn spawn(&mut self) -> H2Cell { self.n += 1; H2Cell { n: self.n } }
        /// `&mut self`, returning a value whose conversion panics.
        fn bad_return(&mut self) -> DropBomb { self.n += 1; DropBomb(self.n, None) }
    }
}

static BOMB_DROPS: AtomicUsize = AtomicUsize::new(0);

/// A value whose conversion to Python succeeds (the object it carries) but whose `Drop`
/// then panics (unless its number is negative).
pub struct DropBomb(pub i64, pub Option<Py<PyAny>>);

impl Drop for DropBomb {
    fn drop(&mut self) {
        BOMB_DROPS.fetch_add(1, Ordering::Relaxed);
        if self.0 >= 0 {
            panic!("DropBomb({}) dropped", self.0);
        }
    }
}

impl IntoPy for DropBomb {
    fn into_py(mut self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        match self.1.take() {
            Some(obj) => Ok(obj.into_bound(py)),
            None => self.0.into_py(py),
        }
    }
    fn output_hint() -> String {
        "int".into()
    }
}

limpet::function! {
    /// A `DropBomb(v)` returned (its conversion succeeds, then its drop panics if `v >= 0`).
    pub fn h2_drop_bomb(v: i64, obj: Option<Py<PyAny>> = None) -> DropBomb { DropBomb(v, obj) }

    /// `DropBomb`s in a list: `-1` items are harmless, others panic when dropped.
    pub fn h2_drop_bombs(vs: Vec<i64>) -> Vec<DropBomb> { vs.into_iter().map(|v| DropBomb(v, None)).collect() }

    /// `DropBomb`s in a dict.
    pub fn h2_drop_bomb_map(vs: Vec<i64>) -> HashMap<i64, DropBomb> { vs.into_iter().map(|v| (v, DropBomb(v, None))).collect() }

    /// A tuple with a `DropBomb` in the middle.
    pub fn h2_drop_bomb_tuple(v: i64, obj: Py<PyAny>) -> (Py<PyAny>, DropBomb, Vec<i64>) { (obj, DropBomb(v, None), vec![1, 2]) }

    /// How many `DropBomb`s were dropped.
    pub fn h2_bomb_drops() -> usize { BOMB_DROPS.load(Ordering::Relaxed) }

    /// Pairs from a list of tuples.
    pub fn h2_pairs(v: Vec<(i64, String)>) -> Vec<(i64, String)> { v }

    /// `&str` items of a list.
    pub fn h2_strs(v: Vec<String>, s: &str) -> (usize, usize) { (v.len(), s.len()) }
}

static GC_DROPS: AtomicUsize = AtomicUsize::new(0);

limpet::class! {
    /// A GC class holding one reference, whose methods call back into Python while borrowed.
    pub struct H2Gc {
        pub link: Option<Py<PyAny>>,
    }
    impl H2Gc {
        #[new]
        fn new(link: Option<Py<PyAny>> = None) -> Self { H2Gc { link } }
        /// `&mut self` across a call of `f()`.
        fn call_mut(&mut self, f: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> { Ok(f.call0()?.unbind()) }
        /// Replace the link.
        fn set(&mut self, link: Option<Py<PyAny>>) { self.link = link; }
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> { visit.call_opt(self.link.as_ref()) }
        fn __clear__(&mut self) { self.link = None; }
    }
}

impl Drop for H2Gc {
    fn drop(&mut self) {
        GC_DROPS.fetch_add(1, Ordering::Relaxed);
    }
}

limpet::function! {
    /// How many `H2Gc` values were dropped.
    pub fn h2_gc_drops() -> usize { GC_DROPS.load(Ordering::Relaxed) }
}
