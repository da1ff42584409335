//! Starting an interpreter inside a Rust program (feature `embed`).
//!
//! Extension modules never need this: the interpreter that imports them is already running.

use abi3_sys as ffi;

use crate::gil::Python;

/// Start the interpreter once (without installing signal handlers) and release the GIL so
/// that any thread can take it with [`Python::with_gil`]. Idempotent.
pub fn initialize() {
    static START: std::sync::Once = std::sync::Once::new();
    START.call_once(|| {
        // SAFETY: Py_IsInitialized needs no GIL; Py_InitializeEx runs once (Once) before any
        // other Python API; PyEval_SaveThread releases the GIL the initialising thread holds,
        // and the thread state it returns is intentionally kept for the life of the process.
        unsafe {
            if ffi::Py_IsInitialized() == 0 {
                ffi::Py_InitializeEx(0);
                ffi::PyEval_SaveThread();
            }
        }
    });
}

/// Start the interpreter if needed and run `f` with the GIL.
pub fn with_embedded<R>(f: impl for<'py> FnOnce(Python<'py>) -> R) -> R {
    initialize();
    Python::with_gil(f)
}
