//! limpet: native Python extension modules in Rust through CPython's Limited API.
//!
//! One `.abi3.so`, built once against the 3.7 Stable ABI, loads and behaves the same on every
//! CPython from 3.7 to the newest. Modules, functions and (later) classes are declared with
//! `macro_rules!` macros; the code users write with them needs no `unsafe`.
//!
//! The three floors: `abi3-sys` (raw declarations) <- this crate's runtime (`src/`) <- the
//! declarative front end (`macros/`, compiled into this crate so `$crate` reaches the runtime).
//! Everything that depends on the running interpreter (calling convention, optional functions,
//! module slots) is decided once at import time, see [`runtime`].
//!
//! ```
//! use limpet::prelude::*;
//!
//! limpet::function! {
//!     /// Add two integers.
//!     fn add(a: i64, b: i64 = 1, *, c: i64 = 0) -> i64 { a + b + c }
//! }
//!
//! limpet::module! {
//!     /// An example module.
//!     mod example { fn add; }
//! }
//! # fn main() { assert_eq!(add(1, 2, 3), 6); }
//! ```
#![warn(missing_docs)]
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod args;
mod call;
pub mod class;
pub mod convert;
#[cfg(feature = "embed")]
pub mod embed;
pub mod err;
pub mod exceptions;
pub mod function;
pub mod gil;
pub mod module;
pub mod object;
pub mod runtime;
mod signature;
pub mod stubs;
mod trampoline;
pub mod types;

#[macro_use]
#[path = "../macros/mod.rs"]
mod macros;

pub use call::PyIterator;
pub use convert::{FromPyArg, FromPyObject, IntoPy, IntoPyReturn};
pub use err::{PyErr, PyResult};
pub use gil::Python;
pub use object::{Bound, Py, PyAny};

/// The names most extensions need: `use limpet::prelude::*;`.
pub mod prelude {
    pub use crate::class::{PyRef, PyRefMut, PyTraverseError, PyVisit};
    pub use crate::err::{PyErr, PyResult};
    pub use crate::exceptions::*;
    pub use crate::gil::Python;
    pub use crate::object::{Bound, Py, PyAny};
    pub use crate::types::{PyBytes, PyDict, PyFloat, PyInt, PyList, PySet, PyString, PyTuple};
    pub use crate::{FromPyObject, IntoPy};
}

/// Not public API: the items macro expansions use. No semver guarantees.
#[doc(hidden)]
pub mod __private {
    pub use crate::args::{
        kwonly_required, min_positional, validate, ArgSlots, Param, Signature, VARARGS_INDEX, VARKW_INDEX,
    };
    pub use crate::convert::{extract_arg, holder, input_hint_of, output_hint_of, FromPyArg, IntoPyReturn};
    pub use crate::err::{PyErr, PyResult};
    pub use crate::exceptions::ExceptionCell;
    pub use crate::function::{FnKind, FunctionDef};
    pub use crate::gil::Python;
    pub use crate::module::{module_init, ModuleDef, ModuleItem};
    pub use crate::object::Bound;
    pub use crate::stubs::Hints;
    pub use crate::trampoline::{call_fastcall, call_tuple, Body, RawFast, RawTuple};
    pub use abi3_sys::PyObject;
    /// Type slot ids used by class expansions.
    pub mod ffi_slot {
        pub use abi3_sys::{Py_tp_iter, Py_tp_iternext, Py_tp_repr, Py_tp_str};
    }
    pub use core;
    pub use paste::paste;
    pub use std::sync::OnceLock;
}
