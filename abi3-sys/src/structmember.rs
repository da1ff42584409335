//! `Include/structmember.h` (3.7; from 3.12 `Include/descrobject.h` with `Py_`-prefixed names):
//! `PyMemberDef`, member type codes and member flags.
//! Provenance: CPython 3.7 `Include/structmember.h` and 3.12 `Include/descrobject.h`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/structures.html#member-flags>.
//!
//! The `Py_T_*` / `Py_READONLY` spellings appeared in the 3.12 headers with the same values as
//! the old `T_*` / `READONLY` ones; both are plain integers, so both are usable on 3.7.

use std::os::raw::{c_char, c_int};

use crate::object::PyObject;
use crate::pyport::Py_ssize_t;

/// `PyMemberDef` (full ABI). Tables end with an entry whose `name` is NULL; `'static` (3.7 does
/// not copy the table).
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub struct PyMemberDef {
    pub name: *const c_char,
    pub type_code: c_int,
    pub offset: Py_ssize_t,
    pub flags: c_int,
    pub doc: *const c_char,
}

pub const T_SHORT: c_int = 0;
pub const T_INT: c_int = 1;
pub const T_LONG: c_int = 2;
pub const T_FLOAT: c_int = 3;
pub const T_DOUBLE: c_int = 4;
pub const T_STRING: c_int = 5;
/// Legacy: reads NULL as `None`.
pub const T_OBJECT: c_int = 6;
pub const T_CHAR: c_int = 7;
pub const T_BYTE: c_int = 8;
pub const T_UBYTE: c_int = 9;
pub const T_USHORT: c_int = 10;
pub const T_UINT: c_int = 11;
pub const T_ULONG: c_int = 12;
pub const T_STRING_INPLACE: c_int = 13;
pub const T_BOOL: c_int = 14;
pub const T_OBJECT_EX: c_int = 16;
pub const T_LONGLONG: c_int = 17;
pub const T_ULONGLONG: c_int = 18;
pub const T_PYSSIZET: c_int = 19;
/// Legacy: always `None`.
pub const T_NONE: c_int = 20;

pub const Py_T_SHORT: c_int = T_SHORT;
pub const Py_T_INT: c_int = T_INT;
pub const Py_T_LONG: c_int = T_LONG;
pub const Py_T_FLOAT: c_int = T_FLOAT;
pub const Py_T_DOUBLE: c_int = T_DOUBLE;
pub const Py_T_STRING: c_int = T_STRING;
/// `_Py_T_OBJECT` in the 3.12 headers (legacy, not in the Limited API there).
pub const _Py_T_OBJECT: c_int = T_OBJECT;
pub const Py_T_CHAR: c_int = T_CHAR;
pub const Py_T_BYTE: c_int = T_BYTE;
pub const Py_T_UBYTE: c_int = T_UBYTE;
pub const Py_T_USHORT: c_int = T_USHORT;
pub const Py_T_UINT: c_int = T_UINT;
pub const Py_T_ULONG: c_int = T_ULONG;
pub const Py_T_STRING_INPLACE: c_int = T_STRING_INPLACE;
pub const Py_T_BOOL: c_int = T_BOOL;
pub const Py_T_OBJECT_EX: c_int = T_OBJECT_EX;
pub const Py_T_LONGLONG: c_int = T_LONGLONG;
pub const Py_T_ULONGLONG: c_int = T_ULONGLONG;
pub const Py_T_PYSSIZET: c_int = T_PYSSIZET;
/// `_Py_T_NONE` in the 3.12 headers (legacy).
pub const _Py_T_NONE: c_int = T_NONE;

pub const READONLY: c_int = 1;
/// `READ_RESTRICTED` before 3.10, renamed `PY_AUDIT_READ` (same value).
pub const READ_RESTRICTED: c_int = 2;
pub const PY_AUDIT_READ: c_int = 2;
pub const PY_WRITE_RESTRICTED: c_int = 4;
pub const RESTRICTED: c_int = READ_RESTRICTED | PY_WRITE_RESTRICTED;
pub const Py_READONLY: c_int = READONLY;
pub const Py_AUDIT_READ: c_int = PY_AUDIT_READ;
/// `_Py_WRITE_RESTRICTED` in the 3.12 headers.
pub const _Py_WRITE_RESTRICTED: c_int = PY_WRITE_RESTRICTED;
/// 3.12 runtime only (PEP 697).
pub const Py_RELATIVE_OFFSET: c_int = 8;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub fn PyMember_GetOne(obj: *const c_char, m: *mut PyMemberDef) -> *mut PyObject;
    pub fn PyMember_SetOne(obj: *mut c_char, m: *mut PyMemberDef, o: *mut PyObject) -> c_int;
}
