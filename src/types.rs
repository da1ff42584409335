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

mod dict;
mod sequence;
mod text;

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
