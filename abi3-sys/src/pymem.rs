//! `Include/pymem.h`: the `PyMem_*` allocator (GIL required).
//! Provenance: CPython 3.7 `Include/pymem.h` under `Py_LIMITED_API=0x03070000`, checked against
//! `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/memory.html>.
//!
//! skipped PyMem_Raw* (Limited API 3.13).

use std::os::raw::c_void;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub fn PyMem_Malloc(size: usize) -> *mut c_void;
    pub fn PyMem_Calloc(nelem: usize, elsize: usize) -> *mut c_void;
    pub fn PyMem_Realloc(ptr: *mut c_void, new_size: usize) -> *mut c_void;
    pub fn PyMem_Free(ptr: *mut c_void);
}
