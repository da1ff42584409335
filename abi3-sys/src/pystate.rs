//! `Include/pystate.h`: thread and interpreter state, the `PyGILState_*` API.
//! Provenance: CPython 3.7 `Include/pystate.h` under `Py_LIMITED_API=0x03070000`, checked against
//! `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/init.html#thread-state-and-the-global-interpreter-lock>.
//!
//! `PyInterpreterState_Get` (3.9) is in `dynamic`.

use std::os::raw::{c_int, c_ulong};

use crate::object::{opaque_struct, PyObject};

opaque_struct!(
    /// `PyThreadState`: opaque.
    PyThreadState,
    /// `PyInterpreterState`: opaque.
    PyInterpreterState,
);

/// `PyGILState_STATE`: a C enum, kept as its integer type (an unlisted value in a Rust enum
/// would be undefined behaviour).
pub type PyGILState_STATE = c_int;
pub const PyGILState_LOCKED: PyGILState_STATE = 0;
pub const PyGILState_UNLOCKED: PyGILState_STATE = 1;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub fn PyInterpreterState_New() -> *mut PyInterpreterState;
    pub fn PyInterpreterState_Clear(interp: *mut PyInterpreterState);
    pub fn PyInterpreterState_Delete(interp: *mut PyInterpreterState);
    pub fn PyInterpreterState_GetID(interp: *mut PyInterpreterState) -> i64;

    pub fn PyThreadState_New(interp: *mut PyInterpreterState) -> *mut PyThreadState;
    pub fn PyThreadState_Clear(tstate: *mut PyThreadState);
    pub fn PyThreadState_Delete(tstate: *mut PyThreadState);
    pub fn PyThreadState_Get() -> *mut PyThreadState;
    pub fn PyThreadState_Swap(tstate: *mut PyThreadState) -> *mut PyThreadState;
    /// Borrowed reference.
    pub fn PyThreadState_GetDict() -> *mut PyObject;
    pub fn PyThreadState_SetAsyncExc(id: c_ulong, exc: *mut PyObject) -> c_int;

    pub fn PyGILState_Release(state: PyGILState_STATE);
    pub fn PyGILState_GetThisThreadState() -> *mut PyThreadState;
}

// Like `PyEval_RestoreThread` (`ceval`): ends the calling thread with a forced unwind on
// 3.7..3.13 (hangs it on 3.14+) when another thread finalizes the interpreter.
#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C-unwind" {
    pub fn PyGILState_Ensure() -> PyGILState_STATE;
}
