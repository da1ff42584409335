//! `Include/iterobject.h`: sequence and callable iterators.
//! Provenance: CPython 3.7 `Include/iterobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/iterator.html>.

use std::os::raw::c_int;
use std::ptr;

use crate::object::{PyObject, PyTypeObject, Py_IS_TYPE};

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PySeqIter_Type: PyTypeObject;
    pub static mut PyCallIter_Type: PyTypeObject;

    pub fn PySeqIter_New(seq: *mut PyObject) -> *mut PyObject;
    pub fn PyCallIter_New(callable: *mut PyObject, sentinel: *mut PyObject) -> *mut PyObject;
}

/// `PySeqIter_Check(op)`.
#[inline]
pub unsafe fn PySeqIter_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PySeqIter_Type))
}

/// `PyCallIter_Check(op)`.
#[inline]
pub unsafe fn PyCallIter_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyCallIter_Type))
}
