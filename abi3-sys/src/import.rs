//! `Include/import.h`: importing modules.
//! Provenance: CPython 3.7 `Include/import.h` under `Py_LIMITED_API=0x03070000`, checked against
//! `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/import.html>.

use std::os::raw::{c_char, c_int};

use crate::object::PyObject;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub fn PyImport_GetMagicNumber() -> std::os::raw::c_long;
    pub fn PyImport_GetMagicTag() -> *const c_char;
    /// Borrowed reference.
    pub fn PyImport_GetModuleDict() -> *mut PyObject;
    /// Borrowed reference.
    pub fn PyImport_AddModuleObject(name: *mut PyObject) -> *mut PyObject;
    /// Borrowed reference.
    pub fn PyImport_AddModule(name: *const c_char) -> *mut PyObject;
    pub fn PyImport_ImportModule(name: *const c_char) -> *mut PyObject;
    pub fn PyImport_ImportModuleLevel(
        name: *const c_char,
        globals: *mut PyObject,
        locals: *mut PyObject,
        fromlist: *mut PyObject,
        level: c_int,
    ) -> *mut PyObject;
    pub fn PyImport_ImportModuleLevelObject(
        name: *mut PyObject,
        globals: *mut PyObject,
        locals: *mut PyObject,
        fromlist: *mut PyObject,
        level: c_int,
    ) -> *mut PyObject;
    pub fn PyImport_GetImporter(path: *mut PyObject) -> *mut PyObject;
    pub fn PyImport_Import(name: *mut PyObject) -> *mut PyObject;
    pub fn PyImport_ReloadModule(m: *mut PyObject) -> *mut PyObject;
    /// Embedding only: call before `Py_Initialize`.
    pub fn PyImport_AppendInittab(
        name: *const c_char,
        initfunc: Option<unsafe extern "C" fn() -> *mut PyObject>,
    ) -> c_int;
}
