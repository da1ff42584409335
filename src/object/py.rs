//! [`Py`]: an owned reference without a GIL lifetime.

use super::*;

/// An owned reference not tied to a GIL lifetime: storable in structs and statics, `Send`.
/// Dropping it takes the GIL (through `PyGILState_Ensure`) to release the reference; once the
/// interpreter is shutting down, a thread without the GIL leaks it instead (the GIL cannot be
/// taken any more).
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// use std::sync::Mutex;
/// static LAST: Mutex<Option<Py<PyAny>>> = Mutex::new(None);
/// *LAST.lock().unwrap() = Some("remembered".into_py(py)?.unbind());
/// let text: String = LAST.lock().unwrap().as_ref().unwrap().bind(py).extract()?;
/// assert_eq!(text, "remembered");
/// *LAST.lock().unwrap() = None; // dropping releases the reference
/// # Ok(()) });
/// ```
#[repr(transparent)]
pub struct Py<T = PyAny> {
    pub(super) ptr: NonNull<ffi::PyObject>,
    pub(super) _marker: PhantomData<*const T>,
}

// SAFETY: a Py only touches the object while holding the GIL (bind requires a token, Drop
// acquires the GIL), so it may move between threads.
unsafe impl<T> Send for Py<T> {}
// SAFETY: shared access gives only the pointer value; using it needs the GIL.
unsafe impl<T> Sync for Py<T> {}

impl<T> Py<T> {
    /// Bind to the GIL token.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let stored: Py<PyAny> = vec![1, 2].into_py(py)?.unbind();
    /// assert_eq!(stored.bind(py).len()?, 2);
    /// # Ok(()) });
    /// ```
    pub fn bind<'py>(&self, py: Python<'py>) -> Bound<'py, T> {
        let _ = py;
        // Our own reference viewed as a `Bound` for `'py` (the GIL is held: `py`) and never
        // dropped; its clone takes the new reference (`Bound::clone`, the audited incref) that
        // the returned Bound owns. The object has the type T we have.
        let ours = std::mem::ManuallyDrop::new(Bound::<'py, T> { ptr: self.ptr, _marker: PhantomData });
        Bound::clone(&ours)
    }

    /// Consume and bind.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let stored: Py<PyAny> = "x".into_py(py)?.unbind();
    /// let bound: Bound<'_, PyAny> = stored.into_bound(py); // no reference count change
    /// assert_eq!(bound.extract::<String>()?, "x");
    /// # Ok(()) });
    /// ```
    pub fn into_bound(self, py: Python<'_>) -> Bound<'_, T> {
        // Our owned reference moves into the Bound, tied to the GIL token `py`.
        let _ = py;
        let ptr = self.ptr;
        std::mem::forget(self);
        Bound { ptr, _marker: PhantomData }
    }

    /// The raw pointer (borrowed).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let stored = 1.into_py(py)?.unbind();
    /// assert_eq!(stored.as_ptr(), stored.bind(py).as_ptr());
    /// # Ok(()) });
    /// ```
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.ptr.as_ptr()
    }

    /// Another reference to the same object.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let a: Py<PyAny> = PyList::empty(py)?.into_any().unbind();
    /// let b = a.clone_ref(py);
    /// assert!(a.bind(py).is(&b.bind(py)));
    /// # Ok(()) });
    /// ```
    pub fn clone_ref(&self, py: Python<'_>) -> Py<T> {
        self.bind(py).unbind()
    }
}

impl<T> Drop for Py<T> {
    fn drop(&mut self) {
        let ptr = self.ptr;
        // Our owned reference is released by Bound's Drop (Py_DecRef) with the GIL taken.
        // `None`: the interpreter is finalizing (or was finalized) and this thread does not
        // hold the GIL, which it must not take any more: the object is leaked.
        let _ = crate::gil::try_with_gil(|_py| drop(Bound::<'_, PyAny> { ptr, _marker: PhantomData }));
    }
}

impl<T> fmt::Debug for Py<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Py({:p})", self.ptr)
    }
}
