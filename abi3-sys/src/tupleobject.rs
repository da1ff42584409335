//! `Include/tupleobject.h`: `tuple` objects.
//! Provenance: CPython 3.7 `Include/tupleobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/tuple.html>.
//!
//! skipped PyTuple_GET_ITEM, PyTuple_SET_ITEM, PyTuple_GET_SIZE: not in the Limited API.

use std::os::raw::c_int;
use std::ptr;

use crate::object::{PyObject, PyTypeObject, PyType_FastSubclass, Py_IS_TYPE, Py_TPFLAGS_TUPLE_SUBCLASS, Py_TYPE};
use crate::pyport::Py_ssize_t;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyTuple_Type: PyTypeObject;
    pub static mut PyTupleIter_Type: PyTypeObject;

    pub fn PyTuple_New(size: Py_ssize_t) -> *mut PyObject;
    pub fn PyTuple_Size(p: *mut PyObject) -> Py_ssize_t;
    /// Borrowed reference.
    pub fn PyTuple_GetItem(p: *mut PyObject, pos: Py_ssize_t) -> *mut PyObject;
    /// Steals `o`.
    pub fn PyTuple_SetItem(p: *mut PyObject, pos: Py_ssize_t, o: *mut PyObject) -> c_int;
    pub fn PyTuple_GetSlice(p: *mut PyObject, low: Py_ssize_t, high: Py_ssize_t) -> *mut PyObject;
    /// Variadic `PyObject *` arguments (not stolen).
    pub fn PyTuple_Pack(n: Py_ssize_t, ...) -> *mut PyObject;
}

/// `PyTuple_Check(op)`.
#[inline]
pub unsafe fn PyTuple_Check(op: *mut PyObject) -> c_int {
    PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TUPLE_SUBCLASS)
}

/// `PyTuple_CheckExact(op)`.
#[inline]
pub unsafe fn PyTuple_CheckExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyTuple_Type))
}
