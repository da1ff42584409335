//! `Include/moduleobject.h`: module objects and `PyModuleDef` (multi-phase init, PEP 489).
//! Provenance: CPython 3.7 `Include/moduleobject.h` (slot ids 3, 4 from 3.12/3.13), checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/module.html>.

use std::os::raw::{c_char, c_int, c_void};
use std::ptr;

// (Only the full `PyModuleDef` uses some of these: not declared under abi3t.)
#[cfg_attr(feature = "abi3t", allow(unused_imports))]
use crate::methodobject::PyMethodDef;
#[cfg_attr(feature = "abi3t", allow(unused_imports))]
use crate::object::{freefunc, inquiry, traverseproc, PyObject, PyTypeObject};
#[cfg_attr(feature = "abi3t", allow(unused_imports))]
use crate::pyport::Py_ssize_t;

/// `PyModuleDef_Base` (full ABI).
#[cfg(not(feature = "abi3t"))]
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub struct PyModuleDef_Base {
    pub ob_base: PyObject,
    pub m_init: Option<unsafe extern "C" fn() -> *mut PyObject>,
    pub m_index: Py_ssize_t,
    pub m_copy: *mut PyObject,
}

/// `PyModuleDef_HEAD_INIT`: `ob_refcnt` 1, `ob_type` NULL (3.15 checks this pattern).
#[cfg(not(feature = "abi3t"))]
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
#[cfg(not(feature = "abi3t"))]
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

// abi3t (PEP 803): `PyModuleDef` embeds a `PyObject`, so it is opaque there; modules are
// exported with PEP 793's `PyModExport_<name>` returning `PySlot`s (below).
#[cfg(feature = "abi3t")]
crate::object::opaque_struct!(
    /// `PyModuleDef`: opaque under abi3t.
    PyModuleDef,
);

// Module slot ids. An id the running interpreter does not know is a SystemError: assemble
// `m_slots` at run time.
// (abi3t: the `PySlot` numbering below instead, as 3.15's headers switch for Limited 3.15+.)
#[cfg(not(feature = "abi3t"))]
pub const Py_mod_create: c_int = 1;
#[cfg(not(feature = "abi3t"))]
pub const Py_mod_exec: c_int = 2;
/// 3.12 runtime only.
#[cfg(not(feature = "abi3t"))]
pub const Py_mod_multiple_interpreters: c_int = 3;
/// 3.13 runtime only.
#[cfg(not(feature = "abi3t"))]
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

/// PEP 793/820 module export (3.15): `PyModExport_<name>` returns a `'static` array of
/// `PySlot`, ended by an all-zero slot. Only declared for abi3t, whose binaries need 3.15.
/// Provenance: CPython 3.15 `Include/slots.h`, `slots_generated.h`, `modsupport.h`.
#[cfg(feature = "abi3t")]
pub use self::export::*;

#[cfg(feature = "abi3t")]
mod export {
    use std::os::raw::{c_int, c_void};

    use crate::object::PyObject;

    /// `PySlot` (3.15, `Include/slots.h`): 16 bytes; the value is a pointer, a function
    /// pointer or an integer, as the slot id says.
    #[repr(C)]
    #[derive(Copy, Clone, Debug)]
    pub struct PySlot {
        pub sl_id: u16,
        pub sl_flags: u16,
        /// Must be 0.
        pub sl_reserved: u32,
        pub sl_ptr: *mut c_void,
    }

    /// `PySlot_OPTIONAL`: an unknown id is ignored rather than an error.
    pub const PySlot_OPTIONAL: u16 = 0x0001;
    /// `PySlot_STATIC`: the pointed-to data outlives the module (not copied).
    pub const PySlot_STATIC: u16 = 0x0002;
    /// `PySlot_INTPTR`: the value is an integer stored in `sl_ptr` (`PySlot_DATA`).
    pub const PySlot_INTPTR: u16 = 0x0004;

    // Slot ids of the `PySlot` numbering (`_Py_SLOT_COMPAT_VALUE(OLD, NEW)` picks NEW for
    // Limited API 3.15+; `PyModuleDef_Slot` keeps the old 1..4).
    pub const Py_slot_end: u16 = 0;
    pub const Py_mod_create: u16 = 84;
    pub const Py_mod_exec: u16 = 85;
    pub const Py_mod_multiple_interpreters: u16 = 86;
    pub const Py_mod_gil: u16 = 87;
    pub const Py_mod_name: u16 = 100;
    pub const Py_mod_doc: u16 = 101;
    pub const Py_mod_state_size: u16 = 102;
    pub const Py_mod_methods: u16 = 103;
    pub const Py_mod_abi: u16 = 109;
    pub const Py_mod_token: u16 = 110;

    /// `PyABIInfo` (3.15, `Include/modsupport.h`): the `Py_mod_abi` slot's value, checked at
    /// import (PEP 803 makes it mandatory with the export hook).
    #[repr(C)]
    #[derive(Copy, Clone, Debug)]
    pub struct PyABIInfo {
        pub abiinfo_major_version: u8,
        pub abiinfo_minor_version: u8,
        pub flags: u16,
        pub build_version: u32,
        pub abi_version: u32,
    }
    pub const PyABIInfo_STABLE: u16 = 0x0001;
    pub const PyABIInfo_GIL: u16 = 0x0002;
    pub const PyABIInfo_FREETHREADED: u16 = 0x0004;
    /// What `PyABIInfo_VAR` says for `Py_TARGET_ABI3T`: loads on GIL and free-threaded builds.
    pub const PyABIInfo_FREETHREADING_AGNOSTIC: u16 = PyABIInfo_GIL | PyABIInfo_FREETHREADED;

    #[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
    extern "C" {
        /// 3.15: the `Py_mod_token` of a module made from slots (0 and NULL if none).
        pub fn PyModule_GetToken(module: *mut PyObject, result: *mut *mut c_void) -> c_int;
        /// 3.15.
        pub fn PyABIInfo_Check(info: *mut PyABIInfo, module_name: *const std::os::raw::c_char) -> c_int;
    }
}
