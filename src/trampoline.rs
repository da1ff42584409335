//! Every `extern "C"` entry point goes through here: the GIL token is made, panics are
//! caught (`catch_unwind`) and raised as `PanicException`, errors become a set exception
//! plus the NULL return value. No panic ever crosses into the interpreter.

use std::panic::{catch_unwind, AssertUnwindSafe};

use abi3_sys as ffi;

use crate::args::{bind_fastcall, bind_tuple, vectored, ArgSlots, Signature};
use crate::err::PyResult;
use crate::exceptions::{drop_panic_payload, PanicException};
use crate::gil::Python;
use crate::object::Bound;

/// A generated function body: reads its arguments, calls the user's function and returns a
/// new reference, or NULL with the exception set (its errors go through [`finish`]).
pub type Body = for<'a, 'py> fn(Python<'py>, &ArgSlots<'a, 'py>) -> *mut ffi::PyObject;

/// The end of a generated body: the object, or NULL with `result`'s error raised (out of
/// line, one shared copy). Inlined into each body: the trampolines then pass the pointer on
/// as it is, without a `PyResult` to test.
#[doc(hidden)]
#[inline(always)]
pub fn finish(py: Python<'_>, result: PyResult<*mut ffi::PyObject>) -> *mut ffi::PyObject {
    match result {
        Ok(object) => object,
        Err(err) => raise(py, err),
    }
}

/// The shape of a `METH_FASTCALL | METH_KEYWORDS` shim.
pub type RawFast = ffi::_PyCFunctionFastWithKeywords;

/// The shape of a `METH_VARARGS | METH_KEYWORDS` shim.
pub type RawTuple = ffi::PyCFunctionWithKeywords;

/// Run `f` with the GIL token; turn its error or panic into a raised exception and NULL.
///
/// Inlined into every shim (issue 12): the success path is `f`'s code, a test and the
/// returned pointer; raising an error or a panic happens in the out-of-line cold functions
/// below, one shared copy each.
#[inline(always)]
pub(crate) fn guard(f: impl FnOnce(Python<'_>) -> PyResult<*mut ffi::PyObject>) -> *mut ffi::PyObject {
    guard_with(std::ptr::null_mut(), f)
}

/// [`guard`] for a shim of any C return type: `error` (-1 or NULL) is what it returns with
/// the exception set (the typed slot shims of `class::slot`).
#[inline(always)]
pub(crate) fn guard_with<R>(error: R, f: impl FnOnce(Python<'_>) -> PyResult<R>) -> R {
    // SAFETY: the interpreter calls our entry points with the GIL held.
    let py = unsafe { Python::assume_gil_acquired() };
    match catch(|| f(py)) {
        Ok(Ok(value)) => value,
        Ok(Err(err)) => {
            raise(py, err);
            error
        }
        Err(payload) => {
            raise_panic(py, payload);
            error
        }
    }
}

/// `catch_unwind` for code that may run Python code: a Rust panic comes back as `Err`. Any
/// other unwind is CPython 3.7..3.13 ending a daemon thread that wants the GIL after
/// finalization began (`pthread_exit`, a forced unwind): `catch_unwind` would catch it and
/// glibc then aborts the whole process ("FATAL: exception not rethrown"); the thread is
/// parked for good instead, which is what CPython 3.14+ do with such a thread themselves.
#[inline(always)]
pub(crate) fn catch<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    catch_unwind(AssertUnwindSafe(|| {
        let stop = StopForcedUnwind;
        let value = f();
        std::mem::forget(stop);
        value
    }))
}

/// Dropped only by an unwind through [`catch`]'s closure: a Rust panic has
/// `std::thread::panicking()` set, a forced unwind does not.
struct StopForcedUnwind;

impl Drop for StopForcedUnwind {
    #[cold]
    fn drop(&mut self) {
        if !std::thread::panicking() {
            crate::gil::hang();
        }
    }
}

/// Set `err` as the current exception; NULL, for the shim to return.
#[cold]
#[inline(never)]
pub(crate) fn raise(py: Python<'_>, err: crate::err::PyErr) -> *mut ffi::PyObject {
    err.restore(py);
    std::ptr::null_mut()
}

/// Raise a caught panic as `PanicException`; NULL, for the shim to return.
#[cold]
#[inline(never)]
fn raise_panic(py: Python<'_>, payload: Box<dyn std::any::Any + Send>) -> *mut ffi::PyObject {
    let err = PanicException::from_panic(payload);
    // Creating or raising the exception must not unwind either (nor may dropping that
    // second payload).
    if let Err(second) = catch_unwind(AssertUnwindSafe(|| err.restore(py))) {
        drop_panic_payload(second);
    }
    std::ptr::null_mut()
}

/// The entry point of every fastcall shim, shared by all functions and methods (issue 13):
/// one copy of the panic guard and of the dispatch to the binders, none per function. The
/// generated shim is one jump to here (the parameters come in CPython's order, then the
/// signature and the body: no register moves; `extern "C"`, so that it cannot unwind and the
/// shim needs no landing pad), and the body is a plain `fn`: what is generated per function
/// is only its argument extraction, the call and the result conversion.
///
/// # Safety
/// As for a `METH_FASTCALL | METH_KEYWORDS` function called by CPython: the GIL is held,
/// `slf` is the bound object (the receiver, for a method `sig` describes), `args` holds
/// `nargs` positional values then one value per name in `kwnames` (NULL or a tuple of
/// strings), all alive for the call; `body` was generated for `sig`.
#[doc(hidden)]
#[inline(never)]
// Called only by Rust shims: the Rust `fn` pointer passes through untouched.
#[allow(improper_ctypes_definitions)]
pub unsafe extern "C" fn enter_fastcall(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
    sig: &'static Signature,
    body: Body,
) -> *mut ffi::PyObject {
    // SAFETY: the interpreter calls our entry points with the GIL held; forwarded contract:
    // the argument layout of a METH_FASTCALL|METH_KEYWORDS call.
    unsafe {
        let py = Python::assume_gil_acquired();
        match catch(|| bind_fastcall(py, sig, slf, args, nargs, kwnames, body)) {
            Ok(object) => object,
            Err(payload) => raise_panic(py, payload),
        }
    }
}

/// The entry point of a tuple-call shim that binds in place: a class's `tp_new` (one per
/// class, not per method: inlined there, with its constant signature and body, as
/// `Counter(0)` is the most frequent call of a class) and limpet's builtins.
///
/// # Safety
/// As for a `METH_VARARGS | METH_KEYWORDS` function (or `tp_new`) called by CPython: the GIL
/// is held, `slf` is the bound object or the type being instantiated, `args` a tuple and
/// `kwargs` NULL or a dict, all alive for the call; `body` was generated for `sig`.
#[doc(hidden)]
#[inline(always)]
pub unsafe fn call_tuple(
    sig: &'static Signature,
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
    body: Body,
) -> *mut ffi::PyObject {
    // SAFETY: the interpreter calls our entry points with the GIL held; forwarded contract:
    // a tuple and NULL-or-dict.
    unsafe {
        let py = Python::assume_gil_acquired();
        match catch(|| bind_tuple(py, sig, slf, args, kwargs, body)) {
            Ok(object) => object,
            Err(payload) => raise_panic(py, payload),
        }
    }
}

/// The tuple-call shim of every generated function, shared (issue 13): the call laid out as
/// a fastcall, then the function's own fastcall shim `fast`. One copy of the adapter instead
/// of a second inlined body per function; the binder, and so every message, is the
/// fastcall path's.
///
/// # Safety
/// As for [`call_tuple`], with `fast` the `METH_FASTCALL | METH_KEYWORDS` shim of the same
/// function (the same receiver `slf` is passed on).
#[doc(hidden)]
#[inline(never)]
pub unsafe extern "C" fn call_tuple_as_fast(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
    fast: RawFast,
) -> *mut ffi::PyObject {
    // SAFETY: the interpreter calls our entry points with the GIL held; forwarded contract: a
    // tuple and NULL-or-dict, alive for the call. `fast` is this function's fastcall shim
    // (contract); `call` holds `nargs` positional values then one per name of its kwnames
    // tuple (of str), alive until it is dropped after the call, as CPython lays out a
    // fastcall.
    unsafe {
        let py = Python::assume_gil_acquired();
        let kwargs = if kwargs.is_null() { None } else { Some(Bound::ref_from_slot(&kwargs)) };
        let call = match catch(|| vectored(Bound::ref_from_slot(&args), kwargs)) {
            Ok(Ok(call)) => call,
            Ok(Err(err)) => return raise(py, err),
            Err(payload) => return raise_panic(py, payload),
        };
        fast(slf, call.args(), call.nargs(), call.kwnames())
    }
}
