//! The dispatch of a call to its binder, shared by every function (nothing here is generic:
//! one copy in limpet, whatever the number of functions, issue 13). A call with positional
//! values only, within the signature's bounds, hands CPython's own array to the body (nothing
//! copied or checked); keywords of a signature without `*args`/`**kwargs` go to the one-pass
//! binder below; anything else, and every error, to the general binder (`general.rs`).

use abi3_sys as ffi;

use super::general::{bind_fastcall_general, Bindings};
use super::vectored::vectored;
use super::{ArgSlots, Signature, INLINE_SLOTS};
use crate::gil::Python;
use crate::trampoline::{raise, Body};

/// Bind a `METH_FASTCALL | METH_KEYWORDS` call and run `body` on the result (what `body`
/// returns, or NULL with the binder's error raised).
///
/// # Safety
/// `args` must point to `nargs` + `len(kwnames)` valid object pointers and `kwnames` be
/// NULL or a tuple, as CPython passes them (of str, except from vectorcall callers that do
/// not check: each name's type is checked before it is compared); the GIL must be held;
/// `body` was generated for `sig`.
#[inline(always)]
pub(crate) unsafe fn bind_fastcall(
    py: Python<'_>,
    sig: &'static Signature,
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
    body: Body,
) -> *mut ffi::PyObject {
    let nargs = nargs as usize;
    // SAFETY: per the contract, `args` holds nargs valid pointers alive for the call (read as
    // a slice only when there are some: it may be NULL otherwise); `bind_slow`'s contract is
    // this one.
    unsafe {
        if kwnames.is_null() && sig.positional_only_call(nargs) {
            let all: &[*mut ffi::PyObject] = if nargs == 0 { &[] } else { std::slice::from_raw_parts(args, nargs) };
            return body(py, &ArgSlots::new(&slf, all, None, None, sig, py));
        }
        bind_slow(slf, args, nargs, kwnames, sig, body, py)
    }
}

/// Keywords, `*args`/`**kwargs`, a wrong count: the one-pass keyword binder when it applies,
/// else the general binder; the slots live in this frame while `body` runs. (The parameters
/// in the order `enter_fastcall` receives them: nothing to move.)
///
/// # Safety
/// As [`bind_fastcall`].
#[inline(never)]
unsafe fn bind_slow(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: usize,
    kwnames: *mut ffi::PyObject,
    sig: &'static Signature,
    body: Body,
    py: Python<'_>,
) -> *mut ffi::PyObject {
    let n = sig.params.len();
    // SAFETY: the contract is passed on unchanged to both binders (kwnames is not NULL for
    // the one-pass binder, and its slots are one per parameter, all NULL).
    unsafe {
        if sig.varargs.is_none() && sig.varkw.is_none() && n <= INLINE_SLOTS && !kwnames.is_null() {
            let mut slots = [std::ptr::null_mut(); INLINE_SLOTS];
            if bind_keywords(py, sig, args, nargs, kwnames, &mut slots[..n]) {
                return body(py, &ArgSlots::new(&slf, &slots[..n], None, None, sig, py));
            }
        }
        let mut general = Bindings::new();
        match bind_fastcall_general(py, sig, args, nargs, kwnames, &mut general) {
            Ok(()) => body(py, &general.args(&slf, sig, py)),
            Err(err) => raise(py, err),
        }
    }
}

/// Keywords for a signature without `*args`/`**kwargs`: one pass over the names, by
/// identity with the interned parameter names first (call sites pass interned names), then
/// by string comparison; no allocation, no rescan. `false` when the call is not a valid one
/// (too many positional arguments, an unknown or repeated name, a missing argument): the
/// general binder then runs from scratch and raises CPython's error.
///
/// # Safety
/// As [`bind_fastcall`], with `kwnames` not NULL; `slots` (one per named parameter) all NULL.
#[inline]
unsafe fn bind_keywords(
    py: Python<'_>,
    sig: &'static Signature,
    args: *const *mut ffi::PyObject,
    nargs: usize,
    kwnames: *mut ffi::PyObject,
    slots: &mut [*mut ffi::PyObject],
) -> bool {
    let n = slots.len();
    if nargs > sig.positional {
        return false;
    }
    let names = match sig.interned.get() {
        Some(names) => names,
        None => match sig.names(py) {
            Ok(names) => names,
            Err(_) => return false,
        },
    };
    let candidates = &names[sig.posonly..n];
    // SAFETY: per the contract, nargs positional values then one per keyword name, alive
    // for the call; kwnames is a tuple (so GetItem of an index below its size cannot fail),
    // and only a str key is compared (comparing two str cannot fail).
    unsafe {
        slots[..nargs].copy_from_slice(std::slice::from_raw_parts(args, nargs));
        let nkw = ffi::PyTuple_Size(kwnames);
        let values = args.add(nargs);
        for k in 0..nkw {
            let key = ffi::PyTuple_GetItem(kwnames, k);
            let i = match candidates.iter().position(|p| p.as_ptr() == key) {
                Some(i) => i,
                // Not every caller checks the names are str (3.13+'s methodcaller, 3.15's
                // partial pass any key through kwnames): comparing a non-str would leave a
                // TypeError set; the general binder refuses it in CPython's words.
                None if ffi::PyUnicode_Check(key) == 0 => return false,
                None => match candidates.iter().position(|p| ffi::PyUnicode_Compare(key, p.as_ptr()) == 0) {
                    Some(i) => i,
                    None => return false,
                },
            } + sig.posonly;
            let slot = &mut slots[i];
            if !slot.is_null() {
                return false;
            }
            *slot = *values.add(k as usize);
        }
    }
    // Only parameters without a default can be missing: positional ones past those given
    // (the leading `min_positional`), and required keyword-only ones.
    (nargs >= sig.min_positional || slots[nargs..sig.min_positional].iter().all(|s| !s.is_null()))
        && (!sig.kwonly_required
            || slots[sig.positional..]
                .iter()
                .zip(&sig.params[sig.positional..n])
                .all(|(s, p)| !s.is_null() || p.default.is_some()))
}

/// Bind a `METH_VARARGS | METH_KEYWORDS` call and run `body` on the result: positional
/// values only are read in place; anything else is laid out as a fastcall ([`vectored`]) for
/// [`bind_fastcall`] (one binder, one set of messages).
///
/// # Safety
/// `args` must be a tuple and `kwargs` NULL or a dict; the GIL must be held; `body` was
/// generated for `sig`.
#[inline(always)]
pub(crate) unsafe fn bind_tuple(
    py: Python<'_>,
    sig: &'static Signature,
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
    body: Body,
) -> *mut ffi::PyObject {
    // The common `tp_new` call: a few positional values, read in place (only the slots the
    // call fills are written, and read).
    const FEW: usize = 4;
    // SAFETY: args is a tuple (contract); for i < len(args), GetItem gives a borrowed pointer
    // valid while the tuple lives (the caller keeps it alive for the whole call); the
    // contract of `bind_tuple_vectored` is this one.
    unsafe {
        let given = ffi::PyTuple_Size(args) as usize;
        if kwargs.is_null() && given <= FEW && sig.positional_only_call(given) {
            let mut few = [std::ptr::null_mut(); FEW];
            for (i, p) in few[..given].iter_mut().enumerate() {
                *p = ffi::PyTuple_GetItem(args, i as ffi::Py_ssize_t);
            }
            return body(py, &ArgSlots::new(&slf, &few[..given], None, None, sig, py));
        }
        bind_tuple_vectored(py, sig, slf, args, kwargs, body)
    }
}

/// The rest of [`bind_tuple`], out of line (its frame holds the laid-out call).
///
/// # Safety
/// As [`bind_tuple`].
#[inline(never)]
unsafe fn bind_tuple_vectored(
    py: Python<'_>,
    sig: &'static Signature,
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
    body: Body,
) -> *mut ffi::PyObject {
    // SAFETY: `vectored`'s contract is this one; then `call` holds `nargs` positional values
    // then one per name of its kwnames tuple (of str), all alive while it lives.
    unsafe {
        let call = match vectored(py, args, kwargs) {
            Ok(call) => call,
            Err(err) => return raise(py, err),
        };
        bind_fastcall(py, sig, slf, call.args(), call.nargs(), call.kwnames(), body)
    }
}
