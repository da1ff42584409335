//! Direct type slots of dunders that CPython's own slot wrappers would get wrong or slow:
//! `__len__`, `__hash__`, `__bool__`, `__repr__`/`__str__`/`__iter__`/`__next__`,
//! `__contains__` ([`SlotFn`] says which; the functions here are the shims' bodies).

use super::*;

#[doc(hidden)]
/// A dunder method's direct type slot, with the shim the macro generated for it.
#[derive(Clone, Copy)]
pub enum SlotFn {
    /// `__len__`: `sq_length` and `mp_length`.
    Len(ffi::lenfunc),
    /// `__hash__`: `tp_hash`.
    Hash(ffi::hashfunc),
    /// `__bool__`: `nb_bool`.
    Bool(ffi::inquiry),
    /// `__repr__`, `__str__`, `__iter__`, `__next__`: the slot id and a unary shim.
    Unary(c_int, ffi::unaryfunc),
    /// `__contains__`: `sq_contains`.
    Contains(ffi::objobjproc),
}

impl SlotFn {
    pub(super) fn install(self, slots: &mut Vec<ffi::PyType_Slot>) {
        let mut add = |id: c_int, p: *mut c_void| slots.push(ffi::PyType_Slot { slot: id, pfunc: p });
        match self {
            SlotFn::Len(f) => {
                add(ffi::Py_sq_length, f as *mut c_void);
                add(ffi::Py_mp_length, f as *mut c_void);
            }
            SlotFn::Hash(f) => add(ffi::Py_tp_hash, f as *mut c_void),
            SlotFn::Bool(f) => add(ffi::Py_nb_bool, f as *mut c_void),
            SlotFn::Unary(id, f) => add(id, f as *mut c_void),
            SlotFn::Contains(f) => add(ffi::Py_sq_contains, f as *mut c_void),
        }
    }
}

use crate::args::Signature;
use crate::trampoline::{call_method_binary, call_method_unary, Body};

/// A unary slot returning an object (`tp_repr`, `tp_str`, `tp_iter`, `tp_iternext`).
pub unsafe fn unary(sig: &'static Signature, slf: *mut ffi::PyObject, body: Body) -> *mut ffi::PyObject {
    guard(|py| call_method_unary(py, sig, slf, body))
}

/// A binary slot returning an object.
pub unsafe fn binary(
    sig: &'static Signature,
    slf: *mut ffi::PyObject,
    arg: *mut ffi::PyObject,
    body: Body,
) -> *mut ffi::PyObject {
    guard(|py| call_method_binary(py, sig, slf, arg, body))
}

pub(super) fn owned<R>(
    result: *mut ffi::PyObject,
    error: R,
    convert: impl FnOnce(Python<'_>, &Bound<'_, PyAny>) -> PyResult<R>,
) -> R {
    // SAFETY: the GIL is held (slot call); result is NULL or a new reference we now own.
    let (py, obj) = unsafe {
        let py = Python::assume_gil_acquired();
        (py, Bound::from_owned_ptr_or_opt(py, result))
    };
    let Some(obj) = obj else { return error };
    match convert(py, &obj) {
        Ok(v) => v,
        Err(e) => {
            e.restore(py);
            error
        }
    }
}

/// `sq_length`/`mp_length`: a non-negative size, checked as CPython's `slot_sq_length`
/// checks a Python `__len__`: `__index__` of the result, then its sign (any negative
/// value is a `ValueError`, however large), then its size (`OverflowError`).
pub unsafe fn len(sig: &'static Signature, slf: *mut ffi::PyObject, body: Body) -> ffi::Py_ssize_t {
    owned(unary(sig, slf, body), -1, |py, obj| {
        // An int (a subclass too) is used as it is, as CPython's `_PyNumber_Index` does
        // (`PyNumber_Index` makes a subclass an exact int from 3.10, which would change
        // the type named in the OverflowError).
        crate::convert::int::with_index(obj, |index| {
            // SAFETY: an int (runs no Python code); -1 with an exception on failure.
            let n = unsafe { ffi::PyNumber_AsSsize_t(index.as_ptr(), ffi::PyExc_OverflowError) };
            if n >= 0 {
                return Ok(n);
            }
            match PyErr::take(py) {
                // Too large (a negative value, however large, is the ValueError below).
                Some(err) if !index.lt(0i64)? => Err(err),
                _ => Err(crate::exceptions::PyValueError::new_err("__len__() should return >= 0")),
            }
        })
    })
}

/// `tp_hash`, as CPython's `slot_tp_hash` treats a Python `__hash__`: the result must be
/// an `int` (a `bool` or another subclass too); one within `Py_hash_t` is the hash itself,
/// a wider one is reduced as `int.__hash__` reduces it, and -1 (the error value) is -2.
pub unsafe fn hash(sig: &'static Signature, slf: *mut ffi::PyObject, body: Body) -> ffi::Py_hash_t {
    owned(unary(sig, slf, body), -1, hash_value)
}

pub(super) fn hash_value(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<ffi::Py_hash_t> {
    use crate::types::{PyInt, PyTypeCheck};
    if !PyInt::type_check(obj) {
        return Err(PyTypeError::new_err("__hash__ method should return an integer"));
    }
    let h = match crate::convert::int::as_i64(py, obj)?.map(ffi::Py_hash_t::try_from) {
        Some(Ok(h)) => h,
        // Wider than Py_hash_t: `int`'s own hash (for a subclass too, whatever its
        // `__hash__`), as CPython calls `PyLong_Type.tp_hash`.
        _ if obj.type_ptr() == std::ptr::addr_of_mut!(ffi::PyLong_Type) => obj.hash()?,
        _ => py.import("builtins")?.getattr("int")?.getattr("__hash__")?.call1((obj,))?.extract()?,
    };
    Ok(if h == -1 { -2 } else { h })
}

/// `nb_bool`: the result must be a `bool`, as CPython's `slot_nb_bool` requires of a
/// Python `__bool__` (with its message, which 3.15 reworded).
pub unsafe fn truth(sig: &'static Signature, slf: *mut ffi::PyObject, body: Body) -> c_int {
    owned(unary(sig, slf, body), -1, |py, obj| {
        if <crate::types::PyBool as crate::types::PyTypeCheck>::type_check(obj) {
            return obj.is_truthy().map(c_int::from);
        }
        // SAFETY: the receiver CPython passed, alive for the call.
        let slf = unsafe { Bound::ref_from_slot(&slf) };
        Err(PyTypeError::new_err(if runtime().version.at_least(3, 15) {
            format!(
                "{}.__bool__() must return a bool, not {}",
                qualified_type_name(py, slf),
                qualified_type_name(py, obj)
            )
        } else {
            format!("__bool__ should return bool, returned {}", tp_name(py, obj))
        }))
    })
}

/// `Py_TYPE(obj)->tp_name`, which CPython's messages print and the Limited API cannot
/// read: `object.__format__(obj, "x")` raises `unsupported format string passed to
/// <tp_name>.__format__` on every version (at most 200 characters of the name) without
/// running any code of `obj`'s type. `__name__` if that ever fails.
pub(super) fn tp_name(py: Python<'_>, obj: &Bound<'_, PyAny>) -> String {
    let raised = py
        .import("builtins")
        .and_then(|b| b.getattr("object")?.getattr("__format__")?.call1((obj, "x")))
        .err()
        .map(|e| e.message(py));
    raised
        .as_deref()
        .and_then(|m| m.strip_prefix("unsupported format string passed to "))
        .and_then(|m| m.strip_suffix(".__format__"))
        .map_or_else(|| obj.type_name(), str::to_owned)
}

/// What CPython's `%T` prints for `obj` (3.13+, `PyType_GetFullyQualifiedName`): a
/// static type's `tp_name`; for a heap type `module.qualname`, without the module when
/// it is `builtins` or `__main__`.
pub(super) fn qualified_type_name(py: Python<'_>, obj: &Bound<'_, PyAny>) -> String {
    let ty = obj.get_type();
    let flags = ty.getattr("__flags__").and_then(|f| f.extract::<std::ffi::c_ulong>());
    let heap = flags.is_ok_and(|f| f & ffi::Py_TPFLAGS_HEAPTYPE != 0);
    if !heap {
        return tp_name(py, obj);
    }
    let qualname = ty.getattr("__qualname__").map(|q| q.to_string()).unwrap_or_else(|_| obj.type_name());
    match ty.getattr("__module__").and_then(|m| m.extract::<String>()) {
        Ok(m) if m != "builtins" && m != "__main__" => format!("{m}.{qualname}"),
        _ => qualname,
    }
}

/// `sq_contains`.
pub unsafe fn contains(sig: &'static Signature, slf: *mut ffi::PyObject, arg: *mut ffi::PyObject, body: Body) -> c_int {
    owned(binary(sig, slf, arg, body), -1, |_, obj| obj.is_truthy().map(c_int::from))
}
