//! `Include/ceval.h`: releasing and re-acquiring the GIL, evaluation-loop helpers.
//! Provenance: CPython 3.7 `Include/ceval.h` under `Py_LIMITED_API=0x03070000`, checked against
//! `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/init.html#releasing-the-gil-from-extension-code>.
//!
//! skipped Py_BEGIN_ALLOW_THREADS, Py_END_ALLOW_THREADS, Py_BLOCK_THREADS, Py_UNBLOCK_THREADS:
//! block macros over `PyEval_SaveThread` / `PyEval_RestoreThread`.
//! skipped PyEval_CallObjectWithKeywords, PyEval_CallFunction, PyEval_CallMethod: abi_only,
//! deprecated; use `PyObject_Call*`.

use std::os::raw::{c_char, c_int, c_void};

use crate::object::{PyFrameObject, PyObject};
use crate::pystate::PyThreadState;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    /// Borrowed reference.
    pub fn PyEval_GetBuiltins() -> *mut PyObject;
    /// Borrowed reference.
    pub fn PyEval_GetGlobals() -> *mut PyObject;
    /// Borrowed reference.
    pub fn PyEval_GetLocals() -> *mut PyObject;
    /// Borrowed reference.
    pub fn PyEval_GetFrame() -> *mut PyFrameObject;
    pub fn PyEval_GetFuncName(func: *mut PyObject) -> *const c_char;
    pub fn PyEval_GetFuncDesc(func: *mut PyObject) -> *const c_char;

    pub fn Py_AddPendingCall(func: Option<unsafe extern "C" fn(*mut c_void) -> c_int>, arg: *mut c_void) -> c_int;
    pub fn Py_MakePendingCalls() -> c_int;
    pub fn Py_SetRecursionLimit(limit: c_int);
    pub fn Py_GetRecursionLimit() -> c_int;

    pub fn PyEval_SaveThread() -> *mut PyThreadState;
    pub fn PyEval_ReleaseThread(tstate: *mut PyThreadState);
    /// abi_only; a no-op from 3.9 (the GIL is created by `Py_Initialize` since 3.7).
    pub fn PyEval_InitThreads();
    /// abi_only.
    pub fn PyEval_ThreadsInitialized() -> c_int;
}

// Taking the GIL ends the calling thread when another thread finalizes the interpreter:
// 3.7..3.13 call `PyThread_exit_thread` (`pthread_exit`, a forced unwind through the caller's
// frames; 3.14+ hang the thread instead). So these may unwind: "C-unwind". A forced unwind
// through Rust frames that have destructors or `catch_unwind` still aborts the process
// ("FATAL: exception not rethrown"): callers must not take the GIL once finalization may
// have begun (limpet's `gil` module coordinates this).
#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C-unwind" {
    pub fn PyEval_RestoreThread(tstate: *mut PyThreadState);
    pub fn PyEval_AcquireThread(tstate: *mut PyThreadState);
}
