//! What every object can do: checked casts, conversion, attributes, `type`, `repr`/`str`,
//! truth and `isinstance` (the call, item and comparison methods are in `crate::call`).

use super::*;

impl<'py> Bound<'py, PyAny> {
    /// Check the type and convert to `Bound<U>`; a `TypeError` naming both types otherwise.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = vec![1].into_py(py)?;
    /// assert_eq!(obj.downcast::<PyList>()?.len(), 1);
    /// let err = obj.downcast::<PyDict>().err().unwrap();
    /// assert_eq!(err.to_string(), "TypeError: expected dict, got list");
    /// # Ok(()) });
    /// ```
    pub fn downcast<U: PyTypeCheck>(&self) -> PyResult<&Bound<'py, U>> {
        if U::type_check(self) {
            // SAFETY: same layout; the type was checked.
            Ok(unsafe { &*(self as *const Self as *const Bound<'py, U>) })
        } else {
            Err(PyErr::downcast(self, U::NAME))
        }
    }

    /// Owned form of [`Bound::downcast`].
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = (1, 2).into_py(py)?;
    /// let t: Bound<'_, PyTuple> = obj.downcast_into::<PyTuple>()?;
    /// assert_eq!(t.len(), 2);
    /// # Ok(()) });
    /// ```
    pub fn downcast_into<U: PyTypeCheck>(self) -> PyResult<Bound<'py, U>> {
        if U::type_check(&self) {
            // SAFETY: the type was checked.
            Ok(unsafe { self.cast_unchecked() })
        } else {
            Err(PyErr::downcast(&self, U::NAME))
        }
    }

    /// Convert to a Rust value.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = vec![1.5, 2.5].into_py(py)?;
    /// let v: Vec<f64> = obj.extract()?;
    /// assert_eq!(v, [1.5, 2.5]);
    /// assert!(obj.extract::<String>().unwrap_err().is_instance_of::<PyTypeError>(py));
    /// # Ok(()) });
    /// ```
    pub fn extract<T: FromPyObject<'py>>(&self) -> PyResult<T> {
        T::extract(self)
    }

    /// `type(self)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let ty = 1.into_py(py)?.get_type();
    /// assert!(ty.is(&py.import("builtins")?.getattr("int")?));
    /// # Ok(()) });
    /// ```
    pub fn get_type(&self) -> Bound<'py, PyAny> {
        ffi_safe::PyObject_Type(self).expect("limpet: type(obj) is never NULL for a live object")
    }

    /// `type(self).__name__`, for messages.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert_eq!(2.5.into_py(py)?.type_name(), "float");
    /// # Ok(()) });
    /// ```
    pub fn type_name(&self) -> String {
        self.get_type()
            .getattr("__name__")
            .and_then(|n| n.extract::<String>())
            .unwrap_or_else(|_| String::from("object"))
    }

    /// `self.name`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let math = py.import("math")?;
    /// assert_eq!(math.getattr("pi")?.extract::<f64>()?, std::f64::consts::PI);
    /// assert!(math.getattr("nope").unwrap_err().is_instance_of::<PyAttributeError>(py));
    /// # Ok(()) });
    /// ```
    pub fn getattr(&self, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let name = PyString::new(self.py(), name)?;
        ffi_safe::PyObject_GetAttr(self, &name)
    }

    /// `self.name = value`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let ns = py.import("types")?.getattr("SimpleNamespace")?.call0()?;
    /// ns.setattr("answer", 42)?;
    /// assert_eq!(ns.getattr("answer")?.extract::<i64>()?, 42);
    /// # Ok(()) });
    /// ```
    pub fn setattr(&self, name: &str, value: impl IntoPy) -> PyResult<()> {
        let py = self.py();
        let name = PyString::new(py, name)?;
        let value = value.into_py(py)?;
        self.set_attr_raw(&name, Some(&value))
    }

    /// `PyObject_SetAttr`: set `name` to `value`, or delete it when `value` is `None`.
    pub(crate) fn set_attr_raw(&self, name: &Bound<'py, PyString>, value: Option<&Bound<'py, PyAny>>) -> PyResult<()> {
        ffi_safe::PyObject_SetAttr(self, name, value)
    }

    /// `hasattr(self, name)` (errors other than AttributeError propagate).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let s = "text".into_py(py)?;
    /// assert!(s.hasattr("upper")?);
    /// assert!(!s.hasattr("nope")?);
    /// # Ok(()) });
    /// ```
    pub fn hasattr(&self, name: &str) -> PyResult<bool> {
        match self.getattr(name) {
            Ok(_) => Ok(true),
            Err(e) if e.is_instance_of::<crate::exceptions::PyAttributeError>(self.py()) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// `repr(self)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let s = "it's".into_py(py)?;
    /// assert_eq!(s.repr()?.extract::<String>()?, r#""it's""#);
    /// // `Debug` for Bound<PyAny> uses repr()
    /// assert_eq!(format!("{:?}", s), r#""it's""#);
    /// # Ok(()) });
    /// ```
    pub fn repr(&self) -> PyResult<Bound<'py, PyString>> {
        ffi_safe::PyObject_Repr(self)
    }

    /// `str(self)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert_eq!(3.into_py(py)?.str()?.extract::<String>()?, "3");
    /// // `Display` for Bound<PyAny> uses str()
    /// assert_eq!(format!("{}", 2.5.into_py(py)?), "2.5");
    /// # Ok(()) });
    /// ```
    pub fn str(&self) -> PyResult<Bound<'py, PyString>> {
        ffi_safe::PyObject_Str(self)
    }

    /// `self is other`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(py.None().is(&py.None()));
    /// assert!(!vec![1].into_py(py)?.is(&vec![1].into_py(py)?)); // equal, not identical
    /// # Ok(()) });
    /// ```
    pub fn is(&self, other: &Bound<'_, PyAny>) -> bool {
        self.as_ptr() == other.as_ptr()
    }

    /// `self is None`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(None::<i64>.into_py(py)?.is_none());
    /// assert!(!0.into_py(py)?.is_none());
    /// # Ok(()) });
    /// ```
    pub fn is_none(&self) -> bool {
        self.as_ptr() == Singleton::None.as_ptr()
    }

    /// `bool(self)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(!"".into_py(py)?.is_truthy()?);
    /// assert!(vec![0].into_py(py)?.is_truthy()?);
    /// # Ok(()) });
    /// ```
    pub fn is_truthy(&self) -> PyResult<bool> {
        ffi_safe::PyObject_IsTrue(self)
    }

    /// `isinstance(self, ty)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let exception = py.import("builtins")?.getattr("Exception")?;
    /// let err = PyValueError::new_err("bad").into_value(py);
    /// assert!(err.is_instance(&exception)?);
    /// assert!(!1.into_py(py)?.is_instance(&exception)?);
    /// # Ok(()) });
    /// ```
    pub fn is_instance(&self, ty: &Bound<'py, PyAny>) -> PyResult<bool> {
        ffi_safe::PyObject_IsInstance(self, ty)
    }
}

impl fmt::Debug for Bound<'_, PyAny> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.repr().and_then(|r| r.extract::<String>()) {
            Ok(s) => f.write_str(&s),
            Err(_) => f.write_str("<unprintable object>"),
        }
    }
}

impl fmt::Display for Bound<'_, PyAny> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.str().and_then(|r| r.extract::<String>()) {
            Ok(s) => f.write_str(&s),
            Err(_) => f.write_str("<unprintable object>"),
        }
    }
}
