//! `tuple` and `list`: construction, length, items.

use super::*;

impl PyTuple {
    /// A tuple of the given items.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let t = PyTuple::new(py, vec![1.into_py(py)?, "two".into_py(py)?])?;
    /// assert_eq!(t.extract::<(i64, String)>()?, (1, "two".to_string()));
    /// # Ok(()) });
    /// ```
    pub fn new<'py>(py: Python<'py>, items: Vec<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyTuple>> {
        // SAFETY: PyTuple_New returns a new tuple of the given size or NULL; each slot of the
        // fresh tuple is then filled once (SetItem steals the item reference).
        unsafe {
            let tuple: Bound<'py, PyTuple> =
                Bound::from_owned_ptr_or_err(py, ffi::PyTuple_New(items.len() as ffi::Py_ssize_t))?.cast_unchecked();
            for (i, item) in items.into_iter().enumerate() {
                ffi::PyTuple_SetItem(tuple.as_ptr(), i as ffi::Py_ssize_t, item.into_ptr());
            }
            Ok(tuple)
        }
    }
}

impl<'py> Bound<'py, PyTuple> {
    /// Number of items.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert_eq!(PyTuple::new(py, vec![py.None(), py.None()])?.len(), 2);
    /// # Ok(()) });
    /// ```
    pub fn len(&self) -> usize {
        ffi_safe::PyTuple_Size(self) as usize
    }

    /// True when empty.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(PyTuple::new(py, vec![])?.is_empty());
    /// # Ok(()) });
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Item `i` (a new reference); IndexError when out of range.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let t = PyTuple::new(py, vec![10.into_py(py)?])?;
    /// assert_eq!(t.get_item(0)?.extract::<i64>()?, 10);
    /// assert!(t.get_item(1).unwrap_err().is_instance_of::<PyIndexError>(py));
    /// # Ok(()) });
    /// ```
    pub fn get_item(&self, i: usize) -> PyResult<Bound<'py, PyAny>> {
        ffi_safe::PyTuple_GetItem(self, index(i))
    }
}

impl PyList {
    /// An empty list.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let list = PyList::empty(py)?;
    /// assert!(list.is_empty());
    /// assert_eq!(list.repr()?.extract::<String>()?, "[]");
    /// # Ok(()) });
    /// ```
    pub fn empty(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
        ffi_safe::PyList_New_empty(py)
    }
}

impl<'py> Bound<'py, PyList> {
    /// Number of items.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let obj = vec![1, 2, 3].into_py(py)?;
    /// assert_eq!(obj.downcast::<PyList>()?.len(), 3);
    /// # Ok(()) });
    /// ```
    pub fn len(&self) -> usize {
        ffi_safe::PyList_Size(self) as usize
    }

    /// True when empty.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let list = PyList::empty(py)?;
    /// assert!(list.is_empty());
    /// list.append(py.None())?;
    /// assert!(!list.is_empty());
    /// # Ok(()) });
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Append an item.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let list = PyList::empty(py)?;
    /// list.append("a".into_py(py)?)?;
    /// list.append(1.into_py(py)?)?;
    /// assert_eq!(list.repr()?.extract::<String>()?, "['a', 1]");
    /// # Ok(()) });
    /// ```
    pub fn append(&self, item: Bound<'py, PyAny>) -> PyResult<()> {
        ffi_safe::PyList_Append(self, &item)
    }

    /// Item `i` (a new reference); IndexError when out of range.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let list = PyList::empty(py)?;
    /// list.append(7.into_py(py)?)?;
    /// assert_eq!(list.get_item(0)?.extract::<i64>()?, 7);
    /// assert!(list.get_item(5).unwrap_err().is_instance_of::<PyIndexError>(py));
    /// # Ok(()) });
    /// ```
    pub fn get_item(&self, i: usize) -> PyResult<Bound<'py, PyAny>> {
        // abi3t: a new reference, as other threads may change the list meanwhile on a
        // free-threaded build.
        #[cfg(not(feature = "abi3t"))]
        return ffi_safe::PyList_GetItem(self, index(i));
        #[cfg(feature = "abi3t")]
        return ffi_safe::PyList_GetItemRef(self, index(i));
    }
}
