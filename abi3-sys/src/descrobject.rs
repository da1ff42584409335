//! `Include/descrobject.h`: `PyGetSetDef` and descriptor constructors.
//! Provenance: CPython 3.7 `Include/descrobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/structures.html#c.PyGetSetDef>.
//!
//! `PyMemberDef` and its constants are in `structmember` (their 3.7 home).

use std::os::raw::{c_char, c_int, c_void};

use crate::methodobject::PyMethodDef;
use crate::object::{PyObject, PyTypeObject};
use crate::structmember::PyMemberDef;

pub type getter = unsafe extern "C" fn(slf: *mut PyObject, closure: *mut c_void) -> *mut PyObject;
pub type setter = unsafe extern "C" fn(slf: *mut PyObject, value: *mut PyObject, closure: *mut c_void) -> c_int;

/// `PyGetSetDef` (full ABI). Tables end with an entry whose `name` is NULL.
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub struct PyGetSetDef {
    pub name: *const c_char,
    pub get: Option<getter>,
    pub set: Option<setter>,
    pub doc: *const c_char,
    pub closure: *mut c_void,
}

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyClassMethodDescr_Type: PyTypeObject;
    pub static mut PyGetSetDescr_Type: PyTypeObject;
    pub static mut PyMemberDescr_Type: PyTypeObject;
    pub static mut PyMethodDescr_Type: PyTypeObject;
    pub static mut PyWrapperDescr_Type: PyTypeObject;
    pub static mut PyProperty_Type: PyTypeObject;
    pub static mut PyDictProxy_Type: PyTypeObject;

    pub fn PyDescr_NewMethod(tp: *mut PyTypeObject, meth: *mut PyMethodDef) -> *mut PyObject;
    pub fn PyDescr_NewClassMethod(tp: *mut PyTypeObject, meth: *mut PyMethodDef) -> *mut PyObject;
    pub fn PyDescr_NewMember(tp: *mut PyTypeObject, member: *mut PyMemberDef) -> *mut PyObject;
    pub fn PyDescr_NewGetSet(tp: *mut PyTypeObject, getset: *mut PyGetSetDef) -> *mut PyObject;
    pub fn PyDictProxy_New(mapping: *mut PyObject) -> *mut PyObject;
    pub fn PyWrapper_New(d: *mut PyObject, slf: *mut PyObject) -> *mut PyObject;
}
