//! Borrowing the Rust value inside an instance: [`PyRef`], [`PyRefMut`], the guards
//! generated code uses, and the detached borrows of `async fn` methods.

use super::*;

/// A borrow of an instance's Rust value for as long as a reference to the object (`'a`)
/// lives: what generated receivers and getters use (no reference counting). Shared
/// ([`RefGuard`]) or exclusive ([`MutGuard`], which alone derefs mutably).
#[doc(hidden)]
pub struct Guard<'a, T: PyClass, const EXCLUSIVE: bool> {
    cell: &'a ClassCell<T>,
    held: Borrow,
}

/// A shared [`Guard`].
#[doc(hidden)]
pub type RefGuard<'a, T> = Guard<'a, T, false>;
/// An exclusive [`Guard`].
#[doc(hidden)]
pub type MutGuard<'a, T> = Guard<'a, T, true>;

impl<'a, T: PyClass, const EXCLUSIVE: bool> Guard<'a, T, EXCLUSIVE> {
    /// Borrow `obj`'s value; a `TypeError` if it is not a `T`, a `RuntimeError` if it is
    /// borrowed exclusively (or at all, for an exclusive borrow).
    pub fn borrow(obj: &'a Bound<'_, PyAny>) -> PyResult<Self> {
        Self::acquire(cell::<T>(obj)?)
    }

    #[inline(always)]
    pub(super) fn acquire(cell: &'a ClassCell<T>) -> PyResult<Self> {
        let def = T::class_def();
        let held = if EXCLUSIVE { cell.borrow.acquire_exclusive(def)? } else { cell.borrow.acquire_shared(def)? };
        Ok(Guard { cell, held })
    }
}

impl<T: PyClass, const EXCLUSIVE: bool> std::ops::Deref for Guard<'_, T, EXCLUSIVE> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the flag (or frozen-ness) we hold rules out an exclusive borrow elsewhere.
        unsafe { &*self.cell.value.get() }
    }
}

impl<T: PyClass> std::ops::DerefMut for MutGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: we hold the exclusive borrow (flag -1): no other reference exists.
        unsafe { &mut *self.cell.value.get() }
    }
}

impl<T: PyClass, const EXCLUSIVE: bool> Drop for Guard<'_, T, EXCLUSIVE> {
    #[inline(always)]
    fn drop(&mut self) {
        self.cell.borrow.release(self.held);
    }
}

/// `cell::<T>(obj)` for as long as the `'py` reference a `PyRef`/`PyRefMut` keeps.
fn owned_cell<'py, T: PyClass>(obj: &Bound<'py, PyAny>) -> PyResult<&'py ClassCell<T>> {
    // SAFETY: the cell lives as long as the object; callers keep their own reference to it
    // (a clone of `obj`, dropped after the guard) for as long as the returned reference is
    // used, and never hand the reference out beyond a borrow of themselves.
    Ok(unsafe { &*(cell::<T>(obj)? as *const ClassCell<T>) })
}

/// A shared borrow of the Rust value in an instance, holding a reference to the object.
///
/// ```
/// use limpet::prelude::*;
/// limpet::class! {
///     pub struct Account { pub balance: i64 }
/// }
/// # fn main() {
/// # limpet::__private::doctest(|py| {
/// let obj = Account { balance: 10 }.into_py(py)?; // a new instance
/// let account: PyRef<'_, Account> = obj.extract()?;
/// assert_eq!(account.balance, 10);
/// // while a shared borrow lives, a mutable one is refused
/// assert!(PyRefMut::<Account>::borrow(&obj).is_err());
/// drop(account);
/// assert!(PyRefMut::<Account>::borrow(&obj).is_ok());
/// # Ok(()) });
/// # }
/// ```
pub struct PyRef<'py, T: PyClass> {
    // Field order matters: the guard (which releases the borrow) drops before the reference
    // to the object that keeps its cell alive.
    guard: RefGuard<'py, T>,
    obj: Bound<'py, PyAny>,
}

impl<'py, T: PyClass> PyRef<'py, T> {
    /// Borrow `obj`'s value; a `TypeError` if it is not a `T`, a `RuntimeError` if it is
    /// mutably borrowed.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::class! {
    ///     pub struct Account { pub balance: i64 }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let obj = Account { balance: 10 }.into_py(py)?;
    /// let (a, b) = (PyRef::<Account>::borrow(&obj)?, PyRef::<Account>::borrow(&obj)?);
    /// assert_eq!(a.balance + b.balance, 20); // shared borrows coexist
    /// let err = PyRef::<Account>::borrow(&1.into_py(py)?).err().unwrap();
    /// assert_eq!(err.to_string(), "TypeError: expected Account, got int");
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn borrow(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        Ok(PyRef { guard: RefGuard::acquire(owned_cell(obj)?)?, obj: obj.clone() })
    }

    /// The object.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::class! {
    ///     pub struct Account { pub balance: i64 }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let obj = Account { balance: 3 }.into_py(py)?;
    /// let account = PyRef::<Account>::borrow(&obj)?;
    /// assert!(account.as_any().is(&obj));
    /// assert_eq!(account.as_any().type_name(), "Account");
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn as_any(&self) -> &Bound<'py, PyAny> {
        &self.obj
    }
}

impl<T: PyClass> std::ops::Deref for PyRef<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.guard
    }
}

/// An exclusive borrow of the Rust value in an instance, holding a reference to the object.
///
/// ```
/// use limpet::prelude::*;
/// limpet::class! {
///     pub struct Account { pub balance: i64 }
/// }
/// # fn main() {
/// # limpet::__private::doctest(|py| {
/// let obj = Account { balance: 10 }.into_py(py)?;
/// let mut account: PyRefMut<'_, Account> = obj.extract()?;
/// account.balance -= 3;
/// drop(account);
/// assert_eq!(PyRef::<Account>::borrow(&obj)?.balance, 7);
/// # Ok(()) });
/// # }
/// ```
pub struct PyRefMut<'py, T: PyClass> {
    // Field order matters, as in PyRef.
    guard: MutGuard<'py, T>,
    _obj: Bound<'py, PyAny>,
}

impl<'py, T: PyClass> PyRefMut<'py, T> {
    /// Borrow `obj`'s value mutably; a `RuntimeError` if it is borrowed at all.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::class! {
    ///     pub struct Account { pub balance: i64 }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let obj = Account { balance: 1 }.into_py(py)?;
    /// let first = PyRefMut::<Account>::borrow(&obj)?;
    /// let err = PyRefMut::<Account>::borrow(&obj).err().unwrap();
    /// assert_eq!(err.to_string(), "RuntimeError: Already borrowed (Account)");
    /// drop(first);
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn borrow(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        Ok(PyRefMut { guard: MutGuard::acquire(owned_cell(obj)?)?, _obj: obj.clone() })
    }
}

impl<T: PyClass> std::ops::Deref for PyRefMut<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.guard
    }
}

impl<T: PyClass> std::ops::DerefMut for PyRefMut<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.guard
    }
}

impl<'a, 'py, T: PyClass> crate::FromPyArg<'a, 'py> for &'a T {
    type Holder = Option<PyRef<'py, T>>;
    fn input_hint() -> String {
        T::class_def().name.into()
    }
    fn from_arg(obj: &'a Bound<'py, PyAny>, holder: &'a mut Self::Holder) -> PyResult<Self> {
        Ok(&**holder.insert(PyRef::borrow(obj)?))
    }
}

impl<'a, 'py, T: PyClass> crate::FromPyArg<'a, 'py> for &'a mut T {
    type Holder = Option<PyRefMut<'py, T>>;
    fn input_hint() -> String {
        T::class_def().name.into()
    }
    fn from_arg(obj: &'a Bound<'py, PyAny>, holder: &'a mut Self::Holder) -> PyResult<Self> {
        Ok(&mut **holder.insert(PyRefMut::borrow(obj)?))
    }
}

impl<'py, T: PyClass> Bound<'py, T> {
    /// Borrow the Rust value.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::class! {
    ///     pub struct Account { pub balance: i64 }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let account: Py<Account> = Py::new(py, Account { balance: 5 })?;
    /// assert_eq!(account.bind(py).borrow()?.balance, 5);
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn borrow(&self) -> PyResult<PyRef<'py, T>> {
        PyRef::borrow(self.as_any())
    }

    /// Borrow the Rust value mutably.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::class! {
    ///     pub struct Account { pub balance: i64 }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let account = Py::new(py, Account { balance: 5 })?.into_bound(py);
    /// account.borrow_mut()?.balance += 1;
    /// assert_eq!(account.borrow()?.balance, 6);
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn borrow_mut(&self) -> PyResult<PyRefMut<'py, T>> {
        PyRefMut::borrow(self.as_any())
    }
}

impl<'py, T: PyClass> crate::FromPyObject<'py> for PyRef<'py, T> {
    fn input_hint() -> String {
        T::class_def().name.into()
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        PyRef::borrow(obj)
    }
}

impl<'py, T: PyClass> crate::FromPyObject<'py> for PyRefMut<'py, T> {
    fn input_hint() -> String {
        T::class_def().name.into()
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        PyRefMut::borrow(obj)
    }
}

crate::from_py_arg!({T: PyClass} PyRef<'py, T>, {T: PyClass} PyRefMut<'py, T>);

// Hooks for `async fn` methods (src/coroutine.rs): a borrow held by a future, not by a scope.

/// Borrow `obj`'s value (exclusively if `exclusive`) beyond this call: the value's address
/// and what was taken. Undo with [`release_detached`].
pub(crate) fn borrow_detached<T: PyClass>(obj: &Bound<'_, PyAny>, exclusive: bool) -> PyResult<(*mut T, Borrow)> {
    let (cell, def) = (cell::<T>(obj)?, T::class_def());
    let held = if exclusive { cell.borrow.acquire_exclusive(def)? } else { cell.borrow.acquire_shared(def)? };
    // `ManuallyDrop<T>` is `repr(transparent)`: the same address as the `T`.
    Ok((cell.value.get().cast::<T>(), held))
}

/// Release a borrow taken by [`borrow_detached`].
///
/// # Safety
/// `held` is what a successful `borrow_detached::<T>(obj, ..)` returned for this `obj`, and
/// this runs once for it (the GIL held).
pub(crate) unsafe fn release_detached<T: PyClass>(obj: &Bound<'_, PyAny>, held: Borrow) {
    if let Ok(cell) = cell::<T>(obj) {
        cell.borrow.release(held);
    }
}
