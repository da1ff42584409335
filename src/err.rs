//! Python exceptions as Rust values.
//!
//! A [`PyErr`] is either *lazy* (an exception type and a message, made without the GIL, e.g.
//! by `PyValueError::new_err("...")` or by `?` on a Rust error) or *normalized* (the type,
//! instance and traceback fetched from the interpreter). Restoring a fetched error hands the
//! original objects back, so tracebacks and `raise ... from ...` chains survive a trip
//! through Rust. Fetch/Restore use `PyErr_Fetch`/`PyErr_Restore`, which every version from
//! 3.7 to 3.15 has (deprecated in 3.12, without a removal date).
//!
//! ```
//! # limpet::__private::doctest(|py| {
//! use limpet::prelude::*;
//! fn parse(text: &str) -> PyResult<i64> {
//!     Ok(text.trim().parse::<i64>()?) // ParseIntError becomes ValueError
//! }
//! assert_eq!(parse(" 12 ")?, 12);
//! let err = parse("x").unwrap_err();
//! assert!(err.is_instance_of::<PyValueError>(py));
//! assert_eq!(err.message(py), "invalid digit found in string");
//! # Ok(()) });
//! ```

use std::borrow::Cow;
use std::ffi::c_int;
use std::fmt;

use abi3_sys as ffi;

use crate::exceptions::{self, PyExceptionType};
use crate::gil::Python;
use crate::object::{Bound, Py, PyAny};
use crate::types::PyString;

mod context;
mod from_rust;

pub(crate) use context::{error_with_message, with_context, with_context_if, Piece};

/// The result of anything that can raise a Python exception.
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// fn half(n: i64) -> PyResult<i64> {
///     if n % 2 != 0 {
///         return Err(PyValueError::new_err(format!("{n} is odd")));
///     }
///     Ok(n / 2)
/// }
/// assert_eq!(half(4)?, 2);
/// assert_eq!(half(3).unwrap_err().message(py), "3 is odd");
/// # Ok(()) });
/// ```
pub type PyResult<T> = Result<T, PyErr>;

/// A Python exception.
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// let err = py.import("json")?.call_method1("loads", ("{",)).unwrap_err();
/// assert_eq!(err.get_type(py).getattr("__name__")?.extract::<String>()?, "JSONDecodeError");
/// assert!(err.is_instance_of::<PyValueError>(py)); // JSONDecodeError subclasses ValueError
/// # Ok(()) });
/// ```
pub struct PyErr {
    // Boxed: a `PyResult<*mut PyObject>` is two words (issue 12), returned in registers
    // through every level of a call; errors are the cold path and pay the allocation.
    state: Box<State>,
}

enum State {
    Lazy { ty: TypeRef, msg: Message },
    Normalized { ptype: Py, pvalue: Py, ptraceback: Option<Py> },
}

enum TypeRef {
    /// The class getter of a builtin or `create_exception!` type: no GIL needed until raised.
    Getter(for<'py> fn(Python<'py>) -> Bound<'py, PyAny>),
    Object(Py),
}

enum Message {
    /// No arguments at all (`raise StopIteration`, not `StopIteration('')`).
    Empty,
    Text(Cow<'static, str>),
    /// `OSError(errno, strerror)`: CPython picks the subclass from the errno.
    Errno(i32, String),
    /// "expected X, got Y": kept structured so argument parsing can phrase it like CPython.
    Downcast {
        expected: &'static str,
        got: String,
    },
}

impl PyErr {
    /// A new exception of type `E` with message `msg`; made lazily, no GIL needed.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let err = PyErr::new::<PyKeyError>("missing");
    /// assert!(err.is_instance_of::<PyLookupError>(py));
    /// assert_eq!(err.message(py), "missing");
    /// # Ok(()) });
    /// ```
    #[inline]
    pub fn new<E: PyExceptionType>(msg: impl Into<Cow<'static, str>>) -> PyErr {
        PyErr::lazy(E::type_object, msg.into())
    }

    /// [`new`](PyErr::new) past its generics: one function for every exception type and
    /// message type (the generic part is the class getter and an `into`).
    #[inline(never)]
    pub(crate) fn lazy(ty: for<'py> fn(Python<'py>) -> Bound<'py, PyAny>, msg: Cow<'static, str>) -> PyErr {
        PyErr::from_state(State::Lazy { ty: TypeRef::Getter(ty), msg: Message::Text(msg) })
    }

    /// A new exception of type `E` with no arguments (`raise E`).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let mut err = PyErr::new_empty::<PyStopIteration>();
    /// assert_eq!(err.value(py).getattr("args")?.len()?, 0);
    /// # Ok(()) });
    /// ```
    pub fn new_empty<E: PyExceptionType>() -> PyErr {
        PyErr::lazy_empty(E::type_object)
    }

    #[inline(never)]
    fn lazy_empty(ty: for<'py> fn(Python<'py>) -> Bound<'py, PyAny>) -> PyErr {
        PyErr::from_state(State::Lazy { ty: TypeRef::Getter(ty), msg: Message::Empty })
    }

    /// An exception whose type is the given object (an exception class).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let ty = py.import("decimal")?.getattr("InvalidOperation")?;
    /// let mut err = PyErr::from_type(ty.clone(), "not a number");
    /// assert!(err.value(py).is_instance(&ty)?);
    /// assert_eq!(err.message(py), "not a number");
    /// # Ok(()) });
    /// ```
    pub fn from_type(ty: Bound<'_, PyAny>, msg: impl Into<Cow<'static, str>>) -> PyErr {
        PyErr::from_state(State::Lazy { ty: TypeRef::Object(ty.unbind()), msg: Message::Text(msg.into()) })
    }

    /// The `TypeError` for an object that is not of the `expected` type.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let err = PyErr::downcast(&1.into_py(py)?, "str");
    /// assert!(err.is_instance_of::<PyTypeError>(py));
    /// assert_eq!(err.message(py), "expected str, got int");
    /// # Ok(()) });
    /// ```
    pub fn downcast(obj: &Bound<'_, PyAny>, expected: &'static str) -> PyErr {
        PyErr::from_state(State::Lazy {
            ty: TypeRef::Getter(exceptions::PyTypeError::type_object),
            msg: Message::Downcast { expected, got: obj.type_name() },
        })
    }

    /// [`downcast`](PyErr::downcast) with the received type named by the caller (`got`).
    pub(crate) fn downcast_named(expected: &'static str, got: String) -> PyErr {
        PyErr::from_state(State::Lazy {
            ty: TypeRef::Getter(exceptions::PyTypeError::type_object),
            msg: Message::Downcast { expected, got },
        })
    }

    #[inline]
    fn from_state(state: State) -> PyErr {
        PyErr { state: Box::new(state) }
    }

    /// Take the exception currently set in the interpreter, if any.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(PyErr::take(py).is_none());
    /// PyValueError::new_err("pending").restore(py);
    /// let err = PyErr::take(py).expect("an exception was set");
    /// assert_eq!(err.message(py), "pending");
    /// assert!(PyErr::take(py).is_none()); // taken: nothing is set any more
    /// # Ok(()) });
    /// ```
    pub fn take(py: Python<'_>) -> Option<PyErr> {
        let (mut t, mut v, mut tb) = (std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut());
        // SAFETY: the GIL is held; Fetch hands us owned references (or NULL) and clears the
        // indicator; NormalizeException keeps them owned and replaces them in place. After
        // normalization t and v are non-null owned references (v may be NULL only if
        // normalization itself failed; then we fall back to None), each taken by a Bound.
        unsafe {
            ffi::PyErr_Fetch(&mut t, &mut v, &mut tb);
            if t.is_null() {
                return None;
            }
            ffi::PyErr_NormalizeException(&mut t, &mut v, &mut tb);
            if !tb.is_null() && !v.is_null() {
                ffi::PyException_SetTraceback(v, tb);
            }
            let ptype = Bound::from_owned_ptr(py, t).unbind();
            let pvalue = Bound::from_owned_ptr_or_opt(py, v).unwrap_or_else(|| py.None()).unbind();
            let ptraceback = Bound::from_owned_ptr_or_opt(py, tb).map(Bound::unbind);
            Some(PyErr::from_state(State::Normalized { ptype, pvalue, ptraceback }))
        }
    }

    /// Take the exception that a failed C call set; a `SystemError` if it set none.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// // SAFETY: valid object and name; returns NULL with AttributeError set.
    /// let ptr = unsafe { abi3_sys::PyObject_GetAttrString(py.None().as_ptr(), c"nope".as_ptr()) };
    /// assert!(ptr.is_null());
    /// assert!(PyErr::fetch(py).is_instance_of::<PyAttributeError>(py));
    /// // nothing set: a SystemError says so
    /// assert!(PyErr::fetch(py).is_instance_of::<PySystemError>(py));
    /// # Ok(()) });
    /// ```
    pub fn fetch(py: Python<'_>) -> PyErr {
        PyErr::take(py).unwrap_or_else(|| exceptions::PySystemError::new_err("error return without exception set"))
    }

    /// `Ok(())` for a C status other than -1, else the fetched exception.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let list = PyList::empty(py)?;
    /// // SAFETY: a list and a valid item; -1 with an exception set on failure.
    /// let rc = unsafe { abi3_sys::PyList_Append(list.as_ptr(), py.None().as_ptr()) };
    /// PyErr::check(py, rc)?;
    /// assert_eq!(list.len(), 1);
    /// PyTypeError::new_err("failed").restore(py);
    /// assert!(PyErr::check(py, -1).unwrap_err().is_instance_of::<PyTypeError>(py));
    /// # Ok(()) });
    /// ```
    pub fn check(py: Python<'_>, rc: c_int) -> PyResult<()> {
        if rc == -1 {
            Err(PyErr::fetch(py))
        } else {
            Ok(())
        }
    }

    /// Hand the exception to the interpreter (it becomes the current exception).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// PyErr::new::<PyRuntimeError>("raised from Rust").restore(py);
    /// // SAFETY: the GIL is held.
    /// assert!(!unsafe { abi3_sys::PyErr_Occurred() }.is_null());
    /// assert_eq!(PyErr::take(py).unwrap().message(py), "raised from Rust");
    /// # Ok(()) });
    /// ```
    pub fn restore(self, py: Python<'_>) {
        match *self.state {
            State::Normalized { ptype, pvalue, ptraceback } => {
                let tb = ptraceback.map_or(std::ptr::null_mut(), |tb| tb.into_bound(py).into_ptr());
                // SAFETY: PyErr_Restore steals the three references we hand it; GIL held.
                unsafe { ffi::PyErr_Restore(ptype.into_bound(py).into_ptr(), pvalue.into_bound(py).into_ptr(), tb) }
            }
            State::Lazy { ty, msg } => {
                let ty = ty.bind(py);
                let text = match msg {
                    Message::Text(t) => Some(t),
                    Message::Empty => None,
                    Message::Downcast { expected, got } => Some(Cow::Owned(format!("expected {expected}, got {got}"))),
                    Message::Errno(errno, text) => {
                        // Made here, not left to normalization: 3.7-3.11 would keep the
                        // base type next to the instance and `except IsADirectoryError` fails.
                        match ty.call1((errno, text)) {
                            Ok(exc) => PyErr::from_value(exc).restore(py),
                            Err(e) => e.restore(py),
                        }
                        return;
                    }
                };
                let value = match text.map(|t| PyString::new(py, &t)).transpose() {
                    Ok(value) => value,
                    Err(e) => return e.restore(py),
                };
                let value = value.as_ref().map_or(std::ptr::null_mut(), |s| s.as_ptr());
                // SAFETY: a valid exception class and NULL (what PyErr_SetNone passes) or a
                // str; PyErr_SetObject does not steal.
                unsafe { ffi::PyErr_SetObject(ty.as_ptr(), value) }
            }
        }
    }

    fn normalize(&mut self, py: Python<'_>) -> (&Py, &Py) {
        if let State::Lazy { .. } = *self.state {
            let lazy = std::mem::replace(
                &mut *self.state,
                State::Lazy {
                    ty: TypeRef::Getter(exceptions::PySystemError::type_object),
                    msg: Message::Text(Cow::Borrowed("")),
                },
            );
            PyErr::from_state(lazy).restore(py);
            *self = PyErr::fetch(py);
        }
        match &*self.state {
            State::Normalized { ptype, pvalue, .. } => (ptype, pvalue),
            State::Lazy { .. } => unreachable!("normalized above"),
        }
    }

    /// The exception instance.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let mut err = PyValueError::new_err("bad value");
    /// let exc = err.value(py); // made on first use, then kept
    /// assert_eq!(exc.to_string(), "bad value");
    /// assert!(exc.is(&err.value(py)));
    /// # Ok(()) });
    /// ```
    pub fn value<'py>(&mut self, py: Python<'py>) -> Bound<'py, PyAny> {
        self.normalize(py).1.bind(py)
    }

    /// Consume into the exception instance.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let exc = PyKeyError::new_err("k").into_value(py);
    /// assert_eq!(exc.type_name(), "KeyError");
    /// # Ok(()) });
    /// ```
    pub fn into_value(mut self, py: Python<'_>) -> Bound<'_, PyAny> {
        self.value(py)
    }

    /// The exception type.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let err = PyZeroDivisionError::new_err("x");
    /// assert!(err.get_type(py).is(&PyZeroDivisionError::type_object(py)));
    /// # Ok(()) });
    /// ```
    pub fn get_type<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        match &*self.state {
            State::Lazy { ty, .. } => ty.bind(py),
            State::Normalized { ptype, .. } => ptype.bind(py),
        }
    }

    /// True when the exception is an instance of `E` (or a subclass).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let err = py.import("builtins")?.getattr("int")?.call1(("x",)).unwrap_err();
    /// assert!(err.is_instance_of::<PyValueError>(py));
    /// assert!(err.is_instance_of::<PyException>(py));
    /// assert!(!err.is_instance_of::<PyTypeError>(py));
    /// # Ok(()) });
    /// ```
    #[inline]
    pub fn is_instance_of<E: PyExceptionType>(&self, py: Python<'_>) -> bool {
        self.is_instance_of_type(&E::type_object(py))
    }

    /// [`is_instance_of`](PyErr::is_instance_of) with the class as an object.
    #[inline(never)]
    pub(crate) fn is_instance_of_type(&self, target: &Bound<'_, PyAny>) -> bool {
        let ty = self.get_type(target.py());
        crate::ffi_safe::PyErr_GivenExceptionMatches(&ty, target) != 0
    }

    /// The message without the type name, as `str(exc)` gives it.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let err = py.import("builtins")?.getattr("int")?.call1(("x",)).unwrap_err();
    /// assert_eq!(err.message(py), "invalid literal for int() with base 10: 'x'");
    /// assert_eq!(err.to_string(), "ValueError: invalid literal for int() with base 10: 'x'");
    /// # Ok(()) });
    /// ```
    pub fn message(&self, py: Python<'_>) -> String {
        match &*self.state {
            State::Lazy { msg: Message::Text(t), .. } => t.to_string(),
            State::Lazy { msg: Message::Empty, .. } => String::new(),
            State::Lazy { msg: Message::Downcast { expected, got }, .. } => format!("expected {expected}, got {got}"),
            State::Lazy { msg: Message::Errno(errno, text), .. } => format!("[Errno {errno}] {text}"),
            State::Normalized { pvalue, .. } => pvalue.bind(py).to_string(),
        }
    }

    /// For an argument conversion failure: the expected and actual type names of a downcast.
    pub(crate) fn downcast_parts(&self) -> Option<(&'static str, &str)> {
        match &*self.state {
            State::Lazy { msg: Message::Downcast { expected, got }, .. } => Some((expected, got)),
            _ => None,
        }
    }

    /// Set `__cause__` (as `raise self from cause` does).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let mut err = PyRuntimeError::new_err("outer");
    /// err.set_cause(py, Some(PyValueError::new_err("inner")));
    /// assert_eq!(err.value(py).getattr("__cause__")?.to_string(), "inner");
    /// # Ok(()) });
    /// ```
    pub fn set_cause(&mut self, py: Python<'_>, cause: Option<PyErr>) {
        let value = self.value(py);
        let cause = cause.map_or_else(|| py.None(), |c| c.into_value(py));
        // What `PyException_SetCause` does (and sets `__suppress_context__`), through the
        // attribute: no raw read of an exception's layout. It cannot fail for an exception
        // instance and an exception or None, which is what a `PyErr` holds.
        let _ = value.setattr("__cause__", cause);
    }

    /// `__cause__`, if any.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let mut err = PyRuntimeError::new_err("outer");
    /// assert!(err.cause(py).is_none());
    /// err.set_cause(py, Some(PyValueError::new_err("inner")));
    /// assert!(err.cause(py).unwrap().is_instance_of::<PyValueError>(py));
    /// # Ok(()) });
    /// ```
    pub fn cause(&mut self, py: Python<'_>) -> Option<PyErr> {
        let cause = self.value(py).getattr("__cause__").ok().filter(|c| !c.is_none())?;
        Some(PyErr::from_value(cause))
    }

    /// Wrap an exception instance (a `TypeError` in its place when `value` is not one).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let exc = py.import("builtins")?.getattr("ValueError")?.call1(("made in Python",))?;
    /// let err = PyErr::from_value(exc);
    /// assert!(err.is_instance_of::<PyValueError>(py));
    /// assert_eq!(err.message(py), "made in Python");
    /// # Ok(()) });
    /// ```
    pub fn from_value(value: Bound<'_, PyAny>) -> PyErr {
        if !crate::types::has_flag(&value, ffi::Py_TPFLAGS_BASE_EXC_SUBCLASS) {
            return exceptions::PyTypeError::new_err("exceptions must derive from BaseException");
        }
        let ptype = value.get_type().unbind();
        let tb = value.getattr("__traceback__").ok().filter(|tb| !tb.is_none());
        let ptraceback = tb.map(Bound::unbind);
        PyErr::from_state(State::Normalized { ptype, pvalue: value.unbind(), ptraceback })
    }

    /// Print the exception and its traceback to `sys.stderr` (like an uncaught exception).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// PyValueError::new_err("shown").print(py); // "ValueError: shown" on stderr
    /// assert!(PyErr::take(py).is_none()); // printed and cleared
    /// # Ok(()) });
    /// ```
    pub fn print(self, py: Python<'_>) {
        self.restore(py);
        // Prints the exception just restored, and clears it.
        crate::ffi_safe::PyErr_PrintEx(py, 0)
    }
}

impl TypeRef {
    fn bind<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        match self {
            TypeRef::Getter(get) => get(py),
            TypeRef::Object(ty) => ty.bind(py),
        }
    }
}

impl fmt::Debug for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Python::with_gil(|py| {
            let ty = self.get_type(py);
            let name = ty.getattr("__name__").map(|n| n.to_string()).unwrap_or_default();
            write!(f, "{}: {}", name, self.message(py))
        })
    }
}

impl fmt::Display for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl std::error::Error for PyErr {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Results travel through every level of a call (body, binder, trampoline): they must
    /// fit in two registers (issue 12). Was 56 bytes with the error state inline.
    #[test]
    fn small_results() {
        assert_eq!(std::mem::size_of::<PyErr>(), std::mem::size_of::<usize>());
        assert!(std::mem::size_of::<PyResult<*mut ffi::PyObject>>() <= 2 * std::mem::size_of::<usize>());
        assert!(std::mem::size_of::<PyResult<()>>() <= std::mem::size_of::<usize>());
        assert!(std::mem::size_of::<PyResult<i64>>() <= 2 * std::mem::size_of::<usize>());
    }
}
