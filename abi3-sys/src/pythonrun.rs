//! `Include/pythonrun.h`: printing the current exception.
//! Provenance: CPython 3.7 `Include/pythonrun.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/exceptions.html#printing-and-clearing>.
//!
//! skipped Py_CompileString*, PyRun_*: embedding, not needed by extension modules.

use std::os::raw::c_int;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub fn PyErr_Print();
    pub fn PyErr_PrintEx(set_sys_last_vars: c_int);
    pub fn PyErr_Display(
        exc: *mut crate::object::PyObject,
        value: *mut crate::object::PyObject,
        tb: *mut crate::object::PyObject,
    );
}
