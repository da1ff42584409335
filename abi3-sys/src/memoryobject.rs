//! `Include/memoryobject.h`: `memoryview` objects.
//! Provenance: CPython 3.7 `Include/memoryobject.h` (flags from 3.7 `object.h`, 3.11
//! `pybuffer.h`), checked against `Misc/stable_abi.toml`; C-API docs:
//! <https://docs.python.org/3/c-api/memoryview.html>.
//!
//! `PyMemoryView_FromMemory` (3.7) exports a read or read/write memory region without buffer
//! slots (which are unsafe on 3.7/3.8). `PyMemoryView_FromBuffer` (3.11) is in `dynamic`.

use std::os::raw::{c_char, c_int};
use std::ptr;

use crate::object::{PyObject, PyTypeObject, Py_IS_TYPE};
use crate::pyport::Py_ssize_t;

/// `PyBUF_READ`: flag for `PyMemoryView_FromMemory` / `PyMemoryView_GetContiguous`.
pub const PyBUF_READ: c_int = 0x100;
/// `PyBUF_WRITE`.
pub const PyBUF_WRITE: c_int = 0x200;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyMemoryView_Type: PyTypeObject;

    pub fn PyMemoryView_FromObject(base: *mut PyObject) -> *mut PyObject;
    pub fn PyMemoryView_FromMemory(mem: *mut c_char, size: Py_ssize_t, flags: c_int) -> *mut PyObject;
    pub fn PyMemoryView_GetContiguous(base: *mut PyObject, buffertype: c_int, order: c_char) -> *mut PyObject;
}

/// `PyMemoryView_Check(op)`.
#[inline]
pub unsafe fn PyMemoryView_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyMemoryView_Type))
}
