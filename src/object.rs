//! Object handles.
//!
//! [`Bound<'py, T>`] owns one strong reference and is tied to the GIL token's lifetime; its
//! `Drop` releases it (`Py_DECREF`). [`Py<T>`] owns a reference without a GIL lifetime (it may be
//! stored and sent between threads) and is bound again with [`Py::bind`]. `T` is a marker
//! naming the Python type ([`PyAny`] when unknown; see [`crate::types`]).
//! Refcounting is inline, as the C macros of the 3.7 Limited API do it: see `incref` in `object/refcount.rs`.
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

mod any;
mod py;
mod refcount;

pub use py::Py;
pub(crate) use refcount::{decref, incref};

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
        let _ = py;
        // The address of a static is never NULL.
        let Some(ptr) = NonNull::new(self.as_ptr()) else { unreachable!("a static's address") };
        // The static object (alive as long as the interpreter) viewed as a `Bound` for the
        // GIL lifetime of `py` and never dropped; its clone takes the new reference
        // (`Bound::clone`, the audited incref) that the returned Bound owns.
        let object = std::mem::ManuallyDrop::new(Bound { ptr, _marker: PhantomData });
        Bound::clone(&object)
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

// `Bound` and `Py` are viewed in place of raw pointers (argument slots, `as_any`): their
// layout must stay exactly one pointer.
static_assertions::assert_eq_size!(Bound<'static, PyAny>, *mut ffi::PyObject);
static_assertions::assert_eq_size!(Py<PyAny>, *mut ffi::PyObject);
static_assertions::assert_eq_size!(Option<Bound<'static, PyAny>>, *mut ffi::PyObject);
