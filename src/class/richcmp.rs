//! `__richcmp__`: [`CompareOp`] and the `tp_richcompare` shim.

use super::*;
use crate::ffi_safe::c_entry;

#[doc(hidden)]
/// The C shape of `tp_richcompare`.
pub type RichCompareShim = ffi::richcmpfunc;

/// The comparison `__richcmp__` is asked for.
///
/// ```
/// use limpet::prelude::*;
/// use limpet::class::{CompareOp, PyClass};
/// limpet::class! {
///     pub struct Version { major: u32, minor: u32 }
///     impl Version {
///         #[new]
///         fn new(major: u32, minor: u32) -> Self { Version { major, minor } }
///         fn __richcmp__(&self, other: &Version, op: CompareOp) -> bool {
///             op.matches((self.major, self.minor).cmp(&(other.major, other.minor)))
///         }
///     }
/// }
/// # fn main() {
/// # limpet::__private::doctest(|py| {
/// let version = Version::type_object(py)?;
/// let (old, new) = (version.call1((3, 9))?, version.call1((3, 12))?);
/// assert!(old.lt(&new)?);
/// assert!(!old.eq(&new)?);
/// # Ok(()) });
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CompareOp {
    /// From CPython's `Py_LT` .. `Py_GE`.
    pub(crate) fn from_raw(op: c_int) -> Option<CompareOp> {
        Some(match op {
            ffi::Py_LT => CompareOp::Lt,
            ffi::Py_LE => CompareOp::Le,
            ffi::Py_EQ => CompareOp::Eq,
            ffi::Py_NE => CompareOp::Ne,
            ffi::Py_GT => CompareOp::Gt,
            ffi::Py_GE => CompareOp::Ge,
            _ => return None,
        })
    }

    /// Whether an ordering satisfies this comparison: `op.matches(a.cmp(&b))`.
    ///
    /// ```
    /// use limpet::class::CompareOp;
    /// use std::cmp::Ordering;
    /// assert!(CompareOp::Le.matches(Ordering::Equal));
    /// assert!(!CompareOp::Ne.matches(1.cmp(&1)));
    /// assert!(CompareOp::Gt.matches("b".cmp("a")));
    /// ```
    pub fn matches(self, ordering: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CompareOp::Lt => ordering == Less,
            CompareOp::Le => ordering != Greater,
            CompareOp::Eq => ordering == Equal,
            CompareOp::Ne => ordering != Equal,
            CompareOp::Gt => ordering == Greater,
            CompareOp::Ge => ordering != Less,
        }
    }
}

/// Implemented by `class!` when the class defines `__richcmp__`.
#[doc(hidden)]
pub trait RichCompare: PyClass {
    /// Compare; `other` of the wrong type or range gives `NotImplemented`.
    fn richcmp<'py>(
        py: Python<'py>,
        slf: &Bound<'py, PyAny>,
        other: &Bound<'py, PyAny>,
        op: CompareOp,
    ) -> PyResult<*mut ffi::PyObject>;
}

#[doc(hidden)]
/// `__richcmp__`'s `other` did not convert. A value of another type or out of range is not
/// comparable: `NotImplemented`, so Python tries the reflected comparison (and `==` falls
/// back to identity). Anything else is raised as in any other call: a borrow conflict
/// (`other: &mut Self` with `x == x`) is the `RuntimeError` it is everywhere.
pub fn richcmp_unconverted(py: Python<'_>, err: PyErr) -> PyResult<*mut ffi::PyObject> {
    use crate::exceptions::{PyOverflowError, PyValueError};
    if err.is_instance_of::<PyTypeError>(py)
        || err.is_instance_of::<PyValueError>(py)
        || err.is_instance_of::<PyOverflowError>(py)
    {
        return Ok(py.NotImplemented().into_ptr());
    }
    Err(err)
}

c_entry! {
#[doc(hidden)]
/// `tp_richcompare` of a class with `__richcmp__`: CPython calls it with two objects and an op.
pub fn richcompare[T: RichCompare](slf: &Bound, other: &Bound; op: c_int) -> *mut ffi::PyObject {
    guard(|py| match CompareOp::from_raw(op) {
        Some(op) => T::richcmp(py, slf, other, op),
        None => Err(crate::exceptions::PySystemError::new_err("invalid comparison operator")),
    })
}
}
