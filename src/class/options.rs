//! Class options derived from Rust traits (`#[eq]`, `#[ord]`, `#[hash]`, `#[str]`,
//! `#[repr]`) and the naming options (`#[name = ".."]`, `#[module = ".."]`).
//!
//! `class!` only records an option ([`ClassOption`]): each trait option names one generic
//! function of this file, instantiated for the class (its trait bound is the compile-time
//! check that the struct implements the trait), and type creation installs it as the type
//! slot: `tp_richcompare`, `tp_hash`, `tp_str`, `tp_repr`. The functions borrow the instance
//! as the macro-generated typed slots do (`slot::unary`, `slot::binary`).

use super::*;
use crate::convert::IntoPyReturn;
use crate::ffi_safe::c_entry;

#[doc(hidden)]
/// One class attribute as `class!` records it.
#[derive(Clone, Copy)]
pub enum ClassOption {
    /// `#[subclass]`, `#[frozen]`, `#[dict]`, `#[weakref]`.
    Flag(&'static str),
    /// `#[eq]`: `tp_richcompare` from `PartialEq`.
    Eq(ffi::richcmpfunc),
    /// `#[ord]`: `tp_richcompare` from `PartialEq` and `PartialOrd`.
    Ord(ffi::richcmpfunc),
    /// `#[hash]`: `tp_hash` from `Hash`.
    Hash(ffi::hashfunc),
    /// `#[str]`: `tp_str` from `Display`.
    Str(ffi::reprfunc),
    /// `#[repr]`: `tp_repr` from `Debug`.
    Repr(ffi::reprfunc),
    /// `#[name = ".."]`: the Python name.
    Name(&'static str),
    /// `#[module = ".."]`: `__module__`.
    Module(&'static str),
}

/// The comparison, or `NotImplemented` when `other` is not an instance of `T` (or `f`
/// does not compare for `op`).
fn compare<T: PyClass>(
    py: Python<'_>,
    slf: &T,
    other: &Bound<'_, PyAny>,
    op: c_int,
    f: impl FnOnce(&T, &T, CompareOp) -> Option<bool>,
) -> PyResult<*mut ffi::PyObject> {
    let Some(op) = CompareOp::from_raw(op) else {
        return Err(crate::exceptions::PySystemError::new_err("invalid comparison operator"));
    };
    if !T::class_def().is_instance(other) {
        return Ok(py.NotImplemented().into_ptr());
    }
    // `x == x` takes a second shared borrow (fine); a value borrowed exclusively (a `&mut
    // self` method comparing with itself) raises, as any other borrow conflict does.
    let other = RefGuard::<T>::borrow(other)?;
    match f(slf, &other, op) {
        Some(b) => b.into_return(py),
        None => Ok(py.NotImplemented().into_ptr()),
    }
}

#[doc(hidden)]
/// How a trait option compares two values (`None`: `NotImplemented`).
pub trait Compare<T> {
    fn compare(a: &T, b: &T, op: CompareOp) -> Option<bool>;
}

#[doc(hidden)]
/// `#[eq]`: `==` / `!=` from `PartialEq`; the orderings are `NotImplemented`.
pub struct ByEq;
impl<T: PartialEq> Compare<T> for ByEq {
    fn compare(a: &T, b: &T, op: CompareOp) -> Option<bool> {
        match op {
            CompareOp::Eq => Some(a == b),
            CompareOp::Ne => Some(a != b),
            _ => None,
        }
    }
}

#[doc(hidden)]
/// `#[eq]` with `#[ord]`: every comparison from `PartialEq` and `PartialOrd` (an
/// incomparable pair, `partial_cmp` `None`, is false for `<`, `<=`, `>`, `>=`).
pub struct ByOrd;
impl<T: PartialOrd> Compare<T> for ByOrd {
    fn compare(a: &T, b: &T, op: CompareOp) -> Option<bool> {
        Some(match op {
            CompareOp::Eq => a == b,
            CompareOp::Ne => a != b,
            CompareOp::Lt => a < b,
            CompareOp::Le => a <= b,
            CompareOp::Gt => a > b,
            CompareOp::Ge => a >= b,
        })
    }
}

c_entry! {
#[doc(hidden)]
/// `tp_richcompare` of `#[eq]` (`K` = [`ByEq`]) or `#[ord]` ([`ByOrd`]): an object that is
/// not a `T` is `NotImplemented`, so Python tries the reflected comparison, then identity
/// for `==` or its `TypeError` for an ordering. Installed only as `tp_richcompare` of `T`'s
/// class (CPython calls it with an instance of that class first, for the reflected
/// comparison too); the receiver is borrowed through the checked accessor all the same.
pub fn richcompare[T: PyClass, K: Compare<T>](slf: &Bound, other: &Bound; op: c_int) -> *mut ffi::PyObject {
    guard(|py| compare::<T>(py, &*RefGuard::<T>::borrow(slf)?, other, op, K::compare))
}
}

#[doc(hidden)]
/// What a unary trait option computes from the value (`#[hash]`, `#[str]`, `#[repr]`).
pub trait Unary<T> {
    /// The slot's C result.
    type Out: slot::SlotError;
    fn run(py: Python<'_>, value: &T) -> PyResult<Self::Out>;
}

#[doc(hidden)]
/// `#[hash]`: `tp_hash` from `Hash` (std's `DefaultHasher`; -1, the error value, is -2).
pub struct ByHash;
impl<T: std::hash::Hash> Unary<T> for ByHash {
    type Out = ffi::Py_hash_t;
    fn run(_: Python<'_>, value: &T) -> PyResult<ffi::Py_hash_t> {
        use std::hash::Hasher;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        value.hash(&mut h);
        let h = h.finish() as ffi::Py_hash_t;
        Ok(if h == -1 { -2 } else { h })
    }
}

#[doc(hidden)]
/// `#[str]`: `tp_str` from `Display`.
pub struct ByDisplay;
impl<T: std::fmt::Display> Unary<T> for ByDisplay {
    type Out = *mut ffi::PyObject;
    fn run(py: Python<'_>, value: &T) -> PyResult<*mut ffi::PyObject> {
        value.to_string().into_return(py)
    }
}

#[doc(hidden)]
/// `#[repr]`: `tp_repr` from `Debug`.
pub struct ByDebug;
impl<T: std::fmt::Debug> Unary<T> for ByDebug {
    type Out = *mut ffi::PyObject;
    fn run(py: Python<'_>, value: &T) -> PyResult<*mut ffi::PyObject> {
        format!("{value:?}").into_return(py)
    }
}

c_entry! {
#[doc(hidden)]
/// `tp_hash`, `tp_str` or `tp_repr` of a trait option (`K`), with the value borrowed through
/// the checked accessor. Installed only as the type slot of `T`'s class that `K` is for.
pub fn unary[T: PyClass, K: Unary<T>](slf: &Bound) -> K::Out {
    crate::trampoline::guard_with(<K::Out as slot::SlotError>::ERROR, |py| K::run(py, &*RefGuard::<T>::borrow(slf)?))
}
}

impl ClassOptions {
    /// The type slots of the trait options.
    pub(super) fn slots(&self, mut add: impl FnMut(c_int, *mut c_void)) {
        if let Some(f) = self.ord.or(self.eq) {
            add(ffi::Py_tp_richcompare, f as *mut c_void);
        }
        if let Some(f) = self.hash {
            add(ffi::Py_tp_hash, f as *mut c_void);
        }
        if let Some(f) = self.str {
            add(ffi::Py_tp_str, f as *mut c_void);
        }
        if let Some(f) = self.repr {
            add(ffi::Py_tp_repr, f as *mut c_void);
        }
    }
}

/// The stub lines of the options: `#[eq]`'s `__eq__`/`__ne__` (and `__hash__` as `None`
/// without `#[hash]`, as typeshed marks unhashable classes), `#[ord]`'s orderings (with an
/// instance of the class only: anything else raises `TypeError`).
pub(crate) fn stub(out: &mut String, def: &ClassDef) {
    use std::fmt::Write;
    let o = &def.options;
    if o.eq.is_some() {
        out.push_str(
            "    def __eq__(self, other: object) -> bool: ...\n    def __ne__(self, other: object) -> bool: ...\n",
        );
        let user_hash = def.items.iter().any(|i| matches!(i, ClassItem::Method(f) if f.name == "__hash__"));
        if o.hash.is_none() && !user_hash {
            out.push_str("    __hash__: typing.ClassVar[None]  # type: ignore[assignment]\n");
        }
    }
    if o.ord.is_some() {
        for op in ["__lt__", "__le__", "__gt__", "__ge__"] {
            let _ = writeln!(out, "    def {op}(self, other: {}) -> bool: ...", def.name);
        }
    }
}
