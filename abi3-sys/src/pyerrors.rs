//! `Include/pyerrors.h`: raising, fetching and matching exceptions; the builtin exception types.
//! Provenance: CPython 3.7 `Include/pyerrors.h` under `Py_LIMITED_API=0x03070000`, checked against
//! `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/exceptions.html>.

use std::os::raw::{c_char, c_int};

use crate::object::{PyObject, PyType_FastSubclass, Py_TPFLAGS_BASE_EXC_SUBCLASS, Py_TYPE};
use crate::pyport::Py_ssize_t;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub fn PyErr_SetNone(tp: *mut PyObject);
    pub fn PyErr_SetObject(tp: *mut PyObject, value: *mut PyObject);
    pub fn PyErr_SetString(tp: *mut PyObject, message: *const c_char);
    /// Borrowed reference (or NULL).
    pub fn PyErr_Occurred() -> *mut PyObject;
    pub fn PyErr_Clear();
    /// Deprecated in 3.12 (no removal date); works on every version.
    pub fn PyErr_Fetch(ptype: *mut *mut PyObject, pvalue: *mut *mut PyObject, ptraceback: *mut *mut PyObject);
    /// Steals all three references. Deprecated in 3.12 (no removal date).
    pub fn PyErr_Restore(tp: *mut PyObject, value: *mut PyObject, traceback: *mut PyObject);
    pub fn PyErr_GetExcInfo(ptype: *mut *mut PyObject, pvalue: *mut *mut PyObject, ptraceback: *mut *mut PyObject);
    pub fn PyErr_SetExcInfo(tp: *mut PyObject, value: *mut PyObject, traceback: *mut PyObject);
    pub fn PyErr_GivenExceptionMatches(given: *mut PyObject, exc: *mut PyObject) -> c_int;
    pub fn PyErr_ExceptionMatches(exc: *mut PyObject) -> c_int;
    pub fn PyErr_NormalizeException(
        ptype: *mut *mut PyObject,
        pvalue: *mut *mut PyObject,
        ptraceback: *mut *mut PyObject,
    );

    pub fn PyException_SetTraceback(ex: *mut PyObject, tb: *mut PyObject) -> c_int;
    pub fn PyException_GetTraceback(ex: *mut PyObject) -> *mut PyObject;
    pub fn PyException_GetCause(ex: *mut PyObject) -> *mut PyObject;
    /// Steals `cause`.
    pub fn PyException_SetCause(ex: *mut PyObject, cause: *mut PyObject);
    pub fn PyException_GetContext(ex: *mut PyObject) -> *mut PyObject;
    /// Steals `context`.
    pub fn PyException_SetContext(ex: *mut PyObject, context: *mut PyObject);

    pub fn PyErr_BadArgument() -> c_int;
    pub fn PyErr_NoMemory() -> *mut PyObject;
    pub fn PyErr_SetFromErrno(exc: *mut PyObject) -> *mut PyObject;
    pub fn PyErr_SetFromErrnoWithFilenameObject(exc: *mut PyObject, filename: *mut PyObject) -> *mut PyObject;
    pub fn PyErr_SetFromErrnoWithFilename(exc: *mut PyObject, filename: *const c_char) -> *mut PyObject;
    pub fn PyErr_Format(exception: *mut PyObject, format: *const c_char, ...) -> *mut PyObject;
    pub fn PyErr_SetImportError(msg: *mut PyObject, name: *mut PyObject, path: *mut PyObject) -> *mut PyObject;
    pub fn PyErr_BadInternalCall();
    pub fn PyErr_NewException(name: *const c_char, base: *mut PyObject, dict: *mut PyObject) -> *mut PyObject;
    pub fn PyErr_NewExceptionWithDoc(
        name: *const c_char,
        doc: *const c_char,
        base: *mut PyObject,
        dict: *mut PyObject,
    ) -> *mut PyObject;
    pub fn PyErr_WriteUnraisable(obj: *mut PyObject);
    pub fn PyErr_CheckSignals() -> c_int;
    pub fn PyErr_SetInterrupt();
    pub fn PyErr_SyntaxLocation(filename: *const c_char, lineno: c_int);
    pub fn PyErr_SyntaxLocationEx(filename: *const c_char, lineno: c_int, col_offset: c_int);
    pub fn PyErr_ProgramText(filename: *const c_char, lineno: c_int) -> *mut PyObject;

    pub fn PyUnicodeDecodeError_Create(
        encoding: *const c_char,
        object: *const c_char,
        length: Py_ssize_t,
        start: Py_ssize_t,
        end: Py_ssize_t,
        reason: *const c_char,
    ) -> *mut PyObject;
}

/// `PyExceptionClass_Check(x)`.
#[inline]
pub unsafe fn PyExceptionClass_Check(x: *mut PyObject) -> c_int {
    (crate::object::PyType_Check(x) != 0 && PyType_FastSubclass(x as *mut _, Py_TPFLAGS_BASE_EXC_SUBCLASS) != 0)
        as c_int
}

/// `PyExceptionInstance_Check(x)`.
#[inline]
pub unsafe fn PyExceptionInstance_Check(x: *mut PyObject) -> c_int {
    PyType_FastSubclass(Py_TYPE(x), Py_TPFLAGS_BASE_EXC_SUBCLASS)
}

/// `PyExceptionInstance_Class(x)`: borrowed reference to the exception's type.
#[inline]
pub unsafe fn PyExceptionInstance_Class(x: *mut PyObject) -> *mut PyObject {
    Py_TYPE(x) as *mut PyObject
}

// The builtin exception types (data, all with `added <= 3.7`).
// skipped PyExc_EncodingWarning (3.10), PyExc_BaseExceptionGroup (3.11): added after 3.7;
// look them up in `builtins` instead.
#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub static mut PyExc_BaseException: *mut PyObject;
    pub static mut PyExc_Exception: *mut PyObject;
    pub static mut PyExc_StopAsyncIteration: *mut PyObject;
    pub static mut PyExc_StopIteration: *mut PyObject;
    pub static mut PyExc_GeneratorExit: *mut PyObject;
    pub static mut PyExc_ArithmeticError: *mut PyObject;
    pub static mut PyExc_LookupError: *mut PyObject;
    pub static mut PyExc_AssertionError: *mut PyObject;
    pub static mut PyExc_AttributeError: *mut PyObject;
    pub static mut PyExc_BufferError: *mut PyObject;
    pub static mut PyExc_EOFError: *mut PyObject;
    pub static mut PyExc_FloatingPointError: *mut PyObject;
    pub static mut PyExc_OSError: *mut PyObject;
    pub static mut PyExc_ImportError: *mut PyObject;
    pub static mut PyExc_ModuleNotFoundError: *mut PyObject;
    pub static mut PyExc_IndexError: *mut PyObject;
    pub static mut PyExc_KeyError: *mut PyObject;
    pub static mut PyExc_KeyboardInterrupt: *mut PyObject;
    pub static mut PyExc_MemoryError: *mut PyObject;
    pub static mut PyExc_NameError: *mut PyObject;
    pub static mut PyExc_OverflowError: *mut PyObject;
    pub static mut PyExc_RuntimeError: *mut PyObject;
    pub static mut PyExc_RecursionError: *mut PyObject;
    pub static mut PyExc_NotImplementedError: *mut PyObject;
    pub static mut PyExc_SyntaxError: *mut PyObject;
    pub static mut PyExc_IndentationError: *mut PyObject;
    pub static mut PyExc_TabError: *mut PyObject;
    pub static mut PyExc_ReferenceError: *mut PyObject;
    pub static mut PyExc_SystemError: *mut PyObject;
    pub static mut PyExc_SystemExit: *mut PyObject;
    pub static mut PyExc_TypeError: *mut PyObject;
    pub static mut PyExc_UnboundLocalError: *mut PyObject;
    pub static mut PyExc_UnicodeError: *mut PyObject;
    pub static mut PyExc_UnicodeEncodeError: *mut PyObject;
    pub static mut PyExc_UnicodeDecodeError: *mut PyObject;
    pub static mut PyExc_UnicodeTranslateError: *mut PyObject;
    pub static mut PyExc_ValueError: *mut PyObject;
    pub static mut PyExc_ZeroDivisionError: *mut PyObject;

    pub static mut PyExc_BlockingIOError: *mut PyObject;
    pub static mut PyExc_BrokenPipeError: *mut PyObject;
    pub static mut PyExc_ChildProcessError: *mut PyObject;
    pub static mut PyExc_ConnectionError: *mut PyObject;
    pub static mut PyExc_ConnectionAbortedError: *mut PyObject;
    pub static mut PyExc_ConnectionRefusedError: *mut PyObject;
    pub static mut PyExc_ConnectionResetError: *mut PyObject;
    pub static mut PyExc_FileExistsError: *mut PyObject;
    pub static mut PyExc_FileNotFoundError: *mut PyObject;
    pub static mut PyExc_InterruptedError: *mut PyObject;
    pub static mut PyExc_IsADirectoryError: *mut PyObject;
    pub static mut PyExc_NotADirectoryError: *mut PyObject;
    pub static mut PyExc_PermissionError: *mut PyObject;
    pub static mut PyExc_ProcessLookupError: *mut PyObject;
    pub static mut PyExc_TimeoutError: *mut PyObject;

    /// Alias of `PyExc_OSError`.
    pub static mut PyExc_EnvironmentError: *mut PyObject;
    /// Alias of `PyExc_OSError`.
    pub static mut PyExc_IOError: *mut PyObject;
    /// Alias of `PyExc_OSError`; only exported on Windows.
    #[cfg(windows)]
    pub static mut PyExc_WindowsError: *mut PyObject;

    // Warning categories.
    pub static mut PyExc_Warning: *mut PyObject;
    pub static mut PyExc_UserWarning: *mut PyObject;
    pub static mut PyExc_DeprecationWarning: *mut PyObject;
    pub static mut PyExc_PendingDeprecationWarning: *mut PyObject;
    pub static mut PyExc_SyntaxWarning: *mut PyObject;
    pub static mut PyExc_RuntimeWarning: *mut PyObject;
    pub static mut PyExc_FutureWarning: *mut PyObject;
    pub static mut PyExc_ImportWarning: *mut PyObject;
    pub static mut PyExc_UnicodeWarning: *mut PyObject;
    pub static mut PyExc_BytesWarning: *mut PyObject;
    pub static mut PyExc_ResourceWarning: *mut PyObject;
}
