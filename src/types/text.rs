//! `str` and `bytes`: construction and reading.

use super::*;

impl PyString {
    /// A new `str` from UTF-8 text.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let s = PyString::new(py, "ünï")?;
    /// assert_eq!(s.len()?, 3);
    /// assert_eq!(s.repr()?.extract::<String>()?, "'ünï'");
    /// # Ok(()) });
    /// ```
    pub fn new<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyString>> {
        ffi_safe::PyUnicode_FromStringAndSize(py, text.as_bytes())
    }

    /// An interned `str` (for names compared by identity).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let a = PyString::intern(py, c"attribute_name")?;
    /// let b = PyString::intern(py, c"attribute_name")?;
    /// assert!(a.is(&b));
    /// # Ok(()) });
    /// ```
    pub fn intern<'py>(py: Python<'py>, text: &std::ffi::CStr) -> PyResult<Bound<'py, PyString>> {
        ffi_safe::PyUnicode_InternFromString(py, text)
    }
}

impl<'py> Bound<'py, PyString> {
    /// The text as UTF-8. Zero-copy where the interpreter offers `PyUnicode_AsUTF8AndSize`
    /// (3.10+), one copy through a `bytes` object below; `holder` keeps that copy alive.
    /// Lone surrogates raise `UnicodeEncodeError`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let s = PyString::new(py, "zero-copy")?;
    /// let mut holder = None;
    /// assert_eq!(s.to_str(&mut holder)?, "zero-copy");
    ///
    /// let lone = py.import("builtins")?.getattr("chr")?.call1((0xD800,))?;
    /// let err = lone.downcast::<PyString>()?.to_str(&mut holder).unwrap_err();
    /// assert!(err.is_instance_of::<PyUnicodeEncodeError>(py));
    /// # Ok(()) });
    /// ```
    pub fn to_str<'a>(&'a self, holder: &'a mut Option<Bound<'py, PyAny>>) -> PyResult<&'a str> {
        crate::convert::string::str_of(self.as_any(), holder)
    }
}

impl PyBytes {
    /// A new `bytes` object holding a copy of `data`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let b = PyBytes::new(py, b"abc")?;
    /// assert_eq!(b.call_method0("hex")?.extract::<String>()?, "616263");
    /// # Ok(()) });
    /// ```
    pub fn new<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
        ffi_safe::PyBytes_FromStringAndSize(py, data)
    }
}

impl<'py> Bound<'py, PyBytes> {
    /// The contents, borrowed from the object (bytes are immutable).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let b = PyBytes::new(py, b"data")?;
    /// assert_eq!(b.as_bytes(), b"data");
    /// # Ok(()) });
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        let mut data: *mut c_char = std::ptr::null_mut();
        let mut len: ffi::Py_ssize_t = 0;
        // SAFETY: self is a bytes object (checked by the type), so this cannot fail; the
        // buffer lives as long as the object, which `&self` keeps alive.
        unsafe {
            ffi::PyBytes_AsStringAndSize(self.as_ptr(), &mut data, &mut len);
            std::slice::from_raw_parts(data as *const u8, len as usize)
        }
    }
}
