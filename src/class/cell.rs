//! The instance layout: where the Rust value lives in an object ([`ClassCell`]) and the one
//! checked way to reach it from an object.

use super::*;
use crate::sync::FlagWord;

#[doc(hidden)]
/// The Rust value inside an instance, with its borrow flag.
#[repr(C)]
pub struct ClassCell<T> {
    pub(super) borrow: BorrowFlag,
    pub(super) value: UnsafeCell<ManuallyDrop<T>>,
}

impl<T> ClassCell<T> {
    pub(super) fn new(value: T) -> Self {
        ClassCell { borrow: BorrowFlag(FlagWord::new(0)), value: UnsafeCell::new(ManuallyDrop::new(value)) }
    }
}

/// The one borrow flag of an instance's value: 0 free, `n > 0` shared borrows, -1 borrowed
/// exclusively. Every borrow of a value (guards, `PyRef`/`PyRefMut`, exported buffers, the
/// futures of `async fn` methods) goes through `acquire_*` and gives back what it took with
/// [`release`](BorrowFlag::release). A `Cell` in the cp37-abi3 binary (only touched with the
/// GIL held), an atomic updated by compare-exchange in the abi3t one (threads run in
/// parallel on free-threaded builds): see `crate::sync::FlagWord`.
pub(crate) struct BorrowFlag(FlagWord);

/// What an `acquire_*` took, to hand back to [`BorrowFlag::release`] once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Borrow {
    /// A shared borrow of a `#[frozen]` class: the flag was not touched (nothing can borrow
    /// it mutably).
    Frozen,
    /// One shared borrow counted.
    Shared,
    /// The exclusive borrow.
    Exclusive,
}

impl BorrowFlag {
    /// Take a shared borrow (refused while borrowed exclusively). Inlined: a load of the
    /// class's `frozen` option, then the flag's compare and store; messages are built out of
    /// line.
    #[inline(always)]
    pub(super) fn acquire_shared(&self, def: &ClassDef) -> PyResult<Borrow> {
        if def.options.frozen {
            return Ok(Borrow::Frozen);
        }
        if self.0.update(|n| (n >= 0).then_some(n + 1)).is_err() {
            return Err(already_borrowed("Already mutably borrowed", def));
        }
        Ok(Borrow::Shared)
    }

    /// Take the exclusive borrow (refused while borrowed at all, and always for `#[frozen]`).
    #[inline(always)]
    pub(super) fn acquire_exclusive(&self, def: &ClassDef) -> PyResult<Borrow> {
        if def.options.frozen {
            return Err(frozen(def));
        }
        if self.0.update(|n| (n == 0).then_some(-1)).is_err() {
            return Err(already_borrowed("Already borrowed", def));
        }
        Ok(Borrow::Exclusive)
    }

    /// Give back a borrow this flag's `acquire_*` returned.
    #[inline(always)]
    pub(super) fn release(&self, held: Borrow) {
        match held {
            Borrow::Frozen => {}
            Borrow::Shared => self.0.add(-1),
            Borrow::Exclusive => self.0.store(0),
        }
    }

    /// Whether the value is borrowed exclusively right now.
    pub(super) fn is_exclusive(&self) -> bool {
        self.0.load() < 0
    }
}

#[cold]
#[inline(never)]
fn already_borrowed(what: &str, def: &ClassDef) -> PyErr {
    PyRuntimeError::new_err(format!("{what} ({})", def.name))
}

#[cold]
#[inline(never)]
fn frozen(def: &ClassDef) -> PyErr {
    PyRuntimeError::new_err(format!("{} is frozen: it cannot be borrowed mutably", def.name))
}

/// Address of the field at `offset` in `obj` (computing it is safe; reading or writing it
/// needs `obj` to be an instance whose layout has a field of type `F` at `offset`).
#[inline]
pub(super) fn field<F>(obj: *mut ffi::PyObject, offset: usize) -> *mut F {
    (obj as *mut u8).wrapping_add(offset) as *mut F
}

#[doc(hidden)]
/// Drop the `T` in a cell (stored in `ClassDef::drop_cell`).
///
/// # Safety
/// `cell` points to an initialised `ClassCell<T>` that is never used again.
pub unsafe fn drop_cell<T>(cell: *mut u8) {
    // SAFETY: per the contract.
    unsafe { ManuallyDrop::drop(&mut *(*(cell as *mut ClassCell<T>)).value.get()) }
}

#[doc(hidden)]
/// `(size, align)` of `ClassCell<T>`.
pub const fn cell_layout<T>() -> (usize, usize) {
    (std::mem::size_of::<ClassCell<T>>(), std::mem::align_of::<ClassCell<T>>())
}

#[inline]
pub(super) fn cell<'a, T: PyClass>(obj: &'a Bound<'_, PyAny>) -> PyResult<&'a ClassCell<T>> {
    let def = T::class_def();
    let Some(state) = def.state.get() else { return Err(not_instance(obj, def)) };
    if !state.has_instance(obj) {
        return Err(not_instance(obj, def));
    }
    // SAFETY: obj is an instance of T's class (checked), alive for 'a.
    Ok(unsafe { cell_of::<T>(obj.as_ptr()) })
}

/// The cell of an instance of `T`'s class, unchecked (for slots CPython calls on one).
///
/// # Safety
/// `obj` is an initialised instance of `T`'s class (or a subclass), alive for `'a`: its type
/// was created, so it holds a `ClassCell<T>` at the state's `cell_offset`.
pub(super) unsafe fn cell_of<'a, T: PyClass>(obj: *mut ffi::PyObject) -> &'a ClassCell<T> {
    // SAFETY: per the contract.
    unsafe { &*field::<ClassCell<T>>(obj, T::class_def().state().cell_offset) }
}

#[cold]
#[inline(never)]
pub(super) fn not_instance(obj: &Bound<'_, PyAny>, def: &ClassDef) -> PyErr {
    PyErr::downcast(obj, def.name)
}
