//! `Include/warnings.h`: issuing warnings.
//! Provenance: CPython 3.7 `Include/warnings.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/exceptions.html#issuing-warnings>.

use std::os::raw::{c_char, c_int};

use crate::object::PyObject;
use crate::pyport::Py_ssize_t;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub fn PyErr_WarnEx(category: *mut PyObject, message: *const c_char, stack_level: Py_ssize_t) -> c_int;
    pub fn PyErr_WarnFormat(category: *mut PyObject, stack_level: Py_ssize_t, format: *const c_char, ...) -> c_int;
    pub fn PyErr_ResourceWarning(source: *mut PyObject, stack_level: Py_ssize_t, format: *const c_char, ...) -> c_int;
    pub fn PyErr_WarnExplicit(
        category: *mut PyObject,
        message: *const c_char,
        filename: *const c_char,
        lineno: c_int,
        module: *const c_char,
        registry: *mut PyObject,
    ) -> c_int;
}
