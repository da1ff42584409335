//! limpet's own hand-written builtin functions (`__limpet_shutdown__`, `__limpet_stubs__`):
//! a safe body and a signature in, a [`FunctionDef`] out, through the one pair of shims
//! below (instead of two hand-written `extern "C"` shims and an `unsafe` constructor each).

use abi3_sys as ffi;

use crate::args::{ArgSlots, Signature};
use crate::err::PyResult;
use crate::function::FunctionDef;
use crate::gil::Python;
use crate::object::{Bound, PyAny};

/// A builtin function of limpet's runtime (not declared with `function!`).
pub(crate) trait Builtin: 'static {
    /// The docstring.
    const DOC: &'static str;
    /// The parameter list (a static: the argument parser caches its interned names in it).
    fn sig() -> &'static Signature;
    /// The function itself; the arguments are bound by [`Builtin::sig`].
    fn body<'py>(py: Python<'py>, args: &ArgSlots<'_, 'py>) -> PyResult<Bound<'py, PyAny>>;
}

/// The function definition of `B`: its shims bind the arguments with `B::sig()` and return
/// what `B::body` returns (an owned `Bound`, so a new reference) or raise its error.
pub(crate) fn builtin<B: Builtin>() -> FunctionDef {
    // SAFETY: `fast::<B>` and `tuple::<B>` are shims for `B::sig()`: called by CPython with a
    // call of their convention, they run `B::body` through the trampolines and return a new
    // reference (an owned `Bound` given up) or NULL with the exception set.
    unsafe { FunctionDef::new(B::sig(), B::DOC, fast::<B>, tuple::<B>) }
}

/// `B::body` with its result given up as a new reference (what the trampolines return).
fn raw_body<'py, B: Builtin>(py: Python<'py>, args: &ArgSlots<'_, 'py>) -> *mut ffi::PyObject {
    crate::trampoline::finish(py, B::body(py, args).map(Bound::into_ptr))
}

// The two shims forward their contract unchanged to the trampoline they call (the body of
// an `unsafe fn` may call it, as `function!`'s shims do): each is the trampoline's own
// contract, a call of the shim's convention made by CPython with the GIL held.

/// # Safety
/// Called by CPython as a `METH_FASTCALL | METH_KEYWORDS` function (GIL held, valid arguments).
unsafe extern "C" fn fast<B: Builtin>(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    crate::trampoline::enter_fastcall(slf, args, nargs, kwnames, B::sig(), raw_body::<B>)
}

/// # Safety
/// Called by CPython as a `METH_VARARGS | METH_KEYWORDS` function (GIL held, a tuple and NULL
/// or a dict).
unsafe extern "C" fn tuple<B: Builtin>(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    crate::trampoline::call_tuple(B::sig(), slf, args, kwargs, raw_body::<B>)
}
