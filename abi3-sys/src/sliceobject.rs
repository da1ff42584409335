//! `Include/sliceobject.h`: `slice` objects and `Ellipsis`.
//! Provenance: CPython 3.7 `Include/sliceobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/slice.html>.
//!
//! skipped PySlice_GetIndicesEx: a macro over `PySlice_Unpack` + `PySlice_AdjustIndices` from
//! 3.6.1 on; call those two.

use std::os::raw::c_int;
use std::ptr;

use crate::object::{PyObject, PyTypeObject, Py_IS_TYPE};
use crate::pyport::Py_ssize_t;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    /// abi_only: what `Py_Ellipsis` expands to.
    pub static mut _Py_EllipsisObject: PyObject;
    pub static mut PySlice_Type: PyTypeObject;
    pub static mut PyEllipsis_Type: PyTypeObject;

    pub fn PySlice_New(start: *mut PyObject, stop: *mut PyObject, step: *mut PyObject) -> *mut PyObject;
    pub fn PySlice_GetIndices(
        r: *mut PyObject,
        length: Py_ssize_t,
        start: *mut Py_ssize_t,
        stop: *mut Py_ssize_t,
        step: *mut Py_ssize_t,
    ) -> c_int;
    pub fn PySlice_Unpack(
        slice: *mut PyObject,
        start: *mut Py_ssize_t,
        stop: *mut Py_ssize_t,
        step: *mut Py_ssize_t,
    ) -> c_int;
    pub fn PySlice_AdjustIndices(
        length: Py_ssize_t,
        start: *mut Py_ssize_t,
        stop: *mut Py_ssize_t,
        step: Py_ssize_t,
    ) -> Py_ssize_t;
}

/// `Py_Ellipsis`: borrowed reference to `Ellipsis`.
#[inline]
pub unsafe fn Py_Ellipsis() -> *mut PyObject {
    ptr::addr_of_mut!(_Py_EllipsisObject)
}

/// `PySlice_Check(op)`.
#[inline]
pub unsafe fn PySlice_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PySlice_Type))
}
