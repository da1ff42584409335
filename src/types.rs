//! Marker types for the builtin Python types, with the few operations conversions need.
//!
//! `Bound<'py, PyDict>` is a reference known to be a dict; [`Bound::downcast`] checks.
//! Checks use `PyType_GetFlags` subclass bits or the exact type object (Limited API only).

use std::ffi::{c_char, c_ulong};

use abi3_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Bound, PyAny};

/// A marker type that knows how to recognise its instances.
pub trait PyTypeCheck {
    /// The Python name, for error messages (`"str"`, `"dict"`, ...).
    const NAME: &'static str;
    /// True when `obj` is an instance.
    fn type_check(obj: &Bound<'_, PyAny>) -> bool;
}

/// A concrete builtin type marker (not [`PyAny`]): `Bound<T>` derefs to `Bound<PyAny>`.
pub trait PyNative: PyTypeCheck {}

/// The stub hint for a marker type: its Python name, `typing.Any` for [`PyAny`].
pub fn hint_of<T: PyTypeCheck>() -> String {
    hint_for_type_name(T::NAME)
}

/// The stub hint for a builtin type's name (generic containers get `typing.Any` arguments).
pub(crate) fn hint_for_type_name(name: &str) -> String {
    match name {
        "object" => "typing.Any".into(),
        "set" => "typing.AbstractSet[typing.Any]".into(),
        "dict" => "typing.Dict[typing.Any, typing.Any]".into(),
        "list" => "typing.List[typing.Any]".into(),
        "tuple" => "typing.Tuple[typing.Any, ...]".into(),
        "NoneType" => "None".into(),
        "frozenset" => "typing.FrozenSet[typing.Any]".into(),
        name => name.into(),
    }
}

impl PyTypeCheck for PyAny {
    const NAME: &'static str = "object";
    fn type_check(_: &Bound<'_, PyAny>) -> bool {
        true
    }
}

fn has_flag(obj: &Bound<'_, PyAny>, flag: c_ulong) -> bool {
    // SAFETY: obj is a valid object; Py_TYPE reads its type pointer, PyType_GetFlags is a
    // Stable ABI function on any type object.
    unsafe { ffi::PyType_GetFlags(ffi::Py_TYPE(obj.as_ptr())) & flag != 0 }
}

fn is_instance_of_static(obj: &Bound<'_, PyAny>, ty: *mut ffi::PyTypeObject) -> bool {
    // SAFETY: valid object and a static builtin type object.
    unsafe {
        let t = ffi::Py_TYPE(obj.as_ptr());
        t == ty || ffi::PyType_IsSubtype(t, ty) != 0
    }
}

macro_rules! marker {
    ($(#[$doc:meta])* $name:ident, $pyname:literal, |$o:ident| $check:expr) => {
        $(#[$doc])*
        pub struct $name(());
        impl PyNative for $name {}
        impl PyTypeCheck for $name {
            const NAME: &'static str = $pyname;
            fn type_check($o: &Bound<'_, PyAny>) -> bool {
                $check
            }
        }
    };
}

marker!(/// `str`.
    PyString, "str", |o| has_flag(o, ffi::Py_TPFLAGS_UNICODE_SUBCLASS));
marker!(/// `bytes`.
    PyBytes, "bytes", |o| has_flag(o, ffi::Py_TPFLAGS_BYTES_SUBCLASS));
marker!(/// `tuple`.
    PyTuple, "tuple", |o| has_flag(o, ffi::Py_TPFLAGS_TUPLE_SUBCLASS));
marker!(/// `list`.
    PyList, "list", |o| has_flag(o, ffi::Py_TPFLAGS_LIST_SUBCLASS));
marker!(/// `dict`.
    PyDict, "dict", |o| has_flag(o, ffi::Py_TPFLAGS_DICT_SUBCLASS));
marker!(/// `int`.
    PyInt, "int", |o| has_flag(o, ffi::Py_TPFLAGS_LONG_SUBCLASS));
marker!(/// `float`.
    PyFloat, "float", |o| is_instance_of_static(o, std::ptr::addr_of_mut!(ffi::PyFloat_Type)));
marker!(/// `bool`.
    PyBool, "bool", |o| is_instance_of_static(o, std::ptr::addr_of_mut!(ffi::PyBool_Type)));
marker!(/// `set` or `frozenset`.
    PySet, "set", |o| is_instance_of_static(o, std::ptr::addr_of_mut!(ffi::PySet_Type))
        || is_instance_of_static(o, std::ptr::addr_of_mut!(ffi::PyFrozenSet_Type)));

impl PyString {
    /// A new `str` from UTF-8 text.
    pub fn new<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyString>> {
        // SAFETY: pointer and length describe valid UTF-8; new reference or NULL.
        let obj = unsafe {
            Bound::from_owned_ptr_or_err(
                py,
                ffi::PyUnicode_FromStringAndSize(text.as_ptr() as *const c_char, text.len() as ffi::Py_ssize_t),
            )
        }?;
        // SAFETY: PyUnicode_FromStringAndSize returns a str.
        Ok(unsafe { obj.cast_unchecked() })
    }

    /// An interned `str` (for names compared by identity).
    pub fn intern<'py>(py: Python<'py>, text: &std::ffi::CStr) -> PyResult<Bound<'py, PyString>> {
        // SAFETY: NUL-terminated text; new reference or NULL.
        let obj = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyUnicode_InternFromString(text.as_ptr())) }?;
        // SAFETY: returns a str.
        Ok(unsafe { obj.cast_unchecked() })
    }
}

impl<'py> Bound<'py, PyString> {
    /// The text as UTF-8. Zero-copy where the interpreter offers `PyUnicode_AsUTF8AndSize`
    /// (3.10+), one copy through a `bytes` object below; `holder` keeps that copy alive.
    /// Lone surrogates raise `UnicodeEncodeError`.
    pub fn to_str<'a>(&'a self, holder: &'a mut Option<Bound<'py, PyAny>>) -> PyResult<&'a str> {
        crate::convert::string::str_of(self.as_any(), holder)
    }
}

impl PyBytes {
    /// A new `bytes` object holding a copy of `data`.
    pub fn new<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
        // SAFETY: pointer and length describe readable memory; new reference or NULL.
        let obj = unsafe {
            Bound::from_owned_ptr_or_err(
                py,
                ffi::PyBytes_FromStringAndSize(data.as_ptr() as *const c_char, data.len() as ffi::Py_ssize_t),
            )
        }?;
        // SAFETY: returns bytes.
        Ok(unsafe { obj.cast_unchecked() })
    }
}

impl<'py> Bound<'py, PyBytes> {
    /// The contents, borrowed from the object (bytes are immutable).
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

impl PyTuple {
    /// A tuple of the given items.
    pub fn new<'py>(py: Python<'py>, items: Vec<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyTuple>> {
        // SAFETY: PyTuple_New returns a new tuple or NULL.
        let tuple = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyTuple_New(items.len() as ffi::Py_ssize_t)) }?;
        for (i, item) in items.into_iter().enumerate() {
            // SAFETY: fresh tuple of the right size; SetItem steals the item reference.
            unsafe { ffi::PyTuple_SetItem(tuple.as_ptr(), i as ffi::Py_ssize_t, item.into_ptr()) };
        }
        // SAFETY: it is a tuple.
        Ok(unsafe { tuple.cast_unchecked() })
    }
}

impl<'py> Bound<'py, PyTuple> {
    /// Number of items.
    pub fn len(&self) -> usize {
        // SAFETY: a tuple; PyTuple_Size cannot fail on one.
        unsafe { ffi::PyTuple_Size(self.as_ptr()) as usize }
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Item `i` (a new reference); IndexError when out of range.
    pub fn get_item(&self, i: usize) -> PyResult<Bound<'py, PyAny>> {
        // SAFETY: a tuple; GetItem returns a borrowed reference or NULL with IndexError.
        let item = unsafe { ffi::PyTuple_GetItem(self.as_ptr(), i as ffi::Py_ssize_t) };
        if item.is_null() {
            return Err(PyErr::fetch(self.py()));
        }
        // SAFETY: non-null borrowed reference; we take our own.
        Ok(unsafe { Bound::from_borrowed_ptr(self.py(), item) })
    }
}

impl PyList {
    /// An empty list.
    pub fn empty(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
        // SAFETY: new list or NULL.
        let list = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyList_New(0)) }?;
        // SAFETY: it is a list.
        Ok(unsafe { list.cast_unchecked() })
    }
}

impl<'py> Bound<'py, PyList> {
    /// Number of items.
    pub fn len(&self) -> usize {
        // SAFETY: a list.
        unsafe { ffi::PyList_Size(self.as_ptr()) as usize }
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Append an item.
    pub fn append(&self, item: Bound<'py, PyAny>) -> PyResult<()> {
        // SAFETY: a list and a valid item; Append does not steal.
        PyErr::check(self.py(), unsafe { ffi::PyList_Append(self.as_ptr(), item.as_ptr()) })
    }

    /// Item `i` (a new reference); IndexError when out of range.
    pub fn get_item(&self, i: usize) -> PyResult<Bound<'py, PyAny>> {
        // SAFETY: a list; borrowed reference or NULL with IndexError.
        let item = unsafe { ffi::PyList_GetItem(self.as_ptr(), i as ffi::Py_ssize_t) };
        if item.is_null() {
            return Err(PyErr::fetch(self.py()));
        }
        // SAFETY: non-null borrowed reference; we take our own.
        Ok(unsafe { Bound::from_borrowed_ptr(self.py(), item) })
    }
}

impl PyDict {
    /// An empty dict.
    pub fn new(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        // SAFETY: new dict or NULL.
        let dict = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyDict_New()) }?;
        // SAFETY: it is a dict.
        Ok(unsafe { dict.cast_unchecked() })
    }
}

impl<'py> Bound<'py, PyDict> {
    /// `self[key] = value`.
    pub fn set_item(&self, key: Bound<'py, PyAny>, value: Bound<'py, PyAny>) -> PyResult<()> {
        // SAFETY: a dict and valid objects; SetItem does not steal.
        PyErr::check(self.py(), unsafe { ffi::PyDict_SetItem(self.as_ptr(), key.as_ptr(), value.as_ptr()) })
    }

    /// `self.get(key)`; errors from hashing propagate.
    pub fn get_item(&self, key: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
        // SAFETY: a dict; borrowed reference, or NULL with or without an exception.
        let item = unsafe { ffi::PyDict_GetItemWithError(self.as_ptr(), key.as_ptr()) };
        if item.is_null() {
            return match PyErr::take(self.py()) {
                Some(e) => Err(e),
                None => Ok(None),
            };
        }
        // SAFETY: non-null borrowed reference; we take our own.
        Ok(Some(unsafe { Bound::from_borrowed_ptr(self.py(), item) }))
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        // SAFETY: a dict.
        unsafe { ffi::PyDict_Size(self.as_ptr()) as usize }
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The items, as new references.
    pub fn items(&self) -> Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let py = self.py();
        let mut out = Vec::with_capacity(self.len());
        let mut pos: ffi::Py_ssize_t = 0;
        let (mut k, mut v) = (std::ptr::null_mut(), std::ptr::null_mut());
        // SAFETY: a dict; PyDict_Next yields borrowed references that we incref at once,
        // and nothing runs Python code between calls (no mutation during the walk).
        while unsafe { ffi::PyDict_Next(self.as_ptr(), &mut pos, &mut k, &mut v) } != 0 {
            // SAFETY: non-null borrowed references from PyDict_Next.
            unsafe { out.push((Bound::from_borrowed_ptr(py, k), Bound::from_borrowed_ptr(py, v))) };
        }
        out
    }
}
