//! `Include/complexobject.h`: `complex` objects.
//! Provenance: CPython 3.7 `Include/complexobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/complex.html>.
//!
//! skipped Py_complex and the `_Py_c_*` arithmetic: not in the Limited API.

use std::os::raw::{c_double, c_int};
use std::ptr;

use crate::object::{PyObject, PyObject_TypeCheck, PyTypeObject, Py_IS_TYPE};

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyComplex_Type: PyTypeObject;

    pub fn PyComplex_FromDoubles(real: c_double, imag: c_double) -> *mut PyObject;
    pub fn PyComplex_RealAsDouble(op: *mut PyObject) -> c_double;
    pub fn PyComplex_ImagAsDouble(op: *mut PyObject) -> c_double;
}

/// `PyComplex_Check(op)`.
#[inline]
pub unsafe fn PyComplex_Check(op: *mut PyObject) -> c_int {
    PyObject_TypeCheck(op, ptr::addr_of_mut!(PyComplex_Type))
}

/// `PyComplex_CheckExact(op)`.
#[inline]
pub unsafe fn PyComplex_CheckExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyComplex_Type))
}
