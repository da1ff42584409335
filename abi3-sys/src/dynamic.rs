//! Items of the Stable ABI added after 3.7. Referencing any of them directly would make the
//! extension fail to load on older interpreters (`undefined symbol`, extensions are loaded with
//! `RTLD_NOW`), so they are declared here only as types, names and versions; the runtime looks
//! them up with `dlsym` after checking the interpreter's version (never gate on symbol presence:
//! a symbol may be exported before it is part of the Limited API).
//! Provenance: `Misc/stable_abi.toml` (the `added` versions, via the `abi3info` package) and the
//! CPython 3.13 headers for the signatures; C-API docs: <https://docs.python.org/3/c-api/stable.html>.
//!
//! For each function `NAME`: `pub type NAME` (the C signature as a function pointer type),
//! `NAME_ADDED: (u8, u8)` (first Limited API version) and `NAME_NAME: &CStr` (the symbol name for
//! `dlsym`). `DYNAMIC_SYMBOLS` lists them all. Nothing here is resolved.

use std::ffi::CStr;
use std::os::raw::{c_char, c_int, c_ulong, c_void};

use crate::moduleobject::PyModuleDef;
use crate::object::{PyObject, PyTypeObject, PyType_Spec};
use crate::pyport::Py_ssize_t;
use crate::pystate::{PyInterpreterState, PyThreadState};

/// Turns a NUL-terminated byte string into a `&CStr` at compile time.
const fn cstr(bytes: &'static [u8]) -> &'static CStr {
    match CStr::from_bytes_with_nul(bytes) {
        Ok(s) => s,
        Err(_) => panic!("symbol name must end with exactly one NUL"),
    }
}

// --- vectorcall (Limited API 3.12) ---

/// `PY_VECTORCALL_ARGUMENTS_OFFSET`: set in `nargsf` when `args[-1]` may be overwritten.
pub const PY_VECTORCALL_ARGUMENTS_OFFSET: usize = 1 << (usize::BITS - 1);

/// `PyVectorcall_NARGS(n)` (a `static inline` function): the positional count in `nargsf`.
#[inline]
pub fn PyVectorcall_NARGS(n: usize) -> Py_ssize_t {
    (n & !PY_VECTORCALL_ARGUMENTS_OFFSET) as Py_ssize_t
}

/// `vectorcallfunc` (typedef, Limited API 3.12).
pub type vectorcallfunc = unsafe extern "C" fn(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject;

// --- buffer protocol (Limited API 3.11; buffer slots never on 3.7/3.8) ---

/// `Py_buffer` (full ABI from 3.11; same layout since 3.3).
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub struct Py_buffer {
    pub buf: *mut c_void,
    pub obj: *mut PyObject,
    pub len: Py_ssize_t,
    pub itemsize: Py_ssize_t,
    pub readonly: c_int,
    pub ndim: c_int,
    pub format: *mut c_char,
    pub shape: *mut Py_ssize_t,
    pub strides: *mut Py_ssize_t,
    pub suboffsets: *mut Py_ssize_t,
    pub internal: *mut c_void,
}

/// `getbufferproc` (typedef name 3.12; for the `Py_bf_getbuffer` slot).
pub type getbufferproc = unsafe extern "C" fn(exporter: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int;
/// `releasebufferproc` (typedef name 3.12; for the `Py_bf_releasebuffer` slot).
pub type releasebufferproc = unsafe extern "C" fn(exporter: *mut PyObject, view: *mut Py_buffer);

pub const PyBUF_MAX_NDIM: c_int = 64;
pub const PyBUF_SIMPLE: c_int = 0;
pub const PyBUF_WRITABLE: c_int = 0x0001;
pub const PyBUF_WRITEABLE: c_int = PyBUF_WRITABLE;
pub const PyBUF_FORMAT: c_int = 0x0004;
pub const PyBUF_ND: c_int = 0x0008;
pub const PyBUF_STRIDES: c_int = 0x0010 | PyBUF_ND;
pub const PyBUF_C_CONTIGUOUS: c_int = 0x0020 | PyBUF_STRIDES;
pub const PyBUF_F_CONTIGUOUS: c_int = 0x0040 | PyBUF_STRIDES;
pub const PyBUF_ANY_CONTIGUOUS: c_int = 0x0080 | PyBUF_STRIDES;
pub const PyBUF_INDIRECT: c_int = 0x0100 | PyBUF_STRIDES;
pub const PyBUF_CONTIG: c_int = PyBUF_ND | PyBUF_WRITABLE;
pub const PyBUF_CONTIG_RO: c_int = PyBUF_ND;
pub const PyBUF_STRIDED: c_int = PyBUF_STRIDES | PyBUF_WRITABLE;
pub const PyBUF_STRIDED_RO: c_int = PyBUF_STRIDES;
pub const PyBUF_RECORDS: c_int = PyBUF_STRIDES | PyBUF_WRITABLE | PyBUF_FORMAT;
pub const PyBUF_RECORDS_RO: c_int = PyBUF_STRIDES | PyBUF_FORMAT;
pub const PyBUF_FULL: c_int = PyBUF_INDIRECT | PyBUF_WRITABLE | PyBUF_FORMAT;
pub const PyBUF_FULL_RO: c_int = PyBUF_INDIRECT | PyBUF_FORMAT;

// --- data ---

/// `Py_Version` (data, 3.11): the type of the exported `const unsigned long`, laid out like
/// `PY_VERSION_HEX`. `dlsym` yields a `*const Py_Version`; prefer parsing `Py_GetVersion()`.
pub type Py_Version = c_ulong;
pub const Py_Version_ADDED: (u8, u8) = (3, 11);
pub const Py_Version_NAME: &CStr = cstr(b"Py_Version\0");

// --- functions ---

/// `PyInterpreterState_Get` (Limited API 3.9). The current interpreter (GIL held). On 3.7/3.8 there is no equivalent in the Limited API.
pub type PyInterpreterState_Get = unsafe extern "C" fn() -> *mut PyInterpreterState;
pub const PyInterpreterState_Get_ADDED: (u8, u8) = (3, 9);
pub const PyInterpreterState_Get_NAME: &CStr = cstr(b"PyInterpreterState_Get\0");

/// `PyObject_GC_IsTracked` (Limited API 3.9).
pub type PyObject_GC_IsTracked = unsafe extern "C" fn(op: *mut PyObject) -> c_int;
pub const PyObject_GC_IsTracked_ADDED: (u8, u8) = (3, 9);
pub const PyObject_GC_IsTracked_NAME: &CStr = cstr(b"PyObject_GC_IsTracked\0");

/// `PyObject_GC_IsFinalized` (Limited API 3.9).
pub type PyObject_GC_IsFinalized = unsafe extern "C" fn(op: *mut PyObject) -> c_int;
pub const PyObject_GC_IsFinalized_ADDED: (u8, u8) = (3, 9);
pub const PyObject_GC_IsFinalized_NAME: &CStr = cstr(b"PyObject_GC_IsFinalized\0");

/// `PyIter_Check` (Limited API 3.8). A function from 3.8 (a macro reading `tp_iternext` before).
pub type PyIter_Check = unsafe extern "C" fn(o: *mut PyObject) -> c_int;
pub const PyIter_Check_ADDED: (u8, u8) = (3, 8);
pub const PyIter_Check_NAME: &CStr = cstr(b"PyIter_Check\0");

/// `PyIndex_Check` (Limited API 3.8). A function from 3.8 (a macro before); on 3.7 call `PyNumber_Index` and handle TypeError.
pub type PyIndex_Check = unsafe extern "C" fn(o: *mut PyObject) -> c_int;
pub const PyIndex_Check_ADDED: (u8, u8) = (3, 8);
pub const PyIndex_Check_NAME: &CStr = cstr(b"PyIndex_Check\0");

/// `PyUnicode_AsUTF8AndSize` (Limited API 3.10). Borrowed UTF-8 buffer cached on the `str`; fallback `PyUnicode_AsUTF8String` (a copy).
pub type PyUnicode_AsUTF8AndSize = unsafe extern "C" fn(unicode: *mut PyObject, size: *mut Py_ssize_t) -> *const c_char;
pub const PyUnicode_AsUTF8AndSize_ADDED: (u8, u8) = (3, 10);
pub const PyUnicode_AsUTF8AndSize_NAME: &CStr = cstr(b"PyUnicode_AsUTF8AndSize\0");

/// `PyObject_CallNoArgs` (Limited API 3.10). Fallback: `PyObject_CallObject(callable, NULL)`.
pub type PyObject_CallNoArgs = unsafe extern "C" fn(callable: *mut PyObject) -> *mut PyObject;
pub const PyObject_CallNoArgs_ADDED: (u8, u8) = (3, 10);
pub const PyObject_CallNoArgs_NAME: &CStr = cstr(b"PyObject_CallNoArgs\0");

/// `PyObject_GenericGetDict` (Limited API 3.10). Exported on Linux since 3.7 but only Limited from 3.10.
pub type PyObject_GenericGetDict = unsafe extern "C" fn(o: *mut PyObject, context: *mut c_void) -> *mut PyObject;
pub const PyObject_GenericGetDict_ADDED: (u8, u8) = (3, 10);
pub const PyObject_GenericGetDict_NAME: &CStr = cstr(b"PyObject_GenericGetDict\0");

/// `PyType_FromModuleAndSpec` (Limited API 3.10).
pub type PyType_FromModuleAndSpec =
    unsafe extern "C" fn(module: *mut PyObject, spec: *mut PyType_Spec, bases: *mut PyObject) -> *mut PyObject;
pub const PyType_FromModuleAndSpec_ADDED: (u8, u8) = (3, 10);
pub const PyType_FromModuleAndSpec_NAME: &CStr = cstr(b"PyType_FromModuleAndSpec\0");

/// `PyType_GetModule` (Limited API 3.10). Borrowed reference.
pub type PyType_GetModule = unsafe extern "C" fn(tp: *mut PyTypeObject) -> *mut PyObject;
pub const PyType_GetModule_ADDED: (u8, u8) = (3, 10);
pub const PyType_GetModule_NAME: &CStr = cstr(b"PyType_GetModule\0");

/// `PyType_GetModuleState` (Limited API 3.10).
pub type PyType_GetModuleState = unsafe extern "C" fn(tp: *mut PyTypeObject) -> *mut c_void;
pub const PyType_GetModuleState_ADDED: (u8, u8) = (3, 10);
pub const PyType_GetModuleState_NAME: &CStr = cstr(b"PyType_GetModuleState\0");

/// `PyModule_AddObjectRef` (Limited API 3.10). Never steals `value` (unlike `PyModule_AddObject`).
pub type PyModule_AddObjectRef =
    unsafe extern "C" fn(module: *mut PyObject, name: *const c_char, value: *mut PyObject) -> c_int;
pub const PyModule_AddObjectRef_ADDED: (u8, u8) = (3, 10);
pub const PyModule_AddObjectRef_NAME: &CStr = cstr(b"PyModule_AddObjectRef\0");

/// `PyModule_AddType` (Limited API 3.10).
pub type PyModule_AddType = unsafe extern "C" fn(module: *mut PyObject, tp: *mut PyTypeObject) -> c_int;
pub const PyModule_AddType_ADDED: (u8, u8) = (3, 10);
pub const PyModule_AddType_NAME: &CStr = cstr(b"PyModule_AddType\0");

/// `PyThreadState_GetInterpreter` (Limited API 3.10).
pub type PyThreadState_GetInterpreter = unsafe extern "C" fn(tstate: *mut PyThreadState) -> *mut PyInterpreterState;
pub const PyThreadState_GetInterpreter_ADDED: (u8, u8) = (3, 10);
pub const PyThreadState_GetInterpreter_NAME: &CStr = cstr(b"PyThreadState_GetInterpreter\0");

/// `PyType_GetName` (Limited API 3.11). Fallback: the `__name__` attribute.
pub type PyType_GetName = unsafe extern "C" fn(tp: *mut PyTypeObject) -> *mut PyObject;
pub const PyType_GetName_ADDED: (u8, u8) = (3, 11);
pub const PyType_GetName_NAME: &CStr = cstr(b"PyType_GetName\0");

/// `PyType_GetQualName` (Limited API 3.11). Fallback: the `__qualname__` attribute.
pub type PyType_GetQualName = unsafe extern "C" fn(tp: *mut PyTypeObject) -> *mut PyObject;
pub const PyType_GetQualName_ADDED: (u8, u8) = (3, 11);
pub const PyType_GetQualName_NAME: &CStr = cstr(b"PyType_GetQualName\0");

/// `PyErr_GetHandledException` (Limited API 3.11). Fallback: `PyErr_GetExcInfo`.
pub type PyErr_GetHandledException = unsafe extern "C" fn() -> *mut PyObject;
pub const PyErr_GetHandledException_ADDED: (u8, u8) = (3, 11);
pub const PyErr_GetHandledException_NAME: &CStr = cstr(b"PyErr_GetHandledException\0");

/// `PyErr_SetHandledException` (Limited API 3.11). Fallback: `PyErr_SetExcInfo`.
pub type PyErr_SetHandledException = unsafe extern "C" fn(exc: *mut PyObject);
pub const PyErr_SetHandledException_ADDED: (u8, u8) = (3, 11);
pub const PyErr_SetHandledException_NAME: &CStr = cstr(b"PyErr_SetHandledException\0");

/// `PyObject_GetBuffer` (Limited API 3.11).
pub type PyObject_GetBuffer = unsafe extern "C" fn(obj: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int;
pub const PyObject_GetBuffer_ADDED: (u8, u8) = (3, 11);
pub const PyObject_GetBuffer_NAME: &CStr = cstr(b"PyObject_GetBuffer\0");

/// `PyBuffer_Release` (Limited API 3.11).
pub type PyBuffer_Release = unsafe extern "C" fn(view: *mut Py_buffer);
pub const PyBuffer_Release_ADDED: (u8, u8) = (3, 11);
pub const PyBuffer_Release_NAME: &CStr = cstr(b"PyBuffer_Release\0");

/// `PyObject_CheckBuffer` (Limited API 3.11).
pub type PyObject_CheckBuffer = unsafe extern "C" fn(obj: *mut PyObject) -> c_int;
pub const PyObject_CheckBuffer_ADDED: (u8, u8) = (3, 11);
pub const PyObject_CheckBuffer_NAME: &CStr = cstr(b"PyObject_CheckBuffer\0");

/// `PyBuffer_FillInfo` (Limited API 3.11).
pub type PyBuffer_FillInfo = unsafe extern "C" fn(
    view: *mut Py_buffer,
    o: *mut PyObject,
    buf: *mut c_void,
    len: Py_ssize_t,
    readonly: c_int,
    flags: c_int,
) -> c_int;
pub const PyBuffer_FillInfo_ADDED: (u8, u8) = (3, 11);
pub const PyBuffer_FillInfo_NAME: &CStr = cstr(b"PyBuffer_FillInfo\0");

/// `PyMemoryView_FromBuffer` (Limited API 3.11).
pub type PyMemoryView_FromBuffer = unsafe extern "C" fn(view: *const Py_buffer) -> *mut PyObject;
pub const PyMemoryView_FromBuffer_ADDED: (u8, u8) = (3, 11);
pub const PyMemoryView_FromBuffer_NAME: &CStr = cstr(b"PyMemoryView_FromBuffer\0");

/// `PyObject_Vectorcall` (Limited API 3.12). `nargsf` may carry `PY_VECTORCALL_ARGUMENTS_OFFSET`. No symbol on 3.9/3.10 (inline there).
pub type PyObject_Vectorcall = unsafe extern "C" fn(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject;
pub const PyObject_Vectorcall_ADDED: (u8, u8) = (3, 12);
pub const PyObject_Vectorcall_NAME: &CStr = cstr(b"PyObject_Vectorcall\0");

/// `PyObject_VectorcallMethod` (Limited API 3.12). `args[0]` is `self`.
pub type PyObject_VectorcallMethod = unsafe extern "C" fn(
    name: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject;
pub const PyObject_VectorcallMethod_ADDED: (u8, u8) = (3, 12);
pub const PyObject_VectorcallMethod_NAME: &CStr = cstr(b"PyObject_VectorcallMethod\0");

/// `PyVectorcall_Call` (Limited API 3.12).
pub type PyVectorcall_Call =
    unsafe extern "C" fn(callable: *mut PyObject, tuple: *mut PyObject, dict: *mut PyObject) -> *mut PyObject;
pub const PyVectorcall_Call_ADDED: (u8, u8) = (3, 12);
pub const PyVectorcall_Call_NAME: &CStr = cstr(b"PyVectorcall_Call\0");

/// `PyErr_GetRaisedException` (Limited API 3.12). Fallback: `PyErr_Fetch` + `PyErr_NormalizeException`.
pub type PyErr_GetRaisedException = unsafe extern "C" fn() -> *mut PyObject;
pub const PyErr_GetRaisedException_ADDED: (u8, u8) = (3, 12);
pub const PyErr_GetRaisedException_NAME: &CStr = cstr(b"PyErr_GetRaisedException\0");

/// `PyErr_SetRaisedException` (Limited API 3.12). Steals `exc`. Fallback: `PyErr_Restore`.
pub type PyErr_SetRaisedException = unsafe extern "C" fn(exc: *mut PyObject);
pub const PyErr_SetRaisedException_ADDED: (u8, u8) = (3, 12);
pub const PyErr_SetRaisedException_NAME: &CStr = cstr(b"PyErr_SetRaisedException\0");

/// `PyException_GetArgs` (Limited API 3.12).
pub type PyException_GetArgs = unsafe extern "C" fn(ex: *mut PyObject) -> *mut PyObject;
pub const PyException_GetArgs_ADDED: (u8, u8) = (3, 12);
pub const PyException_GetArgs_NAME: &CStr = cstr(b"PyException_GetArgs\0");

/// `PyException_SetArgs` (Limited API 3.12).
pub type PyException_SetArgs = unsafe extern "C" fn(ex: *mut PyObject, args: *mut PyObject);
pub const PyException_SetArgs_ADDED: (u8, u8) = (3, 12);
pub const PyException_SetArgs_NAME: &CStr = cstr(b"PyException_SetArgs\0");

/// `PyType_FromMetaclass` (Limited API 3.12).
pub type PyType_FromMetaclass = unsafe extern "C" fn(
    metaclass: *mut PyTypeObject,
    module: *mut PyObject,
    spec: *mut PyType_Spec,
    bases: *mut PyObject,
) -> *mut PyObject;
pub const PyType_FromMetaclass_ADDED: (u8, u8) = (3, 12);
pub const PyType_FromMetaclass_NAME: &CStr = cstr(b"PyType_FromMetaclass\0");

/// `PyObject_GetTypeData` (Limited API 3.12).
pub type PyObject_GetTypeData = unsafe extern "C" fn(obj: *mut PyObject, cls: *mut PyTypeObject) -> *mut c_void;
pub const PyObject_GetTypeData_ADDED: (u8, u8) = (3, 12);
pub const PyObject_GetTypeData_NAME: &CStr = cstr(b"PyObject_GetTypeData\0");

/// `PyObject_GetOptionalAttr` (Limited API 3.13). Returns 1 (found), 0 (missing, no exception) or -1. Fallback: `PyObject_GetAttr` + `PyErr_ExceptionMatches(PyExc_AttributeError)`.
pub type PyObject_GetOptionalAttr =
    unsafe extern "C" fn(obj: *mut PyObject, name: *mut PyObject, result: *mut *mut PyObject) -> c_int;
pub const PyObject_GetOptionalAttr_ADDED: (u8, u8) = (3, 13);
pub const PyObject_GetOptionalAttr_NAME: &CStr = cstr(b"PyObject_GetOptionalAttr\0");

/// `PyObject_GetOptionalAttrString` (Limited API 3.13).
pub type PyObject_GetOptionalAttrString =
    unsafe extern "C" fn(obj: *mut PyObject, name: *const c_char, result: *mut *mut PyObject) -> c_int;
pub const PyObject_GetOptionalAttrString_ADDED: (u8, u8) = (3, 13);
pub const PyObject_GetOptionalAttrString_NAME: &CStr = cstr(b"PyObject_GetOptionalAttrString\0");

/// `PyType_GetModuleByDef` (Limited API 3.13). Borrowed reference.
pub type PyType_GetModuleByDef = unsafe extern "C" fn(tp: *mut PyTypeObject, def: *mut PyModuleDef) -> *mut PyObject;
pub const PyType_GetModuleByDef_ADDED: (u8, u8) = (3, 13);
pub const PyType_GetModuleByDef_NAME: &CStr = cstr(b"PyType_GetModuleByDef\0");

/// `PyLong_AsInt` (Limited API 3.13).
pub type PyLong_AsInt = unsafe extern "C" fn(obj: *mut PyObject) -> c_int;
pub const PyLong_AsInt_ADDED: (u8, u8) = (3, 13);
pub const PyLong_AsInt_NAME: &CStr = cstr(b"PyLong_AsInt\0");

/// `Py_IsFinalizing` (Limited API 3.13).
pub type Py_IsFinalizing = unsafe extern "C" fn() -> c_int;
pub const Py_IsFinalizing_ADDED: (u8, u8) = (3, 13);
pub const Py_IsFinalizing_NAME: &CStr = cstr(b"Py_IsFinalizing\0");

/// Every symbol above with its `added` version, for the symbol-check test and the runtime.
pub const DYNAMIC_SYMBOLS: &[(&str, (u8, u8))] = &[
    ("PyInterpreterState_Get", PyInterpreterState_Get_ADDED),
    ("PyObject_GC_IsTracked", PyObject_GC_IsTracked_ADDED),
    ("PyObject_GC_IsFinalized", PyObject_GC_IsFinalized_ADDED),
    ("PyIter_Check", PyIter_Check_ADDED),
    ("PyIndex_Check", PyIndex_Check_ADDED),
    ("PyUnicode_AsUTF8AndSize", PyUnicode_AsUTF8AndSize_ADDED),
    ("PyObject_CallNoArgs", PyObject_CallNoArgs_ADDED),
    ("PyObject_GenericGetDict", PyObject_GenericGetDict_ADDED),
    ("PyType_FromModuleAndSpec", PyType_FromModuleAndSpec_ADDED),
    ("PyType_GetModule", PyType_GetModule_ADDED),
    ("PyType_GetModuleState", PyType_GetModuleState_ADDED),
    ("PyModule_AddObjectRef", PyModule_AddObjectRef_ADDED),
    ("PyModule_AddType", PyModule_AddType_ADDED),
    ("PyThreadState_GetInterpreter", PyThreadState_GetInterpreter_ADDED),
    ("PyType_GetName", PyType_GetName_ADDED),
    ("PyType_GetQualName", PyType_GetQualName_ADDED),
    ("PyErr_GetHandledException", PyErr_GetHandledException_ADDED),
    ("PyErr_SetHandledException", PyErr_SetHandledException_ADDED),
    ("PyObject_GetBuffer", PyObject_GetBuffer_ADDED),
    ("PyBuffer_Release", PyBuffer_Release_ADDED),
    ("PyObject_CheckBuffer", PyObject_CheckBuffer_ADDED),
    ("PyBuffer_FillInfo", PyBuffer_FillInfo_ADDED),
    ("PyMemoryView_FromBuffer", PyMemoryView_FromBuffer_ADDED),
    ("PyObject_Vectorcall", PyObject_Vectorcall_ADDED),
    ("PyObject_VectorcallMethod", PyObject_VectorcallMethod_ADDED),
    ("PyVectorcall_Call", PyVectorcall_Call_ADDED),
    ("PyErr_GetRaisedException", PyErr_GetRaisedException_ADDED),
    ("PyErr_SetRaisedException", PyErr_SetRaisedException_ADDED),
    ("PyException_GetArgs", PyException_GetArgs_ADDED),
    ("PyException_SetArgs", PyException_SetArgs_ADDED),
    ("PyType_FromMetaclass", PyType_FromMetaclass_ADDED),
    ("PyObject_GetTypeData", PyObject_GetTypeData_ADDED),
    ("PyObject_GetOptionalAttr", PyObject_GetOptionalAttr_ADDED),
    ("PyObject_GetOptionalAttrString", PyObject_GetOptionalAttrString_ADDED),
    ("PyType_GetModuleByDef", PyType_GetModuleByDef_ADDED),
    ("PyLong_AsInt", PyLong_AsInt_ADDED),
    ("Py_IsFinalizing", Py_IsFinalizing_ADDED),
    ("Py_Version", Py_Version_ADDED),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dynamic_symbols_are_all_newer_than_3_7() {
        for &(name, added) in DYNAMIC_SYMBOLS {
            assert!(added > (3, 7), "{name} added {added:?} belongs in a header module");
        }
    }

    #[test]
    fn names_match() {
        assert_eq!(PyUnicode_AsUTF8AndSize_NAME.to_str(), Ok("PyUnicode_AsUTF8AndSize"));
        assert_eq!(Py_Version_NAME.to_bytes(), b"Py_Version");
    }

    #[test]
    fn vectorcall_nargs() {
        assert_eq!(PyVectorcall_NARGS(3 | PY_VECTORCALL_ARGUMENTS_OFFSET), 3);
        assert_eq!(PyVectorcall_NARGS(0), 0);
    }
}
