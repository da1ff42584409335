//! Exception types: every builtin one in the 3.7 Stable ABI, and user-defined ones.
//!
//! Each builtin is a marker type named like PyO3's (`PyTypeError`, `PyValueError`, ...):
//! `PyValueError::new_err("bad")` makes a [`PyErr`] without the GIL. User types come from
//! [`create_exception!`](crate::create_exception) and are created on first use.
//!
//! ```
//! # limpet::__private::doctest(|py| {
//! use limpet::prelude::*;
//! limpet::create_exception!(mymod, QuotaError, PyException, "Over quota.");
//! let err = QuotaError::new_err("3 of 2 used");
//! assert!(err.is_instance_of::<PyException>(py));
//! assert_eq!(err.to_string(), "QuotaError: 3 of 2 used");
//! # Ok(()) });
//! ```

use std::borrow::Cow;
use std::sync::OnceLock;

use abi3_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Bound, Py, PyAny};
use crate::types::{PyDict, PyString, PyTuple};

/// A Python exception class known to Rust.
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// use limpet::exceptions::PyExceptionType;
/// fn raise_as<E: PyExceptionType>(msg: &'static str) -> PyErr {
///     E::new_err(msg)
/// }
/// let err = raise_as::<PyIndexError>("out of range");
/// assert!(err.is_instance_of::<PyLookupError>(py));
/// # Ok(()) });
/// ```
pub trait PyExceptionType {
    /// The exception class.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// use limpet::exceptions::PyExceptionType;
    /// let class = PyOSError::type_object(py);
    /// let exc = class.call1((2, "No such file"))?; // CPython picks the subclass from the errno
    /// assert_eq!(exc.type_name(), "FileNotFoundError");
    /// # Ok(()) });
    /// ```
    fn type_object(py: Python<'_>) -> Bound<'_, PyAny>;

    /// A new exception of this type with `msg`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// use limpet::exceptions::PyExceptionType;
    /// fn fail<E: PyExceptionType>() -> PyResult<()> {
    ///     Err(E::new_err("generic"))
    /// }
    /// assert!(fail::<PyTypeError>().unwrap_err().is_instance_of::<PyTypeError>(py));
    /// # Ok(()) });
    /// ```
    fn new_err(msg: impl Into<Cow<'static, str>>) -> PyErr
    where
        Self: Sized,
    {
        PyErr::new::<Self>(msg)
    }
}

macro_rules! builtin_exceptions {
    ($($name:ident = $ffi:ident, $pyname:literal;)*) => {$(
        #[doc = concat!("Python's builtin exception class `", $pyname, "` (`", stringify!($ffi), "`).")]
        ///
        /// ```
        /// # limpet::__private::doctest(|py| {
        #[doc = concat!("use limpet::exceptions::{PyExceptionType, ", stringify!($name), "};")]
        #[doc = concat!("let class = ", stringify!($name), "::type_object(py);")]
        #[doc = concat!("assert_eq!(class.getattr(\"__name__\")?.extract::<String>()?, \"", $pyname, "\");")]
        #[doc = concat!("assert!(", stringify!($name), "::new_err(\"raised\").is_instance_of::<", stringify!($name), ">(py));")]
        /// # Ok(()) });
        /// ```
        pub struct $name(());

        impl $name {
            /// A new exception of this type with `msg` (lazy: no GIL needed).
            ///
            /// ```
            /// # limpet::__private::doctest(|py| {
            #[doc = concat!("use limpet::exceptions::", stringify!($name), ";")]
            #[doc = concat!("let err = ", stringify!($name), "::new_err(\"something went wrong\");")]
            #[doc = concat!("assert_eq!(err.to_string(), \"", $pyname, ": something went wrong\");")]
            /// # Ok(()) });
            /// ```
            pub fn new_err(msg: impl Into<Cow<'static, str>>) -> PyErr {
                PyErr::new::<$name>(msg)
            }
        }

        impl PyExceptionType for $name {
            // Inline: compiled where used, not 70 functions in every build of limpet.
            #[inline]
            fn type_object(py: Python<'_>) -> Bound<'_, PyAny> {
                // SAFETY: the exported data symbol holds the builtin class, set by the
                // interpreter before any extension module loads and never changed; the GIL is
                // held (`py`) and the reference taken is the one the Bound owns.
                unsafe { Bound::from_borrowed_ptr(py, ffi::$ffi) }
            }
        }

        /// `#[extends(...)]` in [`class!`](crate::class!): an exception class with Rust data.
        impl crate::class::PyClassBase for $name {
            const BASE: crate::class::ClassBase =
                crate::class::ClassBase::Builtin($pyname, $pyname);
        }
    )*};
}

builtin_exceptions! {
    PyBaseException = PyExc_BaseException, "BaseException";
    PyException = PyExc_Exception, "Exception";
    PyStopAsyncIteration = PyExc_StopAsyncIteration, "StopAsyncIteration";
    PyStopIteration = PyExc_StopIteration, "StopIteration";
    PyGeneratorExit = PyExc_GeneratorExit, "GeneratorExit";
    PyArithmeticError = PyExc_ArithmeticError, "ArithmeticError";
    PyLookupError = PyExc_LookupError, "LookupError";
    PyAssertionError = PyExc_AssertionError, "AssertionError";
    PyAttributeError = PyExc_AttributeError, "AttributeError";
    PyBufferError = PyExc_BufferError, "BufferError";
    PyEOFError = PyExc_EOFError, "EOFError";
    PyFloatingPointError = PyExc_FloatingPointError, "FloatingPointError";
    PyOSError = PyExc_OSError, "OSError";
    PyImportError = PyExc_ImportError, "ImportError";
    PyModuleNotFoundError = PyExc_ModuleNotFoundError, "ModuleNotFoundError";
    PyIndexError = PyExc_IndexError, "IndexError";
    PyKeyError = PyExc_KeyError, "KeyError";
    PyKeyboardInterrupt = PyExc_KeyboardInterrupt, "KeyboardInterrupt";
    PyMemoryError = PyExc_MemoryError, "MemoryError";
    PyNameError = PyExc_NameError, "NameError";
    PyOverflowError = PyExc_OverflowError, "OverflowError";
    PyRuntimeError = PyExc_RuntimeError, "RuntimeError";
    PyRecursionError = PyExc_RecursionError, "RecursionError";
    PyNotImplementedError = PyExc_NotImplementedError, "NotImplementedError";
    PySyntaxError = PyExc_SyntaxError, "SyntaxError";
    PyIndentationError = PyExc_IndentationError, "IndentationError";
    PyTabError = PyExc_TabError, "TabError";
    PyReferenceError = PyExc_ReferenceError, "ReferenceError";
    PySystemError = PyExc_SystemError, "SystemError";
    PySystemExit = PyExc_SystemExit, "SystemExit";
    PyTypeError = PyExc_TypeError, "TypeError";
    PyUnboundLocalError = PyExc_UnboundLocalError, "UnboundLocalError";
    PyUnicodeError = PyExc_UnicodeError, "UnicodeError";
    PyUnicodeEncodeError = PyExc_UnicodeEncodeError, "UnicodeEncodeError";
    PyUnicodeDecodeError = PyExc_UnicodeDecodeError, "UnicodeDecodeError";
    PyUnicodeTranslateError = PyExc_UnicodeTranslateError, "UnicodeTranslateError";
    PyValueError = PyExc_ValueError, "ValueError";
    PyZeroDivisionError = PyExc_ZeroDivisionError, "ZeroDivisionError";
    PyBlockingIOError = PyExc_BlockingIOError, "BlockingIOError";
    PyBrokenPipeError = PyExc_BrokenPipeError, "BrokenPipeError";
    PyChildProcessError = PyExc_ChildProcessError, "ChildProcessError";
    PyConnectionError = PyExc_ConnectionError, "ConnectionError";
    PyConnectionAbortedError = PyExc_ConnectionAbortedError, "ConnectionAbortedError";
    PyConnectionRefusedError = PyExc_ConnectionRefusedError, "ConnectionRefusedError";
    PyConnectionResetError = PyExc_ConnectionResetError, "ConnectionResetError";
    PyFileExistsError = PyExc_FileExistsError, "FileExistsError";
    PyFileNotFoundError = PyExc_FileNotFoundError, "FileNotFoundError";
    PyInterruptedError = PyExc_InterruptedError, "InterruptedError";
    PyIsADirectoryError = PyExc_IsADirectoryError, "IsADirectoryError";
    PyNotADirectoryError = PyExc_NotADirectoryError, "NotADirectoryError";
    PyPermissionError = PyExc_PermissionError, "PermissionError";
    PyProcessLookupError = PyExc_ProcessLookupError, "ProcessLookupError";
    PyTimeoutError = PyExc_TimeoutError, "TimeoutError";
    PyWarning = PyExc_Warning, "Warning";
    PyUserWarning = PyExc_UserWarning, "UserWarning";
    PyDeprecationWarning = PyExc_DeprecationWarning, "DeprecationWarning";
    PyPendingDeprecationWarning = PyExc_PendingDeprecationWarning, "PendingDeprecationWarning";
    PySyntaxWarning = PyExc_SyntaxWarning, "SyntaxWarning";
    PyRuntimeWarning = PyExc_RuntimeWarning, "RuntimeWarning";
    PyFutureWarning = PyExc_FutureWarning, "FutureWarning";
    PyImportWarning = PyExc_ImportWarning, "ImportWarning";
    PyUnicodeWarning = PyExc_UnicodeWarning, "UnicodeWarning";
    PyBytesWarning = PyExc_BytesWarning, "BytesWarning";
    PyResourceWarning = PyExc_ResourceWarning, "ResourceWarning";
}

/// The lazily created class behind a user exception type (see `create_exception!`).
#[doc(hidden)]
pub struct ExceptionCell {
    qualified_name: &'static str,
    doc: &'static str,
    base: fn(Python<'_>) -> Bound<'_, PyAny>,
    cell: OnceLock<Py>,
}

impl ExceptionCell {
    /// Describe the class: `qualified_name` is `"module.Name"`.
    pub const fn new(
        qualified_name: &'static str,
        doc: &'static str,
        base: fn(Python<'_>) -> Bound<'_, PyAny>,
    ) -> Self {
        ExceptionCell { qualified_name, doc, base, cell: OnceLock::new() }
    }

    /// The class, created on first use.
    pub fn get<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        if let Some(ty) = self.cell.get() {
            return ty.bind(py);
        }
        // Created outside the OnceLock: an initializer calling into Python could wait for
        // another thread (the GIL, or a free-threaded build's stop-the-world pause) that is
        // itself blocked on this OnceLock. Two racing threads may both create a class; the
        // first stored wins, the other is dropped before anyone saw it.
        let made = self.create(py);
        let _ = self.cell.set(made);
        self.cell.get().expect("set just above").bind(py)
    }

    fn create(&self, py: Python<'_>) -> Py {
        match self.make(py) {
            Ok(ty) => ty.unbind(),
            Err(e) => panic!("creating exception class {} failed: {e}", self.qualified_name),
        }
    }

    /// What `PyErr_NewExceptionWithDoc` does, through safe calls: the class is
    /// `type(name, (base,), {"__module__": module, "__doc__": doc})`, called on the base's
    /// metaclass (`type` for every exception class; the metaclass `type` itself would pick).
    fn make<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let (module, name) = self.qualified_name.rsplit_once('.').unwrap_or(("builtins", self.qualified_name));
        let base = (self.base)(py);
        let dict = PyDict::new(py)?;
        dict.set_item(PyString::new(py, "__module__")?.into_any(), PyString::new(py, module)?.into_any())?;
        let doc = crate::function::clean_doc(self.doc);
        if !doc.is_empty() {
            dict.set_item(PyString::new(py, "__doc__")?.into_any(), PyString::new(py, &doc)?.into_any())?;
        }
        let bases = PyTuple::new(py, vec![base.clone()])?;
        let args = [PyString::new(py, name)?.into_any(), bases.into_any(), dict.into_any()];
        base.get_type().call_args(&args)
    }
}

/// Raised when Rust code panics; a `BaseException` subclass so that `except Exception`
/// does not swallow it (as in PyO3).
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// let err = PanicException::from_panic(Box::new("boom"));
/// assert_eq!(err.to_string(), "PanicException: boom");
/// assert!(err.is_instance_of::<PyBaseException>(py));
/// assert!(!err.is_instance_of::<PyException>(py)); // `except Exception` does not catch it
/// # Ok(()) });
/// ```
pub struct PanicException(());

static PANIC_EXCEPTION: ExceptionCell = ExceptionCell::new(
    "limpet.PanicException",
    "A panic in Rust code, raised as a Python exception.",
    PyBaseException::type_object,
);

impl PyExceptionType for PanicException {
    fn type_object(py: Python<'_>) -> Bound<'_, PyAny> {
        PANIC_EXCEPTION.get(py)
    }
}

impl PanicException {
    /// Build the exception for a caught panic payload.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let payload = std::panic::catch_unwind(|| panic!("index {} out of range", 3)).unwrap_err();
    /// let err = PanicException::from_panic(payload);
    /// assert_eq!(err.message(py), "index 3 out of range");
    /// # Ok(()) });
    /// ```
    pub fn from_panic(payload: Box<dyn std::any::Any + Send>) -> PyErr {
        let msg = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            String::from("panic with a non-string payload")
        };
        drop_panic_payload(payload);
        PyErr::new::<PanicException>(msg)
    }
}

/// Drop a caught panic's payload without letting its `Drop` unwind: a payload of any type
/// (`std::panic::panic_any`) may panic when dropped, and that second panic would cross
/// into the interpreter (an abort). It is caught, and its own payload is forgotten (leaked)
/// rather than dropped, since that drop could panic again, without end.
pub(crate) fn drop_panic_payload(payload: Box<dyn std::any::Any + Send>) {
    if let Err(second) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(payload))) {
        std::mem::forget(second);
    }
}

/// Declare a Python exception class: `create_exception!(module, Name, Base, "doc")`.
///
/// `module` is the module name used in the class's `__module__`, dotted for a submodule
/// (`create_exception!(pkg.sub, Name, Base)` gives `pkg.sub.Name`); `Base` is any
/// exception marker type (`PyException`, `PyValueError`, another created one). Add it to a
/// module with `exception Name;` in [`module!`](macro@crate::module).
///
/// ```
/// limpet::create_exception!(mymod, ParseError, limpet::exceptions::PyValueError, "Bad input.");
/// fn parse(text: &str) -> limpet::PyResult<i64> {
///     text.parse().map_err(|_| ParseError::new_err(format!("not a number: {text:?}")))
/// }
/// limpet::create_exception!(mypkg.io, ReadError, limpet::exceptions::PyOSError);
/// # limpet::__private::doctest(|py| {
/// use limpet::exceptions::PyExceptionType;
/// assert_eq!(ReadError::type_object(py).getattr("__module__")?.extract::<String>()?, "mypkg.io");
/// # Ok(()) });
/// ```
#[macro_export]
macro_rules! create_exception {
    ($($module:ident).+, $name:ident, $base:ty $(, $doc:expr)? $(,)?) => {
        #[doc = concat!("The Python exception class `", $(stringify!($module), ".",)+ stringify!($name), "`.")]
        pub struct $name(());

        const _: () = {
            static CELL: $crate::__private::ExceptionCell = $crate::__private::ExceptionCell::new(
                $crate::__private::core::concat!($($crate::__private::core::stringify!($module), ".",)+ $crate::__private::core::stringify!($name)),
                $crate::__private::core::concat!("" $(, $doc)?),
                <$base as $crate::exceptions::PyExceptionType>::type_object,
            );
            impl $crate::exceptions::PyExceptionType for $name {
                fn type_object(py: $crate::Python<'_>) -> $crate::Bound<'_, $crate::PyAny> {
                    CELL.get(py)
                }
            }
        };

        impl $name {
            /// A new exception of this type with `msg`.
            pub fn new_err(msg: impl $crate::__private::core::convert::Into<::std::borrow::Cow<'static, str>>) -> $crate::PyErr {
                $crate::PyErr::new::<$name>(msg)
            }
        }
    };
}
