//! `Include/longobject.h`: `int` objects.
//! Provenance: CPython 3.7 `Include/longobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/long.html>.
//!
//! Windows is LLP64 (C `long` is 32 bits): use the `LongLong` functions for 64-bit values.

use std::os::raw::{c_char, c_double, c_int, c_long, c_longlong, c_ulong, c_ulonglong, c_void};
use std::ptr;

use crate::object::{PyObject, PyTypeObject, PyType_FastSubclass, Py_IS_TYPE, Py_TPFLAGS_LONG_SUBCLASS, Py_TYPE};
use crate::pyport::Py_ssize_t;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyLong_Type: PyTypeObject;

    pub fn PyLong_FromLong(v: c_long) -> *mut PyObject;
    pub fn PyLong_FromUnsignedLong(v: c_ulong) -> *mut PyObject;
    pub fn PyLong_FromSize_t(v: usize) -> *mut PyObject;
    pub fn PyLong_FromSsize_t(v: Py_ssize_t) -> *mut PyObject;
    pub fn PyLong_FromDouble(v: c_double) -> *mut PyObject;
    pub fn PyLong_AsLong(o: *mut PyObject) -> c_long;
    pub fn PyLong_AsLongAndOverflow(o: *mut PyObject, overflow: *mut c_int) -> c_long;
    pub fn PyLong_AsSsize_t(o: *mut PyObject) -> Py_ssize_t;
    pub fn PyLong_AsSize_t(o: *mut PyObject) -> usize;
    pub fn PyLong_AsUnsignedLong(o: *mut PyObject) -> c_ulong;
    pub fn PyLong_AsUnsignedLongMask(o: *mut PyObject) -> c_ulong;
    pub fn PyLong_GetInfo() -> *mut PyObject;
    pub fn PyLong_AsDouble(o: *mut PyObject) -> c_double;
    pub fn PyLong_FromVoidPtr(p: *mut c_void) -> *mut PyObject;
    pub fn PyLong_AsVoidPtr(o: *mut PyObject) -> *mut c_void;
    pub fn PyLong_FromLongLong(v: c_longlong) -> *mut PyObject;
    pub fn PyLong_FromUnsignedLongLong(v: c_ulonglong) -> *mut PyObject;
    pub fn PyLong_AsLongLong(o: *mut PyObject) -> c_longlong;
    pub fn PyLong_AsUnsignedLongLong(o: *mut PyObject) -> c_ulonglong;
    pub fn PyLong_AsUnsignedLongLongMask(o: *mut PyObject) -> c_ulonglong;
    pub fn PyLong_AsLongLongAndOverflow(o: *mut PyObject, overflow: *mut c_int) -> c_longlong;
    pub fn PyLong_FromString(s: *const c_char, pend: *mut *mut c_char, base: c_int) -> *mut PyObject;
    pub fn PyOS_strtoul(s: *const c_char, pend: *mut *mut c_char, base: c_int) -> c_ulong;
    pub fn PyOS_strtol(s: *const c_char, pend: *mut *mut c_char, base: c_int) -> c_long;
}

/// `PyLong_Check(op)`.
#[inline]
pub unsafe fn PyLong_Check(op: *mut PyObject) -> c_int {
    PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_LONG_SUBCLASS)
}

/// `PyLong_CheckExact(op)`.
#[inline]
pub unsafe fn PyLong_CheckExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyLong_Type))
}
