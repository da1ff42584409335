//! `__next__` / `__anext__` return values.

use super::*;

#[doc(hidden)]
/// Return adaptor for `__next__` (`end` = StopIteration) and `__anext__`
/// (StopAsyncIteration): `None` ends the iteration with the bare exception, as Python does.
pub fn iter_next<T: NextItem>(py: Python<'_>, value: T, asynchronous: bool) -> PyResult<*mut ffi::PyObject> {
    match value.into_next(py)? {
        Some(v) => Ok(v.into_ptr()),
        None if asynchronous => Err(PyErr::new_empty::<crate::exceptions::PyStopAsyncIteration>()),
        None => Err(PyErr::new_empty::<crate::exceptions::PyStopIteration>()),
    }
}

#[doc(hidden)]
/// `Option<T>` or `Result<Option<T>, E>`, as `__next__` returns it.
pub trait NextItem {
    /// The item type.
    type Item: crate::IntoPy;
    /// The item or the end, or the error.
    fn into_item(self) -> PyResult<Option<Self::Item>>;
    /// The item converted, or the end, or the error (see [`IterNextOutput`](crate::iter::IterNextOutput)).
    fn into_next(self, py: Python<'_>) -> PyResult<Option<Bound<'_, PyAny>>>
    where
        Self: Sized,
    {
        match self.into_item()? {
            Some(v) => crate::IntoPy::into_py(v, py).map(Some),
            None => Ok(None),
        }
    }
}

impl<T: crate::IntoPy> NextItem for Option<T> {
    type Item = T;
    fn into_item(self) -> PyResult<Option<T>> {
        Ok(self)
    }
}

impl<T: crate::IntoPy, E: Into<PyErr>> NextItem for Result<Option<T>, E> {
    type Item = T;
    fn into_item(self) -> PyResult<Option<T>> {
        self.map_err(Into::into)
    }
}
