//! Argument binding: one non-generic parser driven by a static [`Signature`].
//!
//! The macros emit a `Signature` per function (names, positional-only count, positional
//! count, defaults, `*args`/`**kwargs`) and a thin shim. The parser fills one borrowed
//! pointer per parameter, in declaration order, following CPython's own binding rules and
//! wording for a Python function with the same signature (checked against
//! `ceval.c`'s messages on 3.7 .. 3.15):
//! positional copy, `*args`, keywords (unexpected, multiple values, positional-only passed
//! as keyword), too many positional, missing positional, missing keyword-only.

use std::cell::Cell;
use std::ffi::CString;
use std::sync::OnceLock;

use abi3_sys as ffi;

use crate::err::{error_with_message, Piece, PyErr, PyResult};
use crate::exceptions::PyExceptionType;
use crate::exceptions::{PySystemError, PyTypeError};
use crate::gil::Python;
use crate::object::{Bound, Py, PyAny};
use crate::types::{PyDict, PyString, PyTuple, PyTypeCheck};

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
    fn keyword_index(&'static self, py: Python<'_>, key: *mut ffi::PyObject) -> PyResult<Option<usize>> {
        let names = self.names(py)?;
        let kw = &names[self.posonly..];
        if let Some(i) = kw.iter().position(|n| n.as_ptr() == key) {
            return Ok(Some(i + self.posonly));
        }
        for (i, n) in kw.iter().enumerate() {
            // SAFETY: both are str objects (keys were checked by the caller); returns -1
            // only with an exception set, which cannot happen for two str.
            if unsafe { ffi::PyUnicode_Compare(key, n.as_ptr()) } == 0 {
                return Ok(Some(i + self.posonly));
            }
        }
        Ok(None)
    }
}

impl Signature {
    /// Whether a call with `n` positional arguments and no keywords binds them as they are:
    /// no `*args`/`**kwargs`, no required keyword-only parameter, `n` within bounds.
    #[inline(always)]
    fn positional_only_call(&self, n: usize) -> bool {
        self.varargs.is_none()
            && self.varkw.is_none()
            && !self.kwonly_required
            && n >= self.min_positional
            && n <= self.positional
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
    slf: *mut ffi::PyObject,
    slots: &'a [*mut ffi::PyObject],
    varargs: Option<&'a Bound<'py, PyAny>>,
    varkw: Option<&'a Bound<'py, PyAny>>,
    cursor: Cell<usize>,
    sig: &'static Signature,
    py: Python<'py>,
}

impl<'a, 'py> ArgSlots<'a, 'py> {
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
    /// (Inlined, the error made out of line: the slots never escape the shim's frame, so
    /// the optimizer keeps them in registers and the cursor folds to constant indexes.)
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
        Ok(unsafe { Bound::ref_from_slot(&self.slf) })
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

/// Where keyword arguments come from.
enum Keywords<'k, 'py> {
    /// Fastcall (a tuple call is laid out as one): a tuple of names (`None`: no keywords),
    /// the values following the positional ones.
    Fast { names: Option<&'k Bound<'py, PyAny>>, values: &'k [*mut ffi::PyObject] },
}

/// What the general binder fills: lives in the shim's frame for the whole call (the slots
/// and `*args`/`**kwargs` it makes).
pub(crate) struct Bindings<'py> {
    inline: [*mut ffi::PyObject; INLINE_SLOTS],
    heap: Vec<*mut ffi::PyObject>,
    varargs: Option<Bound<'py, PyAny>>,
    varkw: Option<Bound<'py, PyAny>>,
}

/// The general binder's storage, kept in the shim's frame but dropped only when the general
/// binder ran: the fast path pays one test of a local it wrote itself (which folds away),
/// not a call to `Bindings`' drop glue.
struct Storage<'py>(Option<Bindings<'py>>);

impl<'py> Storage<'py> {
    #[inline(always)]
    fn new() -> Self {
        Storage(None)
    }
}

impl Drop for Storage<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        if self.0.is_some() {
            drop_bindings(&mut self.0);
        }
    }
}

#[cold]
#[inline(never)]
fn drop_bindings(b: &mut Option<Bindings<'_>>) {
    b.take();
}

impl<'py> Bindings<'py> {
    fn new() -> Self {
        Bindings { inline: [std::ptr::null_mut(); INLINE_SLOTS], heap: Vec::new(), varargs: None, varkw: None }
    }

    /// One slot per parameter, all NULL.
    fn slots_mut(&mut self, n: usize) -> &mut [*mut ffi::PyObject] {
        if n <= INLINE_SLOTS {
            &mut self.inline[..n]
        } else {
            self.heap.resize(n, std::ptr::null_mut());
            &mut self.heap
        }
    }

    fn args<'a>(&'a self, slf: *mut ffi::PyObject, sig: &'static Signature, py: Python<'py>) -> ArgSlots<'a, 'py> {
        let n = sig.params.len();
        let slots = if n <= INLINE_SLOTS { &self.inline[..n] } else { &self.heap[..] };
        ArgSlots {
            slf,
            slots,
            varargs: self.varargs.as_ref(),
            varkw: self.varkw.as_ref(),
            cursor: Cell::new(0),
            sig,
            py,
        }
    }
}

/// Bind a `METH_FASTCALL | METH_KEYWORDS` call and run `body` on the result.
///
/// Inlined into each shim, a dispatcher per signature (the signature is a constant, so the
/// tests below fold): a call with positional arguments only, within bounds, reads CPython's
/// own array at constant indexes (no copy, nothing to check); a keyword call of a signature
/// without `*args`/`**kwargs` (and at most 16 named parameters) goes to the one-pass
/// keyword binder, out of line, which fills the slots in the shim's frame; anything else (and every error) goes to the one
/// shared general binder, which phrases CPython's messages. `body` has a single call site,
/// so it is inlined too.
///
/// # Safety
/// `args` must point to `nargs` + `len(kwnames)` valid object pointers and `kwnames` be
/// NULL or a tuple, as CPython passes them (of str, except from vectorcall callers that do
/// not check: each name's type is checked before it is compared); the GIL must be held.
#[inline(always)]
pub(crate) unsafe fn bind_fastcall<R>(
    py: Python<'_>,
    sig: &'static Signature,
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
    body: impl FnOnce(&ArgSlots<'_, '_>) -> PyResult<R>,
) -> PyResult<R> {
    let nargs = nargs as usize;
    let mut general = Storage::new();
    // Initialized only on the keyword path.
    let mut kwslots: [*mut ffi::PyObject; INLINE_SLOTS];
    let bound = if kwnames.is_null() && sig.positional_only_call(nargs) {
        let all: &[*mut ffi::PyObject] = if nargs == 0 {
            &[]
        } else {
            // SAFETY: per the contract, `args` holds nargs valid pointers alive for the call.
            unsafe { std::slice::from_raw_parts(args, nargs) }
        };
        ArgSlots { slf, slots: all, varargs: None, varkw: None, cursor: Cell::new(0), sig, py }
    } else if sig.varargs.is_none()
        && sig.varkw.is_none()
        && sig.params.len() <= INLINE_SLOTS
        && !kwnames.is_null()
        && {
            kwslots = [std::ptr::null_mut(); INLINE_SLOTS];
            // SAFETY: the contract is passed on unchanged.
            unsafe { bind_keywords(py, sig, args, nargs, kwnames, &mut kwslots[..sig.params.len()]) }
        }
    {
        ArgSlots { slf, slots: &kwslots[..sig.params.len()], varargs: None, varkw: None, cursor: Cell::new(0), sig, py }
    } else {
        let b = general.0.insert(Bindings::new());
        // SAFETY: the contract is passed on unchanged.
        unsafe { bind_fastcall_general(py, sig, args, nargs, kwnames, b) }?;
        b.args(slf, sig, py)
    };
    body(&bound)
}

/// Keywords for a signature without `*args`/`**kwargs`: one pass over the names, by
/// identity with the interned parameter names first (call sites pass interned names), then
/// by string comparison; no allocation, no rescan. `false` when the call is not a valid one
/// (too many positional arguments, an unknown or repeated name, a missing argument): the
/// general binder then runs from scratch and raises CPython's error.
///
/// # Safety
/// As [`bind_fastcall`], with `kwnames` not NULL; `slots` (one per named parameter) all NULL.
#[inline(never)]
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

/// Keywords, `*args`/`**kwargs` or a wrong count: the one shared out-of-line binder.
///
/// # Safety
/// As [`bind_fastcall`].
#[inline(never)]
unsafe fn bind_fastcall_general<'py>(
    py: Python<'py>,
    sig: &'static Signature,
    args: *const *mut ffi::PyObject,
    nargs: usize,
    kwnames: *mut ffi::PyObject,
    out: &mut Bindings<'py>,
) -> PyResult<()> {
    // SAFETY: per the contract: CPython passes nargs positional values then one value per
    // name of kwnames (NULL or a tuple), contiguously, all alive for the call.
    let (all, names) = unsafe {
        let nkw = if kwnames.is_null() { 0 } else { ffi::PyTuple_Size(kwnames) as usize };
        let all: &[*mut ffi::PyObject] =
            if nargs + nkw == 0 { &[] } else { std::slice::from_raw_parts(args, nargs + nkw) };
        (all, if kwnames.is_null() { None } else { Some(Bound::ref_from_slot(&kwnames)) })
    };
    let (positional, values) = all.split_at(nargs);
    bind(py, sig, positional, Keywords::Fast { names, values }, out)
}

/// Bind a `METH_VARARGS | METH_KEYWORDS` call and run `body` on the result: positional
/// values only are read in place; anything else is laid out as a fastcall ([`vectored`]) for
/// [`bind_fastcall`] (one binder, one set of messages).
///
/// # Safety
/// `args` must be a tuple and `kwargs` NULL or a dict; the GIL must be held.
#[inline(always)]
pub(crate) unsafe fn bind_tuple<R>(
    py: Python<'_>,
    sig: &'static Signature,
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
    body: impl FnOnce(&ArgSlots<'_, '_>) -> PyResult<R>,
) -> PyResult<R> {
    // The common `tp_new` call: positional values only, read in place (only the slots the
    // signature has are written).
    let mut inline = [std::ptr::null_mut(); INLINE_SLOTS];
    let n = sig.params.len().min(INLINE_SLOTS);
    // SAFETY: args is a tuple (contract); i < len(args): a borrowed pointer valid while the
    // tuple lives (the caller keeps it alive for the whole call).
    let given = unsafe {
        let given = ffi::PyTuple_Size(args) as usize;
        if kwargs.is_null() && given <= n && sig.positional_only_call(given) {
            for (i, p) in inline[..given].iter_mut().enumerate() {
                *p = ffi::PyTuple_GetItem(args, i as ffi::Py_ssize_t);
            }
            Some(given)
        } else {
            None
        }
    };
    if let Some(given) = given {
        return body(&ArgSlots {
            slf,
            slots: &inline[..given],
            varargs: None,
            varkw: None,
            cursor: Cell::new(0),
            sig,
            py,
        });
    }
    // SAFETY: the contract is passed on unchanged.
    let call = unsafe { vectored(py, args, kwargs) }?;
    // SAFETY: `call` holds `nargs` positional values then one per name of its kwnames tuple
    // (of str), all alive while it lives.
    unsafe { bind_fastcall(py, sig, slf, call.args(), call.nargs(), call.kwnames(), body) }
}

/// The arguments of a `METH_VARARGS | METH_KEYWORDS` call laid out as a fastcall: the
/// positional values, then the keyword values, and the tuple of the keyword names.
pub(crate) struct Vectored<'py> {
    inline: [*mut ffi::PyObject; INLINE_SLOTS],
    heap: Vec<*mut ffi::PyObject>,
    nargs: usize,
    kwnames: Option<Bound<'py, PyTuple>>,
    /// The keyword values, owned: the dict may change while the function runs.
    _values: Vec<Bound<'py, PyAny>>,
}

impl Vectored<'_> {
    pub(crate) fn args(&self) -> *const *mut ffi::PyObject {
        if self.heap.is_empty() {
            self.inline.as_ptr()
        } else {
            self.heap.as_ptr()
        }
    }

    pub(crate) fn nargs(&self) -> ffi::Py_ssize_t {
        self.nargs as ffi::Py_ssize_t
    }

    pub(crate) fn kwnames(&self) -> *mut ffi::PyObject {
        self.kwnames.as_ref().map_or(std::ptr::null_mut(), |t| t.as_ptr())
    }
}

/// Lay out a tuple call as a fastcall (the shared adapter of the tuple convention: see
/// `trampoline::call_tuple_as_fast`). A key that is not a `str` raises CPython's error
/// before anything is bound, on every version.
///
/// # Safety
/// `args` must be a tuple and `kwargs` NULL or a dict, both alive for the call; the GIL
/// must be held.
#[inline(never)]
pub(crate) unsafe fn vectored<'py>(
    py: Python<'py>,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> PyResult<Vectored<'py>> {
    // SAFETY: per the contract, args is a tuple and kwargs NULL or a dict.
    let (n, kwargs) = unsafe {
        (ffi::PyTuple_Size(args) as usize, if kwargs.is_null() { None } else { Some(Bound::ref_from_slot(&kwargs)) })
    };
    let items = match kwargs {
        Some(dict) => dict.downcast::<PyDict>()?.items(),
        None => Vec::new(),
    };
    if items.iter().any(|(key, _)| !PyString::type_check(key)) {
        return Err(keywords_must_be_strings());
    }
    let mut out = Vectored {
        inline: [std::ptr::null_mut(); INLINE_SLOTS],
        heap: Vec::new(),
        nargs: n,
        kwnames: None,
        _values: Vec::new(),
    };
    let total = n + items.len();
    let slots = if total <= INLINE_SLOTS {
        &mut out.inline[..total]
    } else {
        out.heap.resize(total, std::ptr::null_mut());
        &mut out.heap[..]
    };
    for (i, p) in slots[..n].iter_mut().enumerate() {
        // SAFETY: i < len(args); a borrowed pointer valid while the tuple lives (the caller
        // keeps it alive for the whole call).
        *p = unsafe { ffi::PyTuple_GetItem(args, i as ffi::Py_ssize_t) };
    }
    for (p, (_, value)) in slots[n..].iter_mut().zip(&items) {
        *p = value.as_ptr();
    }
    if !items.is_empty() {
        let (keys, values): (Vec<_>, Vec<_>) = items.into_iter().unzip();
        out.kwnames = Some(PyTuple::new(py, keys)?);
        out._values = values;
    }
    Ok(out)
}

const INLINE_SLOTS: usize = 16;

fn bind<'py>(
    py: Python<'py>,
    sig: &'static Signature,
    positional: &[*mut ffi::PyObject],
    keywords: Keywords<'_, 'py>,
    out: &mut Bindings<'py>,
) -> PyResult<()> {
    let n = sig.params.len();
    let given = positional.len();
    let copied = given.min(sig.positional);
    if sig.varargs.is_some() {
        out.varargs = Some(rest_tuple(py, positional, copied)?);
    }
    let varkw = match sig.varkw {
        None => None,
        Some(_) => Some(PyDict::new(py)?),
    };
    let slots = out.slots_mut(n);
    slots[..copied].copy_from_slice(&positional[..copied]);
    match keywords {
        Keywords::Fast { names: Some(names), values } => {
            let tuple = names.downcast::<PyTuple>()?;
            // 3.7 and 3.8 pass `f(**{1: 2})`'s keys to a fastcall function unchecked, and
            // so do vectorcall callers on any version (3.13+'s operator.methodcaller, 3.15's
            // functools.partial); like CPython's own check, every key is checked before any
            // is bound (comparing a non-str name would leave an exception set).
            if (0..tuple.len()).any(|i| tuple.get_item(i).map_or(true, |k| !PyString::type_check(&k))) {
                return Err(keywords_must_be_strings());
            }
            for (i, &value) in values.iter().enumerate() {
                let key = tuple.get_item(i)?;
                bind_keyword(py, sig, slots, key.as_ptr(), value, varkw.as_ref(), &|| keyword_names_fast(names))?;
            }
        }
        Keywords::Fast { names: None, .. } => {}
    }

    if given > sig.positional && sig.varargs.is_none() {
        return Err(too_many_positional(sig, given, slots));
    }
    missing(sig, slots, 0, sig.positional, "positional")?;
    missing(sig, slots, sig.positional, n, "keyword-only")?;
    out.varkw = varkw.map(Bound::into_any);
    Ok(())
}

fn rest_tuple<'py>(py: Python<'py>, positional: &[*mut ffi::PyObject], from: usize) -> PyResult<Bound<'py, PyAny>> {
    let items = positional[from..]
        .iter()
        // SAFETY: the caller's argument pointers are valid objects.
        .map(|&p| unsafe { Bound::from_borrowed_ptr(py, p) })
        .collect();
    PyTuple::new(py, items).map(Bound::into_any)
}

fn keyword_names_fast<'py>(names: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let tuple = names.downcast::<PyTuple>()?;
    (0..tuple.len()).map(|i| tuple.get_item(i)).collect()
}

fn bind_keyword<'py>(
    py: Python<'py>,
    sig: &'static Signature,
    slots: &mut [*mut ffi::PyObject],
    key: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
    varkw: Option<&Bound<'py, PyDict>>,
    all_keys: &dyn Fn() -> PyResult<Vec<Bound<'py, PyAny>>>,
) -> PyResult<()> {
    if let Some(i) = sig.keyword_index(py, key)? {
        if !slots[i].is_null() {
            return Err(PyTypeError::new_err(format!(
                "{}() got multiple values for argument '{}'",
                sig.name, sig.params[i].name
            )));
        }
        slots[i] = value;
        return Ok(());
    }
    // SAFETY: key and value are valid objects (the caller's).
    let (key, value) = unsafe { (Bound::from_borrowed_ptr(py, key), Bound::from_borrowed_ptr(py, value)) };
    if let Some(kwargs) = varkw {
        return kwargs.set_item(key, value);
    }
    // CPython lists them in declaration order.
    let given: Vec<String> = all_keys()?.iter().filter_map(|k| k.extract::<String>().ok()).collect();
    let posonly: Vec<&str> =
        sig.params[..sig.posonly].iter().map(|p| p.name).filter(|name| given.iter().any(|k| k == name)).collect();
    if !posonly.is_empty() {
        return Err(PyTypeError::new_err(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            sig.name,
            posonly.join(", ")
        )));
    }
    // The key itself, not a UTF-8 copy: a lone surrogate shows as CPython's `%U` shows it.
    let prefix = format!("{}() got an unexpected keyword argument '", sig.name);
    Err(error_with_message(
        py,
        &PyTypeError::type_object(py),
        &[Piece::Text(&prefix), Piece::Str(&key), Piece::Text("'")],
    ))
}

/// A keyword whose name is not a `str` (`f(**{1: 2})`), in the words of CPython's builtins.
#[cold]
fn keywords_must_be_strings() -> PyErr {
    PyTypeError::new_err("keywords must be strings")
}

#[cold]
fn too_many_positional(sig: &Signature, given: usize, slots: &[*mut ffi::PyObject]) -> PyErr {
    let max = sig.positional;
    let defaults = sig.params[..max].iter().filter(|p| p.default.is_some()).count();
    let (takes, plural) =
        if defaults > 0 { (format!("from {} to {}", max - defaults, max), true) } else { (max.to_string(), max != 1) };
    let kwonly_given = slots[max..].iter().filter(|p| !p.is_null()).count();
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let kwonly = if kwonly_given > 0 {
        format!(" positional argument{} (and {} keyword-only argument{})", s(given), kwonly_given, s(kwonly_given))
    } else {
        String::new()
    };
    let verb = if given == 1 && kwonly_given == 0 { "was" } else { "were" };
    PyTypeError::new_err(format!(
        "{}() takes {} positional argument{} but {}{} {} given",
        sig.name,
        takes,
        if plural { "s" } else { "" },
        given,
        kwonly,
        verb
    ))
}

fn missing(sig: &Signature, slots: &[*mut ffi::PyObject], from: usize, to: usize, kind: &str) -> PyResult<()> {
    if (from..to).all(|i| !slots[i].is_null() || sig.params[i].default.is_some()) {
        return Ok(());
    }
    missing_error(sig, slots, from, to, kind)
}

#[cold]
fn missing_error(sig: &Signature, slots: &[*mut ffi::PyObject], from: usize, to: usize, kind: &str) -> PyResult<()> {
    let names: Vec<&str> = (from..to)
        .filter(|&i| slots[i].is_null() && sig.params[i].default.is_none())
        .map(|i| sig.params[i].name)
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        k => format!("{}, and {}", quoted[..k - 1].join(", "), quoted[k - 1]),
    };
    Err(PyTypeError::new_err(format!(
        "{}() missing {} required {} argument{}: {}",
        sig.name,
        names.len(),
        kind,
        if names.len() == 1 { "" } else { "s" },
        list
    )))
}
