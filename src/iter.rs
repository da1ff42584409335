//! Ending an iteration with a value, and yielding `None`: what `__next__` may return besides
//! `Option<T>` (where `None` ends the iteration).
//!
//! - `Option<Option<T>>`: `Some(None)` yields Python `None`, `None` ends the iteration.
//! - [`IterNextOutput`]: `Yield(item)` or `Return(value)`, which ends the iteration with
//!   `StopIteration(value)` (a generator's `return value`); `Yield(())` yields `None`.
//! - `Err(PyStopIteration::with_value(py, value))` from a `PyResult<..>` does the same as
//!   `Return(value)` (PyO3 spells it `PyStopIteration::new_err(value)`).
//!
//! ```
//! use limpet::prelude::*;
//! use limpet::class::PyClass;
//! limpet::class! {
//!     /// Yields `None`, then `1`, then stops.
//!     pub struct Maybe { step: u8 }
//!     impl Maybe {
//!         #[new] fn new() -> Self { Maybe { step: 0 } }
//!         fn __iter__(slf: Py<Self>) -> Py<Self> { slf }
//!         fn __next__(&mut self) -> Option<Option<u8>> {
//!             self.step += 1;
//!             match self.step { 1 => Some(None), 2 => Some(Some(1)), _ => None }
//!         }
//!     }
//! }
//! # fn main() {
//! # limpet::__private::doctest(|py| {
//! let items = py.import("builtins")?.getattr("list")?.call1((Maybe::type_object(py)?.call0()?,))?;
//! assert_eq!(items.repr()?.to_string(), "[None, 1]");
//! # Ok(()) });
//! # }
//! ```

use crate::class::NextItem;
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyExceptionType, PyStopIteration};
use crate::gil::Python;
use crate::object::{Bound, PyAny};
use crate::IntoPy;

/// What `__next__` gives: the next item, or the end of the iteration with a value.
///
/// ```
/// use limpet::prelude::*;
/// use limpet::iter::IterNextOutput;
///
/// limpet::class! {
///     /// Counts down, yields `None` once at 1, then returns "done".
///     pub struct Countdown { n: u32 }
///     impl Countdown {
///         #[new] fn new(n: u32) -> Self { Countdown { n } }
///         fn __iter__(slf: Py<Self>) -> Py<Self> { slf }
///         fn __next__(&mut self) -> IterNextOutput<Option<u32>, &'static str> {
///             match self.n {
///                 0 => IterNextOutput::Return("done"),
///                 1 => { self.n = 0; IterNextOutput::Yield(None) }
///                 n => { self.n -= 1; IterNextOutput::Yield(Some(n)) }
///             }
///         }
///     }
/// }
/// # fn main() {}
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IterNextOutput<Y, R> {
    /// The next item (`Yield(())` or `Yield(None)` yields Python `None`).
    Yield(Y),
    /// The end: `StopIteration(value)`, so `value` is what `yield from` / `next()` callers see
    /// as `StopIteration.value`.
    Return(R),
}

impl<Y: IntoPy, R: IntoPy> NextItem for IterNextOutput<Y, R> {
    type Item = Y;
    fn into_item(self) -> PyResult<Option<Y>> {
        match self {
            IterNextOutput::Yield(y) => Ok(Some(y)),
            IterNextOutput::Return(r) => Err(Python::with_gil(|py| PyStopIteration::with_value(py, r))),
        }
    }
    fn into_next(self, py: Python<'_>) -> PyResult<Option<Bound<'_, PyAny>>> {
        match self {
            IterNextOutput::Yield(y) => y.into_py(py).map(Some),
            IterNextOutput::Return(r) => Err(PyStopIteration::with_value(py, r)),
        }
    }
}

impl<Y: IntoPy, R: IntoPy, E: Into<PyErr>> NextItem for Result<IterNextOutput<Y, R>, E> {
    type Item = Y;
    fn into_item(self) -> PyResult<Option<Y>> {
        self.map_err(Into::into)?.into_item()
    }
    fn into_next(self, py: Python<'_>) -> PyResult<Option<Bound<'_, PyAny>>> {
        self.map_err(Into::into)?.into_next(py)
    }
}

impl PyStopIteration {
    /// `StopIteration(value)` for any convertible value: raised from `__next__`, it ends the
    /// iteration and callers see `value` as `StopIteration.value` (a tuple stays one
    /// argument, as CPython's generators do).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let mut err = PyStopIteration::with_value(py, 42);
    /// assert_eq!(err.value(py).getattr("value")?.extract::<i64>()?, 42);
    /// let mut err = PyStopIteration::with_value(py, (1, 2));
    /// assert_eq!(err.value(py).getattr("value")?.extract::<(i64, i64)>()?, (1, 2));
    /// # Ok(()) });
    /// ```
    pub fn with_value<T: IntoPy>(py: Python<'_>, value: T) -> PyErr {
        let made = value.into_py(py).and_then(|v| PyStopIteration::type_object(py).call1((v,)));
        match made {
            Ok(exc) => PyErr::from_value(exc),
            Err(e) => e,
        }
    }
}

/// A value for a class attribute: `T` or a `Result` of one (used by expansions).
#[doc(hidden)]
pub trait IntoPyValue {
    /// The object, or the error.
    fn into_value(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>>;
}

impl<T: IntoPy> IntoPyValue for T {
    fn into_value(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        self.into_py(py)
    }
}

impl<T: IntoPy, E: Into<PyErr>> IntoPyValue for Result<T, E> {
    fn into_value(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        self.map_err(Into::into)?.into_py(py)
    }
}
