//! Marker types for the builtin Python types, with the few operations conversions need.
//!
//! `Bound<'py, PyDict>` is a reference known to be a dict; [`Bound::downcast`] checks.
//! Checks use `PyType_GetFlags` subclass bits or the exact type object (Limited API only).
//!
//! ```
//! # limpet::__private::doctest(|py| {
//! use limpet::prelude::*;
//! let obj = vec![1, 2, 3].into_py(py)?;
//! let list: &Bound<'_, PyList> = obj.downcast::<PyList>()?;
//! assert_eq!(list.len(), 3);
//! assert!(obj.downcast::<PyDict>().is_err());
//! # Ok(()) });
//! ```

use std::ffi::{c_char, c_ulong};

use abi3_sys as ffi;

#[cfg(feature = "abi3t")]
use crate::err::PyErr;
use crate::err::PyResult;
use crate::ffi_safe::{self, Arg, StaticType, TypeOf};
use crate::gil::Python;
use crate::object::{Bound, PyAny};

/// A marker type that knows how to recognise its instances: what [`Bound::downcast`]
/// checks. Every type in this module implements it, and so does every `class!` type.
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// use limpet::types::PyTypeCheck;
/// let obj = "text".into_py(py)?;
/// assert!(PyString::type_check(&obj) && !PyInt::type_check(&obj));
/// assert_eq!(<PyString as PyTypeCheck>::NAME, "str");
/// # Ok(()) });
/// ```
pub trait PyTypeCheck {
    /// The Python name, for error messages (`"str"`, `"dict"`, ...).
    ///
    /// ```
    /// use limpet::prelude::*;
    /// use limpet::types::PyTypeCheck;
    /// assert_eq!(<PyDict as PyTypeCheck>::NAME, "dict");
    /// assert_eq!(<PyAny as PyTypeCheck>::NAME, "object");
    /// ```
    const NAME: &'static str;
    /// True when `obj` is an instance (subclasses included).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// use limpet::types::{PyBool, PyTypeCheck};
    /// let flag = true.into_py(py)?;
    /// // bool is a subclass of int
    /// assert!(PyBool::type_check(&flag) && PyInt::type_check(&flag));
    /// # Ok(()) });
    /// ```
    fn type_check(obj: &Bound<'_, PyAny>) -> bool;
}

/// A concrete builtin type marker (not [`PyAny`]): `Bound<T>` derefs to `Bound<PyAny>`, so
/// every generic object method works on a typed handle too.
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// let s = PyString::new(py, "abc")?;
/// // `Bound<PyString>` uses `Bound<PyAny>`'s methods through `Deref`.
/// assert_eq!(s.call_method0("upper")?.extract::<String>()?, "ABC");
/// # Ok(()) });
/// ```
pub trait PyNative: PyTypeCheck {}

/// The stub hint for a marker type: its Python name, `typing.Any` for [`PyAny`].
pub(crate) fn hint_of<T: PyTypeCheck>() -> String {
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

/// Whether `type(obj)` has the `tp_flags` bit `flag` (the `Py_TPFLAGS_*_SUBCLASS` bits).
pub(crate) fn has_flag(obj: &Bound<'_, PyAny>, flag: c_ulong) -> bool {
    ffi_safe::PyType_GetFlags(TypeOf(obj)) & flag != 0
}

/// A Rust index as a `Py_ssize_t` (beyond `isize::MAX`: out of range for any object anyway).
fn index(i: usize) -> ffi::Py_ssize_t {
    i.try_into().unwrap_or(ffi::Py_ssize_t::MAX)
}

fn is_instance_of_static(obj: &Bound<'_, PyAny>, ty: StaticType) -> bool {
    obj.type_ptr() == ty.raw() || ffi_safe::PyType_IsSubtype(TypeOf(obj), ty) != 0
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

marker!(
    /// `str`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = "héllo".into_py(py)?;
    /// let s: &Bound<'_, PyString> = obj.downcast()?;
    /// assert_eq!(s.len()?, 5); // characters, not bytes
    /// # Ok(()) });
    /// ```
    PyString, "str", |o| has_flag(o, ffi::Py_TPFLAGS_UNICODE_SUBCLASS));
marker!(
    /// `bytes`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = PyBytes::new(py, b"\x00\xff")?.into_any();
    /// assert_eq!(obj.downcast::<PyBytes>()?.as_bytes(), &[0, 255]);
    /// # Ok(()) });
    /// ```
    PyBytes, "bytes", |o| has_flag(o, ffi::Py_TPFLAGS_BYTES_SUBCLASS));
marker!(
    /// `tuple`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = (1, "a").into_py(py)?;
    /// let t: &Bound<'_, PyTuple> = obj.downcast()?;
    /// assert_eq!(t.len(), 2);
    /// # Ok(()) });
    /// ```
    PyTuple, "tuple", |o| has_flag(o, ffi::Py_TPFLAGS_TUPLE_SUBCLASS));
marker!(
    /// `list`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = vec!["x", "y"].into_py(py)?;
    /// let list: &Bound<'_, PyList> = obj.downcast()?;
    /// assert_eq!(list.get_item(1)?.extract::<String>()?, "y");
    /// # Ok(()) });
    /// ```
    PyList, "list", |o| has_flag(o, ffi::Py_TPFLAGS_LIST_SUBCLASS));
marker!(
    /// `dict`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = py.import("builtins")?.getattr("dict")?.call0()?;
    /// let d: &Bound<'_, PyDict> = obj.downcast()?;
    /// assert!(d.is_empty());
    /// # Ok(()) });
    /// ```
    PyDict, "dict", |o| has_flag(o, ffi::Py_TPFLAGS_DICT_SUBCLASS));
marker!(
    /// `int` (and its subclass `bool`).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let big = py.import("builtins")?.getattr("pow")?.call1((2, 100))?;
    /// assert!(big.downcast::<PyInt>().is_ok());
    /// assert_eq!(big.extract::<u128>()?, 1u128 << 100);
    /// # Ok(()) });
    /// ```
    PyInt, "int", |o| has_flag(o, ffi::Py_TPFLAGS_LONG_SUBCLASS));
marker!(
    /// `float`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let x = 2.5f64.into_py(py)?;
    /// assert!(x.downcast::<PyFloat>().is_ok());
    /// assert!(1i64.into_py(py)?.downcast::<PyFloat>().is_err());
    /// # Ok(()) });
    /// ```
    PyFloat, "float", |o| is_instance_of_static(o, StaticType::Float));
marker!(
    /// `bool`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// use limpet::types::PyBool;
    /// assert!(false.into_py(py)?.downcast::<PyBool>().is_ok());
    /// assert!(0i64.into_py(py)?.downcast::<PyBool>().is_err());
    /// # Ok(()) });
    /// ```
    PyBool, "bool", |o| is_instance_of_static(o, StaticType::Bool));
marker!(
    /// `set` or `frozenset`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let frozen = py.import("builtins")?.getattr("frozenset")?.call1((vec![1, 2],))?;
    /// assert!(frozen.downcast::<PySet>().is_ok());
    /// assert!(frozen.contains(2)?);
    /// # Ok(()) });
    /// ```
    PySet, "set", |o| is_instance_of_static(o, StaticType::Set)
        || is_instance_of_static(o, StaticType::FrozenSet));

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
        // SAFETY: pointer and length describe valid UTF-8; a new str or NULL.
        unsafe {
            Bound::from_owned_ptr_or_err_as(
                py,
                ffi::PyUnicode_FromStringAndSize(text.as_ptr() as *const c_char, text.len() as ffi::Py_ssize_t),
            )
        }
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
        // SAFETY: pointer and length describe readable memory; a new bytes object or NULL.
        unsafe {
            Bound::from_owned_ptr_or_err_as(
                py,
                ffi::PyBytes_FromStringAndSize(data.as_ptr() as *const c_char, data.len() as ffi::Py_ssize_t),
            )
        }
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

impl PyTuple {
    /// A tuple of the given items.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let t = PyTuple::new(py, vec![1.into_py(py)?, "two".into_py(py)?])?;
    /// assert_eq!(t.extract::<(i64, String)>()?, (1, "two".to_string()));
    /// # Ok(()) });
    /// ```
    pub fn new<'py>(py: Python<'py>, items: Vec<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyTuple>> {
        // SAFETY: PyTuple_New returns a new tuple of the given size or NULL; each slot of the
        // fresh tuple is then filled once (SetItem steals the item reference).
        unsafe {
            let tuple: Bound<'py, PyTuple> =
                Bound::from_owned_ptr_or_err_as(py, ffi::PyTuple_New(items.len() as ffi::Py_ssize_t))?;
            for (i, item) in items.into_iter().enumerate() {
                ffi::PyTuple_SetItem(tuple.as_ptr(), i as ffi::Py_ssize_t, item.into_ptr());
            }
            Ok(tuple)
        }
    }
}

impl<'py> Bound<'py, PyTuple> {
    /// Number of items.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert_eq!(PyTuple::new(py, vec![py.None(), py.None()])?.len(), 2);
    /// # Ok(()) });
    /// ```
    pub fn len(&self) -> usize {
        ffi_safe::PyTuple_Size(self) as usize
    }

    /// True when empty.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(PyTuple::new(py, vec![])?.is_empty());
    /// # Ok(()) });
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Item `i` (a new reference); IndexError when out of range.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let t = PyTuple::new(py, vec![10.into_py(py)?])?;
    /// assert_eq!(t.get_item(0)?.extract::<i64>()?, 10);
    /// assert!(t.get_item(1).unwrap_err().is_instance_of::<PyIndexError>(py));
    /// # Ok(()) });
    /// ```
    pub fn get_item(&self, i: usize) -> PyResult<Bound<'py, PyAny>> {
        ffi_safe::PyTuple_GetItem(self, index(i))
    }
}

impl PyList {
    /// An empty list.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let list = PyList::empty(py)?;
    /// assert!(list.is_empty());
    /// assert_eq!(list.repr()?.extract::<String>()?, "[]");
    /// # Ok(()) });
    /// ```
    pub fn empty(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
        // SAFETY: a new list or NULL.
        unsafe { Bound::from_owned_ptr_or_err_as(py, ffi::PyList_New(0)) }
    }
}

impl<'py> Bound<'py, PyList> {
    /// Number of items.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = vec![1, 2, 3].into_py(py)?;
    /// assert_eq!(obj.downcast::<PyList>()?.len(), 3);
    /// # Ok(()) });
    /// ```
    pub fn len(&self) -> usize {
        ffi_safe::PyList_Size(self) as usize
    }

    /// True when empty.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let list = PyList::empty(py)?;
    /// assert!(list.is_empty());
    /// list.append(py.None())?;
    /// assert!(!list.is_empty());
    /// # Ok(()) });
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Append an item.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let list = PyList::empty(py)?;
    /// list.append("a".into_py(py)?)?;
    /// list.append(1.into_py(py)?)?;
    /// assert_eq!(list.repr()?.extract::<String>()?, "['a', 1]");
    /// # Ok(()) });
    /// ```
    pub fn append(&self, item: Bound<'py, PyAny>) -> PyResult<()> {
        ffi_safe::PyList_Append(self, &item)
    }

    /// Item `i` (a new reference); IndexError when out of range.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let list = PyList::empty(py)?;
    /// list.append(7.into_py(py)?)?;
    /// assert_eq!(list.get_item(0)?.extract::<i64>()?, 7);
    /// assert!(list.get_item(5).unwrap_err().is_instance_of::<PyIndexError>(py));
    /// # Ok(()) });
    /// ```
    pub fn get_item(&self, i: usize) -> PyResult<Bound<'py, PyAny>> {
        // abi3t: a new reference, as other threads may change the list meanwhile on a
        // free-threaded build.
        #[cfg(not(feature = "abi3t"))]
        return ffi_safe::PyList_GetItem(self, index(i));
        #[cfg(feature = "abi3t")]
        return ffi_safe::PyList_GetItemRef(self, index(i));
    }
}

impl PyDict {
    /// An empty dict.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let d = PyDict::new(py)?;
    /// d.set_item("k".into_py(py)?, 1.into_py(py)?)?;
    /// assert_eq!(d.repr()?.extract::<String>()?, "{'k': 1}");
    /// # Ok(()) });
    /// ```
    pub fn new(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        ffi_safe::PyDict_New(py)
    }
}

impl<'py> Bound<'py, PyDict> {
    /// `self[key] = value`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let d = PyDict::new(py)?;
    /// d.set_item("a".into_py(py)?, 1.into_py(py)?)?;
    /// d.set_item("a".into_py(py)?, 2.into_py(py)?)?;
    /// assert_eq!(d.extract::<std::collections::HashMap<String, i64>>()?["a"], 2);
    /// # Ok(()) });
    /// ```
    pub fn set_item(&self, key: Bound<'py, PyAny>, value: Bound<'py, PyAny>) -> PyResult<()> {
        ffi_safe::PyDict_SetItem(self, &key, &value)
    }

    /// `self.get(key)`; errors from hashing propagate.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let d = PyDict::new(py)?;
    /// d.set_item("a".into_py(py)?, 1.into_py(py)?)?;
    /// assert_eq!(d.get_item(&"a".into_py(py)?)?.map(|v| v.extract::<i64>()).transpose()?, Some(1));
    /// assert!(d.get_item(&"b".into_py(py)?)?.is_none());
    /// // an unhashable key raises
    /// assert!(d.get_item(&PyList::empty(py)?.into_any()).unwrap_err().is_instance_of::<PyTypeError>(py));
    /// # Ok(()) });
    /// ```
    pub fn get_item(&self, key: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
        #[cfg(feature = "abi3t")]
        {
            let py = self.py();
            let mut item = std::ptr::null_mut();
            // SAFETY: a dict and a key; 1 with a new reference in `item` (strong: other threads
            // may change the dict meanwhile), 0, or -1 with an exception.
            return unsafe {
                match ffi::PyDict_GetItemRef(self.as_ptr(), key.as_ptr(), &mut item) {
                    1 => Ok(Some(Bound::from_owned_ptr(py, item))),
                    0 => Ok(None),
                    _ => Err(PyErr::fetch(py)),
                }
            };
        }
        #[cfg(not(feature = "abi3t"))]
        return ffi_safe::PyDict_GetItemWithError(self, key);
    }

    /// Number of items.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let d = PyDict::new(py)?;
    /// d.set_item(1.into_py(py)?, py.None())?;
    /// d.set_item(2.into_py(py)?, py.None())?;
    /// assert_eq!(d.len(), 2);
    /// # Ok(()) });
    /// ```
    pub fn len(&self) -> usize {
        ffi_safe::PyDict_Size(self) as usize
    }

    /// True when empty.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(PyDict::new(py)?.is_empty());
    /// # Ok(()) });
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The items, as new references, in insertion order.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let d = PyDict::new(py)?;
    /// d.set_item("x".into_py(py)?, 1.into_py(py)?)?;
    /// d.set_item("y".into_py(py)?, 2.into_py(py)?)?;
    /// let mut sum = 0;
    /// for (key, value) in d.items() {
    ///     assert!(key.downcast::<PyString>().is_ok());
    ///     sum += value.extract::<i64>()?;
    /// }
    /// assert_eq!(sum, 3);
    /// # Ok(()) });
    /// ```
    pub fn items(&self) -> Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let py = self.py();
        // abi3t: another thread may change the dict during a PyDict_Next walk on a
        // free-threaded build; `PyDict_Items` copies the pairs in one locked step.
        #[cfg(feature = "abi3t")]
        {
            // Our own list of 2-tuples: each read below succeeds (MemoryError: the walk).
            if let Ok(pairs) = ffi_safe::PyDict_Items(self) {
                let pair = |i| pairs.get_item(i).and_then(|p| p.downcast_into::<PyTuple>());
                let kv = |t: Bound<'py, PyTuple>| Some((t.get_item(0).ok()?, t.get_item(1).ok()?));
                return (0..pairs.len()).filter_map(|i| pair(i).ok().and_then(kv)).collect();
            }
        }
        let mut out = Vec::with_capacity(self.len());
        let mut pos: ffi::Py_ssize_t = 0;
        let (mut k, mut v) = (std::ptr::null_mut(), std::ptr::null_mut());
        // SAFETY: a dict; PyDict_Next yields non-null borrowed references that we incref at
        // once, and nothing runs Python code between calls (no mutation during the walk).
        unsafe {
            while ffi::PyDict_Next(self.as_ptr(), &mut pos, &mut k, &mut v) != 0 {
                out.push((Bound::from_borrowed_ptr(py, k), Bound::from_borrowed_ptr(py, v)));
            }
        }
        out
    }
}
