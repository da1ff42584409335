//! `Include/moduleobject.h`: module objects and `PyModuleDef` (multi-phase init, PEP 489).
//! Provenance: CPython 3.7 `Include/moduleobject.h` (slot ids 3, 4 from 3.12/3.13), checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/module.html>.

use std::os::raw::{c_char, c_int, c_void};
use std::ptr;

use crate::methodobject::PyMethodDef;
use crate::object::{freefunc, inquiry, traverseproc, PyObject, PyTypeObject};
use crate::pyport::Py_ssize_t;

/// `PyModuleDef_Base` (full ABI).
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub struct PyModuleDef_Base {
    pub ob_base: PyObject,
    pub m_init: Option<unsafe extern "C" fn() -> *mut PyObject>,
    pub m_index: Py_ssize_t,
    pub m_copy: *mut PyObject,
}

/// `PyModuleDef_HEAD_INIT`: `ob_refcnt` 1, `ob_type` NULL (3.15 checks this pattern).
pub const PyModuleDef_HEAD_INIT: PyModuleDef_Base = PyModuleDef_Base {
    ob_base: PyObject { ob_refcnt: 1, ob_type: ptr::null_mut() },
    m_init: None,
    m_index: 0,
    m_copy: ptr::null_mut(),
};

/// `PyModuleDef_Slot` (full ABI, 3.5).
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub struct PyModuleDef_Slot {
    pub slot: c_int,
    pub value: *mut c_void,
}

/// `PyModuleDef` (full ABI). Must outlive the module (`'static`).
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub struct PyModuleDef {
    pub m_base: PyModuleDef_Base,
    pub m_name: *const c_char,
    pub m_doc: *const c_char,
    pub m_size: Py_ssize_t,
    pub m_methods: *mut PyMethodDef,
    pub m_slots: *mut PyModuleDef_Slot,
    pub m_traverse: Option<traverseproc>,
    pub m_clear: Option<inquiry>,
    pub m_free: Option<freefunc>,
}

// Module slot ids. An id the running interpreter does not know is a SystemError: assemble
// `m_slots` at run time.
pub const Py_mod_create: c_int = 1;
pub const Py_mod_exec: c_int = 2;
/// 3.12 runtime only.
pub const Py_mod_multiple_interpreters: c_int = 3;
/// 3.13 runtime only.
pub const Py_mod_gil: c_int = 4;

// Values of `Py_mod_multiple_interpreters` (3.12); the C macros are `((void *)N)`.
pub const Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED: *mut c_void = ptr::null_mut();
pub const Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED: *mut c_void = 1 as *mut c_void;
pub const Py_MOD_PER_INTERPRETER_GIL_SUPPORTED: *mut c_void = 2 as *mut c_void;
// Values of `Py_mod_gil` (3.13).
pub const Py_MOD_GIL_USED: *mut c_void = ptr::null_mut();
pub const Py_MOD_GIL_NOT_USED: *mut c_void = 1 as *mut c_void;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyModule_Type: PyTypeObject;
    pub static mut PyModuleDef_Type: PyTypeObject;

    pub fn PyModule_NewObject(name: *mut PyObject) -> *mut PyObject;
    pub fn PyModule_New(name: *const c_char) -> *mut PyObject;
    /// Borrowed reference.
    pub fn PyModule_GetDict(module: *mut PyObject) -> *mut PyObject;
    pub fn PyModule_GetNameObject(module: *mut PyObject) -> *mut PyObject;
    pub fn PyModule_GetName(module: *mut PyObject) -> *const c_char;
    pub fn PyModule_GetFilenameObject(module: *mut PyObject) -> *mut PyObject;
    pub fn PyModule_GetDef(module: *mut PyObject) -> *mut PyModuleDef;
    pub fn PyModule_GetState(module: *mut PyObject) -> *mut c_void;
    pub fn PyModuleDef_Init(def: *mut PyModuleDef) -> *mut PyObject;
}

/// `PyModule_Check(op)`.
#[inline]
pub unsafe fn PyModule_Check(op: *mut PyObject) -> c_int {
    crate::object::PyObject_TypeCheck(op, ptr::addr_of_mut!(PyModule_Type))
}

/// `PyModule_CheckExact(op)`.
#[inline]
pub unsafe fn PyModule_CheckExact(op: *mut PyObject) -> c_int {
    crate::object::Py_IS_TYPE(op, ptr::addr_of_mut!(PyModule_Type))
}
