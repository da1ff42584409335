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
//!
//! Most examples in this documentation use `py`, a [`Python`] token: in an extension a
//! function gets it as a parameter (`py: Python<'_>`) or from any handle (`obj.py()`); the
//! examples run in an interpreter embedded by the test suite.
#![warn(missing_docs)]

// The abi3t binary is an extension module only: embedding registers `PyInit_NAME` functions,
// which it does not have (PEP 793 export hooks instead).
#[cfg(all(feature = "abi3t", feature = "embed-api"))]
compile_error!("limpet: the `abi3t` feature builds extension modules; it cannot be combined with `embed`/`embed-api`");

// Modules only macro expansions use are private: their items are reached through the
// `__private` door below. (`class` keeps its expansion-only items public but hidden, since
// `class!` names them by path.)
mod args;
mod builtin;
mod call;
mod checks;
mod ffi_safe;
// Without `async`, the detached borrows only coroutines take are unused (src/class/borrow.rs).
#[cfg_attr(not(feature = "async"), allow(dead_code, unused_imports))]
pub mod class;
pub mod convert;
#[cfg(feature = "async")]
pub mod coroutine;
#[cfg(feature = "embed-api")]
pub mod embed;
pub mod err;
pub mod exceptions;
mod function;
pub mod gil;
pub mod iter;
mod module;
#[cfg(not(feature = "async"))]
mod no_async;
pub mod object;
pub mod runtime;
mod signature;
mod stubs;
mod sync;
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
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// // handles, the type markers, the conversion traits and every builtin exception
/// let list: Bound<'_, PyList> = PyList::empty(py)?;
/// list.append(1.into_py(py)?)?;
/// let err: PyErr = PyValueError::new_err("bad");
/// assert!(err.is_instance_of::<PyException>(py));
/// # Ok(()) });
/// ```
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
        fast_arity, kwonly_required, min_positional, signature, validate, ArgSlots, InternedNames, Param, Signature,
        VARARGS_INDEX, VARKW_INDEX,
    };
    pub use crate::checks::{
        DerivedByOption, HashNeedsEqFrozen, MutReceiver, NotAsyncValue, OneRichCompare, OrdNeedsEq,
    };
    #[cfg(feature = "records")]
    pub use crate::convert::record::{
        hint_once, newtype_field, tuple_field, tuple_from, tuple_hint, tuple_of, union_hint, DictBuilder, Fields,
        Missing, MissingOptional, MissingRequired, Variants,
    };
    pub use crate::convert::std_types::varkw_given;
    pub use crate::convert::{
        extract_arg, extract_param, holder, input_hint_of, output_hint_of, return_value, FromPyArg, HintProbe,
        InputHintOf, IntoPyReturn, NoHintOf, OutputHintOf,
    };
    #[cfg(feature = "async")]
    pub use crate::coroutine::{async_anext, async_method, async_output_hint_of, async_return, AsyncMut, AsyncRef};
    pub use crate::err::{PyErr, PyResult};
    pub use crate::exceptions::ExceptionCell;
    pub use crate::function::{FnKind, FunctionDef, RawNoArgs};
    pub use crate::gil::Python;
    pub use crate::iter::IntoPyValue;
    #[cfg(feature = "abi3t")]
    pub use crate::module::module_export;
    #[cfg(not(feature = "abi3t"))]
    pub use crate::module::module_init;
    pub use crate::module::{ModuleDef, ModuleInit, ModuleItem};
    #[cfg(not(feature = "async"))]
    pub use crate::no_async::{async_anext, async_method, async_output_hint_of, async_return, AsyncMut, AsyncRef};
    pub use crate::object::Bound;
    pub use crate::stubs::{any_hint, none_hint, HintFn, Hints};
    pub use crate::trampoline::{call_tuple, call_tuple_as_fast, enter_fastcall, finish, Body, RawFast, RawTuple};
    pub use abi3_sys::PyObject;
    #[cfg(feature = "abi3t")]
    pub use abi3_sys::PySlot;
    /// Type slot ids used by class expansions.
    pub mod ffi_slot {
        pub use abi3_sys::{
            Py_nb_absolute, Py_nb_float, Py_nb_index, Py_nb_int, Py_nb_invert, Py_nb_negative, Py_nb_positive,
            Py_tp_iter, Py_tp_iternext, Py_tp_repr, Py_tp_str,
        };
    }
    pub use core;
    pub use paste::paste;
    pub use std::sync::OnceLock;

    /// Runs a documentation example: with the `embed` feature (doctests in the test
    /// command) it starts an interpreter and runs `body` with the GIL, panicking with the
    /// Python error if `body` fails; without it, `body` is only type-checked.
    pub fn doctest(body: impl for<'py> FnOnce(crate::Python<'py>) -> crate::PyResult<()>) {
        #[cfg(feature = "embed")]
        {
            crate::embed::initialize();
            crate::Python::with_gil(|py| {
                if let Err(e) = body(py) {
                    panic!("the example raised {e}");
                }
            });
        }
        #[cfg(not(feature = "embed"))]
        drop(body);
    }
}
