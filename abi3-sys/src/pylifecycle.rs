//! `Include/pylifecycle.h`: interpreter start-up, shutdown and version strings.
//! Provenance: CPython 3.7 `Include/pylifecycle.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/init.html>.
//!
//! skipped Py_SetProgramName, Py_SetPythonHome, Py_GetPath and the other path configuration
//! functions: abi_only and deprecated (PEP 587).

use std::os::raw::{c_char, c_int};

use crate::pystate::PyThreadState;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub fn Py_Initialize();
    pub fn Py_InitializeEx(initsigs: c_int);
    pub fn Py_Finalize();
    pub fn Py_FinalizeEx() -> c_int;
    pub fn Py_IsInitialized() -> c_int;
    pub fn Py_NewInterpreter() -> *mut PyThreadState;
    pub fn Py_EndInterpreter(tstate: *mut PyThreadState);
    pub fn Py_AtExit(func: Option<unsafe extern "C" fn()>) -> c_int;
    pub fn Py_Exit(status: c_int) -> !;
    /// The interpreter's version, e.g. `"3.13.0 (main, ...) [GCC ...]"`: parse the leading
    /// `major.minor` (works on every version; `Py_Version` is 3.11+).
    pub fn Py_GetVersion() -> *const c_char;
    pub fn Py_GetPlatform() -> *const c_char;
    pub fn Py_GetCopyright() -> *const c_char;
    pub fn Py_GetCompiler() -> *const c_char;
    pub fn Py_GetBuildInfo() -> *const c_char;
    pub fn Py_FatalError(message: *const c_char) -> !;
}
