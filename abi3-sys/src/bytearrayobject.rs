//! `Include/bytearrayobject.h`: `bytearray` objects.
//! Provenance: CPython 3.7 `Include/bytearrayobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/bytearray.html>.

use std::os::raw::{c_char, c_int};
use std::ptr;

use crate::object::{PyObject, PyObject_TypeCheck, PyTypeObject, Py_IS_TYPE};
use crate::pyport::Py_ssize_t;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyByteArray_Type: PyTypeObject;
    pub static mut PyByteArrayIter_Type: PyTypeObject;

    pub fn PyByteArray_FromObject(o: *mut PyObject) -> *mut PyObject;
    pub fn PyByteArray_Concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject;
    pub fn PyByteArray_FromStringAndSize(string: *const c_char, len: Py_ssize_t) -> *mut PyObject;
    pub fn PyByteArray_Size(o: *mut PyObject) -> Py_ssize_t;
    pub fn PyByteArray_AsString(o: *mut PyObject) -> *mut c_char;
    pub fn PyByteArray_Resize(o: *mut PyObject, len: Py_ssize_t) -> c_int;
}

/// `PyByteArray_Check(op)`.
#[inline]
pub unsafe fn PyByteArray_Check(op: *mut PyObject) -> c_int {
    PyObject_TypeCheck(op, ptr::addr_of_mut!(PyByteArray_Type))
}

/// `PyByteArray_CheckExact(op)`.
#[inline]
pub unsafe fn PyByteArray_CheckExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyByteArray_Type))
}
