//! `Include/boolobject.h`: `bool` and the `True`/`False` singletons.
//! Provenance: CPython 3.7 `Include/boolobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/bool.html>.

use std::os::raw::{c_int, c_long};
use std::ptr;

use crate::object::{PyObject, PyTypeObject, Py_IS_TYPE};

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyBool_Type: PyTypeObject;
    /// abi_only: what `Py_False` expands to.
    pub static mut _Py_FalseStruct: PyObject;
    /// abi_only: what `Py_True` expands to.
    pub static mut _Py_TrueStruct: PyObject;

    pub fn PyBool_FromLong(v: c_long) -> *mut PyObject;
}

/// `PyBool_Check(op)` (`bool` cannot be subclassed).
#[inline]
pub unsafe fn PyBool_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyBool_Type))
}

/// `Py_True`: borrowed reference to `True`.
#[inline]
pub unsafe fn Py_True() -> *mut PyObject {
    ptr::addr_of_mut!(_Py_TrueStruct)
}

/// `Py_False`: borrowed reference to `False`.
#[inline]
pub unsafe fn Py_False() -> *mut PyObject {
    ptr::addr_of_mut!(_Py_FalseStruct)
}

/// `Py_IsTrue(x)` (a function in the Limited API from 3.10): pointer identity with `True`.
#[inline]
pub unsafe fn Py_IsTrue(x: *mut PyObject) -> c_int {
    (x == Py_True()) as c_int
}

/// `Py_IsFalse(x)` (a function in the Limited API from 3.10).
#[inline]
pub unsafe fn Py_IsFalse(x: *mut PyObject) -> c_int {
    (x == Py_False()) as c_int
}
