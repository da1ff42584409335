//! The general binder: `*args`, `**kwargs`, keywords the one-pass binder could not place,
//! and every error, in CPython's words (`ceval.c`'s messages for a Python function with the
//! same signature, checked on 3.7 .. 3.15). Runs only off the fast paths of `bind.rs`.

use abi3_sys as ffi;

use super::{ArgSlots, Signature, INLINE_SLOTS};
use crate::err::{error_with_message, Piece, PyErr, PyResult};
use crate::exceptions::PyExceptionType;
use crate::exceptions::PyTypeError;
use crate::gil::Python;
use crate::object::{Bound, PyAny};
use crate::types::{PyDict, PyString, PyTuple, PyTypeCheck};

/// Where keyword arguments come from.
enum Keywords<'k, 'py> {
    /// Fastcall (a tuple call is laid out as one): a tuple of names (`None`: no keywords),
    /// the values following the positional ones.
    Fast { names: Option<&'k Bound<'py, PyAny>>, values: &'k [*mut ffi::PyObject] },
}

/// What the general binder fills: the slots and the `*args`/`**kwargs` it makes, alive
/// until the body has run.
pub(super) struct Bindings<'py> {
    inline: [*mut ffi::PyObject; INLINE_SLOTS],
    heap: Vec<*mut ffi::PyObject>,
    varargs: Option<Bound<'py, PyAny>>,
    varkw: Option<Bound<'py, PyAny>>,
}

impl<'py> Bindings<'py> {
    pub(super) fn new() -> Self {
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

    pub(super) fn args<'a>(
        &'a self,
        slf: &'a *mut ffi::PyObject,
        sig: &'static Signature,
        py: Python<'py>,
    ) -> ArgSlots<'a, 'py> {
        let n = sig.params.len();
        let slots = if n <= INLINE_SLOTS { &self.inline[..n] } else { &self.heap[..] };
        ArgSlots::new(slf, slots, self.varargs.as_ref(), self.varkw.as_ref(), sig, py)
    }
}

/// Keywords, `*args`/`**kwargs` or a wrong count: the one shared binder.
///
/// # Safety
/// As `bind::bind_fastcall`.
#[inline(never)]
pub(super) unsafe fn bind_fastcall_general<'py>(
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
                bind_keyword(py, sig, slots, &key, value, varkw.as_ref(), &|| keyword_names_fast(names))?;
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
    key: &Bound<'py, PyAny>,
    value: *mut ffi::PyObject,
    varkw: Option<&Bound<'py, PyDict>>,
    all_keys: &dyn Fn() -> PyResult<Vec<Bound<'py, PyAny>>>,
) -> PyResult<()> {
    if let Some(i) = sig.keyword_index(key)? {
        if !slots[i].is_null() {
            return Err(PyTypeError::new_err(format!(
                "{}() got multiple values for argument '{}'",
                sig.name, sig.params[i].name
            )));
        }
        slots[i] = value;
        return Ok(());
    }
    // SAFETY: value is a valid object (the caller's).
    let value = unsafe { Bound::from_borrowed_ptr(py, value) };
    if let Some(kwargs) = varkw {
        return kwargs.set_item(key.clone(), value);
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
        &[Piece::Text(&prefix), Piece::Str(key), Piece::Text("'")],
    ))
}

/// A keyword whose name is not a `str` (`f(**{1: 2})`), in the words of CPython's builtins.
#[cold]
pub(super) fn keywords_must_be_strings() -> PyErr {
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
