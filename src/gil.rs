//! The GIL token.
//!
//! A [`Python<'py>`] value proves that the current thread holds the GIL for `'py`. Handles
//! bound to it ([`crate::Bound`]) cannot outlive it or leave the thread.
//!
//! ```
//! # limpet::__private::doctest(|py| {
//! use limpet::prelude::*;
//! fn answer(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
//!     42.into_py(py) // making an object needs the token
//! }
//! assert_eq!(answer(py)?.extract::<i64>()?, 42);
//! # Ok(()) });
//! ```

use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, Ordering};

use abi3_sys as ffi;

use crate::object::{Bound, PyAny, Singleton};

/// Set once `limpet::embed::finalize` has shut the interpreter down: no GIL can be taken again,
/// [`Python::with_gil`] panics and dropping a [`crate::Py`] leaks its (dead) object.
static FINALIZED: AtomicBool = AtomicBool::new(false);

/// Whether an embedding program has finalized the interpreter (never true in an extension).
pub(crate) fn finalized() -> bool {
    FINALIZED.load(Ordering::Acquire)
}

/// Called by `embed::finalize` once `Py_FinalizeEx` has returned.
#[cfg(feature = "embed-api")]
pub(crate) fn mark_finalized() {
    FINALIZED.store(true, Ordering::Release);
}

/// Proof that the GIL is held for `'py`. `Copy`, zero-sized, not `Send`.
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// let s = PyString::new(py, "made with the token")?;
/// let token: Python<'_> = s.py(); // every handle gives its token back
/// assert!(token.None().is_none());
/// # Ok(()) });
/// ```
#[derive(Clone, Copy)]
pub struct Python<'py>(PhantomData<(&'py (), *mut ())>);

impl<'py> Python<'py> {
    /// Assume the GIL is held.
    ///
    /// # Safety
    /// The current thread must hold the GIL for all of `'py`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// // e.g. a C callback that CPython only calls with the GIL held
    /// extern "C" fn callback() -> bool {
    ///     // SAFETY: the caller holds the GIL for the whole call.
    ///     let py = unsafe { Python::assume_gil_acquired() };
    ///     py.None().is_none()
    /// }
    /// assert!(callback()); // the example holds the GIL here
    /// # Ok(()) });
    /// ```
    #[inline]
    pub unsafe fn assume_gil_acquired() -> Python<'py> {
        Python(PhantomData)
    }

    /// Run `f` with the GIL held, acquiring it (with `PyGILState_Ensure`) if this thread does
    /// not hold it. Works from threads Python did not create.
    ///
    /// Panics after `limpet::embed::finalize()` (the interpreter is gone) and, in a program
    /// that embeds Python, before `limpet::embed::initialize()`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// // A Rust thread takes the GIL itself ...
    /// let worker = std::thread::spawn(|| {
    ///     Python::with_gil(|py| py.import("math")?.getattr("factorial")?.call1((5,))?.extract::<i64>())
    /// });
    /// // ... while this thread, which holds it, lets go of it until the worker is done.
    /// let n = py.allow_threads(move || worker.join().unwrap())?;
    /// assert_eq!(n, 120);
    /// # Ok(()) });
    /// ```
    pub fn with_gil<R>(f: impl for<'a> FnOnce(Python<'a>) -> R) -> R {
        struct Release(ffi::PyGILState_STATE);
        impl Drop for Release {
            fn drop(&mut self) {
                // SAFETY: releases exactly the state obtained by the matching Ensure below,
                // on the same thread (this guard is neither Send nor moved across threads).
                unsafe { ffi::PyGILState_Release(self.0) }
            }
        }
        assert!(!finalized(), "limpet: Python::with_gil after limpet::embed::finalize(): the interpreter is gone");
        // SAFETY: reads the runtime's flag; callable at any time, with or without a GIL.
        let started = unsafe { ffi::Py_IsInitialized() } != 0;
        assert!(started, "limpet: Python::with_gil before the interpreter was started (limpet::embed::initialize)");
        // SAFETY: PyGILState_Ensure is callable from any thread once the interpreter is
        // initialised; the GIL is then held until `_guard` drops (after `f` returns, or when
        // `f` panics).
        let (_guard, py) = unsafe { (Release(ffi::PyGILState_Ensure()), Python::assume_gil_acquired()) };
        f(py)
    }

    /// `None`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(py.None().is_none());
    /// assert_eq!(py.None().type_name(), "NoneType");
    /// # Ok(()) });
    /// ```
    #[allow(non_snake_case)]
    pub fn None(self) -> Bound<'py, PyAny> {
        Singleton::None.bind(self)
    }

    /// `NotImplemented`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let ni = py.NotImplemented();
    /// assert_eq!(ni.repr()?.extract::<String>()?, "NotImplemented");
    /// # Ok(()) });
    /// ```
    #[allow(non_snake_case)]
    pub fn NotImplemented(self) -> Bound<'py, PyAny> {
        Singleton::NotImplemented.bind(self)
    }

    /// Import a module by its dotted name.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let json = py.import("json")?;
    /// let text: String = json.call_method1("dumps", (vec![1, 2],))?.extract()?;
    /// assert_eq!(text, "[1, 2]");
    /// assert!(py.import("os.path")?.hasattr("join")?);
    /// assert!(py.import("no_such_module").unwrap_err().is_instance_of::<PyModuleNotFoundError>(py));
    /// # Ok(()) });
    /// ```
    pub fn import(self, name: &str) -> crate::PyResult<Bound<'py, PyAny>> {
        let name = crate::types::PyString::new(self, name)?;
        // SAFETY: `name` is a valid str object; PyImport_Import returns a new reference or NULL.
        unsafe { Bound::from_owned_ptr_or_err(self, ffi::PyImport_Import(name.as_ptr())) }
    }

    /// Release the GIL while `f` runs, so other Python threads can run meanwhile. `f` must be
    /// `Send`: it cannot capture `Python`, `Bound` or anything else tied to the GIL (the
    /// compiler refuses), and it must not call into Python. The GIL is taken back when `f`
    /// returns or panics.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::function! {
    ///     /// Sum of squares below `n`, computed while other Python threads run.
    ///     pub fn squares(py: Python<'_>, n: u64) -> u64 {
    ///         py.allow_threads(|| (0..n).map(|i| i * i).sum())
    ///     }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// assert_eq!(squares(py, 4), 14);
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn allow_threads<T, F>(self, f: F) -> T
    where
        F: Send + FnOnce() -> T,
        T: Send,
    {
        struct Restore(*mut ffi::PyThreadState);
        impl Drop for Restore {
            fn drop(&mut self) {
                // SAFETY: restores the thread state saved below, on the same thread.
                unsafe { ffi::PyEval_RestoreThread(self.0) }
            }
        }
        // SAFETY: the GIL is held (self proves it); the guard restores it on every exit.
        let _restore = Restore(unsafe { ffi::PyEval_SaveThread() });
        f()
    }

    /// Run pending signal handlers; `Err(KeyboardInterrupt)` after Ctrl-C. Long Rust loops
    /// call this now and then so that Ctrl-C interrupts them.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::function! {
    ///     /// Count up to `n`; Ctrl-C stops it with KeyboardInterrupt.
    ///     pub fn count(py: Python<'_>, n: u64) -> PyResult<u64> {
    ///         let mut i = 0;
    ///         while i < n {
    ///             if i % 1_000_000 == 0 {
    ///                 py.check_signals()?; // Err(KeyboardInterrupt) after Ctrl-C
    ///             }
    ///             i += 1;
    ///         }
    ///         Ok(i)
    ///     }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// assert_eq!(count(py, 10)?, 10);
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn check_signals(self) -> crate::PyResult<()> {
        // SAFETY: the GIL is held; -1 with an exception set when a handler raised.
        crate::PyErr::check(self, unsafe { ffi::PyErr_CheckSignals() })
    }

    /// The running interpreter's version.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let v = py.version();
    /// assert!(v.at_least(3, 7));
    /// let minor: u8 = py.import("sys")?.getattr("version_info")?.getattr("minor")?.extract()?;
    /// assert_eq!(v.minor, minor);
    /// # Ok(()) });
    /// ```
    pub fn version(self) -> crate::runtime::Version {
        crate::runtime::runtime().version
    }
}
