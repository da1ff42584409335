//! Object handles.
//!
//! [`Bound<'py, T>`] owns one strong reference and is tied to the GIL token's lifetime; its
//! `Drop` releases it (`Py_DECREF`). [`Py<T>`] owns a reference without a GIL lifetime (it may be
//! stored and sent between threads) and is bound again with [`Py::bind`]. `T` is a marker
//! naming the Python type ([`PyAny`] when unknown; see [`crate::types`]).
//! Refcounting is inline, as the C macros of the 3.7 Limited API do it: see `incref` in this file.
//!
//! ```
//! # limpet::__private::doctest(|py| {
//! use limpet::prelude::*;
//! let obj: Bound<'_, PyAny> = vec![1, 2].into_py(py)?; // tied to the GIL lifetime
//! let stored: Py<PyAny> = obj.clone().unbind(); // storable, Send
//! assert!(stored.bind(py).is(&obj));
//! # Ok(()) });
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::ptr::NonNull;

use abi3_sys as ffi;

use crate::convert::{FromPyObject, IntoPy};
use crate::err::{PyErr, PyResult};
use crate::ffi_safe;
use crate::gil::Python;
use crate::types::{PyString, PyTypeCheck};

/// Marker for a Python object of any type.
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// let items = [1.into_py(py)?, "a".into_py(py)?, py.None()];
/// let names: Vec<String> = items.iter().map(|obj| obj.type_name()).collect();
/// assert_eq!(names, ["int", "str", "NoneType"]);
/// # Ok(()) });
/// ```
pub struct PyAny(());

/// An owned reference to a Python object of type `T`, valid while the GIL is held.
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// let s: Bound<'_, PyString> = PyString::new(py, "abc")?;
/// let any: Bound<'_, PyAny> = s.clone().into_any(); // another reference (Py_INCREF)
/// assert_eq!(any.len()?, 3);
/// drop(any); // releases it (Py_DECREF)
/// # Ok(()) });
/// ```
#[repr(transparent)]
pub struct Bound<'py, T = PyAny> {
    ptr: NonNull<ffi::PyObject>,
    _marker: PhantomData<(Python<'py>, *const T)>,
}

/// Whether reference counts are changed inline (`ob_refcnt` arithmetic, `_Py_Dealloc` at
/// zero) or through the `Py_IncRef`/`Py_DecRef` functions. THE one switch (issue 12).
///
/// Inline, because that is exactly what every C extension built against the 3.7 Limited API
/// does (its `Py_INCREF`/`Py_DECREF` are `ob_refcnt++` and `if (--ob_refcnt == 0)
/// _Py_Dealloc(op)`, `_Py_Dealloc` being exported on every version), and CPython keeps such
/// binaries working on every later GIL build:
/// - 3.12+ immortal objects (PEP 683, "Stable ABI" and "Accidental De-Immortalizing"): the
///   immortal count is chosen so that old-ABI inline arithmetic cannot reach zero. On 64-bit
///   3.12/3.13 it is `UINT_MAX` in the low 32 bits, and immortality is tested on the low 32
///   bits; an inline `++` can leave it momentarily "mortal" at 2^32, but then every decrement
///   (ours or CPython's) takes it back, and getting to zero would need ~4 billion unpaired
///   decrements. 3.14+ starts immortals at `3 << 30` precisely "so the refcount can be off by
///   ~1 billion" for stable-ABI extensions built against <= 3.11. The de-immortalizing risk
///   PEP 683 describes is for 32-bit builds, which limpet does not target (`ob_refcnt` here is
///   64-bit: see the `cfg` below).
/// - We never read a count for logic; we only add and subtract our own references.
///
/// Measured (benches/instructions.py, callgrind, `sum_list(1000)`: one incref/decref pair per
/// item): with `Py_IncRef`/`Py_DecRef` 70.4k instructions on 3.11 and 85.6k on 3.15, inline
/// 60.4k and 68.6k, i.e. the functions cost ~10 (3.11) and ~17 (3.15) instructions per pair
/// more (a call each, and immortality checks on 3.12+).
/// Free-threaded builds (3.13t+) use a different object header and never load an abi3 module;
/// the abi3t binary (feature `abi3t`, PEP 803: opaque `PyObject`, biased atomic counts on
/// free-threaded builds) always goes through the functions, and reads types with the
/// `Py_TYPE` function (abi3-sys declares it so under that feature): there the inline arm is
/// compiled out (the header has no `ob_refcnt` field to name).
#[cfg(not(feature = "abi3t"))]
const INLINE_REFCOUNT: bool = cfg!(target_pointer_width = "64");

/// Take a new strong reference to `op` (`Py_INCREF`).
///
/// # Safety
/// `op` is a valid, non-NULL object and the GIL is held.
#[inline(always)]
pub(crate) unsafe fn incref(op: *mut ffi::PyObject) {
    #[cfg(not(feature = "abi3t"))]
    if INLINE_REFCOUNT {
        // SAFETY: a valid object (contract) whose header has a Py_ssize_t ob_refcnt (Stable
        // ABI `members` struct); the GIL serializes every access to it. Wrapping: the count is
        // never near isize::MAX except on immortals, whose value is irrelevant (see above).
        unsafe {
            let rc = std::ptr::addr_of_mut!((*op).ob_refcnt);
            *rc = (*rc).wrapping_add(1);
        }
        return;
    }
    // SAFETY: a valid object, GIL held (abi3t: this thread attached).
    unsafe { ffi::Py_IncRef(op) }
}

/// Release a strong reference to `op` (`Py_DECREF`): deallocates at zero.
///
/// # Safety
/// `op` is a valid, non-NULL object whose reference the caller owns, and the GIL is held.
#[inline(always)]
pub(crate) unsafe fn decref(op: *mut ffi::PyObject) {
    #[cfg(not(feature = "abi3t"))]
    if INLINE_REFCOUNT {
        // SAFETY: as in `incref`; at zero nobody else holds a reference, and `_Py_Dealloc` is
        // what CPython's own macro calls then (exported, abi_only, on every version).
        unsafe {
            let rc = std::ptr::addr_of_mut!((*op).ob_refcnt);
            let n = (*rc).wrapping_sub(1);
            *rc = n;
            if n == 0 {
                ffi::_Py_Dealloc(op);
            }
        }
        return;
    }
    // SAFETY: an owned reference to a valid object, GIL held (abi3t: this thread attached).
    unsafe { ffi::Py_DecRef(op) }
}

impl<'py, T> Drop for Bound<'py, T> {
    fn drop(&mut self) {
        // SAFETY: we own one reference and the GIL is held for 'py.
        unsafe { decref(self.ptr.as_ptr()) }
    }
}

impl<'py, T> Clone for Bound<'py, T> {
    fn clone(&self) -> Self {
        // SAFETY: the object is alive (we own a reference) and the GIL is held.
        unsafe { incref(self.ptr.as_ptr()) };
        Bound { ptr: self.ptr, _marker: PhantomData }
    }
}

impl<'py> Bound<'py, PyAny> {
    /// Take ownership of a new reference.
    ///
    /// # Safety
    /// `ptr` must be a new (owned) reference and the GIL held for `'py` (NULL panics).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// // SAFETY: PyLong_FromLong returns a new reference (checked non-null); the GIL is held.
    /// let n = unsafe {
    ///     let ptr = abi3_sys::PyLong_FromLong(42);
    ///     assert!(!ptr.is_null());
    ///     Bound::from_owned_ptr(py, ptr)
    /// };
    /// assert_eq!(n.extract::<i64>()?, 42);
    /// # Ok(()) });
    /// ```
    #[inline]
    pub unsafe fn from_owned_ptr(_py: Python<'py>, ptr: *mut ffi::PyObject) -> Self {
        let ptr = NonNull::new(ptr).expect("limpet: Bound::from_owned_ptr(NULL)");
        Bound { ptr, _marker: PhantomData }
    }

    /// Take ownership of a new reference, or fetch the raised exception when `ptr` is NULL.
    ///
    /// # Safety
    /// `ptr` must be NULL (with an exception set) or a new reference; the GIL held for `'py`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let text = c"12x";
    /// // SAFETY: a NUL-terminated string; the result is a new reference or NULL with an exception.
    /// let result = unsafe {
    ///     Bound::from_owned_ptr_or_err(py, abi3_sys::PyLong_FromString(text.as_ptr(), std::ptr::null_mut(), 10))
    /// };
    /// assert!(result.unwrap_err().is_instance_of::<PyValueError>(py));
    /// # Ok(()) });
    /// ```
    #[inline]
    pub unsafe fn from_owned_ptr_or_err(py: Python<'py>, ptr: *mut ffi::PyObject) -> PyResult<Self> {
        match NonNull::new(ptr) {
            Some(ptr) => Ok(Bound { ptr, _marker: PhantomData }),
            None => Err(PyErr::fetch(py)),
        }
    }

    /// Take a new reference to a borrowed object.
    ///
    /// # Safety
    /// `ptr` must be a non-null valid object pointer and the GIL held for `'py`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// // SAFETY: Py_None returns the (borrowed, never NULL) None singleton; the GIL is held.
    /// let none = unsafe { Bound::from_borrowed_ptr(py, abi3_sys::Py_None()) };
    /// assert!(none.is_none());
    /// # Ok(()) });
    /// ```
    #[inline]
    pub unsafe fn from_borrowed_ptr(py: Python<'py>, ptr: *mut ffi::PyObject) -> Self {
        // SAFETY: valid object per the contract, GIL held; the reference taken is the one the
        // new Bound owns.
        unsafe {
            incref(ptr);
            Self::from_owned_ptr(py, ptr)
        }
    }

    /// Take ownership of a new reference, or `None` when `ptr` is NULL (for the FFI calls
    /// where NULL may mean "no result" as well as an error: `PyIter_Next`, `PyException_GetCause`).
    ///
    /// # Safety
    /// `ptr` must be NULL or a new (owned) reference, and the GIL held for `'py`.
    #[inline]
    pub(crate) unsafe fn from_owned_ptr_or_opt(py: Python<'py>, ptr: *mut ffi::PyObject) -> Option<Self> {
        let _ = py;
        NonNull::new(ptr).map(|ptr| Bound { ptr, _marker: PhantomData })
    }

    /// Take a new reference to a borrowed object, or `None` when `ptr` is NULL (for the
    /// FFI getters returning a borrowed reference or NULL: `PyTuple_GetItem`, `PyDict_Next`...).
    ///
    /// # Safety
    /// `ptr` must be NULL or a valid object pointer, and the GIL held for `'py`.
    #[inline]
    pub(crate) unsafe fn from_borrowed_ptr_or_opt(py: Python<'py>, ptr: *mut ffi::PyObject) -> Option<Self> {
        let _ = py;
        let ptr = NonNull::new(ptr)?;
        // SAFETY: a valid object per the contract, GIL held; the reference taken is the one
        // the new Bound owns.
        unsafe { incref(ptr.as_ptr()) };
        Some(Bound { ptr, _marker: PhantomData })
    }

    /// View a borrowed pointer stored in memory as a `&Bound` without touching its refcount.
    ///
    /// # Safety
    /// `*slot` must be a non-null object kept alive by someone else for `'a`, GIL held.
    #[inline]
    pub(crate) unsafe fn ref_from_slot<'a>(slot: &'a *mut ffi::PyObject) -> &'a Bound<'py, PyAny> {
        // SAFETY: Bound is repr(transparent) over a non-null pointer; the caller guarantees
        // non-null and liveness, and a shared reference never runs Drop.
        unsafe { &*(slot as *const *mut ffi::PyObject as *const Bound<'py, PyAny>) }
    }
}

impl<'py, T> Bound<'py, T> {
    /// The raw pointer (borrowed).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let a = 1.into_py(py)?;
    /// let b = a.clone();
    /// assert_eq!(a.as_ptr(), b.as_ptr()); // the same object
    /// // SAFETY: a valid object and the GIL is held.
    /// assert_eq!(unsafe { abi3_sys::PyObject_IsTrue(a.as_ptr()) }, 1);
    /// # Ok(()) });
    /// ```
    #[inline]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.ptr.as_ptr()
    }

    /// The object's type (`Py_TYPE`), a borrowed pointer valid while `self` lives.
    #[inline]
    pub(crate) fn type_ptr(&self) -> *mut ffi::PyTypeObject {
        // SAFETY: a valid object (we own a reference), so its header can be read.
        unsafe { ffi::Py_TYPE(self.as_ptr()) }
    }

    /// Give up ownership, returning the raw (owned) pointer.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let ptr = "owned".into_py(py)?.into_ptr(); // this reference is now ours to release
    /// // SAFETY: `ptr` is the new reference `into_ptr` gave up; `from_owned_ptr` takes it back.
    /// let back = unsafe { Bound::from_owned_ptr(py, ptr) };
    /// assert_eq!(back.extract::<String>()?, "owned");
    /// # Ok(()) });
    /// ```
    #[inline]
    pub fn into_ptr(self) -> *mut ffi::PyObject {
        let ptr = self.ptr.as_ptr();
        std::mem::forget(self);
        ptr
    }

    /// The GIL token.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// fn none_like<'py>(obj: &Bound<'py, PyAny>) -> Bound<'py, PyAny> {
    ///     obj.py().None() // the token comes with the handle
    /// }
    /// assert!(none_like(&1.into_py(py)?).is_none());
    /// # Ok(()) });
    /// ```
    #[inline]
    pub fn py(&self) -> Python<'py> {
        // SAFETY: a Bound<'py> exists only while the GIL is held for 'py.
        unsafe { Python::assume_gil_acquired() }
    }

    /// Forget the static type: `Bound<PyAny>`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let list: Bound<'_, PyList> = PyList::empty(py)?;
    /// let any: Bound<'_, PyAny> = list.into_any();
    /// assert_eq!(any.type_name(), "list");
    /// # Ok(()) });
    /// ```
    #[inline]
    pub fn into_any(self) -> Bound<'py, PyAny> {
        // The same owned reference and GIL lifetime; every object is a PyAny.
        let ptr = self.ptr;
        std::mem::forget(self);
        Bound { ptr, _marker: PhantomData }
    }

    /// Borrow as `&Bound<PyAny>`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// fn describe(obj: &Bound<'_, PyAny>) -> String {
    ///     obj.type_name()
    /// }
    /// let d = PyDict::new(py)?;
    /// assert_eq!(describe(d.as_any()), "dict");
    /// # Ok(()) });
    /// ```
    #[inline]
    pub fn as_any(&self) -> &Bound<'py, PyAny> {
        // SAFETY: Bound<T> and Bound<PyAny> have the same layout; T is only a marker.
        unsafe { &*(self as *const Self as *const Bound<'py, PyAny>) }
    }

    /// Reinterpret the static type without a check.
    ///
    /// # Safety
    /// The object must be an instance of what `U` names.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = py.import("builtins")?.getattr("str")?.call1((5,))?;
    /// // SAFETY: str(...) always returns a str.
    /// let s: Bound<'_, PyString> = unsafe { obj.cast_unchecked() };
    /// let mut holder = None;
    /// assert_eq!(s.to_str(&mut holder)?, "5");
    /// # Ok(()) });
    /// ```
    #[inline]
    pub unsafe fn cast_unchecked<U>(self) -> Bound<'py, U> {
        let ptr = self.ptr;
        std::mem::forget(self);
        Bound { ptr, _marker: PhantomData }
    }

    /// Take ownership of a new reference to a `T`, or fetch the raised exception when `ptr` is
    /// NULL: [`Bound::from_owned_ptr_or_err`] and [`Bound::cast_unchecked`] in one step, for
    /// the FFI constructors whose result type is documented (`PyList_New`, `PyObject_Str`, ...).
    ///
    /// # Safety
    /// `ptr` must be NULL (with an exception set) or a new reference to an instance of what
    /// `T` names; the GIL held for `'py`.
    #[inline]
    pub(crate) unsafe fn from_owned_ptr_or_err_as(py: Python<'py>, ptr: *mut ffi::PyObject) -> PyResult<Self> {
        match NonNull::new(ptr) {
            Some(ptr) => Ok(Bound { ptr, _marker: PhantomData }),
            None => Err(PyErr::fetch(py)),
        }
    }

    /// The same owned reference as a `Bound<PyAny>` tied to the token `py` (the GIL is held
    /// for both lifetimes).
    #[inline]
    pub(crate) fn rebind<'p>(self, py: Python<'p>) -> Bound<'p, PyAny> {
        let _ = py;
        let ptr = self.ptr;
        std::mem::forget(self);
        Bound { ptr, _marker: PhantomData }
    }

    /// Detach from the GIL lifetime.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// struct Cache {
    ///     value: Py<PyAny>, // no lifetime: storable in structs and statics
    /// }
    /// let cache = Cache { value: "kept".into_py(py)?.unbind() };
    /// assert_eq!(cache.value.bind(py).extract::<String>()?, "kept");
    /// # Ok(()) });
    /// ```
    pub fn unbind(self) -> Py<T> {
        let ptr = self.ptr;
        std::mem::forget(self);
        Py { ptr, _marker: PhantomData }
    }
}

/// The interpreter's static singleton objects.
#[derive(Clone, Copy)]
pub(crate) enum Singleton {
    /// `None`.
    None,
    /// `NotImplemented`.
    NotImplemented,
    /// `True`.
    True,
    /// `False`.
    False,
}

impl Singleton {
    /// The object's address (what `Py_None()` and friends return). Taking the address of an
    /// extern static needs no `unsafe`; the object lives as long as the interpreter.
    #[inline]
    pub(crate) fn as_ptr(self) -> *mut ffi::PyObject {
        match self {
            Singleton::None => std::ptr::addr_of_mut!(ffi::_Py_NoneStruct),
            Singleton::NotImplemented => std::ptr::addr_of_mut!(ffi::_Py_NotImplementedStruct),
            Singleton::True => std::ptr::addr_of_mut!(ffi::_Py_TrueStruct),
            Singleton::False => std::ptr::addr_of_mut!(ffi::_Py_FalseStruct),
        }
    }

    /// A new reference to the object.
    #[inline]
    pub(crate) fn bind(self, py: Python<'_>) -> Bound<'_, PyAny> {
        // SAFETY: a static object of the running interpreter, never NULL; the GIL is held
        // (`py`); the reference taken is the one the new Bound owns.
        unsafe { Bound::from_borrowed_ptr(py, self.as_ptr()) }
    }
}

impl<'py, T> std::ops::Deref for Bound<'py, T>
where
    T: crate::types::PyNative,
{
    type Target = Bound<'py, PyAny>;
    fn deref(&self) -> &Self::Target {
        self.as_any()
    }
}

impl<'py> Bound<'py, PyAny> {
    /// Check the type and convert to `Bound<U>`; a `TypeError` naming both types otherwise.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = vec![1].into_py(py)?;
    /// assert_eq!(obj.downcast::<PyList>()?.len(), 1);
    /// let err = obj.downcast::<PyDict>().err().unwrap();
    /// assert_eq!(err.to_string(), "TypeError: expected dict, got list");
    /// # Ok(()) });
    /// ```
    pub fn downcast<U: PyTypeCheck>(&self) -> PyResult<&Bound<'py, U>> {
        if U::type_check(self) {
            // SAFETY: same layout; the type was checked.
            Ok(unsafe { &*(self as *const Self as *const Bound<'py, U>) })
        } else {
            Err(PyErr::downcast(self, U::NAME))
        }
    }

    /// Owned form of [`Bound::downcast`].
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = (1, 2).into_py(py)?;
    /// let t: Bound<'_, PyTuple> = obj.downcast_into::<PyTuple>()?;
    /// assert_eq!(t.len(), 2);
    /// # Ok(()) });
    /// ```
    pub fn downcast_into<U: PyTypeCheck>(self) -> PyResult<Bound<'py, U>> {
        if U::type_check(&self) {
            // SAFETY: the type was checked.
            Ok(unsafe { self.cast_unchecked() })
        } else {
            Err(PyErr::downcast(&self, U::NAME))
        }
    }

    /// Convert to a Rust value.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = vec![1.5, 2.5].into_py(py)?;
    /// let v: Vec<f64> = obj.extract()?;
    /// assert_eq!(v, [1.5, 2.5]);
    /// assert!(obj.extract::<String>().unwrap_err().is_instance_of::<PyTypeError>(py));
    /// # Ok(()) });
    /// ```
    pub fn extract<T: FromPyObject<'py>>(&self) -> PyResult<T> {
        T::extract(self)
    }

    /// `type(self)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let ty = 1.into_py(py)?.get_type();
    /// assert!(ty.is(&py.import("builtins")?.getattr("int")?));
    /// # Ok(()) });
    /// ```
    pub fn get_type(&self) -> Bound<'py, PyAny> {
        ffi_safe::PyObject_Type(self).expect("limpet: type(obj) is never NULL for a live object")
    }

    /// `type(self).__name__`, for messages.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert_eq!(2.5.into_py(py)?.type_name(), "float");
    /// # Ok(()) });
    /// ```
    pub fn type_name(&self) -> String {
        self.get_type()
            .getattr("__name__")
            .and_then(|n| n.extract::<String>())
            .unwrap_or_else(|_| String::from("object"))
    }

    /// `self.name`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let math = py.import("math")?;
    /// assert_eq!(math.getattr("pi")?.extract::<f64>()?, std::f64::consts::PI);
    /// assert!(math.getattr("nope").unwrap_err().is_instance_of::<PyAttributeError>(py));
    /// # Ok(()) });
    /// ```
    pub fn getattr(&self, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let name = PyString::new(self.py(), name)?;
        ffi_safe::PyObject_GetAttr(self, &name)
    }

    /// `self.name = value`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let ns = py.import("types")?.getattr("SimpleNamespace")?.call0()?;
    /// ns.setattr("answer", 42)?;
    /// assert_eq!(ns.getattr("answer")?.extract::<i64>()?, 42);
    /// # Ok(()) });
    /// ```
    pub fn setattr(&self, name: &str, value: impl IntoPy) -> PyResult<()> {
        let py = self.py();
        let name = PyString::new(py, name)?;
        let value = value.into_py(py)?;
        self.set_attr_raw(&name, Some(&value))
    }

    /// `PyObject_SetAttr`: set `name` to `value`, or delete it when `value` is `None`.
    pub(crate) fn set_attr_raw(&self, name: &Bound<'py, PyString>, value: Option<&Bound<'py, PyAny>>) -> PyResult<()> {
        ffi_safe::PyObject_SetAttr(self, name, value)
    }

    /// `hasattr(self, name)` (errors other than AttributeError propagate).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let s = "text".into_py(py)?;
    /// assert!(s.hasattr("upper")?);
    /// assert!(!s.hasattr("nope")?);
    /// # Ok(()) });
    /// ```
    pub fn hasattr(&self, name: &str) -> PyResult<bool> {
        match self.getattr(name) {
            Ok(_) => Ok(true),
            Err(e) if e.is_instance_of::<crate::exceptions::PyAttributeError>(self.py()) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// `repr(self)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let s = "it's".into_py(py)?;
    /// assert_eq!(s.repr()?.extract::<String>()?, r#""it's""#);
    /// // `Debug` for Bound<PyAny> uses repr()
    /// assert_eq!(format!("{:?}", s), r#""it's""#);
    /// # Ok(()) });
    /// ```
    pub fn repr(&self) -> PyResult<Bound<'py, PyString>> {
        ffi_safe::PyObject_Repr(self)
    }

    /// `str(self)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert_eq!(3.into_py(py)?.str()?.extract::<String>()?, "3");
    /// // `Display` for Bound<PyAny> uses str()
    /// assert_eq!(format!("{}", 2.5.into_py(py)?), "2.5");
    /// # Ok(()) });
    /// ```
    pub fn str(&self) -> PyResult<Bound<'py, PyString>> {
        ffi_safe::PyObject_Str(self)
    }

    /// `self is other`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(py.None().is(&py.None()));
    /// assert!(!vec![1].into_py(py)?.is(&vec![1].into_py(py)?)); // equal, not identical
    /// # Ok(()) });
    /// ```
    pub fn is(&self, other: &Bound<'_, PyAny>) -> bool {
        self.as_ptr() == other.as_ptr()
    }

    /// `self is None`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(None::<i64>.into_py(py)?.is_none());
    /// assert!(!0.into_py(py)?.is_none());
    /// # Ok(()) });
    /// ```
    pub fn is_none(&self) -> bool {
        self.as_ptr() == Singleton::None.as_ptr()
    }

    /// `bool(self)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(!"".into_py(py)?.is_truthy()?);
    /// assert!(vec![0].into_py(py)?.is_truthy()?);
    /// # Ok(()) });
    /// ```
    pub fn is_truthy(&self) -> PyResult<bool> {
        ffi_safe::PyObject_IsTrue(self)
    }

    /// `isinstance(self, ty)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let exception = py.import("builtins")?.getattr("Exception")?;
    /// let err = PyValueError::new_err("bad").into_value(py);
    /// assert!(err.is_instance(&exception)?);
    /// assert!(!1.into_py(py)?.is_instance(&exception)?);
    /// # Ok(()) });
    /// ```
    pub fn is_instance(&self, ty: &Bound<'py, PyAny>) -> PyResult<bool> {
        ffi_safe::PyObject_IsInstance(self, ty)
    }
}

impl fmt::Debug for Bound<'_, PyAny> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.repr().and_then(|r| r.extract::<String>()) {
            Ok(s) => f.write_str(&s),
            Err(_) => f.write_str("<unprintable object>"),
        }
    }
}

impl fmt::Display for Bound<'_, PyAny> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.str().and_then(|r| r.extract::<String>()) {
            Ok(s) => f.write_str(&s),
            Err(_) => f.write_str("<unprintable object>"),
        }
    }
}

/// An owned reference not tied to a GIL lifetime: storable in structs and statics, `Send`.
/// Dropping it takes the GIL (through `PyGILState_Ensure`) to release the reference; once the
/// interpreter is shutting down, a thread without the GIL leaks it instead (the GIL cannot be
/// taken any more).
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// use std::sync::Mutex;
/// static LAST: Mutex<Option<Py<PyAny>>> = Mutex::new(None);
/// *LAST.lock().unwrap() = Some("remembered".into_py(py)?.unbind());
/// let text: String = LAST.lock().unwrap().as_ref().unwrap().bind(py).extract()?;
/// assert_eq!(text, "remembered");
/// *LAST.lock().unwrap() = None; // dropping releases the reference
/// # Ok(()) });
/// ```
#[repr(transparent)]
pub struct Py<T = PyAny> {
    ptr: NonNull<ffi::PyObject>,
    _marker: PhantomData<*const T>,
}

// SAFETY: a Py only touches the object while holding the GIL (bind requires a token, Drop
// acquires the GIL), so it may move between threads.
unsafe impl<T> Send for Py<T> {}
// SAFETY: shared access gives only the pointer value; using it needs the GIL.
unsafe impl<T> Sync for Py<T> {}

impl<T> Py<T> {
    /// Bind to the GIL token.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let stored: Py<PyAny> = vec![1, 2].into_py(py)?.unbind();
    /// assert_eq!(stored.bind(py).len()?, 2);
    /// # Ok(()) });
    /// ```
    pub fn bind<'py>(&self, py: Python<'py>) -> Bound<'py, T> {
        let _ = py;
        // SAFETY: we own a reference, so the object is alive; the GIL is held (`py`). The new
        // reference is the one the returned Bound owns; the object has the type T we have.
        unsafe { incref(self.ptr.as_ptr()) };
        Bound { ptr: self.ptr, _marker: PhantomData }
    }

    /// Consume and bind.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let stored: Py<PyAny> = "x".into_py(py)?.unbind();
    /// let bound: Bound<'_, PyAny> = stored.into_bound(py); // no reference count change
    /// assert_eq!(bound.extract::<String>()?, "x");
    /// # Ok(()) });
    /// ```
    pub fn into_bound(self, py: Python<'_>) -> Bound<'_, T> {
        // Our owned reference moves into the Bound, tied to the GIL token `py`.
        let _ = py;
        let ptr = self.ptr;
        std::mem::forget(self);
        Bound { ptr, _marker: PhantomData }
    }

    /// The raw pointer (borrowed).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let stored = 1.into_py(py)?.unbind();
    /// assert_eq!(stored.as_ptr(), stored.bind(py).as_ptr());
    /// # Ok(()) });
    /// ```
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.ptr.as_ptr()
    }

    /// Another reference to the same object.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let a: Py<PyAny> = PyList::empty(py)?.into_any().unbind();
    /// let b = a.clone_ref(py);
    /// assert!(a.bind(py).is(&b.bind(py)));
    /// # Ok(()) });
    /// ```
    pub fn clone_ref(&self, py: Python<'_>) -> Py<T> {
        self.bind(py).unbind()
    }
}

impl<T> Drop for Py<T> {
    fn drop(&mut self) {
        let ptr = self.ptr;
        // Our owned reference is released by Bound's Drop (Py_DecRef) with the GIL taken.
        // `None`: the interpreter is finalizing (or was finalized) and this thread does not
        // hold the GIL, which it must not take any more: the object is leaked.
        let _ = crate::gil::try_with_gil(|_py| drop(Bound::<'_, PyAny> { ptr, _marker: PhantomData }));
    }
}

impl<T> fmt::Debug for Py<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Py({:p})", self.ptr)
    }
}

// `Bound` and `Py` are viewed in place of raw pointers (argument slots, `as_any`): their
// layout must stay exactly one pointer.
static_assertions::assert_eq_size!(Bound<'static, PyAny>, *mut ffi::PyObject);
static_assertions::assert_eq_size!(Py<PyAny>, *mut ffi::PyObject);
static_assertions::assert_eq_size!(Option<Bound<'static, PyAny>>, *mut ffi::PyObject);
