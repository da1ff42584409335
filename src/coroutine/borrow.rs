//! The borrows of an instance's value that the future of an `async fn` method owns
//! ([`AsyncRef`], [`AsyncMut`]).

use std::marker::PhantomData;

use super::*;

/// A borrow of an instance's Rust value that a future owns: the object (a strong reference)
/// and the borrow flag it set. Taken with the GIL when the method is called, released when
/// the future completes or is dropped.
///
/// Which threads may use it is the question of the borrow it holds, so the guards say it
/// with a marker the compiler reads: `AsyncRef<T>` is `Send`/`Sync` exactly when `&T` is
/// (`T: Sync`), `AsyncMut<T>` exactly when `&mut T` is (`T: Send`, resp. `T: Sync`). The
/// value's address is kept in an `AtomicPtr` (`Send` and `Sync` whatever `T`), which takes
/// no side: the markers decide. (The borrow flag is touched only with the GIL, in `Drop`.)
pub(super) struct Held<T: PyClass> {
    obj: Py<PyAny>,
    value: std::sync::atomic::AtomicPtr<T>,
    held: crate::class::Borrow,
}

impl<T: PyClass> Held<T> {
    fn borrow(obj: &Bound<'_, PyAny>, exclusive: bool) -> PyResult<Held<T>> {
        let (value, held) = crate::class::borrow_detached::<T>(obj, exclusive)?;
        if value.is_null() {
            return Err(PyRuntimeError::new_err("limpet: an instance without a value"));
        }
        Ok(Held { obj: obj.clone().unbind(), value: value.into(), held })
    }
}

impl<T: PyClass> Held<T> {
    /// The value, shared.
    fn value(&self) -> &T {
        // SAFETY: the value lives as long as the object, which `obj` keeps alive (tp_clear
        // takes the exclusive borrow, refused while ours is held); the borrow flag we hold (or
        // frozen-ness) rules out a mutable borrow by anyone else until `Drop` releases it.
        unsafe { &*self.value.load(std::sync::atomic::Ordering::Relaxed) }
    }
}

impl<T: PyClass> Drop for Held<T> {
    fn drop(&mut self) {
        if crate::gil::finalized() {
            return; // the interpreter is gone (embedding): so is the object
        }
        Python::with_gil(|py| {
            // SAFETY: `held` is what `borrow_detached` returned for `obj`; `Drop` runs once;
            // the GIL is held.
            unsafe { crate::class::release_detached::<T>(&self.obj.bind(py), self.held) }
        });
    }
}

/// The shared borrow held by the future of an `async fn` method taking `&self` (used by macro
/// expansions): taken when the method is called (`RuntimeError` if the object is mutably
/// borrowed), released when the future completes or is dropped.
#[doc(hidden)]
pub struct AsyncRef<T: PyClass>(Held<T>, PhantomData<&'static T>);

impl<T: PyClass> AsyncRef<T> {
    /// Borrow `obj`'s value; a `TypeError` if it is not a `T`, a `RuntimeError` if it is
    /// mutably borrowed.
    pub fn borrow(obj: &Bound<'_, PyAny>) -> PyResult<AsyncRef<T>> {
        Held::borrow(obj, false).map(|held| AsyncRef(held, PhantomData))
    }
}

impl<T: PyClass> std::ops::Deref for AsyncRef<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0.value()
    }
}

/// The exclusive borrow held by the future of an `async fn` method taking `&mut self` (used
/// by macro expansions): a `RuntimeError` if the object is borrowed at all when the method is
/// called; released when the future completes or is dropped.
#[doc(hidden)]
pub struct AsyncMut<T: PyClass>(Held<T>, PhantomData<&'static mut T>);

impl<T: PyClass> AsyncMut<T> {
    /// Borrow `obj`'s value mutably; a `RuntimeError` if it is borrowed at all (or frozen).
    pub fn borrow(obj: &Bound<'_, PyAny>) -> PyResult<AsyncMut<T>> {
        Held::borrow(obj, true).map(|held| AsyncMut(held, PhantomData))
    }
}

impl<T: PyClass> std::ops::Deref for AsyncMut<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0.value()
    }
}

impl<T: PyClass> std::ops::DerefMut for AsyncMut<T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `Held::value`; we hold the only borrow (flag -1) and `&mut self`.
        unsafe { &mut *self.0.value.load(std::sync::atomic::Ordering::Relaxed) }
    }
}
