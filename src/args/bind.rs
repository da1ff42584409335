//! The dispatch of a call to its binder, shared by every function (nothing here is generic:
//! one copy in limpet, whatever the number of functions, issue 13). A call with positional
//! values only, within the signature's bounds, hands CPython's own array to the body (nothing
//! copied or checked); keywords of a signature without `*args`/`**kwargs` go to the one-pass
//! binder below; anything else, and every error, to the general binder (`general.rs`).

use abi3_sys as ffi;

use super::general::{bind_fastcall_general, Bindings};
#[cfg(not(feature = "abi3t"))]
use super::plans;
use super::vectored::vectored;
use super::{unicode_equal, ArgSlots, Signature, INLINE_SLOTS};
use crate::ffi_safe;
use crate::gil::Python;
use crate::object::{Bound, PyAny};
use crate::trampoline::{raise, Body};
use crate::types::{PyString, PyTuple, PyTypeCheck};

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
        #[cfg(not(feature = "abi3t"))]
        return bind_keyed(slf, args, nargs, kwnames, sig, body, py);
        #[cfg(feature = "abi3t")]
        return bind_slow(slf, args, nargs, kwnames, sig, body, py);
    }
}

/// Anything but positional values within bounds: the call site's keyword plan when one is
/// known (`plans.rs`), else [`bind_slow`]. (Out of line, so that the positional path of
/// every call pays nothing for it.)
///
/// # Safety
/// As [`bind_fastcall`].
#[cfg(not(feature = "abi3t"))]
#[inline(never)]
unsafe fn bind_keyed(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: usize,
    kwnames: *mut ffi::PyObject,
    sig: &'static Signature,
    body: Body,
    py: Python<'_>,
) -> *mut ffi::PyObject {
    // SAFETY: per the contract, kwnames is NULL or a tuple (its size is the keyword count)
    // and `args` holds nargs + that many values (not NULL when there is a keyword); the
    // contract of `bind_slow` is this one.
    unsafe {
        if !kwnames.is_null() {
            if let Some(plan) = plans::lookup(sig, kwnames, nargs, ffi::Py_SIZE(kwnames) as usize) {
                return bind_planned(slf, std::slice::from_raw_parts(args, plan.len()), plan, sig, body, py);
            }
        }
        bind_slow(slf, args, nargs, kwnames, sig, body, py)
    }
}

/// Keywords, `*args`/`**kwargs`, a wrong count: the call site's keyword plan or the
/// one-pass keyword binder when they apply, else the general binder; the slots live in this
/// frame while `body` runs. (The parameters in the order `enter_fastcall` receives them:
/// nothing to move.)
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
    // SAFETY: per the contract, `args` holds `nargs` positional values then one per name of
    // the tuple `kwnames` (read as a slice only when there are some), all alive for the call;
    // the contract is passed on unchanged to the general binder.
    unsafe {
        if sig.varargs.is_none() && sig.varkw.is_none() && n <= INLINE_SLOTS && !kwnames.is_null() {
            let names = Bound::ref_from_slot(&kwnames);
            let total = nargs + ffi::Py_SIZE(kwnames) as usize;
            let values: &[*mut ffi::PyObject] = if total == 0 { &[] } else { std::slice::from_raw_parts(args, total) };
            let mut slots = [std::ptr::null_mut(); INLINE_SLOTS];
            if bind_keywords(py, sig, values, nargs, names, &mut slots[..n]) {
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

/// A call from a site whose keyword plan is known (`plans.rs`): each value into its slot,
/// then the body. (A small frame of its own, off `bind_slow`'s; the slot array sized for
/// the common short signatures.)
#[cfg(not(feature = "abi3t"))]
#[inline(never)]
fn bind_planned(
    slf: *mut ffi::PyObject,
    values: &[*mut ffi::PyObject],
    plan: plans::Plan,
    sig: &'static Signature,
    body: Body,
    py: Python<'_>,
) -> *mut ffi::PyObject {
    if sig.params.len() <= 4 {
        bind_planned_in::<4>(slf, values, plan, sig, body, py)
    } else {
        bind_planned_in::<INLINE_SLOTS>(slf, values, plan, sig, body, py)
    }
}

#[cfg(not(feature = "abi3t"))]
#[inline(always)]
fn bind_planned_in<const N: usize>(
    slf: *mut ffi::PyObject,
    values: &[*mut ffi::PyObject],
    plan: plans::Plan,
    sig: &'static Signature,
    body: Body,
    py: Python<'_>,
) -> *mut ffi::PyObject {
    let mut slots = [std::ptr::null_mut(); N];
    let (positional, keywords) = values.split_at(plan.nargs().min(values.len()));
    for (slot, &value) in slots.iter_mut().zip(positional) {
        // (`black_box`: a load and a store each, where a `memcpy` call for two or three
        // pointers would cost more.)
        *slot = std::hint::black_box(value);
    }
    for (k, &value) in keywords.iter().enumerate() {
        // Within bounds whatever the plan says (a stored plan's indexes are below the
        // signature's parameter count, at most N).
        slots[plan.index(k) % N] = value;
    }
    let n = sig.params.len().min(N);
    body(py, &ArgSlots::new(&slf, &slots[..n], None, None, sig, py))
}

/// Keywords for a signature without `*args`/`**kwargs`: one pass over the names, by
/// identity with the interned parameter names first (call sites pass interned names), then
/// by string comparison; no allocation, no rescan. `false` when the call is not a valid one
/// (too many positional arguments, an unknown or repeated name, a missing argument): the
/// general binder then runs from scratch and raises CPython's error. A valid binding is
/// remembered as the call site's plan (`plans.rs`).
///
/// `values` holds the `nargs` positional values then one per name of the tuple `names`;
/// `slots` (one per named parameter) are all NULL.
#[inline]
fn bind_keywords(
    py: Python<'_>,
    sig: &'static Signature,
    values: &[*mut ffi::PyObject],
    nargs: usize,
    names: &Bound<'_, PyAny>,
    slots: &mut [*mut ffi::PyObject],
) -> bool {
    let n = slots.len();
    if nargs > sig.positional {
        return false;
    }
    let interned = match sig.interned.get() {
        Some(interned) => interned,
        None => match sig.names(py) {
            Ok(interned) => interned,
            Err(_) => return false,
        },
    };
    let candidates = &interned[sig.posonly..n];
    let Ok(names) = names.downcast::<PyTuple>() else { return false };
    slots[..nargs].copy_from_slice(&values[..nargs]);
    #[cfg(not(feature = "abi3t"))]
    let mut plan = plans::Plan::new(nargs);
    for (k, &value) in values[nargs..].iter().enumerate() {
        let Ok(key) = ffi_safe::PyTuple_GetItem(names, k as ffi::Py_ssize_t) else { return false };
        let i = match candidates.iter().position(|p| p.as_ptr() == key.as_ptr()) {
            Some(i) => i,
            // Not every caller checks the names are str (3.13+'s methodcaller, 3.15's
            // partial pass any key through kwnames): comparing a non-str would leave a
            // TypeError set; the general binder refuses it in CPython's words.
            None if !PyString::type_check(&key) => return false,
            None => match candidates.iter().position(|p| unicode_equal(&key, p)) {
                Some(i) => i,
                None => return false,
            },
        } + sig.posonly;
        let slot = &mut slots[i];
        if !slot.is_null() {
            return false;
        }
        *slot = value;
        #[cfg(not(feature = "abi3t"))]
        if k < plans::MAX_KEYWORDS {
            plan.set(k, i);
        }
    }
    // Only parameters without a default can be missing: positional ones past those given
    // (the leading `min_positional`), and required keyword-only ones.
    let complete = (nargs >= sig.min_positional || slots[nargs..sig.min_positional].iter().all(|s| !s.is_null()))
        && (!sig.kwonly_required
            || slots[sig.positional..]
                .iter()
                .zip(&sig.params[sig.positional..n])
                .all(|(s, p)| !s.is_null() || p.default.is_some()));
    #[cfg(not(feature = "abi3t"))]
    if complete && (1..=plans::MAX_KEYWORDS).contains(&(values.len() - nargs)) {
        plans::store(py, sig, names, plan);
    }
    complete
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
    // SAFETY: per the contract, args (a tuple) and kwargs (NULL or a dict) are alive for the
    // call, so they can be viewed as `Bound`s for it; then `call` holds `nargs` positional
    // values then one per name of its kwnames tuple (of str), all alive while it lives.
    unsafe {
        let kwargs = if kwargs.is_null() { None } else { Some(Bound::ref_from_slot(&kwargs)) };
        let call = match vectored(Bound::ref_from_slot(&args), kwargs) {
            Ok(call) => call,
            Err(err) => return raise(py, err),
        };
        bind_fastcall(py, sig, slf, call.args(), call.nargs(), call.kwnames(), body)
    }
}
