//! `dict`: construction, items, lookup, iteration.

use super::*;

impl PyDict {
    /// An empty dict.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let d = PyDict::new(py)?;
    /// d.set_item("k".into_py(py)?, 1.into_py(py)?)?;
    /// assert_eq!(d.repr()?.extract::<String>()?, "{'k': 1}");
    /// # Ok(()) });
    /// ```
    pub fn new(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        ffi_safe::PyDict_New(py)
    }
}

impl<'py> Bound<'py, PyDict> {
    /// `self[key] = value`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let d = PyDict::new(py)?;
    /// d.set_item("a".into_py(py)?, 1.into_py(py)?)?;
    /// d.set_item("a".into_py(py)?, 2.into_py(py)?)?;
    /// assert_eq!(d.extract::<std::collections::HashMap<String, i64>>()?["a"], 2);
    /// # Ok(()) });
    /// ```
    pub fn set_item(&self, key: Bound<'py, PyAny>, value: Bound<'py, PyAny>) -> PyResult<()> {
        ffi_safe::PyDict_SetItem(self, &key, &value)
    }

    /// `self.get(key)`; errors from hashing propagate.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let d = PyDict::new(py)?;
    /// d.set_item("a".into_py(py)?, 1.into_py(py)?)?;
    /// assert_eq!(d.get_item(&"a".into_py(py)?)?.map(|v| v.extract::<i64>()).transpose()?, Some(1));
    /// assert!(d.get_item(&"b".into_py(py)?)?.is_none());
    /// // an unhashable key raises
    /// assert!(d.get_item(&PyList::empty(py)?.into_any()).unwrap_err().is_instance_of::<PyTypeError>(py));
    /// # Ok(()) });
    /// ```
    pub fn get_item(&self, key: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
        #[cfg(feature = "abi3t")]
        return {
            let py = self.py();
            let mut item = std::ptr::null_mut();
            // SAFETY: a dict and a key; 1 with a new reference in `item` (strong: other threads
            // may change the dict meanwhile), 0, or -1 with an exception.
            unsafe {
                match ffi::PyDict_GetItemRef(self.as_ptr(), key.as_ptr(), &mut item) {
                    1 => Ok(Some(Bound::from_owned_ptr(py, item))),
                    0 => Ok(None),
                    _ => Err(PyErr::fetch(py)),
                }
            }
        };
        #[cfg(not(feature = "abi3t"))]
        return ffi_safe::PyDict_GetItemWithError(self, key);
    }

    /// Number of items.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let d = PyDict::new(py)?;
    /// d.set_item(1.into_py(py)?, py.None())?;
    /// d.set_item(2.into_py(py)?, py.None())?;
    /// assert_eq!(d.len(), 2);
    /// # Ok(()) });
    /// ```
    pub fn len(&self) -> usize {
        ffi_safe::PyDict_Size(self) as usize
    }

    /// True when empty.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(PyDict::new(py)?.is_empty());
    /// # Ok(()) });
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The items, as new references, in insertion order.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let d = PyDict::new(py)?;
    /// d.set_item("x".into_py(py)?, 1.into_py(py)?)?;
    /// d.set_item("y".into_py(py)?, 2.into_py(py)?)?;
    /// let mut sum = 0;
    /// for (key, value) in d.items() {
    ///     assert!(key.downcast::<PyString>().is_ok());
    ///     sum += value.extract::<i64>()?;
    /// }
    /// assert_eq!(sum, 3);
    /// # Ok(()) });
    /// ```
    pub fn items(&self) -> Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let py = self.py();
        // abi3t: another thread may change the dict during a PyDict_Next walk on a
        // free-threaded build; `PyDict_Items` copies the pairs in one locked step.
        #[cfg(feature = "abi3t")]
        {
            // Our own list of 2-tuples: each read below succeeds (MemoryError: the walk).
            if let Ok(pairs) = ffi_safe::PyDict_Items(self) {
                let pair = |i| pairs.get_item(i).and_then(|p| p.downcast_into::<PyTuple>());
                let kv = |t: Bound<'py, PyTuple>| Some((t.get_item(0).ok()?, t.get_item(1).ok()?));
                return (0..pairs.len()).filter_map(|i| pair(i).ok().and_then(kv)).collect();
            }
        }
        let mut out = Vec::with_capacity(self.len());
        let mut pos: ffi::Py_ssize_t = 0;
        let (mut k, mut v) = (std::ptr::null_mut(), std::ptr::null_mut());
        // SAFETY: a dict; PyDict_Next yields non-null borrowed references that we incref at
        // once, and nothing runs Python code between calls (no mutation during the walk).
        unsafe {
            while ffi::PyDict_Next(self.as_ptr(), &mut pos, &mut k, &mut v) != 0 {
                out.push((Bound::from_borrowed_ptr(py, k), Bound::from_borrowed_ptr(py, v)));
            }
        }
        out
    }
}
