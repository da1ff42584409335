//! The one word of shared mutable state inside an instance (its borrow flag), for the two
//! binaries: a plain `Cell` in the cp37-abi3 binary (the GIL serialises every access to a
//! Python object's memory), an atomic in the abi3t binary (free-threaded builds run threads
//! on the same object in parallel, PEP 703). Same API, so callers are written once.

#[cfg(not(feature = "abi3t"))]
use std::cell::Cell;
#[cfg(feature = "abi3t")]
use std::sync::atomic::{AtomicIsize, Ordering};

/// A flag word: `update` is a get/set under the GIL, a compare-exchange loop under abi3t.
#[cfg(not(feature = "abi3t"))]
pub(crate) struct FlagWord(Cell<isize>);

/// A flag word: `update` is a get/set under the GIL, a compare-exchange loop under abi3t.
#[cfg(feature = "abi3t")]
pub(crate) struct FlagWord(AtomicIsize);

#[cfg(not(feature = "abi3t"))]
impl FlagWord {
    pub(crate) const fn new(value: isize) -> Self {
        FlagWord(Cell::new(value))
    }
    /// The value.
    #[inline(always)]
    pub(crate) fn load(&self) -> isize {
        self.0.get()
    }
    /// Replace the value with `f(old)` if that is `Some`; `Err(old)` otherwise.
    #[inline(always)]
    pub(crate) fn update(&self, f: impl Fn(isize) -> Option<isize>) -> Result<isize, isize> {
        let old = self.0.get();
        let new = f(old).ok_or(old)?;
        self.0.set(new);
        Ok(old)
    }
    /// Add `delta`.
    #[inline(always)]
    pub(crate) fn add(&self, delta: isize) {
        self.0.set(self.0.get() + delta)
    }
    /// Set the value.
    #[inline(always)]
    pub(crate) fn store(&self, value: isize) {
        self.0.set(value)
    }
}

#[cfg(feature = "abi3t")]
impl FlagWord {
    pub(crate) const fn new(value: isize) -> Self {
        FlagWord(AtomicIsize::new(value))
    }
    /// The value.
    #[inline(always)]
    pub(crate) fn load(&self) -> isize {
        self.0.load(Ordering::Acquire)
    }
    /// Replace the value with `f(old)` if that is `Some` (a compare-exchange loop: a
    /// concurrent change makes it retry `f` on the fresh value); `Err(old)` otherwise.
    /// Acquire on success pairs with the Release of `add`/`store` by the thread that gave
    /// its borrow back, so the value's memory is seen as that thread left it.
    #[inline(always)]
    pub(crate) fn update(&self, f: impl Fn(isize) -> Option<isize>) -> Result<isize, isize> {
        self.0.fetch_update(Ordering::AcqRel, Ordering::Acquire, f)
    }
    /// Add `delta`.
    #[inline(always)]
    pub(crate) fn add(&self, delta: isize) {
        self.0.fetch_add(delta, Ordering::AcqRel);
    }
    /// Set the value.
    #[inline(always)]
    pub(crate) fn store(&self, value: isize) {
        self.0.store(value, Ordering::Release)
    }
}

/// What every `class!` type must be besides `Send` (a supertrait of `PyClass`): nothing more in
/// the cp37-abi3 binary, where the GIL serialises every access to an object; `Sync` in the
/// abi3t one, where free-threaded builds run methods taking `&self` on one object in several
/// threads at once (PyO3 asks the same of its classes). A class holding a `Cell`, `RefCell` or
/// `Rc` fails to compile for abi3t, at its `class!`, with rustc's "cannot be shared between
/// threads safely": use atomics, `Mutex` or `&mut self` methods (the borrow flag is atomic).
#[cfg(feature = "abi3t")]
pub trait ClassShare: Sync {}
#[cfg(feature = "abi3t")]
impl<T: Sync> ClassShare for T {}

/// What every `class!` type must be besides `Send`: nothing more in the cp37-abi3 binary (see
/// the abi3t variant of this trait).
#[cfg(not(feature = "abi3t"))]
pub trait ClassShare {}
#[cfg(not(feature = "abi3t"))]
impl<T> ClassShare for T {}
