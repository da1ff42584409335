//! `Include/objimpl.h`: object memory and the cyclic garbage collector interface.
//! Provenance: CPython 3.7 `Include/objimpl.h` under `Py_LIMITED_API=0x03070000`, checked against
//! `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/allocation.html>,
//! <https://docs.python.org/3/c-api/gcsupport.html>.
//!
//! Allocate instances through `tp_alloc` (`PyType_GenericAlloc`), never `PyObject_Init`: the
//! latter increfs heap types only from 3.8 on.
//! skipped PyObject_New, PyObject_NewVar, PyObject_GC_New, PyObject_GC_NewVar: macros over
//! abi_only `_PyObject_New*` that bypass `tp_alloc`.

use std::os::raw::c_void;

use crate::object::{PyObject, PyTypeObject, PyVarObject};
use crate::pyport::Py_ssize_t;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub fn PyObject_Malloc(size: usize) -> *mut c_void;
    pub fn PyObject_Calloc(nelem: usize, elsize: usize) -> *mut c_void;
    pub fn PyObject_Realloc(ptr: *mut c_void, new_size: usize) -> *mut c_void;
    pub fn PyObject_Free(ptr: *mut c_void);

    pub fn PyObject_Init(op: *mut PyObject, tp: *mut PyTypeObject) -> *mut PyObject;
    pub fn PyObject_InitVar(op: *mut PyVarObject, tp: *mut PyTypeObject, size: Py_ssize_t) -> *mut PyVarObject;

    pub fn PyObject_GC_Track(op: *mut c_void);
    pub fn PyObject_GC_UnTrack(op: *mut c_void);
    pub fn PyObject_GC_Del(op: *mut c_void);
}
