//! Classes extending builtin types with Rust data (test_extends.py): exceptions, `dict`, and
//! a base found at run time (`datetime.tzinfo`); bases that cannot be extended.

use limpet::class::{ClassBase, PyClass, PyClassBase};
use limpet::prelude::*;

limpet::class! {
    /// A ValueError with a code.
    #[subclass]
    #[extends(PyValueError)]
    pub struct CodedError {
        #[py(get)] pub code: i64,
        pub note: String,
    }
    impl CodedError {
        #[new]
        fn new(message: &str, code: i64 = 0) -> Self { CodedError { code, note: format!("{message}!") } }
        fn describe(&self) -> String { format!("{} ({})", self.note, self.code) }
        #[getter] fn double(&self) -> i64 { self.code * 2 }
    }
}

limpet::class! {
    /// An Exception holding a Python object (GC: traversed with the base's references).
    #[extends(PyException)]
    pub struct HoldingError {
        held: Option<Py<PyAny>>,
    }
    impl HoldingError {
        #[new]
        fn new(held: Py<PyAny>) -> Self { HoldingError { held: Some(held) } }
        fn held(&self, py: Python<'_>) -> Py<PyAny> {
            self.held.as_ref().map_or_else(|| py.None().unbind(), |h| h.clone_ref(py))
        }
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> { visit.call_opt(self.held.as_ref()) }
        fn __clear__(&mut self) { self.held = None; }
    }
}

limpet::class! {
    /// A dict counting the lookups made through `lookup`.
    #[subclass]
    #[extends(PyDict)]
    pub struct CountingDict { hits: u64 }
    impl CountingDict {
        #[new]
        fn new(*args: Vec<Py<PyAny>>, **kwargs: Option<Py<PyAny>>) -> Self { let _ = (args, kwargs); CountingDict { hits: 0 } }
        fn lookup(slf: &Bound<'_, PyAny>, key: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            slf.extract::<PyRefMut<'_, CountingDict>>()?.hits += 1;
            Ok(slf.get_item(key)?.unbind())
        }
        #[getter] fn hits(&self) -> u64 { self.hits }
    }
}

/// `datetime.tzinfo`, imported when a class extending it is created.
pub struct TzInfoBase;
impl PyClassBase for TzInfoBase {
    const BASE: ClassBase = ClassBase::Import("datetime", "tzinfo");
}

limpet::class! {
    /// A fixed offset from UTC, in minutes.
    #[extends(TzInfoBase)]
    pub struct FixedZone { minutes: i32 }
    impl FixedZone {
        #[new]
        fn new(minutes: i32) -> Self { FixedZone { minutes } }
        fn utcoffset(&self, py: Python<'_>, dt: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            let _ = dt;
            let delta = py.import("datetime")?.getattr("timedelta")?;
            Ok(delta.call1((0, 0, 0, 0, self.minutes))?.unbind())
        }
        fn tzname(&self, dt: &Bound<'_, PyAny>) -> String { let _ = dt; format!("UTC{:+}", self.minutes) }
        fn dst(&self, py: Python<'_>, dt: &Bound<'_, PyAny>) -> Py<PyAny> { let _ = dt; py.None().unbind() }
        #[getter] fn minutes(&self) -> i32 { self.minutes }
    }
}

/// `int`: variable-size (refused).
pub struct IntBase;
impl PyClassBase for IntBase {
    const BASE: ClassBase = ClassBase::Import("builtins", "int");
}
/// `fractions.Fraction`: a Python class (refused).
pub struct FractionBase;
impl PyClassBase for FractionBase {
    const BASE: ClassBase = ClassBase::Import("fractions", "Fraction");
}
/// `bool`: not subclassable (refused by CPython).
pub struct BoolBase;
impl PyClassBase for BoolBase {
    const BASE: ClassBase = ClassBase::Import("builtins", "bool");
}

limpet::class! {
    #[extends(IntBase)]
    pub struct BadInt { v: i64 }
}
limpet::class! {
    #[extends(FractionBase)]
    pub struct BadFraction { v: i64 }
}
limpet::class! {
    #[extends(BoolBase)]
    pub struct BadBool { v: i64 }
}

limpet::function! {
    /// Raise CodedError from Rust.
    pub fn raise_coded(py: Python<'_>, code: i64) -> PyResult<()> {
        let err = Py::new(py, CodedError { code, note: String::from("from rust") })?;
        Err(PyErr::from_value(err.into_bound(py).into_any()))
    }
    /// Whether `f()` raised a CodedError, caught in Rust: its code.
    pub fn catch_coded(f: &Bound<'_, PyAny>) -> PyResult<Option<i64>> {
        match f.call0() {
            Ok(_) => Ok(None),
            Err(mut err) => {
                let value = err.value(f.py());
                match value.extract::<PyRef<'_, CodedError>>() {
                    Ok(e) => Ok(Some(e.code)),
                    Err(_) => Err(err),
                }
            }
        }
    }
    /// The error creating a class whose base cannot be extended ("int", "fraction", "bool").
    pub fn bad_base(py: Python<'_>, which: &str) -> PyResult<()> {
        match which {
            "int" => BadInt::type_object(py).map(drop),
            "fraction" => BadFraction::type_object(py).map(drop),
            _ => BadBool::type_object(py).map(drop),
        }
    }
}

limpet::create_exception!(limptest.deep.pkg, DottedError, PyValueError, "An exception of a dotted module path.");

limpet::function! {
    /// The class of `create_exception!(limptest.deep.pkg, DottedError, ..)`.
    pub fn dotted_error(py: Python<'_>) -> Py<PyAny> {
        <DottedError as limpet::exceptions::PyExceptionType>::type_object(py).unbind()
    }
}

limpet::class! {
    /// A limpet base class.
    #[subclass]
    pub struct Animal { #[py(get)] pub name: String }
    impl Animal {
        #[new]
        fn new(name: String) -> Self { Animal { name } }
        fn speak(&self) -> String { format!("{} makes a sound", self.name) }
    }
}

limpet::class! {
    /// Extends Animal.
    #[extends(Animal)]
    pub struct Dog { #[py(get)] pub breed: String }
    impl Dog {
        #[new]
        fn new(name: String, breed: String) -> (Self, Animal) { (Dog { breed }, Animal { name }) }
    }
}

limpet::class! {
    /// Extends CodedError (a limpet class extending ValueError).
    #[extends(CodedError)]
    pub struct DetailedError { #[py(get)] pub detail: String }
    impl DetailedError {
        #[new]
        fn new(message: &str, detail: String) -> (Self, CodedError) {
            (DetailedError { detail }, CodedError { code: 42, note: message.to_string() })
        }
    }
}

limpet::class! {
    /// Passed by value (Clone).
    #[derive(Clone)]
    pub struct Pt { #[py(get)] pub x: i64, #[py(get)] pub y: i64 }
    impl Pt {
        #[new]
        fn new(x: i64, y: i64) -> Self { Pt { x, y } }
    }
}

limpet::function! {
    /// A Dog built in Rust, base part included.
    pub fn make_dog(py: Python<'_>, name: String, breed: String) -> PyResult<Py<Dog>> {
        Py::new(py, (Dog { breed }, Animal { name }))
    }
    /// `Py::new` of an #[extends] class without its base part: a TypeError.
    pub fn make_dog_without_base(py: Python<'_>) -> PyResult<Py<Dog>> {
        Py::new(py, Dog { breed: String::from("none") })
    }
    /// A DetailedError built in Rust and raised.
    pub fn raise_detailed(py: Python<'_>, detail: String) -> PyResult<()> {
        let err = Py::new(py, (DetailedError { detail }, CodedError { code: 7, note: String::from("rust") }))?;
        Err(PyErr::from_value(err.into_bound(py).into_any()))
    }
    /// A Clone class by value.
    pub fn pt_sum(p: Pt) -> i64 { p.x + p.y }
    /// By value, changed and returned (a new object).
    pub fn pt_shift(p: Pt, dx: i64) -> Pt { Pt { x: p.x + dx, ..p } }
    /// Optional and in a list.
    pub fn pt_total(first: Option<Pt>, rest: Vec<Pt>) -> i64 {
        first.map_or(0, |p| p.x + p.y) + rest.iter().map(|p| p.x + p.y).sum::<i64>()
    }
}
