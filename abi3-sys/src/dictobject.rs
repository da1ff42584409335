//! `Include/dictobject.h`: `dict` objects and their views.
//! Provenance: CPython 3.7 `Include/dictobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/dict.html>.

use std::os::raw::{c_char, c_int};
use std::ptr;

use crate::object::{PyObject, PyTypeObject, PyType_FastSubclass, Py_IS_TYPE, Py_TPFLAGS_DICT_SUBCLASS, Py_TYPE};
use crate::pyport::Py_ssize_t;

// abi3t (free-threaded builds): `PyDict_GetItemRef` (Stable ABI 3.13) returns a strong
// reference, where a borrowed one could be freed by another thread changing the dict.
#[cfg(feature = "abi3t")]
#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    /// 1 and a new reference in `*result` when found, 0 (and NULL) when not, -1 on error (3.13).
    pub fn PyDict_GetItemRef(p: *mut PyObject, key: *mut PyObject, result: *mut *mut PyObject) -> c_int;
}

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyDict_Type: PyTypeObject;
    pub static mut PyDictKeys_Type: PyTypeObject;
    pub static mut PyDictValues_Type: PyTypeObject;
    pub static mut PyDictItems_Type: PyTypeObject;
    pub static mut PyDictIterKey_Type: PyTypeObject;
    pub static mut PyDictIterValue_Type: PyTypeObject;
    pub static mut PyDictIterItem_Type: PyTypeObject;

    pub fn PyDict_New() -> *mut PyObject;
    /// Borrowed reference; swallows errors (prefer `PyDict_GetItemWithError`).
    pub fn PyDict_GetItem(mp: *mut PyObject, key: *mut PyObject) -> *mut PyObject;
    /// Borrowed reference; NULL with an exception set on error, NULL without one if missing.
    pub fn PyDict_GetItemWithError(mp: *mut PyObject, key: *mut PyObject) -> *mut PyObject;
    pub fn PyDict_SetItem(mp: *mut PyObject, key: *mut PyObject, item: *mut PyObject) -> c_int;
    pub fn PyDict_DelItem(mp: *mut PyObject, key: *mut PyObject) -> c_int;
    pub fn PyDict_Clear(mp: *mut PyObject);
    /// Borrowed `*key` and `*value`.
    pub fn PyDict_Next(
        mp: *mut PyObject,
        pos: *mut Py_ssize_t,
        key: *mut *mut PyObject,
        value: *mut *mut PyObject,
    ) -> c_int;
    pub fn PyDict_Keys(mp: *mut PyObject) -> *mut PyObject;
    pub fn PyDict_Values(mp: *mut PyObject) -> *mut PyObject;
    pub fn PyDict_Items(mp: *mut PyObject) -> *mut PyObject;
    pub fn PyDict_Size(mp: *mut PyObject) -> Py_ssize_t;
    pub fn PyDict_Copy(mp: *mut PyObject) -> *mut PyObject;
    pub fn PyDict_Contains(mp: *mut PyObject, key: *mut PyObject) -> c_int;
    pub fn PyDict_Update(a: *mut PyObject, b: *mut PyObject) -> c_int;
    pub fn PyDict_Merge(a: *mut PyObject, b: *mut PyObject, override_: c_int) -> c_int;
    pub fn PyDict_MergeFromSeq2(d: *mut PyObject, seq2: *mut PyObject, override_: c_int) -> c_int;
    /// Borrowed reference; swallows errors.
    pub fn PyDict_GetItemString(dp: *mut PyObject, key: *const c_char) -> *mut PyObject;
    pub fn PyDict_SetItemString(dp: *mut PyObject, key: *const c_char, item: *mut PyObject) -> c_int;
    pub fn PyDict_DelItemString(dp: *mut PyObject, key: *const c_char) -> c_int;
}

/// `PyDict_Check(op)`.
#[inline]
pub unsafe fn PyDict_Check(op: *mut PyObject) -> c_int {
    PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_DICT_SUBCLASS)
}

/// `PyDict_CheckExact(op)`.
#[inline]
pub unsafe fn PyDict_CheckExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyDict_Type))
}
