//! Integers: `i8`..`i128`, `u8`..`u128`, `isize`, `usize`.
//!
//! Extraction honours `__index__` like CPython (floats and strings are refused with
//! CPython's own message from `PyNumber_Index`); out-of-range values raise `OverflowError`.

use std::ffi::{c_longlong, c_ulonglong};

use abi3_sys as ffi;

use crate::convert::{FromPyObject, IntoPy};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyOverflowError;
use crate::ffi_safe;
use crate::gil::Python;
use crate::object::{Bound, PyAny};
use crate::types::{PyInt, PyTypeCheck};

/// Run `f` on `obj` as an `int`: `obj` itself when it is one (no reference taken: this is
/// the hot path of every integer argument), else the result of `__index__`.
#[inline(always)]
pub(crate) fn with_index<'py, R>(
    obj: &Bound<'py, PyAny>,
    f: impl FnOnce(&Bound<'py, PyAny>) -> PyResult<R>,
) -> PyResult<R> {
    // The type of obj compared with the static int type object.
    let exact = obj.type_ptr() == std::ptr::addr_of_mut!(ffi::PyLong_Type);
    if exact || PyInt::type_check(obj) {
        return f(obj);
    }
    f(&index(obj)?)
}

/// `obj.__index__()` (out of line: the rare path of an integer argument).
#[inline(never)]
fn index<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    crate::ffi_safe::PyNumber_Index(obj)
}

#[cold]
fn too_large(rust_type: &str) -> PyErr {
    PyOverflowError::new_err(format!("Python int too large to convert to {rust_type}"))
}

#[cold]
fn negative() -> PyErr {
    PyOverflowError::new_err("can't convert negative int to unsigned")
}

/// The value as a C `long long`; `None` when it does not fit.
#[inline(always)]
pub(crate) fn as_i64(py: Python<'_>, int: &Bound<'_, PyAny>) -> PyResult<Option<i64>> {
    let _ = py;
    ffi_safe::PyLong_AsLongLongAndOverflow(int)
}

/// The value of an exact `int` as a C `long long` with the cheapest call every version has
/// (`PyLong_AsLongLong`: a compact/one-digit int is read directly); `too_large(rust_type)`
/// when it does not fit.
#[inline(always)]
fn as_long_long(py: Python<'_>, int: &Bound<'_, PyAny>, rust_type: &'static str) -> PyResult<i64> {
    ffi_safe::PyLong_AsLongLong(int).map_err(|e| own_overflow(py, e, rust_type))
}

/// The value of an int subclass or of an object with `__index__` as a C `long long` (out of
/// line, one shared copy: the rare path of a signed integer argument, issue 13).
#[inline(never)]
fn long_long_other(obj: &Bound<'_, PyAny>, rust_type: &'static str) -> PyResult<i64> {
    with_index(obj, |int| as_long_long(obj.py(), int, rust_type))
}

/// An error of `PyLong_AsLongLong`: OverflowError in our own words.
#[cold]
#[inline(never)]
fn own_overflow(py: Python<'_>, e: PyErr, rust_type: &'static str) -> PyErr {
    if e.is_instance_of::<PyOverflowError>(py) {
        too_large(rust_type)
    } else {
        e
    }
}

/// The value as a C `unsigned long long`; `Err(OverflowError)` when negative or too large.
fn as_u64(py: Python<'_>, int: &Bound<'_, PyAny>, rust_type: &str) -> PyResult<u64> {
    if let Some(v) = as_i64(py, int)? {
        return u64::try_from(v).map_err(|_| negative());
    }
    match ffi_safe::PyLong_AsUnsignedLongLong(int) {
        Ok(v) => Ok(v),
        Err(e) if e.is_instance_of::<PyOverflowError>(py) => Err(overflow_kind(int, rust_type)?),
        Err(e) => Err(e),
    }
}

/// Tell "negative" from "too large" for an int that did not fit.
fn overflow_kind(int: &Bound<'_, PyAny>, rust_type: &str) -> PyResult<PyErr> {
    Ok(if int.lt(0)? { negative() } else { too_large(rust_type) })
}

macro_rules! signed {
    ($($t:ty),*) => {$(
        impl<'py> FromPyObject<'py> for $t {
            const NESTS: bool = false;
            #[inline(always)]
            fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
                // An exact int inline (the hot path); a subclass or `__index__` out of line.
                let v = if obj.type_ptr() == std::ptr::addr_of_mut!(ffi::PyLong_Type) {
                    as_long_long(obj.py(), obj, stringify!($t))?
                } else {
                    long_long_other(obj, stringify!($t))?
                };
                <$t>::try_from(v).map_err(|_| too_large(stringify!($t)))
            }
            #[inline]
            fn input_hint() -> String {
                "int".into()
            }
        }
        impl IntoPy for $t {
            #[inline]
            fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
                crate::ffi_safe::PyLong_FromLongLong(py, self as c_longlong)
            }
            #[inline]
            fn output_hint() -> String {
                "int".into()
            }
        }
    )*};
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl<'py> FromPyObject<'py> for $t {
            const NESTS: bool = false;
            fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
                let v = with_index(obj, |int| as_u64(obj.py(), int, stringify!($t)))?;
                <$t>::try_from(v).map_err(|_| too_large(stringify!($t)))
            }
            #[inline]
            fn input_hint() -> String {
                "int".into()
            }
        }
        impl IntoPy for $t {
            fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
                crate::ffi_safe::PyLong_FromUnsignedLongLong(py, self as c_ulonglong)
            }
            #[inline]
            fn output_hint() -> String {
                "int".into()
            }
        }
    )*};
}

signed!(i16, i32, i64, isize);
unsigned!(u16, u32, u64, usize);

// i8 and u8 are separate: u8 also carries the `bytes` fast paths for Vec<u8>.
signed!(i8);

impl<'py> FromPyObject<'py> for u8 {
    const NESTS: bool = false;
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        let v = with_index(obj, |int| as_u64(obj.py(), int, "u8"))?;
        u8::try_from(v).map_err(|_| too_large("u8"))
    }

    fn extract_vec(obj: &Bound<'py, PyAny>) -> PyResult<Vec<u8>> {
        super::bytes::extract_byte_vec(obj)
    }
    #[inline]
    fn input_hint() -> String {
        "int".into()
    }
    #[inline]
    fn vec_input_hint() -> String {
        "bytes".into()
    }
}

impl IntoPy for u8 {
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        i64::from(self).into_py(py)
    }

    fn vec_into_py(items: Vec<u8>, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        crate::types::PyBytes::new(py, &items).map(Bound::into_any)
    }
    #[inline]
    fn output_hint() -> String {
        "int".into()
    }
    #[inline]
    fn vec_output_hint() -> String {
        "bytes".into()
    }
}

/// Split a 128-bit conversion into two 64-bit halves with `PyNumber_Rshift`/`Lshift`/`Or`
/// (the Limited API has no 128-bit or byte-array conversion before 3.14).
#[inline]
fn shift<'py>(py: Python<'py>, v: &Bound<'py, PyAny>, left: bool) -> PyResult<Bound<'py, PyAny>> {
    let sixty_four = 64u8.into_py(py)?;
    if left {
        ffi_safe::PyNumber_Lshift(v, &sixty_four)
    } else {
        ffi_safe::PyNumber_Rshift(v, &sixty_four)
    }
}

#[inline]
fn low_u64(_py: Python<'_>, int: &Bound<'_, PyAny>) -> PyResult<u64> {
    // The Mask variant never overflows; -1 with an exception on error.
    crate::ffi_safe::PyLong_AsUnsignedLongLongMask(int)
}

#[inline]
fn or<'py>(_py: Python<'py>, a: &Bound<'py, PyAny>, b: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    crate::ffi_safe::PyNumber_Or(a, b)
}

impl<'py> FromPyObject<'py> for i128 {
    const NESTS: bool = false;
    #[inline]
    fn input_hint() -> String {
        "int".into()
    }
    #[inline]
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        with_index(obj, |int| {
            if let Some(v) = as_i64(py, int)? {
                return Ok(v.into());
            }
            let lo = low_u64(py, int)?;
            let hi = shift(py, int, false)?;
            let hi = as_i64(py, &hi)?.ok_or_else(|| too_large("i128"))?;
            Ok((i128::from(hi) << 64) | i128::from(lo))
        })
    }
}

impl IntoPy for i128 {
    #[inline]
    fn output_hint() -> String {
        "int".into()
    }
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        if let Ok(small) = i64::try_from(self) {
            return small.into_py(py);
        }
        let hi = shift(py, &((self >> 64) as i64).into_py(py)?, true)?;
        or(py, &hi, &(self as u64).into_py(py)?)
    }
}

impl<'py> FromPyObject<'py> for u128 {
    const NESTS: bool = false;
    #[inline]
    fn input_hint() -> String {
        "int".into()
    }
    #[inline]
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        with_index(obj, |int| {
            if let Some(v) = as_i64(py, int)? {
                return u128::try_from(v).map_err(|_| negative());
            }
            let lo = low_u64(py, int)?;
            let hi = shift(py, int, false)?;
            let hi = as_u64(py, &hi, "u128")?;
            Ok((u128::from(hi) << 64) | u128::from(lo))
        })
    }
}

impl IntoPy for u128 {
    #[inline]
    fn output_hint() -> String {
        "int".into()
    }
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        if let Ok(small) = u64::try_from(self) {
            return small.into_py(py);
        }
        let hi = shift(py, &((self >> 64) as u64).into_py(py)?, true)?;
        or(py, &hi, &(self as u64).into_py(py)?)
    }
}
