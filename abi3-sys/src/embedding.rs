//! Mostly embedding: items a Rust *program* uses to run code in an interpreter it embeds
//! (`limpet::embed`). Extension modules use only `Py_CompileString` and `PyEval_EvalCode`
//! (limpet runs its own Python source, the stub renderer, with them instead of looking up
//! `builtins.exec`). (`PyImport_AppendInittab`, `Py_InitializeEx` and `Py_FinalizeEx`
//! are in `import.rs` and `pylifecycle.rs`, with their headers.)
//! Provenance: CPython 3.7 `Include/pythonrun.h` (`Py_CompileString`, a real function only under
//! `Py_LIMITED_API`), `Include/eval.h` (`PyEval_EvalCode`) and `Include/compile.h` (the start
//! symbols), under `Py_LIMITED_API=0x03070000`; both functions are in `Misc/stable_abi.toml`
//! (added 3.2), so they link on every interpreter 3.7+. The constants are checked by
//! `tests/header_check.rs`. C-API docs: <https://docs.python.org/3/c-api/veryhigh.html>.
//!
//! skipped PyRun_*, Py_Main, Py_BytesMain, PyConfig and the `Py_Set*` path/program-name
//! functions: not in the Limited API (or abi_only and deprecated since 3.11).

use std::os::raw::{c_char, c_int};

use crate::object::PyObject;

/// `Py_CompileString` start symbol: one interactive statement (`compile(.., "single")`).
pub const Py_single_input: c_int = 256;
/// `Py_CompileString` start symbol: a module body (`compile(.., "exec")`).
pub const Py_file_input: c_int = 257;
/// `Py_CompileString` start symbol: one expression (`compile(.., "eval")`).
pub const Py_eval_input: c_int = 258;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    /// New reference to a code object, or NULL with an exception set (e.g. `SyntaxError`).
    pub fn Py_CompileString(source: *const c_char, filename: *const c_char, start: c_int) -> *mut PyObject;
    /// New reference to the result (`None` for `Py_file_input` code), or NULL with an exception.
    pub fn PyEval_EvalCode(code: *mut PyObject, globals: *mut PyObject, locals: *mut PyObject) -> *mut PyObject;
}
