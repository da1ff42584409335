//! The GIL token.
//!
//! A [`Python<'py>`] value proves that the current thread holds the GIL for `'py`. Handles
//! bound to it ([`crate::Bound`]) cannot outlive it or leave the thread.

use std::marker::PhantomData;

use abi3_sys as ffi;

use crate::object::{Bound, PyAny};

/// Proof that the GIL is held for `'py`. `Copy`, zero-sized, not `Send`.
#[derive(Clone, Copy)]
pub struct Python<'py>(PhantomData<(&'py (), *mut ())>);

impl<'py> Python<'py> {
    /// Assume the GIL is held.
    ///
    /// # Safety
    /// The current thread must hold the GIL for all of `'py`.
    #[inline]
    pub unsafe fn assume_gil_acquired() -> Python<'py> {
        Python(PhantomData)
    }

    /// Run `f` with the GIL held, acquiring it (with `PyGILState_Ensure`) if this thread does
    /// not hold it. Works from threads Python did not create.
    ///
    /// ```no_run
    /// use limpet::prelude::*;
    /// // e.g. from a Rust thread started by an extension function
    /// let n: i64 = Python::with_gil(|py| py.import("math")?.getattr("factorial")?.call1((5,))?.extract())?;
    /// assert_eq!(n, 120);
    /// # Ok::<(), PyErr>(())
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
        // SAFETY: PyGILState_Ensure is callable from any thread once the interpreter is
        // initialised; the guard releases it even if `f` panics.
        let _guard = Release(unsafe { ffi::PyGILState_Ensure() });
        // SAFETY: the GIL is held until `_guard` drops, after `f` returns.
        f(unsafe { Python::assume_gil_acquired() })
    }

    /// `None`.
    #[allow(non_snake_case)]
    pub fn None(self) -> Bound<'py, PyAny> {
        // SAFETY: Py_None returns the borrowed None singleton; the GIL is held.
        unsafe { Bound::from_borrowed_ptr(self, ffi::Py_None()) }
    }

    /// `NotImplemented`.
    #[allow(non_snake_case)]
    pub fn NotImplemented(self) -> Bound<'py, PyAny> {
        // SAFETY: borrowed singleton, GIL held.
        unsafe { Bound::from_borrowed_ptr(self, ffi::Py_NotImplemented()) }
    }

    /// Import a module by its dotted name.
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
    /// # fn main() {}
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
    ///     /// Spin until Ctrl-C.
    ///     pub fn spin(py: Python<'_>) -> PyResult<()> {
    ///         loop {
    ///             py.check_signals()?; // Err(KeyboardInterrupt) after Ctrl-C
    ///         }
    ///     }
    /// }
    /// # fn main() {}
    /// ```
    pub fn check_signals(self) -> crate::PyResult<()> {
        // SAFETY: the GIL is held; -1 with an exception set when a handler raised.
        crate::PyErr::check(self, unsafe { ffi::PyErr_CheckSignals() })
    }

    /// The running interpreter's version.
    pub fn version(self) -> crate::runtime::Version {
        crate::runtime::runtime().version
    }
}
