//! `Include/methodobject.h`: C functions exposed to Python, `PyMethodDef` and the `METH_*` flags.
//! Provenance: CPython 3.7 `Include/methodobject.h` (FASTCALL typedefs from 3.13), checked against
//! `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/structures.html#implementing-functions-and-methods>.

use std::os::raw::{c_char, c_int, c_void};

use crate::object::{PyObject, PyTypeObject};
use crate::pyport::Py_ssize_t;

/// `PyCFunction`: `METH_VARARGS`, `METH_NOARGS` (second argument NULL) and `METH_O`.
pub type PyCFunction = unsafe extern "C" fn(slf: *mut PyObject, args: *mut PyObject) -> *mut PyObject;
/// `PyCFunctionWithKeywords`: `METH_VARARGS | METH_KEYWORDS`.
pub type PyCFunctionWithKeywords =
    unsafe extern "C" fn(slf: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject;
/// `_PyCFunctionFast`: `METH_FASTCALL` (public name `PyCFunctionFast` from 3.13).
pub type _PyCFunctionFast =
    unsafe extern "C" fn(slf: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject;
/// `_PyCFunctionFastWithKeywords`: `METH_FASTCALL | METH_KEYWORDS` (public name
/// `PyCFunctionFastWithKeywords` from 3.13). `kwnames` is a tuple of keyword names or NULL; their
/// values follow the `nargs` positional ones in `args`.
pub type _PyCFunctionFastWithKeywords = unsafe extern "C" fn(
    slf: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject;
/// `PyCFunctionFast` (3.13 name of `_PyCFunctionFast`; a typedef, nothing to link).
pub type PyCFunctionFast = _PyCFunctionFast;
/// `PyCFunctionFastWithKeywords` (3.13 name of `_PyCFunctionFastWithKeywords`).
pub type PyCFunctionFastWithKeywords = _PyCFunctionFastWithKeywords;

/// The `ml_meth` field of `PyMethodDef`: one C function pointer, its real type chosen by `ml_flags`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union PyMethodDefPointer {
    pub PyCFunction: PyCFunction,
    pub PyCFunctionWithKeywords: PyCFunctionWithKeywords,
    pub PyCFunctionFastWithKeywords: _PyCFunctionFastWithKeywords,
    pub PyCFunctionFast: _PyCFunctionFast,
    /// NULL in the sentinel entry that ends a method table.
    pub Void: *mut c_void,
}

/// `PyMethodDef` (full ABI). Tables end with an entry whose `ml_name` is NULL.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct PyMethodDef {
    pub ml_name: *const c_char,
    pub ml_meth: PyMethodDefPointer,
    pub ml_flags: c_int,
    pub ml_doc: *const c_char,
}

pub const METH_VARARGS: c_int = 0x0001;
pub const METH_KEYWORDS: c_int = 0x0002;
pub const METH_NOARGS: c_int = 0x0004;
pub const METH_O: c_int = 0x0008;
pub const METH_CLASS: c_int = 0x0010;
pub const METH_STATIC: c_int = 0x0020;
pub const METH_COEXIST: c_int = 0x0040;
/// `METH_FASTCALL`: exposed by the Limited headers from 3.10 (the TOML once said 3.7); honoured
/// by every interpreter from 3.7 on (probe: 3.7 .. 3.15), value frozen by the ABI.
pub const METH_FASTCALL: c_int = 0x0080;
/// `METH_METHOD` (PEP 573): needs a 3.9+ runtime; do not use with a 3.7 baseline.
pub const METH_METHOD: c_int = 0x0200;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyCFunction_Type: PyTypeObject;

    pub fn PyCFunction_GetFunction(op: *mut PyObject) -> Option<PyCFunction>;
    pub fn PyCFunction_GetSelf(op: *mut PyObject) -> *mut PyObject;
    pub fn PyCFunction_GetFlags(op: *mut PyObject) -> c_int;
    pub fn PyCFunction_NewEx(ml: *mut PyMethodDef, slf: *mut PyObject, module: *mut PyObject) -> *mut PyObject;
    /// A real function since 3.4 (also a macro over `PyCFunction_NewEx`).
    pub fn PyCFunction_New(ml: *mut PyMethodDef, slf: *mut PyObject) -> *mut PyObject;
}

/// `PyCFunction_Check(op)` (exact type check in the Limited API before 3.9: `Py_IS_TYPE`).
#[inline]
pub unsafe fn PyCFunction_Check(op: *mut PyObject) -> c_int {
    crate::object::PyObject_TypeCheck(op, std::ptr::addr_of_mut!(PyCFunction_Type))
}
