//! `str`: `&str` (borrowed), `String`, `char`, `Cow<str>`.
//!
//! From 3.10 the interpreter lends its cached UTF-8 form (`PyUnicode_AsUTF8AndSize`,
//! resolved at import); below that one copy goes through a `bytes` object, which the
//! caller's holder keeps alive for as long as the `&str` is used.

use std::borrow::Cow;

use abi3_sys as ffi;

use crate::convert::{FromPyObject, IntoPy};
use crate::err::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Bound, PyAny};
use crate::runtime::runtime;
use crate::types::{PyBytes, PyString, PyTypeCheck};

/// Borrow the UTF-8 text of a `str` (a `TypeError` for any other type; `UnicodeEncodeError`
/// for lone surrogates, which UTF-8 cannot hold).
pub(crate) fn str_of<'a, 'py>(
    obj: &'a Bound<'py, PyAny>,
    holder: &'a mut Option<Bound<'py, PyAny>>,
) -> PyResult<&'a str> {
    if !PyString::type_check(obj) {
        return Err(PyErr::downcast(obj, "str"));
    }
    let py = obj.py();
    if let Some(as_utf8) = runtime().api.unicode_as_utf8_and_size {
        let mut len: ffi::Py_ssize_t = 0;
        // SAFETY: obj is a str; the function (3.10+ Stable ABI) returns a buffer cached on
        // the object, valid while obj lives ('a), or NULL with UnicodeEncodeError; CPython
        // guarantees valid UTF-8 of `len` bytes.
        return unsafe {
            let data = as_utf8(obj.as_ptr(), &mut len);
            if data.is_null() {
                return Err(PyErr::fetch(py));
            }
            Ok(std::str::from_utf8_unchecked(std::slice::from_raw_parts(data as *const u8, len as usize)))
        };
    }
    // SAFETY: obj is a str; PyUnicode_AsUTF8String returns a new bytes object holding valid
    // UTF-8 (the codec's output), kept alive by `holder` for 'a, or NULL with
    // UnicodeEncodeError.
    unsafe {
        let bytes = holder.insert(Bound::from_owned_ptr_or_err(py, ffi::PyUnicode_AsUTF8String(obj.as_ptr()))?);
        let data = (*(bytes as *const Bound<'py, PyAny> as *const Bound<'py, PyBytes>)).as_bytes();
        Ok(std::str::from_utf8_unchecked(data))
    }
}

impl<'py> FromPyObject<'py> for String {
    const NESTS: bool = false;
    #[inline]
    fn input_hint() -> String {
        "str".into()
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        let mut holder = None;
        let text = str_of(obj, &mut holder)?;
        // A copy that may be large: MemoryError, not an abort, when it cannot be made.
        let mut owned = String::new();
        owned.try_reserve_exact(text.len()).map_err(|_| crate::convert::depth::no_memory())?;
        owned.push_str(text);
        Ok(owned)
    }
}

impl<'py> FromPyObject<'py> for Cow<'static, str> {
    #[inline]
    fn input_hint() -> String {
        "str".into()
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        String::extract(obj).map(Cow::Owned)
    }
}

impl<'py> FromPyObject<'py> for char {
    const NESTS: bool = false;
    #[inline]
    fn input_hint() -> String {
        "str".into()
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        let mut holder = None;
        let text = str_of(obj, &mut holder)?;
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(crate::exceptions::PyTypeError::new_err(format!(
                "expected a character, but string of length {} found",
                text.chars().count()
            ))),
        }
    }
}

impl IntoPy for &str {
    #[inline]
    fn output_hint() -> String {
        "str".into()
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        str_new(py, self).map(Bound::into_any)
    }
}

impl IntoPy for String {
    #[inline]
    fn output_hint() -> String {
        "str".into()
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        self.as_str().into_py(py)
    }
}

impl IntoPy for &String {
    #[inline]
    fn output_hint() -> String {
        "str".into()
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        self.as_str().into_py(py)
    }
}

impl IntoPy for Cow<'_, str> {
    #[inline]
    fn output_hint() -> String {
        "str".into()
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        self.as_ref().into_py(py)
    }
}

impl IntoPy for char {
    #[inline]
    fn output_hint() -> String {
        "str".into()
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        let mut buf = [0u8; 4];
        self.encode_utf8(&mut buf).into_py(py)
    }
}

/// A new `str` holding `text`. Before 3.10, ASCII text goes through the Latin-1 decoder (the
/// same `str`: one scan for the widest character and a copy, about half the instructions of
/// the UTF-8 decoder there; 3.10+ decode ASCII on a fast path of their own).
#[inline]
pub(crate) fn str_new<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyString>> {
    if runtime().api.unicode_as_utf8_and_size.is_none() && text.is_ascii() {
        crate::ffi_safe::PyUnicode_DecodeLatin1(py, text.as_bytes())
    } else {
        crate::ffi_safe::PyUnicode_FromStringAndSize(py, text.as_bytes())
    }
}

/// Make a `str` from bytes already known to be UTF-8 (used for names).
#[allow(dead_code)]
pub(crate) fn from_utf8_unchecked<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    crate::ffi_safe::PyUnicode_FromStringAndSize(py, data).map(Bound::into_any)
}
