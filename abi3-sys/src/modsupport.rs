//! `Include/modsupport.h`: building modules (`PyModule_Add*`, `PyModule_FromDefAndSpec2`,
//! `PyModule_ExecDef`) and the API version constant.
//! Provenance: CPython 3.7 `Include/modsupport.h`, checked against `Misc/stable_abi.toml`;
//! C-API docs: <https://docs.python.org/3/c-api/module.html>.
//!
//! skipped PyArg_Parse, PyArg_ParseTuple, PyArg_ParseTupleAndKeywords, PyArg_VaParse*,
//! Py_BuildValue, Py_VaBuildValue and their `_SizeT` twins: format-string APIs whose `#` formats
//! change behaviour between 3.8 and 3.12 (SystemError on 3.10-3.12 without `_SizeT`); limpet
//! parses arguments itself.

use std::os::raw::{c_char, c_int, c_long};

use crate::methodobject::PyMethodDef;
use crate::moduleobject::PyModuleDef;
use crate::object::PyObject;
use crate::pyport::Py_ssize_t;

/// `PYTHON_API_VERSION` (unchanged since 2006).
pub const PYTHON_API_VERSION: c_int = 1013;
/// `PYTHON_ABI_VERSION`: the Stable ABI's version, passed to `PyModule_Create2` /
/// `PyModule_FromDefAndSpec2` under `Py_LIMITED_API`.
pub const PYTHON_ABI_VERSION: c_int = 3;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub fn PyArg_UnpackTuple(args: *mut PyObject, name: *const c_char, min: Py_ssize_t, max: Py_ssize_t, ...) -> c_int;

    /// Steals a reference to `value` only on success.
    pub fn PyModule_AddObject(module: *mut PyObject, name: *const c_char, value: *mut PyObject) -> c_int;
    pub fn PyModule_AddIntConstant(module: *mut PyObject, name: *const c_char, value: c_long) -> c_int;
    pub fn PyModule_AddStringConstant(module: *mut PyObject, name: *const c_char, value: *const c_char) -> c_int;
    pub fn PyModule_SetDocString(module: *mut PyObject, doc: *const c_char) -> c_int;
    pub fn PyModule_AddFunctions(module: *mut PyObject, functions: *mut PyMethodDef) -> c_int;
    pub fn PyModule_ExecDef(module: *mut PyObject, def: *mut PyModuleDef) -> c_int;
    pub fn PyModule_Create2(def: *mut PyModuleDef, apiver: c_int) -> *mut PyObject;
    pub fn PyModule_FromDefAndSpec2(
        def: *mut PyModuleDef,
        spec: *mut PyObject,
        module_api_version: c_int,
    ) -> *mut PyObject;
}

/// `PyModule_Create(def)`: `PyModule_Create2(def, PYTHON_ABI_VERSION)` under the Limited API.
#[inline]
pub unsafe fn PyModule_Create(def: *mut PyModuleDef) -> *mut PyObject {
    PyModule_Create2(def, PYTHON_ABI_VERSION)
}

/// `PyModule_FromDefAndSpec(def, spec)`.
#[inline]
pub unsafe fn PyModule_FromDefAndSpec(def: *mut PyModuleDef, spec: *mut PyObject) -> *mut PyObject {
    PyModule_FromDefAndSpec2(def, spec, PYTHON_ABI_VERSION)
}
