//! Argument binding: non-generic binders driven by a static [`Signature`].
//!
//! The macros emit a `Signature` per function (names, positional-only count, positional
//! count, defaults, `*args`/`**kwargs`), a body that reads the bound arguments from an
//! [`ArgSlots`] in declaration order, and shims that hand both to the shared trampoline
//! (`trampoline::enter_fastcall`): nothing in this module is instantiated per function.
//! The binders fill one borrowed pointer per parameter, following CPython's own binding rules
//! and wording for a Python function with the same signature:
//! - `bind.rs`: the dispatch (positional values within bounds: CPython's own array, nothing
//!   copied), the one-pass keyword binder;
//! - `general.rs`: `*args`/`**kwargs`, anything else, and every error message;
//! - `vectored.rs`: the tuple convention laid out as a fastcall.

use std::cell::Cell;
use std::ffi::CString;
use std::sync::OnceLock;

use abi3_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::exceptions::PySystemError;
use crate::gil::Python;
use crate::object::{Bound, Py, PyAny};
use crate::types::PyString;

mod bind;
mod general;
#[cfg(not(feature = "abi3t"))]
mod plans;
mod vectored;

pub(crate) use bind::{bind_fastcall, bind_tuple};
pub(crate) use vectored::vectored;

/// Slots kept on the stack by the binders (more parameters: a heap vector).
const INLINE_SLOTS: usize = 16;

/// The interned parameter names of a [`Signature`] (for macro expansions).
pub type InternedNames = Box<[Py]>;

/// One named parameter.
#[derive(Debug)]
pub struct Param {
    /// The Python-visible name.
    pub name: &'static str,
    /// The default's source text (for `__text_signature__`), `None` when required.
    pub default: Option<&'static str>,
}

/// The shape of a function's parameter list.
pub struct Signature {
    /// The function's name, as used in messages (`add() missing ...`).
    pub name: &'static str,
    /// Named parameters in declaration order: positional-only, positional-or-keyword,
    /// keyword-only.
    pub params: &'static [Param],
    /// How many of `params` are positional-only.
    pub posonly: usize,
    /// How many of `params` accept positional arguments (positional-only included).
    pub positional: usize,
    /// The name of the `*args` parameter, if any.
    pub varargs: Option<&'static str>,
    /// The name of the `**kwargs` parameter, if any.
    pub varkw: Option<&'static str>,
    /// How many leading positional parameters have no default (see [`min_positional`]).
    pub min_positional: usize,
    /// Whether some keyword-only parameter has no default.
    pub kwonly_required: bool,
    /// How many counts of positional arguments bind as they are, from `min_positional` on
    /// (see [`fast_arity`]): the fast path's test is one subtraction and one comparison.
    pub fast_arity: usize,
    /// Interned `str` objects for the names, made on first keyword call. A reference to a
    /// static of its own, so that the `Signature` static has no interior mutability: then it
    /// lives in read-only data and the shims' checks of its fields fold to constants.
    pub interned: &'static OnceLock<Box<[Py]>>,
}

/// Index used for the `*args` parameter in error messages.
pub const VARARGS_INDEX: usize = usize::MAX;
/// Index used for the `**kwargs` parameter in error messages.
pub const VARKW_INDEX: usize = usize::MAX - 1;

impl Signature {
    /// The name of parameter `index` (or of `*args`/`**kwargs`).
    pub fn param_name(&self, index: usize) -> &'static str {
        match index {
            VARARGS_INDEX => self.varargs.unwrap_or("args"),
            VARKW_INDEX => self.varkw.unwrap_or("kwargs"),
            i => self.params.get(i).map_or("?", |p| p.name),
        }
    }
}

/// The number of positional parameters a call must pass (those before the first default).
pub const fn min_positional(params: &[Param], positional: usize) -> usize {
    let mut i = 0;
    while i < positional && params[i].default.is_none() {
        i += 1;
    }
    i
}

/// [`Signature::fast_arity`]: without `*args`, `**kwargs` and required keyword-only
/// parameters (`plain`), a call with `min_positional ..= positional` positional arguments
/// and no keywords binds them as they are: that many counts; else none.
pub const fn fast_arity(min_positional: usize, positional: usize, plain: bool) -> usize {
    if plain {
        positional - min_positional + 1
    } else {
        0
    }
}

/// Whether a keyword-only parameter (after `positional`) has no default.
pub const fn kwonly_required(params: &[Param], positional: usize) -> bool {
    let mut i = positional;
    while i < params.len() {
        if params[i].default.is_none() {
            return true;
        }
        i += 1;
    }
    false
}

/// Check a parameter list at compile time: `const _: () = validate(PARAMS, N);` in
/// expansions turns a bad list into a compile error carrying this message.
pub const fn validate(params: &[Param], positional: usize) {
    {
        let mut i = 0;
        let mut seen_default = false;
        while i < positional {
            if params[i].default.is_some() {
                seen_default = true;
            } else if seen_default {
                panic!("limpet: a parameter without a default follows one with a default (as in Python, `def f(a=1, b)` is an error); give it a default or make it keyword-only after `*`");
            }
            i += 1;
        }
        let mut a = 0;
        while a < params.len() {
            let mut b = a + 1;
            while b < params.len() {
                if str_eq(params[a].name, params[b].name) {
                    panic!("limpet: duplicate parameter name");
                }
                b += 1;
            }
            a += 1;
        }
    }
}

/// A generated function's [`Signature`]: the parameter list checked and the derived fields
/// computed at compile time, in the one `static` initializer the macros emit per function
/// (one item for rustc instead of a `const` per figure: issue 13).
#[allow(clippy::too_many_arguments)]
pub const fn signature(
    name: &'static str,
    params: &'static [Param],
    posonly: usize,
    positional: usize,
    varargs: Option<&'static str>,
    varkw: Option<&'static str>,
    interned: &'static OnceLock<InternedNames>,
) -> Signature {
    validate(params, positional);
    let min = min_positional(params, positional);
    let kwonly_required = kwonly_required(params, positional);
    let plain = varargs.is_none() && varkw.is_none() && !kwonly_required;
    Signature {
        name,
        params,
        posonly,
        positional,
        varargs,
        varkw,
        min_positional: min,
        kwonly_required,
        fast_arity: fast_arity(min, positional, plain),
        interned,
    }
}

impl Signature {
    pub(crate) fn names<'py>(&'static self, py: Python<'py>) -> PyResult<&'static [Py]> {
        if let Some(names) = self.interned.get() {
            return Ok(names);
        }
        let mut names = Vec::with_capacity(self.params.len());
        for p in self.params {
            let c = CString::new(p.name).map_err(|_| PySystemError::new_err("NUL in a parameter name"))?;
            names.push(PyString::intern(py, &c)?.into_any().unbind());
        }
        Ok(self.interned.get_or_init(|| names.into_boxed_slice()))
    }

    /// Find the parameter a keyword names, among those that accept keywords: by identity
    /// first (call sites pass interned names), then by string comparison.
    fn keyword_index(&'static self, key: &Bound<'_, PyAny>) -> PyResult<Option<usize>> {
        let names = self.names(key.py())?;
        let kw = &names[self.posonly..];
        if let Some(i) = kw.iter().position(|n| n.as_ptr() == key.as_ptr()) {
            return Ok(Some(i + self.posonly));
        }
        Ok(kw.iter().position(|n| unicode_equal(key, n)).map(|i| i + self.posonly))
    }
}

/// Whether `key` is a `str` with the same characters as the parameter name `name`.
pub(crate) fn unicode_equal(key: &Bound<'_, PyAny>, name: &Py) -> bool {
    let name = name.bind(key.py());
    match (key.downcast::<PyString>(), name.downcast::<PyString>()) {
        (Ok(a), Ok(b)) => crate::ffi_safe::PyUnicode_Compare(a, b) == 0,
        _ => false,
    }
}

impl Signature {
    /// Whether a call with `n` positional arguments and no keywords binds them as they are:
    /// no `*args`/`**kwargs`, no required keyword-only parameter, `n` within bounds.
    #[inline(always)]
    fn positional_only_call(&self, n: usize) -> bool {
        n.wrapping_sub(self.min_positional) < self.fast_arity
    }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The bound arguments of one call, read in declaration order by the generated body.
pub struct ArgSlots<'a, 'py> {
    /// The receiver, by reference (a place in the trampoline's frame): then a copy made by
    /// [`local`](ArgSlots::local) holds no place that the receiver's `&Bound` points into.
    slf: &'a *mut ffi::PyObject,
    slots: &'a [*mut ffi::PyObject],
    varargs: Option<&'a Bound<'py, PyAny>>,
    varkw: Option<&'a Bound<'py, PyAny>>,
    cursor: Cell<usize>,
    sig: &'static Signature,
    py: Python<'py>,
}

impl<'a, 'py> ArgSlots<'a, 'py> {
    #[inline(always)]
    fn new(
        slf: &'a *mut ffi::PyObject,
        slots: &'a [*mut ffi::PyObject],
        varargs: Option<&'a Bound<'py, PyAny>>,
        varkw: Option<&'a Bound<'py, PyAny>>,
        sig: &'static Signature,
        py: Python<'py>,
    ) -> Self {
        ArgSlots { slf, slots, varargs, varkw, cursor: Cell::new(0), sig, py }
    }

    /// A copy with its cursor at the first parameter, in the generated body's own frame (its
    /// first statement): the optimizer keeps the copy in registers, so the cursor folds to a
    /// constant index per parameter.
    #[inline(always)]
    pub fn local(&self) -> Self {
        ArgSlots { cursor: Cell::new(0), ..*self }
    }

    /// The signature these arguments were bound to.
    #[inline]
    pub fn sig(&self) -> &'static Signature {
        self.sig
    }

    /// The next named parameter's argument (`None`: not given, use the default) and its index.
    #[inline]
    pub fn next(&self) -> (Option<&'a Bound<'py, PyAny>>, usize) {
        let i = self.cursor.get();
        self.cursor.set(i + 1);
        // The fast path lends CPython's own argument array, shorter than the parameter list
        // when trailing parameters take their defaults.
        let slots: &'a [*mut ffi::PyObject] = self.slots;
        let Some(slot) = slots.get(i) else { return (None, i) };
        if slot.is_null() {
            (None, i)
        } else {
            // SAFETY: non-null slots hold arguments that the caller keeps alive for the
            // whole call (the argument array/tuple and keyword values), GIL held.
            (Some(unsafe { Bound::ref_from_slot(slot) }), i)
        }
    }

    /// A required argument is missing after binding: a parser bug, reported, not a crash.
    /// (Inlined, the error made out of line.)
    #[inline(always)]
    pub fn missing(&self, index: usize) -> PyErr {
        not_bound(self.sig, index)
    }

    /// The `*args` tuple.
    #[inline]
    pub fn varargs(&self) -> &Bound<'py, PyAny> {
        self.varargs.expect("signature has *args")
    }

    /// The `**kwargs` dict.
    #[inline]
    pub fn varkw(&self) -> &Bound<'py, PyAny> {
        self.varkw.expect("signature has **kwargs")
    }

    /// The GIL token.
    #[inline]
    pub fn py(&self) -> Python<'py> {
        self.py
    }

    /// The receiver CPython passed (the module for functions, the instance for methods, the
    /// class for class methods, the subtype for `__new__`); a `SystemError` if there is none.
    #[inline(always)]
    pub fn receiver(&self) -> PyResult<&Bound<'py, PyAny>> {
        if self.slf.is_null() {
            return Err(no_receiver(self.sig));
        }
        // SAFETY: non-null, and CPython keeps the receiver alive for the whole call.
        Ok(unsafe { Bound::ref_from_slot(self.slf) })
    }
}

#[cold]
#[inline(never)]
fn not_bound(sig: &Signature, index: usize) -> PyErr {
    PySystemError::new_err(format!("{}() argument '{}' was not bound", sig.name, sig.param_name(index)))
}

#[cold]
#[inline(never)]
fn no_receiver(sig: &Signature) -> PyErr {
    PySystemError::new_err(format!("{}() was called without its receiver", sig.name))
}
