//! Tuple and unit structs as classes (`limptest.tuples`), and the Python name of a renamed
//! class in its methods' `__qualname__`.
use limpet::prelude::*;

limpet::class! {
    /// A frozen point, compared, hashed and shown from its Rust traits.
    #[frozen]
    #[eq]
    #[ord]
    #[hash]
    #[repr]
    #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct TPoint(
        /// The x coordinate.
        #[py(get, name = "x")] pub i64,
        #[py(get, name = "y")] pub i64,
        pub String,
    );
    impl TPoint {
        #[new]
        fn new(x: i64, y: i64, tag: String = String::new()) -> Self { TPoint(x, y, tag) }
        /// The hidden third field.
        fn tag(&self) -> String { self.2.clone() }
        fn norm1(&self) -> i64 { self.0.abs() + self.1.abs() }
        #[staticmethod]
        fn origin() -> TPoint { TPoint(0, 0, String::from("origin")) }
    }
}

limpet::class! {
    /// A mutable tuple struct: a read-write field, a write-only field, a hidden one.
    #[derive(Clone)]
    pub struct TPair(
        #[py(get, set, name = "first")] pub i64,
        #[py(set, name = "second")] pub String,
        Vec<u8>,
    );
    impl TPair {
        #[new]
        fn new(first: i64, second: String) -> Self { TPair(first, second, vec![1, 2, 3]) }
        fn total(&self) -> usize { self.0 as usize + self.1.len() + self.2.len() }
        fn bump(&mut self, by: i64 = 1) -> i64 { self.0 += by; self.0 }
        fn __repr__(&self) -> String { format!("TPair({}, {:?})", self.0, self.1) }
    }
}

limpet::class! {
    /// A unit struct.
    #[derive(Clone)]
    pub struct Unit;
    impl Unit {
        #[new]
        fn new() -> Self { Unit }
        fn hello(&self) -> &'static str { "hello" }
    }
}

limpet::class! {
    /// A tuple struct without methods (no constructor).
    pub struct Bare(#[py(get, name = "value")] pub u8);
}

limpet::function! {
    /// Takes a `TPoint` by reference (its Python name in errors and stubs).
    pub fn tpoint_sum(p: &TPoint) -> i64 { p.0 + p.1 }
    /// A `TPoint` made in Rust.
    pub fn make_tpoint(x: i64, y: i64) -> TPoint { TPoint(x, y, String::from("rust")) }
    /// A `TPair` taken by value (it is `Clone`).
    pub fn tpair_first(p: TPair) -> i64 { p.0 }
    /// A `Bare` made in Rust.
    pub fn make_bare(v: u8) -> Bare { Bare(v) }
    /// A `Unit` made in Rust.
    pub fn make_unit() -> Unit { Unit }
}

limpet::class! {
    /// `#[dict]` on every version (3.7/3.8: through a layout base), a tuple struct.
    #[dict]
    #[subclass]
    pub struct DictBag(#[py(get, name = "n")] pub i64);
    impl DictBag {
        #[new]
        fn new(n: i64 = 0) -> Self { DictBag(n) }
        fn add(&mut self, by: i64) -> i64 { self.0 += by; self.0 }
        /// Calls `f` while `self` is mutably borrowed.
        fn while_mut(&mut self, py: Python<'_>, f: Py<PyAny>) -> PyResult<i64> {
            f.bind(py).call0()?;
            Ok(self.0)
        }
        fn me(slf: Py<Self>) -> Py<Self> { slf }
    }
}

limpet::class! {
    /// Extends a `#[dict]` class: the dict is the base's, on every version.
    #[extends(DictBag)]
    pub struct DictBagChild { #[py(get)] pub label: String }
    impl DictBagChild {
        #[new]
        fn new(n: i64, label: String) -> (Self, DictBag) { (DictBagChild { label }, DictBag(n)) }
    }
}

limpet::class! {
    /// `#[weakref]` and `#[dict]` with GC of its own fields, on every version.
    #[weakref]
    #[dict]
    pub struct WeakHolder { pub held: Option<Py<PyAny>> }
    impl WeakHolder {
        #[new]
        fn new(held: Option<Py<PyAny>> = None) -> Self { WeakHolder { held } }
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> { visit.call_opt(self.held.as_ref()) }
        fn __clear__(&mut self) { self.held = None; }
        fn set(&mut self, held: Option<Py<PyAny>>) { self.held = held; }
    }
}

limpet::class! {
    /// `#[weakref]` alone (no GC of its own on 3.9+).
    #[weakref]
    pub struct WeakOnly(#[py(get, name = "v")] pub i64);
    impl WeakOnly {
        #[new]
        fn new(v: i64 = 0) -> Self { WeakOnly(v) }
    }
}

limpet::class! {
    /// A `#[subclass]` base without a `__dict__`.
    #[subclass]
    pub struct PlainBase { }
    impl PlainBase {
        #[new]
        fn new() -> Self { PlainBase {} }
    }
}

limpet::class! {
    /// `#[dict]` on a limpet base without one: needs 3.9 (the base's layout is fixed).
    #[dict]
    #[extends(PlainBase)]
    pub struct DictOnPlain { }
    impl DictOnPlain {
        #[new]
        fn new() -> (Self, PlainBase) { (DictOnPlain {}, PlainBase {}) }
    }
}

limpet::class! {
    /// A Python name that is not the Rust one: methods' `__qualname__` use the Python name.
    #[name = "PyQual"]
    pub struct RustQual(#[py(get, set, name = "v")] pub i64);
    impl RustQual {
        #[new]
        fn new(v: i64 = 0) -> Self { RustQual(v) }
        fn meth(&self) -> i64 { self.0 }
        #[staticmethod]
        fn stat() -> i64 { 1 }
        #[classmethod]
        fn clsm(cls: &Bound<'_, PyAny>) -> PyResult<String> { Ok(cls.getattr("__qualname__")?.to_string()) }
        #[getter]
        fn doubled(&self) -> i64 { self.0 * 2 }
        fn __repr__(&self) -> String { format!("PyQual({})", self.0) }
        fn __add__(&self, other: i64) -> i64 { self.0 + other }
        fn takes(&self, other: &RustQual, k: i64 = 0) -> i64 { self.0 + other.0 + k }
        async fn later(&self) -> i64 { self.0 }
    }
}

limpet::function! {
    /// A `DictBag` made in Rust (it has a `__dict__` too).
    pub fn make_bag(n: i64) -> DictBag { DictBag(n) }
    /// Reads a `DictBag` (or subclass) by reference.
    pub fn bag_n(b: &DictBag) -> i64 { b.0 }
    /// Takes `Py<DictBag>`, borrows it mutably.
    pub fn bag_bump(py: Python<'_>, b: Py<DictBag>) -> PyResult<i64> {
        let bound = b.bind(py);
        let mut r = bound.borrow_mut()?;
        r.0 += 1;
        Ok(r.0)
    }
}
