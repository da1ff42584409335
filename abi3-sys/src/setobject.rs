//! `Include/setobject.h`: `set` and `frozenset` objects.
//! Provenance: CPython 3.7 `Include/setobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/set.html>.

use std::os::raw::c_int;
use std::ptr;

use crate::object::{PyObject, PyObject_TypeCheck, PyTypeObject, Py_IS_TYPE};
use crate::pyport::Py_ssize_t;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PySet_Type: PyTypeObject;
    pub static mut PyFrozenSet_Type: PyTypeObject;
    pub static mut PySetIter_Type: PyTypeObject;

    pub fn PySet_New(iterable: *mut PyObject) -> *mut PyObject;
    pub fn PyFrozenSet_New(iterable: *mut PyObject) -> *mut PyObject;
    pub fn PySet_Add(set: *mut PyObject, key: *mut PyObject) -> c_int;
    pub fn PySet_Clear(set: *mut PyObject) -> c_int;
    pub fn PySet_Contains(anyset: *mut PyObject, key: *mut PyObject) -> c_int;
    pub fn PySet_Discard(set: *mut PyObject, key: *mut PyObject) -> c_int;
    pub fn PySet_Pop(set: *mut PyObject) -> *mut PyObject;
    pub fn PySet_Size(anyset: *mut PyObject) -> Py_ssize_t;
}

/// `PyFrozenSet_CheckExact(ob)`.
#[inline]
pub unsafe fn PyFrozenSet_CheckExact(ob: *mut PyObject) -> c_int {
    Py_IS_TYPE(ob, ptr::addr_of_mut!(PyFrozenSet_Type))
}

/// `PyFrozenSet_Check(ob)`.
#[inline]
pub unsafe fn PyFrozenSet_Check(ob: *mut PyObject) -> c_int {
    PyObject_TypeCheck(ob, ptr::addr_of_mut!(PyFrozenSet_Type))
}

/// `PyAnySet_CheckExact(ob)`.
#[inline]
pub unsafe fn PyAnySet_CheckExact(ob: *mut PyObject) -> c_int {
    (Py_IS_TYPE(ob, ptr::addr_of_mut!(PySet_Type)) != 0 || PyFrozenSet_CheckExact(ob) != 0) as c_int
}

/// `PyAnySet_Check(ob)`.
#[inline]
pub unsafe fn PyAnySet_Check(ob: *mut PyObject) -> c_int {
    (PyAnySet_CheckExact(ob) != 0
        || PyObject_TypeCheck(ob, ptr::addr_of_mut!(PySet_Type)) != 0
        || PyFrozenSet_Check(ob) != 0) as c_int
}

/// `PySet_Check(ob)` (3.10 macro; `set` or a subclass).
#[inline]
pub unsafe fn PySet_Check(ob: *mut PyObject) -> c_int {
    PyObject_TypeCheck(ob, ptr::addr_of_mut!(PySet_Type))
}
