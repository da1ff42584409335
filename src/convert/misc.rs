//! `bool`, `f32`/`f64`, `Option<T>`, `()`, and object handles passed through untouched.

use crate::convert::{FromPyObject, IntoPy};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::gil::Python;
use crate::object::{Bound, Py, PyAny, Singleton};
use crate::types::{PyBool, PyTypeCheck};

impl<'py> FromPyObject<'py> for bool {
    const NESTS: bool = false;
    #[inline]
    fn input_hint() -> String {
        "bool".into()
    }
    /// Only `True` and `False` (not truthiness: `0`, `""` or `None` are type errors), and
    /// numpy's boolean scalars (`numpy.bool_`, `numpy.bool` in numpy 2), as PyO3 takes them.
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        if PyBool::type_check(obj) {
            Ok(obj.as_ptr() == Singleton::True.as_ptr())
        } else {
            not_bool(obj)
        }
    }
}

/// Not a `bool`: numpy's boolean scalar (a type named `bool_` or `bool` whose module is
/// `numpy`) gives the `bool` its `__bool__` returns; anything else is a `TypeError` naming its
/// type, with the module when the type is called `bool` too ("not numpy.bool", never "must be
/// bool, not bool").
#[cold]
#[inline(never)]
fn not_bool(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let ty = obj.get_type();
    let name = ty.getattr("__name__").and_then(|n| n.extract::<String>()).unwrap_or_default();
    let module = ty.getattr("__module__").and_then(|n| n.extract::<String>()).unwrap_or_default();
    if module == "numpy" && (name == "bool_" || name == "bool") {
        let truth = ty.getattr("__bool__")?.call1((obj.clone(),))?;
        if PyBool::type_check(&truth) {
            return Ok(truth.as_ptr() == Singleton::True.as_ptr());
        }
        return Err(PyTypeError::new_err(format!("__bool__ should return bool, returned {}", truth.type_name())));
    }
    if name == "bool" {
        return Err(PyErr::downcast_named("bool", format!("{module}.bool")));
    }
    Err(PyErr::downcast(obj, "bool"))
}

impl IntoPy for bool {
    #[inline]
    fn output_hint() -> String {
        "bool".into()
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(if self { Singleton::True } else { Singleton::False }.bind(py))
    }
}

impl<'py> FromPyObject<'py> for f64 {
    const NESTS: bool = false;
    #[inline]
    fn input_hint() -> String {
        "float".into()
    }
    /// Any real number, as `float(x)` would take it (`int`, `__float__`, `__index__`).
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        // -1.0 with an exception set signals failure ("must be real number, not str").
        crate::ffi_safe::PyFloat_AsDouble(obj)
    }
}

impl<'py> FromPyObject<'py> for f32 {
    const NESTS: bool = false;
    #[inline]
    fn input_hint() -> String {
        "float".into()
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        f64::extract(obj).map(|v| v as f32)
    }
}

impl IntoPy for f64 {
    #[inline]
    fn output_hint() -> String {
        "float".into()
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        crate::ffi_safe::PyFloat_FromDouble(py, self)
    }
}

impl IntoPy for f32 {
    #[inline]
    fn output_hint() -> String {
        "float".into()
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        f64::from(self).into_py(py)
    }
}

impl<'py, T: FromPyObject<'py>> FromPyObject<'py> for Option<T> {
    #[inline]
    fn input_hint() -> String {
        format!("typing.Optional[{}]", T::input_hint())
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        if obj.is_none() {
            Ok(None)
        } else {
            T::extract(obj).map(Some)
        }
    }
}

impl<T: IntoPy> IntoPy for Option<T> {
    #[inline]
    fn output_hint() -> String {
        format!("typing.Optional[{}]", T::output_hint())
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        match self {
            Some(v) => v.into_py(py),
            None => Ok(py.None()),
        }
    }
}

impl IntoPy for () {
    #[inline]
    fn output_hint() -> String {
        "None".into()
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(py.None())
    }
}

impl<'py, T: PyTypeCheck> FromPyObject<'py> for Bound<'py, T> {
    #[inline]
    fn input_hint() -> String {
        crate::types::hint_of::<T>()
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        obj.clone().downcast_into::<T>()
    }
}

impl<'py, T: PyTypeCheck> FromPyObject<'py> for Py<T> {
    #[inline]
    fn input_hint() -> String {
        crate::types::hint_of::<T>()
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        obj.clone().downcast_into::<T>().map(Bound::unbind)
    }
}

impl<T> IntoPy for Bound<'_, T> {
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(self.rebind(py))
    }
}

impl<T> IntoPy for &Bound<'_, T> {
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        self.clone().into_py(py)
    }
}

impl<T> IntoPy for Py<T> {
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(self.into_bound(py).into_any())
    }
}

impl<T> IntoPy for &Py<T> {
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(self.bind(py).into_any())
    }
}
