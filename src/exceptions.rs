//! Exception types: every builtin one in the 3.7 Stable ABI, and user-defined ones.
//!
//! Each builtin is a marker type named like PyO3's (`PyTypeError`, `PyValueError`, ...):
//! `PyValueError::new_err("bad")` makes a [`PyErr`] without the GIL. User types come from
//! [`create_exception!`](crate::create_exception) and are created on first use.

use std::borrow::Cow;
use std::ffi::CString;
use std::sync::OnceLock;

use abi3_sys as ffi;

use crate::err::PyErr;
use crate::gil::Python;
use crate::object::{Bound, Py, PyAny};

/// A Python exception class known to Rust.
pub trait PyExceptionType {
    /// The exception class.
    fn type_object(py: Python<'_>) -> Bound<'_, PyAny>;

    /// A new exception of this type with `msg`.
    fn new_err(msg: impl Into<Cow<'static, str>>) -> PyErr
    where
        Self: Sized,
    {
        PyErr::new::<Self>(msg)
    }
}

macro_rules! builtin_exceptions {
    ($($name:ident = $ffi:ident;)*) => {$(
        #[doc = concat!("Python's builtin exception class (`", stringify!($ffi), "`).")]
        pub struct $name(());

        impl $name {
            /// A new exception of this type with `msg` (lazy: no GIL needed).
            pub fn new_err(msg: impl Into<Cow<'static, str>>) -> PyErr {
                PyErr::new::<$name>(msg)
            }

            #[doc(hidden)]
            pub fn type_ptr() -> *mut ffi::PyObject {
                // SAFETY: reading an exported data symbol that the interpreter initialises
                // before any extension module loads and never changes.
                unsafe { ffi::$ffi }
            }
        }

        impl PyExceptionType for $name {
            fn type_object(py: Python<'_>) -> Bound<'_, PyAny> {
                // SAFETY: a valid type object (see type_ptr); we take a new reference.
                unsafe { Bound::from_borrowed_ptr(py, $name::type_ptr()) }
            }
        }
    )*};
}

builtin_exceptions! {
    PyBaseException = PyExc_BaseException;
    PyException = PyExc_Exception;
    PyStopAsyncIteration = PyExc_StopAsyncIteration;
    PyStopIteration = PyExc_StopIteration;
    PyGeneratorExit = PyExc_GeneratorExit;
    PyArithmeticError = PyExc_ArithmeticError;
    PyLookupError = PyExc_LookupError;
    PyAssertionError = PyExc_AssertionError;
    PyAttributeError = PyExc_AttributeError;
    PyBufferError = PyExc_BufferError;
    PyEOFError = PyExc_EOFError;
    PyFloatingPointError = PyExc_FloatingPointError;
    PyOSError = PyExc_OSError;
    PyImportError = PyExc_ImportError;
    PyModuleNotFoundError = PyExc_ModuleNotFoundError;
    PyIndexError = PyExc_IndexError;
    PyKeyError = PyExc_KeyError;
    PyKeyboardInterrupt = PyExc_KeyboardInterrupt;
    PyMemoryError = PyExc_MemoryError;
    PyNameError = PyExc_NameError;
    PyOverflowError = PyExc_OverflowError;
    PyRuntimeError = PyExc_RuntimeError;
    PyRecursionError = PyExc_RecursionError;
    PyNotImplementedError = PyExc_NotImplementedError;
    PySyntaxError = PyExc_SyntaxError;
    PyIndentationError = PyExc_IndentationError;
    PyTabError = PyExc_TabError;
    PyReferenceError = PyExc_ReferenceError;
    PySystemError = PyExc_SystemError;
    PySystemExit = PyExc_SystemExit;
    PyTypeError = PyExc_TypeError;
    PyUnboundLocalError = PyExc_UnboundLocalError;
    PyUnicodeError = PyExc_UnicodeError;
    PyUnicodeEncodeError = PyExc_UnicodeEncodeError;
    PyUnicodeDecodeError = PyExc_UnicodeDecodeError;
    PyUnicodeTranslateError = PyExc_UnicodeTranslateError;
    PyValueError = PyExc_ValueError;
    PyZeroDivisionError = PyExc_ZeroDivisionError;
    PyBlockingIOError = PyExc_BlockingIOError;
    PyBrokenPipeError = PyExc_BrokenPipeError;
    PyChildProcessError = PyExc_ChildProcessError;
    PyConnectionError = PyExc_ConnectionError;
    PyConnectionAbortedError = PyExc_ConnectionAbortedError;
    PyConnectionRefusedError = PyExc_ConnectionRefusedError;
    PyConnectionResetError = PyExc_ConnectionResetError;
    PyFileExistsError = PyExc_FileExistsError;
    PyFileNotFoundError = PyExc_FileNotFoundError;
    PyInterruptedError = PyExc_InterruptedError;
    PyIsADirectoryError = PyExc_IsADirectoryError;
    PyNotADirectoryError = PyExc_NotADirectoryError;
    PyPermissionError = PyExc_PermissionError;
    PyProcessLookupError = PyExc_ProcessLookupError;
    PyTimeoutError = PyExc_TimeoutError;
    PyWarning = PyExc_Warning;
    PyUserWarning = PyExc_UserWarning;
    PyDeprecationWarning = PyExc_DeprecationWarning;
    PyPendingDeprecationWarning = PyExc_PendingDeprecationWarning;
    PySyntaxWarning = PyExc_SyntaxWarning;
    PyRuntimeWarning = PyExc_RuntimeWarning;
    PyFutureWarning = PyExc_FutureWarning;
    PyImportWarning = PyExc_ImportWarning;
    PyUnicodeWarning = PyExc_UnicodeWarning;
    PyBytesWarning = PyExc_BytesWarning;
    PyResourceWarning = PyExc_ResourceWarning;
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
        self.cell.get_or_init(|| self.create(py)).bind(py)
    }

    fn create(&self, py: Python<'_>) -> Py {
        let name = CString::new(self.qualified_name).expect("exception names have no NUL");
        let doc = crate::function::clean_doc(self.doc);
        let doc = CString::new(doc).unwrap_or_default();
        let base = (self.base)(py);
        let doc_ptr = if doc.as_bytes().is_empty() { std::ptr::null() } else { doc.as_ptr() };
        // SAFETY: name and doc are NUL-terminated and copied by CPython; base is a valid
        // exception class; returns a new reference or NULL with an exception set.
        let ty = unsafe { ffi::PyErr_NewExceptionWithDoc(name.as_ptr(), doc_ptr, base.as_ptr(), std::ptr::null_mut()) };
        // SAFETY: as above.
        match unsafe { Bound::from_owned_ptr_or_err(py, ty) } {
            Ok(ty) => ty.unbind(),
            Err(e) => panic!("creating exception class {} failed: {e}", self.qualified_name),
        }
    }
}

/// Raised when Rust code panics; a `BaseException` subclass so that `except Exception`
/// does not swallow it (as in PyO3).
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
    pub fn from_panic(payload: Box<dyn std::any::Any + Send>) -> PyErr {
        let msg = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            String::from("panic with a non-string payload")
        };
        PyErr::new::<PanicException>(msg)
    }
}

/// Declare a Python exception class: `create_exception!(module, Name, Base, "doc")`.
///
/// `module` is the dotted module name used in the class's `__module__`; `Base` is any
/// exception marker type (`PyException`, `PyValueError`, another created one). Add it to a
/// module with `exception Name;` in [`module!`](macro@crate::module).
///
/// ```
/// limpet::create_exception!(mymod, ParseError, limpet::exceptions::PyValueError, "Bad input.");
/// fn parse(text: &str) -> limpet::PyResult<i64> {
///     text.parse().map_err(|_| ParseError::new_err(format!("not a number: {text:?}")))
/// }
/// ```
#[macro_export]
macro_rules! create_exception {
    ($module:ident, $name:ident, $base:ty $(, $doc:expr)? $(,)?) => {
        #[doc = concat!("The Python exception class `", stringify!($module), ".", stringify!($name), "`.")]
        pub struct $name(());

        const _: () = {
            static CELL: $crate::__private::ExceptionCell = $crate::__private::ExceptionCell::new(
                $crate::__private::core::concat!($crate::__private::core::stringify!($module), ".", $crate::__private::core::stringify!($name)),
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
            pub fn new_err(msg: impl Into<::std::borrow::Cow<'static, str>>) -> $crate::PyErr {
                $crate::PyErr::new::<$name>(msg)
            }
        }
    };
}
