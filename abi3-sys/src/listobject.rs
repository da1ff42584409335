//! `Include/listobject.h`: `list` objects.
//! Provenance: CPython 3.7 `Include/listobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/list.html>.
//!
//! skipped PyList_GET_ITEM, PyList_SET_ITEM, PyList_GET_SIZE: not in the Limited API.

use std::os::raw::c_int;
use std::ptr;

use crate::object::{PyObject, PyTypeObject, PyType_FastSubclass, Py_IS_TYPE, Py_TPFLAGS_LIST_SUBCLASS, Py_TYPE};
use crate::pyport::Py_ssize_t;

// abi3t (free-threaded builds): another thread may change the list between a borrowed read
// and its use; `PyList_GetItemRef` (Stable ABI 3.13) returns a strong reference.
#[cfg(feature = "abi3t")]
#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    /// New reference, or NULL with IndexError (3.13).
    pub fn PyList_GetItemRef(list: *mut PyObject, index: Py_ssize_t) -> *mut PyObject;
}

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyList_Type: PyTypeObject;
    pub static mut PyListIter_Type: PyTypeObject;
    pub static mut PyListRevIter_Type: PyTypeObject;

    pub fn PyList_New(size: Py_ssize_t) -> *mut PyObject;
    pub fn PyList_Size(list: *mut PyObject) -> Py_ssize_t;
    /// Borrowed reference.
    pub fn PyList_GetItem(list: *mut PyObject, index: Py_ssize_t) -> *mut PyObject;
    /// Steals `item`.
    pub fn PyList_SetItem(list: *mut PyObject, index: Py_ssize_t, item: *mut PyObject) -> c_int;
    pub fn PyList_Insert(list: *mut PyObject, index: Py_ssize_t, item: *mut PyObject) -> c_int;
    pub fn PyList_Append(list: *mut PyObject, item: *mut PyObject) -> c_int;
    pub fn PyList_GetSlice(list: *mut PyObject, low: Py_ssize_t, high: Py_ssize_t) -> *mut PyObject;
    pub fn PyList_SetSlice(list: *mut PyObject, low: Py_ssize_t, high: Py_ssize_t, itemlist: *mut PyObject) -> c_int;
    pub fn PyList_Sort(list: *mut PyObject) -> c_int;
    pub fn PyList_Reverse(list: *mut PyObject) -> c_int;
    pub fn PyList_AsTuple(list: *mut PyObject) -> *mut PyObject;
}

/// `PyList_Check(op)`.
#[inline]
pub unsafe fn PyList_Check(op: *mut PyObject) -> c_int {
    PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_LIST_SUBCLASS)
}

/// `PyList_CheckExact(op)`.
#[inline]
pub unsafe fn PyList_CheckExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyList_Type))
}
