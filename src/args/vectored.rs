//! The tuple calling convention (`METH_VARARGS | METH_KEYWORDS`, and `tp_new`) laid out as
//! a fastcall, so that one binder (and one set of messages) serves both conventions.

use abi3_sys as ffi;

use super::general::keywords_must_be_strings;
use super::INLINE_SLOTS;
use crate::err::PyResult;
use crate::ffi_safe;
use crate::object::{Bound, PyAny};
use crate::types::{PyDict, PyString, PyTuple, PyTypeCheck};

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
/// before anything is bound, on every version. `args` is the call's tuple and `kwargs` its
/// dict (or `None`), both alive for the call.
#[inline(never)]
pub(crate) fn vectored<'py>(args: &Bound<'py, PyAny>, kwargs: Option<&Bound<'py, PyAny>>) -> PyResult<Vectored<'py>> {
    let py = args.py();
    let args = args.downcast::<PyTuple>()?;
    let n = ffi_safe::PyTuple_Size(args) as usize;
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
        // The item's pointer stays valid after our reference is dropped: the tuple holds it,
        // and the caller keeps the tuple alive for the whole call.
        *p = ffi_safe::PyTuple_GetItem(args, i as ffi::Py_ssize_t)?.as_ptr();
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
