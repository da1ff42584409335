//! The guide's ```rust blocks (README.md and docs/guide/*.md), compiled verbatim; the other
//! tests/guide_*.rs hold the chapters with runtime checks of their own. `scripts/check_guide.py`
//! checks that every block is in one of them.
#![allow(dead_code)]

#[rustfmt::skip]
mod functions {
use std::collections::HashMap;
use limpet::prelude::*;

// A Python exception class `mymod.ParseError`, a subclass of ValueError.
limpet::create_exception!(mymod, ParseError, PyValueError, "Raised on malformed input.");

limpet::function! {
    /// Add numbers. Doc comments become __doc__; inspect.signature works on every version.
    pub fn add(a: i64, b: i64 = 1, *, c: i64 = 0) -> i64 { a + b + c }

    /// Every parameter kind: positional-only before `/`, keyword-only after `*` or `*args`,
    /// defaults are any Rust expression, `py: Python<'_>` is the GIL token (anywhere).
    pub fn describe(py: Python<'_>, x: &str, /, y: Option<f64> = None, *rest: Vec<i64>,
                    flag: bool = false, **extra: HashMap<String, i64>) -> PyResult<String> {
        let _ = py;
        Ok(format!("{x} {y:?} {rest:?} {flag} {}", extra.len()))
    }

    /// Errors: return PyResult<T> or Result<T, E: Into<PyErr>>; `?` converts std errors
    /// (ParseIntError -> ValueError, io::Error -> OSError subclasses, TryFromIntError ->
    /// OverflowError). A panic becomes limpet.PanicException, never a crash.
    pub fn parse(text: &str) -> PyResult<u8> {
        let n: i64 = text.trim().parse().map_err(|_| ParseError::new_err(format!("not a number: {text:?}")))?;
        Ok(u8::try_from(n)?)
    }
}

limpet::module! {
    /// Module docstring.
    mod mymod {
        fn add;
        fn describe;
        fn parse;
        exception ParseError;
        const VERSION = "1.0";
        /// Submodule docstring: `import mymod.tools` works after `import mymod`.
        mod tools { fn add; }
    }
}

}

#[rustfmt::skip]
mod classes {
use limpet::prelude::*;
use limpet::class::{CompareOp, PyTraverseError, PyVisit};

limpet::class! {
    /// A counter. `#[subclass]` lets Python classes inherit from it.
    #[subclass]
    pub struct Counter {
        /// Fields become properties with `#[py(get)]`, `#[py(set)]` or both.
        #[py(get, set)] pub value: i64,
        step: i64,
    }
    impl Counter {
        /// `#[new]` is the constructor (every parameter kind of `function!`).
        #[new]
        fn new(start: i64 = 0, *, step: i64 = 1) -> Self { Counter { value: start, step } }
        /// `&mut self` methods are borrow-checked at run time: re-entrant calls raise
        /// RuntimeError instead of aliasing.
        fn incr(&mut self) -> i64 { self.value += self.step; self.value }
        #[getter] fn step(&self) -> i64 { self.step }
        #[setter] fn set_step(&mut self, step: i64) { self.step = step; }
        #[staticmethod] fn zero() -> Counter { Counter { value: 0, step: 1 } }
        #[classmethod] fn kind(cls: &Bound<'_, PyAny>) -> PyResult<String> { cls.getattr("__name__")?.extract() }
        #[classattr] fn ORIGIN() -> Counter { Counter { value: 0, step: 1 } }
        // Any dunder works as it does in a Python class (CPython's own slot functions call
        // it): __repr__, __len__, __getitem__, __iter__/__next__ (None stops), __call__,
        // __add__/__radd__/__iadd__, __eq__ (without __hash__: unhashable), __getattr__, ...
        fn __repr__(&self) -> String { format!("Counter({})", self.value) }
        fn __len__(&self) -> usize { self.value.max(0) as usize }
        fn __richcmp__(&self, other: &Counter, op: CompareOp) -> bool { op.matches(self.value.cmp(&other.value)) }
        fn __hash__(&self) -> i64 { self.value }
    }
}

limpet::class! {
    /// A limpet class can extend another: `#[new]` returns both parts.
    #[extends(Counter)]
    pub struct Named { #[py(get)] pub name: String }
    impl Named {
        #[new]
        fn new(name: String) -> (Named, Counter) { (Named { name }, Counter { value: 0, step: 1 }) }
    }
}

limpet::class! {
    /// Owned Python references in fields: give the GC a way to see them.
    pub struct Node { next: Option<Py<PyAny>> }
    impl Node {
        #[new] fn new() -> Self { Node { next: None } }
        fn link(&mut self, other: Bound<'_, PyAny>) { self.next = Some(other.unbind()); }
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> { visit.call_opt(self.next.as_ref()) }
        fn __clear__(&mut self) { self.next = None; }
    }
}

limpet::class! {
    /// A fieldless enum: one class attribute per variant, ==, hash, repr, int().
    pub enum Color { Red, Green = 5, Blue }
}

limpet::function! {
    /// Instances cross the boundary as `&T`, `&mut T`, `PyRef<T>`, `Py<T>`, or by value.
    pub fn total(a: &Counter, b: &mut Counter) -> i64 { b.value += 1; a.value + b.value }
}

limpet::module! {
    mod shapes { class Counter; class Named; class Node; class Color; fn total; }
}

}

#[rustfmt::skip]
mod packaging {
limpet::function! {
    /// Add two numbers.
    pub fn add(a: i64, b: i64 = 1) -> i64 { a + b }
}

limpet::module! {
    /// The native part of mymod.
    mod _mymod { fn add; }
}

}

#[test]
fn guide_functions_work_from_rust() {
    assert_eq!(functions::add(1, 2, 3), 6);
    assert_eq!(packaging::add(1, 2), 3);
}

// docs/guide/01-functions.md, "What `module!` lists": items by path and through `use`.
#[rustfmt::skip]
mod module_paths {
mod maths {
    limpet::function! {
        pub fn double(x: i64) -> i64 { x * 2 }
        pub fn triple(x: i64) -> i64 { x * 3 }
    }
}
use maths::double;

limpet::module! {
    mod calc { fn double; fn maths::triple; }
}
}

// docs/guide/02-classes.md, "Class options from Rust traits".
#[rustfmt::skip]
mod class_options {
limpet::class! {
    #[frozen] #[eq] #[ord] #[hash] #[repr]
    #[name = "Version"] #[module = "mypkg"]
    #[derive(PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
    pub struct RsVersion { major: u32, minor: u32 }
    impl RsVersion { #[new] fn new(major: u32, minor: u32) -> Self { RsVersion { major, minor } } }
}
}

// docs/guide/02-classes.md, tuple and unit structs.
#[rustfmt::skip]
mod tuple_structs {
limpet::class! {
    #[frozen] #[eq] #[repr]
    #[derive(PartialEq, Debug)]
    pub struct Point(#[py(get, name = "x")] pub i64, #[py(get, name = "y")] pub i64, u8);
    impl Point {
        #[new] fn new(x: i64, y: i64) -> Self { Point(x, y, 0) }
        fn norm1(&self) -> i64 { self.0.abs() + self.1.abs() }
    }
}

limpet::class! { pub struct Marker; }
}

// docs/guide/02-classes.md, "Extending builtin types".
#[rustfmt::skip]
mod builtin_bases {
use limpet::prelude::*;
use limpet::class::{ClassBase, PyClassBase};

limpet::class! {
    /// `except ValueError` catches it; `MyError("msg", 3).args == ("msg", 3)`.
    #[extends(PyValueError)]
    pub struct MyError { #[py(get)] code: i64 }
    impl MyError {
        #[new] fn new(msg: String, code: i64) -> Self { let _ = msg; MyError { code } }
    }
}

/// `datetime.tzinfo`, imported when a class extending it is created.
pub struct TzInfo;
impl PyClassBase for TzInfo { const BASE: ClassBase = ClassBase::Import("datetime", "tzinfo"); }

limpet::class! {
    #[extends(TzInfo)]
    pub struct Fixed { minutes: i32 }
    impl Fixed { #[new] fn new(minutes: i32) -> Self { Fixed { minutes } } }
}
}
