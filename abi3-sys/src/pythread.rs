//! `Include/pythread.h`: thread-specific storage (TSS, PEP 539).
//! Provenance: CPython 3.7 `Include/pythread.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/init.html#thread-specific-storage-tss-api>.
//!
//! skipped PyThread_allocate_lock and the other lock functions: not in the Stable ABI manifest.

use std::os::raw::{c_int, c_void};

use crate::object::opaque_struct;

opaque_struct!(
    /// `Py_tss_t`: opaque in the Limited API; allocate with `PyThread_tss_alloc`.
    Py_tss_t,
);

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub fn PyThread_tss_alloc() -> *mut Py_tss_t;
    pub fn PyThread_tss_free(key: *mut Py_tss_t);
    pub fn PyThread_tss_is_created(key: *mut Py_tss_t) -> c_int;
    pub fn PyThread_tss_create(key: *mut Py_tss_t) -> c_int;
    pub fn PyThread_tss_delete(key: *mut Py_tss_t);
    pub fn PyThread_tss_set(key: *mut Py_tss_t, value: *mut c_void) -> c_int;
    pub fn PyThread_tss_get(key: *mut Py_tss_t) -> *mut c_void;
}
