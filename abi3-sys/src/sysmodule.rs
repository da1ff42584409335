//! `Include/sysmodule.h`: the `sys` module.
//! Provenance: CPython 3.7 `Include/sysmodule.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/sys.html>.
//!
//! skipped PySys_SetArgv*, PySys_SetPath, PySys_*WarnOption*: abi_only, deprecated embedding API.

use std::os::raw::{c_char, c_int};

use crate::object::PyObject;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    /// Borrowed reference, NULL (no exception) if missing.
    pub fn PySys_GetObject(name: *const c_char) -> *mut PyObject;
    pub fn PySys_SetObject(name: *const c_char, v: *mut PyObject) -> c_int;
    pub fn PySys_WriteStdout(format: *const c_char, ...);
    pub fn PySys_WriteStderr(format: *const c_char, ...);
    pub fn PySys_FormatStdout(format: *const c_char, ...);
    pub fn PySys_FormatStderr(format: *const c_char, ...);
    pub fn PySys_GetXOptions() -> *mut PyObject;
}
