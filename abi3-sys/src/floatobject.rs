//! `Include/floatobject.h`: `float` objects.
//! Provenance: CPython 3.7 `Include/floatobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/float.html>.

use std::os::raw::{c_double, c_int};
use std::ptr;

use crate::object::{PyObject, PyObject_TypeCheck, PyTypeObject, Py_IS_TYPE};

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyFloat_Type: PyTypeObject;

    pub fn PyFloat_GetMax() -> c_double;
    pub fn PyFloat_GetMin() -> c_double;
    pub fn PyFloat_GetInfo() -> *mut PyObject;
    pub fn PyFloat_FromString(s: *mut PyObject) -> *mut PyObject;
    pub fn PyFloat_FromDouble(v: c_double) -> *mut PyObject;
    pub fn PyFloat_AsDouble(o: *mut PyObject) -> c_double;
}

/// `PyFloat_Check(op)`.
#[inline]
pub unsafe fn PyFloat_Check(op: *mut PyObject) -> c_int {
    PyObject_TypeCheck(op, ptr::addr_of_mut!(PyFloat_Type))
}

/// `PyFloat_CheckExact(op)`.
#[inline]
pub unsafe fn PyFloat_CheckExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyFloat_Type))
}
