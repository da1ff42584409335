//! Raw FFI declarations for CPython's Limited API / Stable ABI ("abi3"), baseline CPython 3.7.
//!
//! One module per CPython header (same stem), in the order `Python.h` includes them; every item
//! has its C name and C signature and is re-exported at the crate root, as in C's flat
//! namespace. C macros and `static inline` functions are `#[inline] pub unsafe fn`s with the C
//! name (`Py_None()`, `Py_TYPE(ob)`, `PyLong_Check(ob)`, ...).
//!
//! Only items whose `added` version in CPython's `Misc/stable_abi.toml` is 3.7 or older are
//! declared as `extern` items, so that an extension built on this crate loads on every CPython
//! from 3.7 on (extensions are loaded with `RTLD_NOW`: one newer symbol fails the import).
//! Newer items live in [`dynamic`] as function-pointer types plus the version that makes them
//! legal; the caller resolves them at run time. Nothing links to libpython: the symbols resolve
//! against the interpreter when the extension is loaded.
//!
//! Constants, struct sizes and field offsets are checked against every interpreter's headers by
//! `tests/header_check.rs`. C-API reference: <https://docs.python.org/3/c-api/stable.html>.

// C names are kept verbatim (`PyObject`, `Py_IncRef`, `Py_tp_new`, `PyExc_TypeError`).
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]
// Every function here is a thin declaration of a C API; its safety contract is CPython's
// documentation for the item of the same name.
#![allow(clippy::missing_safety_doc)]

// Header order follows CPython 3.7 `Include/Python.h`; one paragraph per header so that rustfmt
// keeps the order.

// pyport.h (+ pytypedefs.h)
pub mod pyport;

// skipped pymacro.h, pymath.h, pytime.h: no Limited API items we need
// pymem.h
pub mod pymem;

// object.h (+ refcount.h of 3.9+)
pub mod object;

// objimpl.h
pub mod objimpl;

// typeslots.h
pub mod typeslots;

// skipped pyhash.h: no Limited API functions
// skipped pydebug.h: abi_only configuration variables
// bytearrayobject.h
pub mod bytearrayobject;

// bytesobject.h
pub mod bytesobject;

// unicodeobject.h
pub mod unicodeobject;

// longobject.h
pub mod longobject;

// skipped longintrepr.h: not in the Limited API
// boolobject.h
pub mod boolobject;

// floatobject.h
pub mod floatobject;

// complexobject.h
pub mod complexobject;

// skipped rangeobject.h: only type objects; reach `range` through builtins
// memoryobject.h
pub mod memoryobject;

// tupleobject.h
pub mod tupleobject;

// listobject.h
pub mod listobject;

// dictobject.h
pub mod dictobject;

// skipped odictobject.h, enumobject.h: only type objects
// setobject.h
pub mod setobject;

// methodobject.h
pub mod methodobject;

// moduleobject.h
pub mod moduleobject;

// skipped funcobject.h, classobject.h, fileobject.h: not in the Limited API
// pycapsule.h
pub mod pycapsule;

// skipped traceback.h: PyTraceBack_Here/Print need frame objects; not needed
// sliceobject.h
pub mod sliceobject;

// skipped cellobject.h, genobject.h, code.h: not in the Limited API
// iterobject.h
pub mod iterobject;

// descrobject.h
pub mod descrobject;

// skipped structseq.h: PyStructSequence_* not needed yet
// warnings.h
pub mod warnings;

// weakrefobject.h
pub mod weakrefobject;

// skipped namespaceobject.h, picklebufobject.h: not in the Limited API
// skipped codecs.h: PyCodec_* not needed yet
// pyerrors.h
pub mod pyerrors;

// pythread.h (the TSS API)
pub mod pythread;

// pystate.h
pub mod pystate;

// skipped context.h: not in the Limited API
// pylifecycle.h
pub mod pylifecycle;

// ceval.h
pub mod ceval;

// sysmodule.h
pub mod sysmodule;

// skipped osmodule.h, intrcheck.h: PyOS_* not needed
// import.h
pub mod import;

// abstract.h (`abstract` is a reserved word)
pub mod abstract_;

// skipped bltinmodule.h: PyFilter/Map/Zip type objects only
// skipped compile.h, eval.h, pystrtod.h, pystrcmp.h, fileutils.h, pyfpe.h: not needed by
// extension modules
// modsupport.h
pub mod modsupport;

// pythonrun.h
pub mod pythonrun;

// structmember.h (moved into descrobject.h in 3.12; included separately in 3.7)
pub mod structmember;

// Embedding (import.h, pythonrun.h, eval.h, compile.h items a program embedding Python uses;
// extension code calls only Py_CompileString and PyEval_EvalCode).
pub mod embedding;

// Items added after 3.7: types, names and versions only, resolved by the caller at run time.
pub mod dynamic;

// The platform loader (dlfcn.h): how the caller resolves those items.
pub mod dlfcn;

// The calling thread's stack bounds (pthread.h): how deep conversions may nest.
pub mod pthread_np;

pub use abstract_::*;
pub use boolobject::*;
pub use bytearrayobject::*;
pub use bytesobject::*;
pub use ceval::*;
pub use complexobject::*;
pub use descrobject::*;
pub use dictobject::*;
pub use dynamic::*;
pub use embedding::*;
pub use floatobject::*;
pub use import::*;
pub use iterobject::*;
pub use listobject::*;
pub use longobject::*;
pub use memoryobject::*;
pub use methodobject::*;
pub use modsupport::*;
pub use moduleobject::*;
pub use object::*;
pub use objimpl::*;
pub use pycapsule::*;
pub use pyerrors::*;
pub use pylifecycle::*;
pub use pymem::*;
pub use pyport::*;
pub use pystate::*;
pub use pythonrun::*;
pub use pythread::*;
pub use setobject::*;
pub use sliceobject::*;
pub use structmember::*;
pub use sysmodule::*;
pub use tupleobject::*;
pub use typeslots::*;
pub use unicodeobject::*;
pub use warnings::*;
pub use weakrefobject::*;

#[cfg(test)]
mod layout_tests;
