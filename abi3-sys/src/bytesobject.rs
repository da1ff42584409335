//! `Include/bytesobject.h`: `bytes` objects.
//! Provenance: CPython 3.7 `Include/bytesobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/bytes.html>.

use std::os::raw::{c_char, c_int};
use std::ptr;

use crate::object::{PyObject, PyTypeObject, PyType_FastSubclass, Py_IS_TYPE, Py_TPFLAGS_BYTES_SUBCLASS, Py_TYPE};
use crate::pyport::Py_ssize_t;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyBytes_Type: PyTypeObject;
    pub static mut PyBytesIter_Type: PyTypeObject;

    pub fn PyBytes_FromStringAndSize(v: *const c_char, len: Py_ssize_t) -> *mut PyObject;
    pub fn PyBytes_FromString(v: *const c_char) -> *mut PyObject;
    pub fn PyBytes_FromObject(o: *mut PyObject) -> *mut PyObject;
    pub fn PyBytes_FromFormat(format: *const c_char, ...) -> *mut PyObject;
    pub fn PyBytes_Size(o: *mut PyObject) -> Py_ssize_t;
    pub fn PyBytes_AsString(o: *mut PyObject) -> *mut c_char;
    pub fn PyBytes_Repr(o: *mut PyObject, smartquotes: c_int) -> *mut PyObject;
    pub fn PyBytes_Concat(pv: *mut *mut PyObject, w: *mut PyObject);
    pub fn PyBytes_ConcatAndDel(pv: *mut *mut PyObject, w: *mut PyObject);
    pub fn PyBytes_DecodeEscape(
        s: *const c_char,
        len: Py_ssize_t,
        errors: *const c_char,
        unicode: Py_ssize_t,
        recode_encoding: *const c_char,
    ) -> *mut PyObject;
    pub fn PyBytes_AsStringAndSize(obj: *mut PyObject, s: *mut *mut c_char, len: *mut Py_ssize_t) -> c_int;
}

/// `PyBytes_Check(op)`.
#[inline]
pub unsafe fn PyBytes_Check(op: *mut PyObject) -> c_int {
    PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_BYTES_SUBCLASS)
}

/// `PyBytes_CheckExact(op)`.
#[inline]
pub unsafe fn PyBytes_CheckExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyBytes_Type))
}
