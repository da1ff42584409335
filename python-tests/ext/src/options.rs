//! Class options (test_class_options.py): `#[eq]`, `#[ord]`, `#[hash]`, `#[str]`, `#[repr]`
//! derived from the struct's Rust traits, `#[name = ".."]` and `#[module = ".."]`.

use std::fmt;

use limpet::class::PyClass;
use limpet::prelude::*;

limpet::class! {
    /// `#[eq]` alone: == and != from PartialEq, unhashable (as a Python class with __eq__).
    #[subclass]
    #[eq]
    #[derive(PartialEq)]
    pub struct OptEq {
        #[py(get)] pub v: i64,
    }
    impl OptEq {
        #[new]
        fn new(v: i64) -> Self { OptEq { v } }
        fn bump(&mut self) { self.v += 1; }
    }
}

limpet::class! {
    /// `#[eq]` and `#[ord]`: every comparison from PartialOrd (NaN is incomparable).
    #[eq]
    #[ord]
    #[derive(PartialEq, PartialOrd)]
    pub struct OptOrd {
        #[py(get)] pub v: f64,
    }
    impl OptOrd {
        #[new]
        fn new(v: f64) -> Self { OptOrd { v } }
    }
}

limpet::class! {
    /// `#[frozen]`, `#[eq]`, `#[hash]`: hashable, usable in sets and as dict keys.
    #[frozen]
    #[eq]
    #[hash]
    #[derive(PartialEq, Eq, Hash)]
    pub struct OptHash {
        #[py(get)] pub key: String,
        #[py(get)] pub n: i64,
    }
    impl OptHash {
        #[new]
        fn new(key: String, n: i64) -> Self { OptHash { key, n } }
    }
}

limpet::class! {
    /// `#[str]` from Display, `#[repr]` from Debug.
    #[str]
    #[repr]
    #[derive(Debug)]
    pub struct OptText {
        pub a: i64,
        pub b: String,
    }
    impl OptText {
        #[new]
        fn new(a: i64, b: String) -> Self { OptText { a, b } }
    }
}

impl fmt::Display for OptText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} and {}", self.a, self.b)
    }
}

limpet::class! {
    /// A Python name and `__module__` of its own (re-exported by a package, pickled there).
    #[name = "Pretty"]
    #[module = "limptest"]
    pub struct Renamed {
        #[py(get)] pub v: i64,
    }
    impl Renamed {
        #[new]
        fn new(v: i64) -> Self { Renamed { v } }
        fn __reduce__(&self, py: Python<'_>) -> PyResult<(Py<PyAny>, (i64,))> {
            Ok((Renamed::type_object(py)?.unbind(), (self.v,)))
        }
        fn echo(&self, other: &Renamed) -> i64 { self.v + other.v }
    }
}

limpet::function! {
    /// Takes a `Renamed` (its Python name in the error message and the stub).
    pub fn pretty_v(p: &Renamed) -> i64 { p.v }
    /// Returns a `Renamed`.
    pub fn make_pretty(v: i64) -> Renamed { Renamed { v } }
}
