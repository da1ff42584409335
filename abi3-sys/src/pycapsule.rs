//! `Include/pycapsule.h`: capsules, opaque pointers wrapped in Python objects.
//! Provenance: CPython 3.7 `Include/pycapsule.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/capsule.html>.

use std::os::raw::{c_char, c_int, c_void};
use std::ptr;

use crate::object::{PyObject, PyTypeObject, Py_IS_TYPE};

pub type PyCapsule_Destructor = unsafe extern "C" fn(capsule: *mut PyObject);

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyCapsule_Type: PyTypeObject;

    pub fn PyCapsule_New(
        pointer: *mut c_void,
        name: *const c_char,
        destructor: Option<PyCapsule_Destructor>,
    ) -> *mut PyObject;
    pub fn PyCapsule_GetPointer(capsule: *mut PyObject, name: *const c_char) -> *mut c_void;
    pub fn PyCapsule_GetDestructor(capsule: *mut PyObject) -> Option<PyCapsule_Destructor>;
    pub fn PyCapsule_GetName(capsule: *mut PyObject) -> *const c_char;
    pub fn PyCapsule_GetContext(capsule: *mut PyObject) -> *mut c_void;
    pub fn PyCapsule_IsValid(capsule: *mut PyObject, name: *const c_char) -> c_int;
    pub fn PyCapsule_SetPointer(capsule: *mut PyObject, pointer: *mut c_void) -> c_int;
    pub fn PyCapsule_SetDestructor(capsule: *mut PyObject, destructor: Option<PyCapsule_Destructor>) -> c_int;
    pub fn PyCapsule_SetName(capsule: *mut PyObject, name: *const c_char) -> c_int;
    pub fn PyCapsule_SetContext(capsule: *mut PyObject, context: *mut c_void) -> c_int;
    pub fn PyCapsule_Import(name: *const c_char, no_block: c_int) -> *mut c_void;
}

/// `PyCapsule_CheckExact(op)`.
#[inline]
pub unsafe fn PyCapsule_CheckExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyCapsule_Type))
}
