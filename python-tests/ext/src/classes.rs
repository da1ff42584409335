//! Classes: construction, methods, properties, borrow checking, protocols (each compared with
//! a pure-Python class in `test_classes*.py`), GC, runtime-gated `#[dict]`/`#[weakref]`,
//! inheritance, values crossing the boundary, panics and a 300-method class.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use limpet::prelude::*;

fn obj<T: IntoPy>(py: Python<'_>, v: T) -> PyResult<Py<PyAny>> {
    Ok(v.into_py(py)?.unbind())
}

fn not_implemented(py: Python<'_>) -> Py<PyAny> {
    py.NotImplemented().unbind()
}

// ---------------------------------------------------------------------------------------
// Construction, methods, properties, class attributes.

limpet::class! {
    /// A point with every parameter kind in its constructor.
    ///
    /// Second paragraph.
    pub struct Point {
        /// The x coordinate.
        #[py(get, set)] pub x: i64,
        #[py(get, set)] pub y: i64,
        #[py(get)] pub label: String,
        #[py(set)] pub secret: i64,
        pub z: i64,
        pub extra: Vec<i64>,
        pub kw: BTreeMap<String, i64>,
    }
    impl Point {
        /// Make a point.
        #[new]
        fn new(x: i64, y: i64 = 0, /, z: i64 = 0, *args: Vec<i64>, label: &str = "p", **kwargs: BTreeMap<String, i64>) -> Self {
            Point { x, y, label: label.to_owned(), secret: 0, z, extra: args, kw: kwargs }
        }
        /// What the constructor bound.
        fn bound(&self) -> (i64, i64, i64, Vec<i64>, String, BTreeMap<String, i64>) {
            (self.x, self.y, self.z, self.extra.clone(), self.label.clone(), self.kw.clone())
        }
        /// Norm squared.
        fn norm2(&self) -> i64 { self.x * self.x + self.y * self.y }
        /// Move by (dx, dy); returns the new x.
        fn shift(&mut self, dx: i64, dy: i64 = 0) -> i64 { self.x += dx; self.y += dy; self.x }
        /// The object itself (owned receiver).
        fn me(slf: Py<Self>) -> Py<Self> { slf }
        /// x through the owned receiver.
        fn owned_x(slf: Py<Self>, py: Python<'_>, add: i64 = 0) -> PyResult<i64> { Ok(slf.bind(py).borrow()?.x + add) }
        /// The GIL token in the middle.
        fn with_py(&self, a: i64, py: Python<'_>, *, b: i64 = 1) -> (i64, i64, bool) { (self.x + a, b, py.version().major == 3) }
        /// The secret (write-only property).
        fn reveal(&self) -> i64 { self.secret }
        /// A static method.
        #[staticmethod]
        fn add(a: i64, b: i64 = 1) -> i64 { a + b }
        /// A class method that constructs.
        #[classmethod]
        fn make(cls: &Bound<'_, PyAny>, x: i64) -> PyResult<Py<PyAny>> { Ok(cls.call1((x, x))?.unbind()) }
        /// Sum of the coordinates.
        #[getter]
        fn get_sum(&self) -> i64 { self.x + self.y }
        /// Twice x.
        #[getter]
        fn double(&self) -> i64 { self.x * 2 }
        #[setter]
        fn set_double(&mut self, value: i64) -> PyResult<()> {
            if value % 2 != 0 {
                return Err(PyValueError::new_err("double must be even"));
            }
            self.x = value / 2;
            Ok(())
        }
        #[classattr]
        fn DIMENSIONS() -> i64 { 2 }
        #[classattr]
        fn ORIGIN() -> Point { Point::new(0, 0, 0, vec![], "origin", BTreeMap::new()) }
        fn __repr__(&self) -> String { format!("Point({}, {})", self.x, self.y) }
    }
}

limpet::class! {
    /// Not constructible from Python.
    pub struct NoCtor {
        #[py(get)] pub v: i64,
    }
    impl NoCtor {
        fn twice(&self) -> i64 { self.v * 2 }
    }
}

limpet::class! {
    /// Immutable.
    #[frozen]
    pub struct Frozen {
        #[py(get)] pub v: i64,
    }
    impl Frozen {
        #[new]
        fn new(v: i64) -> Self { Frozen { v } }
        fn get(&self) -> i64 { self.v }
    }
}

limpet::class! {
    /// No #[subclass]: Python cannot inherit from it.
    pub struct Sealed {}
    impl Sealed {
        #[new]
        fn new() -> Self { Sealed {} }
    }
}

limpet::function! {
    /// A NoCtor instance.
    pub fn make_noctor(v: i64) -> NoCtor { NoCtor { v } }
    /// A new Point.
    pub fn new_point(x: i64, y: i64 = 0) -> Point { Point::new(x, y, 0, vec![], "made", BTreeMap::new()) }
    /// `&T` parameter.
    pub fn point_norm(p: &Point) -> i64 { p.norm2() }
    /// `&mut T` parameter.
    pub fn point_shift(p: &mut Point, dx: i64) -> i64 { p.shift(dx, 0) }
    /// `PyRef<T>` parameter.
    pub fn point_ref_x(p: PyRef<'_, Point>) -> i64 { p.x }
    /// `PyRefMut<T>` parameter.
    pub fn point_refmut_set(p: PyRefMut<'_, Point>, x: i64) { let mut p = p; p.x = x }
    /// `Py<T>` parameter.
    pub fn point_py_x(py: Python<'_>, p: Py<Point>) -> PyResult<i64> { Ok(p.bind(py).borrow()?.x) }
    /// `Bound<T>` parameter.
    pub fn point_bound_x(p: Bound<'_, Point>) -> PyResult<i64> { Ok(p.borrow()?.x) }
    /// `Option<&T>`-like: an optional Py<T>.
    pub fn point_opt(py: Python<'_>, p: Option<Py<Point>> = None) -> PyResult<Option<i64>> {
        match p { Some(p) => Ok(Some(p.bind(py).borrow()?.x)), None => Ok(None) }
    }
    /// `&T, &mut T` of the same class.
    pub fn point_copy_into(src: &Point, dst: &mut Point) { dst.x = src.x; dst.y = src.y }
    /// `&mut T, &mut T`.
    pub fn point_swap(a: &mut Point, b: &mut Point) { std::mem::swap(&mut a.x, &mut b.x) }
    /// `&mut Frozen` always fails.
    pub fn frozen_mut(f: &mut Frozen) -> i64 { f.v }
    /// `&Frozen` works.
    pub fn frozen_ref(f: &Frozen) -> i64 { f.v }
}

// ---------------------------------------------------------------------------------------
// Borrow checking.

limpet::class! {
    /// Calls back into Python while borrowed.
    pub struct Reentrant {
        #[py(get)] pub n: i64,
    }
    impl Reentrant {
        #[new]
        fn new() -> Self { Reentrant { n: 0 } }
        fn mutate_and_call(&mut self, f: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            self.n += 1;
            let r = f.call0()?.unbind();
            self.n += 1;
            Ok(r)
        }
        fn read_and_call(&self, f: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> { Ok(f.call0()?.unbind()) }
        fn read(&self) -> i64 { self.n }
        fn mutate(&mut self) -> i64 { self.n += 100; self.n }
    }
}

limpet::function! {
    /// `&T, &mut T` of Reentrant.
    pub fn reentrant_pair(a: &Reentrant, b: &mut Reentrant) -> i64 { b.n += a.n; b.n }
}

// ---------------------------------------------------------------------------------------
// Protocols.

fn num_of(other: &Bound<'_, PyAny>) -> Option<i64> {
    if let Ok(n) = other.extract::<PyRef<'_, Num>>() {
        return Some(n.v);
    }
    if other.downcast::<PyInt>().is_ok() {
        return other.extract::<i64>().ok();
    }
    None
}

limpet::class! {
    /// A number with the whole number protocol.
    pub struct Num {
        #[py(get)] pub v: i64,
    }
    impl Num {
        #[new]
        fn new(v: i64 = 0) -> Self { Num { v } }
        fn __repr__(&self) -> String { format!("Num({})", self.v) }
        fn __str__(&self) -> String { format!("{}", self.v) }
        fn __hash__(&self) -> i64 { self.v }
        fn __bool__(&self) -> bool { self.v != 0 }
        fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            match num_of(other) { Some(o) => obj(py, self.v == o), None => Ok(not_implemented(py)) }
        }
        fn __lt__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            match num_of(other) { Some(o) => obj(py, self.v < o), None => Ok(not_implemented(py)) }
        }
        fn __le__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            match num_of(other) { Some(o) => obj(py, self.v <= o), None => Ok(not_implemented(py)) }
        }
        fn __gt__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            match num_of(other) { Some(o) => obj(py, self.v > o), None => Ok(not_implemented(py)) }
        }
        fn __ge__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            match num_of(other) { Some(o) => obj(py, self.v >= o), None => Ok(not_implemented(py)) }
        }
        fn __add__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            match num_of(other) { Some(o) => obj(py, Num { v: self.v + o }), None => Ok(not_implemented(py)) }
        }
        fn __radd__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            match num_of(other) { Some(o) => obj(py, Num { v: o + self.v }), None => Ok(not_implemented(py)) }
        }
        fn __sub__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            match num_of(other) { Some(o) => obj(py, Num { v: self.v - o }), None => Ok(not_implemented(py)) }
        }
        fn __rsub__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            match num_of(other) { Some(o) => obj(py, Num { v: o - self.v }), None => Ok(not_implemented(py)) }
        }
        fn __mul__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            match num_of(other) { Some(o) => obj(py, Num { v: self.v * o }), None => Ok(not_implemented(py)) }
        }
        fn __truediv__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            match num_of(other) {
                Some(0) => Err(PyZeroDivisionError::new_err("division by zero")),
                Some(o) => obj(py, self.v as f64 / o as f64),
                None => Ok(not_implemented(py)),
            }
        }
        fn __pow__(&self, py: Python<'_>, other: i64, modulo: Option<i64> = None) -> PyResult<Py<PyAny>> {
            let mut r: i64 = 1;
            for _ in 0..other { r *= self.v; if let Some(m) = modulo { r %= m; } }
            obj(py, Num { v: r })
        }
        fn __iadd__(slf: Py<Self>, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            match num_of(other) {
                Some(o) => {
                    slf.bind(py).borrow_mut()?.v += o;
                    Ok(slf.bind(py).into_any().unbind())
                }
                None => Ok(not_implemented(py)),
            }
        }
        fn __neg__(&self) -> Num { Num { v: -self.v } }
        fn __pos__(&self) -> Num { Num { v: self.v } }
        fn __abs__(&self) -> Num { Num { v: self.v.abs() } }
        fn __invert__(&self) -> Num { Num { v: !self.v } }
        fn __int__(&self) -> i64 { self.v }
        fn __float__(&self) -> f64 { self.v as f64 + 0.5 }
        fn __index__(&self) -> i64 { self.v }
    }
}

limpet::class! {
    /// __eq__ without __hash__: unhashable.
    pub struct EqOnly {
        #[py(get)] pub v: i64,
    }
    impl EqOnly {
        #[new]
        fn new(v: i64) -> Self { EqOnly { v } }
        fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            match other.extract::<PyRef<'_, EqOnly>>() { Ok(o) => obj(py, o.v == self.v), Err(_) => Ok(not_implemented(py)) }
        }
    }
}

limpet::class! {
    /// A sequence of integers.
    pub struct Bag {
        pub items: Vec<i64>,
    }
    impl Bag {
        #[new]
        fn new(*items: Vec<i64>) -> Self { Bag { items } }
        fn __len__(&self) -> usize { self.items.len() }
        fn __getitem__(&self, index: isize) -> PyResult<i64> {
            let i = if index < 0 { index + self.items.len() as isize } else { index };
            if i < 0 || i as usize >= self.items.len() {
                return Err(PyIndexError::new_err("Bag index out of range"));
            }
            Ok(self.items[i as usize])
        }
        fn __setitem__(&mut self, index: isize, value: i64) -> PyResult<()> {
            let i = if index < 0 { index + self.items.len() as isize } else { index };
            if i < 0 || i as usize >= self.items.len() {
                return Err(PyIndexError::new_err("Bag assignment index out of range"));
            }
            self.items[i as usize] = value;
            Ok(())
        }
        fn __delitem__(&mut self, index: isize) -> PyResult<()> {
            let i = if index < 0 { index + self.items.len() as isize } else { index };
            if i < 0 || i as usize >= self.items.len() {
                return Err(PyIndexError::new_err("Bag assignment index out of range"));
            }
            self.items.remove(i as usize);
            Ok(())
        }
        fn __contains__(&self, value: &Bound<'_, PyAny>) -> bool {
            value.extract::<i64>().is_ok_and(|v| self.items.contains(&v))
        }
        fn __iter__(&self) -> BagIter { BagIter { items: self.items.clone(), pos: 0 } }
        fn to_list(&self) -> Vec<i64> { self.items.clone() }
    }
}

limpet::class! {
    /// Iterator over a Bag.
    pub struct BagIter {
        pub items: Vec<i64>,
        pub pos: usize,
    }
    impl BagIter {
        fn __iter__(slf: Py<Self>) -> Py<Self> { slf }
        fn __next__(&mut self) -> Option<i64> {
            let r = self.items.get(self.pos).copied();
            self.pos += 1;
            r
        }
    }
}

limpet::class! {
    /// Callable with every parameter kind.
    pub struct Caller {
        #[py(get)] pub calls: i64,
    }
    impl Caller {
        #[new]
        fn new() -> Self { Caller { calls: 0 } }
        /// Call me.
        fn __call__(
            &mut self, a: i64, b: i64 = 2, /, c: i64 = 3, *args: Vec<i64>, d: i64, e: i64 = 5,
            **kwargs: BTreeMap<String, i64>
        ) -> (i64, i64, i64, Vec<i64>, i64, i64, BTreeMap<String, i64>) {
            self.calls += 1;
            (a, b, c, args, d, e, kwargs)
        }
    }
}

limpet::class! {
    /// Attribute hooks.
    pub struct Dyn {
        pub store: BTreeMap<String, i64>,
    }
    impl Dyn {
        #[new]
        fn new() -> Self { Dyn { store: BTreeMap::new() } }
        fn real(&self) -> &'static str { "real" }
        fn __getattr__(&self, name: String) -> PyResult<i64> {
            match self.store.get(&name) {
                Some(v) => Ok(*v),
                None => Err(PyAttributeError::new_err(name)),
            }
        }
        fn __setattr__(&mut self, name: String, value: i64) -> PyResult<()> {
            if name == "locked" {
                return Err(PyAttributeError::new_err("locked is read-only"));
            }
            self.store.insert(name, value);
            Ok(())
        }
        fn __delattr__(&mut self, name: String) -> PyResult<()> {
            match self.store.remove(&name) {
                Some(_) => Ok(()),
                None => Err(PyAttributeError::new_err(name)),
            }
        }
    }
}

limpet::class! {
    /// A data descriptor.
    pub struct Desc {
        #[py(get)] pub value: i64,
    }
    impl Desc {
        #[new]
        fn new(value: i64) -> Self { Desc { value } }
        fn __get__(&self, obj: &Bound<'_, PyAny>, owner: &Bound<'_, PyAny>) -> PyResult<(i64, bool, String)> {
            Ok((self.value, obj.is_none(), owner.getattr("__name__")?.extract()?))
        }
        fn __set__(&mut self, obj: &Bound<'_, PyAny>, value: i64) {
            let _ = obj;
            self.value = value;
        }
        fn __delete__(&mut self, obj: &Bound<'_, PyAny>) {
            let _ = obj;
            self.value = -1;
        }
    }
}

limpet::class! {
    /// A context manager.
    pub struct Ctx {
        #[py(get)] pub log: Vec<String>,
        pub suppress: bool,
    }
    impl Ctx {
        #[new]
        fn new(suppress: bool = false) -> Self { Ctx { log: vec![], suppress } }
        fn __enter__(slf: Py<Self>, py: Python<'_>) -> PyResult<Py<Self>> {
            slf.bind(py).borrow_mut()?.log.push("enter".to_owned());
            Ok(slf)
        }
        fn __exit__(&mut self, ty: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>, tb: &Bound<'_, PyAny>) -> PyResult<bool> {
            let _ = (value, tb);
            let name = if ty.is_none() { "None".to_owned() } else { ty.getattr("__name__")?.extract()? };
            self.log.push(format!("exit:{name}"));
            Ok(self.suppress)
        }
    }
}

limpet::class! {
    /// Awaitable: yields to the loop `n` times.
    pub struct Waiter {
        pub n: usize,
    }
    impl Waiter {
        #[new]
        fn new(n: usize = 1) -> Self { Waiter { n } }
        fn __await__(&self) -> WaitIter { WaitIter { n: self.n } }
    }
}

limpet::class! {
    /// The iterator `Waiter.__await__` returns.
    pub struct WaitIter {
        pub n: usize,
    }
    impl WaitIter {
        fn __iter__(slf: Py<Self>) -> Py<Self> { slf }
        fn __next__(&mut self, py: Python<'_>) -> Option<Py<PyAny>> {
            if self.n == 0 {
                return None;
            }
            self.n -= 1;
            Some(py.None().unbind())
        }
    }
}

limpet::class! {
    /// Async iterator: `__anext__` returns `wrap(i)` (an awaitable), `None` at the end.
    pub struct ACounter {
        pub i: i64,
        pub n: i64,
        pub wrap: Py<PyAny>,
    }
    impl ACounter {
        #[new]
        fn new(n: i64, wrap: Py<PyAny>) -> Self { ACounter { i: 0, n, wrap } }
        fn __aiter__(slf: Py<Self>) -> Py<Self> { slf }
        fn __anext__(&mut self, py: Python<'_>) -> Option<Py<PyAny>> {
            if self.i >= self.n {
                return None;
            }
            self.i += 1;
            Some(self.wrap.bind(py).call1((self.i,)).expect("wrap failed").unbind())
        }
    }
}

// ---------------------------------------------------------------------------------------
// GC.

static NODE_DROPS: AtomicUsize = AtomicUsize::new(0);

limpet::class! {
    /// Holds one Python reference, with GC support.
    pub struct Node {
        #[py(get)] pub tag: i64,
        pub link: Option<Py<PyAny>>,
    }
    impl Node {
        #[new]
        fn new(tag: i64 = 0, link: Option<Py<PyAny>> = None) -> Self { Node { tag, link } }
        #[getter]
        fn get_link(&self) -> Option<Py<PyAny>> { Python::with_gil(|py| self.link.as_ref().map(|l| l.clone_ref(py))) }
        #[setter]
        fn set_link(&mut self, value: Option<Py<PyAny>>) { self.link = value }
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
            visit.call_opt(self.link.as_ref())
        }
        fn __clear__(&mut self) { self.link = None; }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        NODE_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

limpet::class! {
    /// `#[dict]` (3.9+).
    #[dict]
    pub struct DictClass {
        #[py(get)] pub v: i64,
    }
    impl DictClass {
        #[new]
        fn new(v: i64 = 0) -> Self { DictClass { v } }
    }
}

limpet::class! {
    /// `#[weakref]` (3.9+).
    #[weakref]
    pub struct WeakClass {
        #[py(get)] pub v: i64,
    }
    impl WeakClass {
        #[new]
        fn new(v: i64 = 0) -> Self { WeakClass { v } }
    }
}

limpet::class! {
    /// `#[dict]` and `#[weakref]` (3.9+).
    #[dict]
    #[weakref]
    pub struct DictWeak {
        #[py(get)] pub v: i64,
    }
    impl DictWeak {
        #[new]
        fn new(v: i64 = 0) -> Self { DictWeak { v } }
    }
}

limpet::class! {
    /// `#[weakref]` with GC (3.9+).
    #[weakref]
    pub struct WeakNode {
        pub link: Option<Py<PyAny>>,
    }
    impl WeakNode {
        #[new]
        fn new() -> Self { WeakNode { link: None } }
        fn set(&mut self, link: Option<Py<PyAny>>) { self.link = link }
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
            visit.call_opt(self.link.as_ref())
        }
        fn __clear__(&mut self) { self.link = None; }
    }
}

limpet::function! {
    /// How many Node values were dropped so far.
    pub fn node_drops() -> usize { NODE_DROPS.load(Ordering::SeqCst) }
    /// The class exporting a buffer (NotImplementedError below 3.11).
    pub fn make_blob_class(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        <Blob as limpet::class::PyClass>::class_def().type_object(py)
    }
    /// The #[dict] class (NotImplementedError on 3.7/3.8).
    pub fn make_dict_class(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        <DictClass as limpet::class::PyClass>::class_def().type_object(py)
    }
    /// The #[weakref] class (NotImplementedError on 3.7/3.8).
    pub fn make_weakref_class(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        <WeakClass as limpet::class::PyClass>::class_def().type_object(py)
    }
    /// The #[dict] #[weakref] class (NotImplementedError on 3.7/3.8).
    pub fn make_dictweak_class(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        <DictWeak as limpet::class::PyClass>::class_def().type_object(py)
    }
    /// The #[weakref] GC class (NotImplementedError on 3.7/3.8).
    pub fn make_weaknode_class(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        <WeakNode as limpet::class::PyClass>::class_def().type_object(py)
    }
}

// ---------------------------------------------------------------------------------------
// Inheritance.

static BASE_DROPS: AtomicUsize = AtomicUsize::new(0);

limpet::class! {
    /// A base class for Python subclasses.
    #[subclass]
    pub struct Base {
        #[py(get)] pub v: i64,
    }
    impl Base {
        #[new]
        fn new(v: i64 = 0) -> Self { Base { v } }
        fn value(&self) -> i64 { self.v }
        fn describe(&self) -> String { format!("Base({})", self.v) }
        fn bump(&mut self, by: i64 = 1) -> i64 { self.v += by; self.v }
        /// Calls `self.describe()` through Python (so overrides apply).
        fn call_describe(slf: Py<Self>, py: Python<'_>) -> PyResult<String> {
            slf.bind(py).as_any().getattr("describe")?.call0()?.extract()
        }
        #[classmethod]
        fn create(cls: &Bound<'_, PyAny>, v: i64) -> PyResult<Py<PyAny>> { Ok(cls.call1((v,))?.unbind()) }
        #[classmethod]
        fn cls_name(cls: &Bound<'_, PyAny>) -> PyResult<String> { cls.getattr("__name__")?.extract() }
    }
}

impl Drop for Base {
    fn drop(&mut self) {
        BASE_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

limpet::function! {
    /// How many Base values were dropped so far.
    pub fn base_drops() -> usize { BASE_DROPS.load(Ordering::SeqCst) }
    /// `&Base` (accepts Python subclasses).
    pub fn base_value(b: &Base) -> i64 { b.v }
    /// `&mut Base`.
    pub fn base_bump(b: &mut Base) -> i64 { b.v += 10; b.v }
}

// ---------------------------------------------------------------------------------------
// Panics.

limpet::class! {
    /// Panics everywhere.
    pub struct Panicky {
        #[py(get)] pub n: i64,
    }
    impl Panicky {
        #[new]
        fn new(panic: bool = false) -> Self {
            if panic {
                panic!("panic in new");
            }
            Panicky { n: 0 }
        }
        fn boom(&self) -> i64 { panic!("panic in method") }
        fn boom_mut(&mut self) -> i64 { self.n += 1; panic!("panic in mut method") }
        fn incr(&mut self) -> i64 { self.n += 1; self.n }
        #[getter]
        fn bad(&self) -> i64 { panic!("panic in getter") }
        #[setter]
        fn set_bad(&mut self, value: i64) { let _ = value; panic!("panic in setter") }
        fn __repr__(&self) -> String { panic!("panic in repr") }
        fn __len__(&self) -> usize { panic!("panic in len") }
        #[staticmethod]
        fn sboom() -> i64 { panic!("panic in staticmethod") }
    }
}

// ---------------------------------------------------------------------------------------
// 300 methods.

macro_rules! many_class {
    ($($m:ident = $n:literal),* $(,)?) => {
        limpet::class! {
            /// A class with 300 methods.
            pub struct Many {
                #[py(get)] pub base: i64,
            }
            impl Many {
                #[new]
                fn new(base: i64 = 0) -> Self { Many { base } }
                $(
                    /// A generated method.
                    fn $m(&self, x: i64 = 0) -> i64 { self.base + $n + x }
                )*
            }
        }
    };
}

many_class! {
m000 = 0, m001 = 1, m002 = 2, m003 = 3, m004 = 4, m005 = 5, m006 = 6, m007 = 7, m008 = 8, m009 = 9,
    m010 = 10, m011 = 11, m012 = 12, m013 = 13, m014 = 14, m015 = 15, m016 = 16, m017 = 17, m018 = 18, m019 = 19,
    m020 = 20, m021 = 21, m022 = 22, m023 = 23, m024 = 24, m025 = 25, m026 = 26, m027 = 27, m028 = 28, m029 = 29,
    m030 = 30, m031 = 31, m032 = 32, m033 = 33, m034 = 34, m035 = 35, m036 = 36, m037 = 37, m038 = 38, m039 = 39,
    m040 = 40, m041 = 41, m042 = 42, m043 = 43, m044 = 44, m045 = 45, m046 = 46, m047 = 47, m048 = 48, m049 = 49,
    m050 = 50, m051 = 51, m052 = 52, m053 = 53, m054 = 54, m055 = 55, m056 = 56, m057 = 57, m058 = 58, m059 = 59,
    m060 = 60, m061 = 61, m062 = 62, m063 = 63, m064 = 64, m065 = 65, m066 = 66, m067 = 67, m068 = 68, m069 = 69,
    m070 = 70, m071 = 71, m072 = 72, m073 = 73, m074 = 74, m075 = 75, m076 = 76, m077 = 77, m078 = 78, m079 = 79,
    m080 = 80, m081 = 81, m082 = 82, m083 = 83, m084 = 84, m085 = 85, m086 = 86, m087 = 87, m088 = 88, m089 = 89,
    m090 = 90, m091 = 91, m092 = 92, m093 = 93, m094 = 94, m095 = 95, m096 = 96, m097 = 97, m098 = 98, m099 = 99,
    m100 = 100, m101 = 101, m102 = 102, m103 = 103, m104 = 104, m105 = 105, m106 = 106, m107 = 107, m108 = 108, m109 = 109,
    m110 = 110, m111 = 111, m112 = 112, m113 = 113, m114 = 114, m115 = 115, m116 = 116, m117 = 117, m118 = 118, m119 = 119,
    m120 = 120, m121 = 121, m122 = 122, m123 = 123, m124 = 124, m125 = 125, m126 = 126, m127 = 127, m128 = 128, m129 = 129,
    m130 = 130, m131 = 131, m132 = 132, m133 = 133, m134 = 134, m135 = 135, m136 = 136, m137 = 137, m138 = 138, m139 = 139,
    m140 = 140, m141 = 141, m142 = 142, m143 = 143, m144 = 144, m145 = 145, m146 = 146, m147 = 147, m148 = 148, m149 = 149,
    m150 = 150, m151 = 151, m152 = 152, m153 = 153, m154 = 154, m155 = 155, m156 = 156, m157 = 157, m158 = 158, m159 = 159,
    m160 = 160, m161 = 161, m162 = 162, m163 = 163, m164 = 164, m165 = 165, m166 = 166, m167 = 167, m168 = 168, m169 = 169,
    m170 = 170, m171 = 171, m172 = 172, m173 = 173, m174 = 174, m175 = 175, m176 = 176, m177 = 177, m178 = 178, m179 = 179,
    m180 = 180, m181 = 181, m182 = 182, m183 = 183, m184 = 184, m185 = 185, m186 = 186, m187 = 187, m188 = 188, m189 = 189,
    m190 = 190, m191 = 191, m192 = 192, m193 = 193, m194 = 194, m195 = 195, m196 = 196, m197 = 197, m198 = 198, m199 = 199,
    m200 = 200, m201 = 201, m202 = 202, m203 = 203, m204 = 204, m205 = 205, m206 = 206, m207 = 207, m208 = 208, m209 = 209,
    m210 = 210, m211 = 211, m212 = 212, m213 = 213, m214 = 214, m215 = 215, m216 = 216, m217 = 217, m218 = 218, m219 = 219,
    m220 = 220, m221 = 221, m222 = 222, m223 = 223, m224 = 224, m225 = 225, m226 = 226, m227 = 227, m228 = 228, m229 = 229,
    m230 = 230, m231 = 231, m232 = 232, m233 = 233, m234 = 234, m235 = 235, m236 = 236, m237 = 237, m238 = 238, m239 = 239,
    m240 = 240, m241 = 241, m242 = 242, m243 = 243, m244 = 244, m245 = 245, m246 = 246, m247 = 247, m248 = 248, m249 = 249,
    m250 = 250, m251 = 251, m252 = 252, m253 = 253, m254 = 254, m255 = 255, m256 = 256, m257 = 257, m258 = 258, m259 = 259,
    m260 = 260, m261 = 261, m262 = 262, m263 = 263, m264 = 264, m265 = 265, m266 = 266, m267 = 267, m268 = 268, m269 = 269,
    m270 = 270, m271 = 271, m272 = 272, m273 = 273, m274 = 274, m275 = 275, m276 = 276, m277 = 277, m278 = 278, m279 = 279,
    m280 = 280, m281 = 281, m282 = 282, m283 = 283, m284 = 284, m285 = 285, m286 = 286, m287 = 287, m288 = 288, m289 = 289,
    m290 = 290, m291 = 291, m292 = 292, m293 = 293, m294 = 294, m295 = 295, m296 = 296, m297 = 297, m298 = 298, m299 = 299
}

limpet::class! {
    /// Bytes exported through the buffer protocol (3.11+).
    pub struct Blob { data: Vec<u8> }
    impl Blob {
        #[new]
        fn new(data: Vec<u8>) -> Self { Blob { data } }
        fn __buffer__(&self) -> &[u8] { &self.data }
        fn push(&mut self, b: u8) { self.data.push(b) }
    }
}
