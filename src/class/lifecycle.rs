//! The end of an instance's life: `tp_dealloc`, `tp_finalize` (`__del__`), the GC slots'
//! walk along the `#[extends]` chain, and how panics and errors there are reported.
//!
//! - **Dealloc** saves the exception pending when it starts and restores it at the end (it
//!   may run anywhere, e.g. while an `except` block's exception is set); a `Drop` that panics
//!   or leaves an error set is reported once as unraisable *naming the class* (the dying
//!   object itself is never handed out: its refcount is 0 and anything that increfs it would
//!   free it a second time).
//! - **Trashcan**: CPython's `Py_TRASHCAN_BEGIN/END` are not in the Limited API, so freeing a
//!   linked list of 10^6 instances would nest 10^6 deallocs on the C stack. Past
//!   [`TRASH_LIMIT`] nested limpet deallocs (per thread; the GIL is held), the dying object
//!   (GC-untracked, refcount 0, unreachable: no weak reference returns an object whose
//!   refcount is 0) is put on a thread-local list instead, and the outermost dealloc frees
//!   the list iteratively. A deferred object holds a reference to its type until it is freed
//!   (on 3.7, `subtype_dealloc` releases the Python subclass's reference when we return).
//! - **`__del__`** is `tp_finalize` (PEP 442): called by the GC for cyclic trash, and by our
//!   dealloc with the object temporarily resurrected (refcount 1, tracked), exactly once per
//!   object (the finalized objects are remembered until they are freed); if `__del__` stored
//!   a new reference the object lives on, otherwise the final `Py_DecRef` frees it.
//! - **GC slots**: `tp_traverse`/`tp_clear` visit/clear what limpet owns (type, `__dict__`)
//!   then every limpet class of the `#[extends]` chain that has `__traverse__`/`__clear__`.
//!   A panicking `__traverse__` or `__clear__` is reported once per object; that object's
//!   own slots are not called again (its references are then invisible to the GC, which
//!   keeps it alive: safe, never a premature free). A traverse may not run Python code, so
//!   its report is queued with `Py_AddPendingCall`.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::ffi::{c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use abi3_sys as ffi;

use super::{clear_dict, field, ClassDef, ClassItem, NativeBase, PyClass, TypeState};
use crate::err::PyErr;
use crate::exceptions::PanicException;
use crate::gil::Python;
use crate::object::{Bound, Py, PyAny};
use crate::runtime::runtime;

/// Nested limpet deallocs on one thread before the next one is deferred (CPython's trashcan
/// uses 50 too).
const TRASH_LIMIT: usize = 50;

thread_local! {
    static TRASH_DEPTH: Cell<usize> = const { Cell::new(0) };
    /// Deferred `(object, a reference to its type, its class)`.
    static TRASH: RefCell<Vec<(usize, Py, &'static ClassDef)>> = const { RefCell::new(Vec::new()) };
}

/// How many objects wait in the `TRASH` lists of all threads: the outermost dealloc looks at
/// its thread's list (a thread-local access, a call in a shared library) only when some are.
static DEFERRED: AtomicUsize = AtomicUsize::new(0);
/// Objects whose `tp_finalize` already ran (resurrected ones included) and are not freed yet.
static FINALIZED: Mutex<BTreeSet<usize>> = Mutex::new(BTreeSet::new());
/// Objects whose `__traverse__` or `__clear__` panicked, not freed yet.
static POISONED: Mutex<BTreeSet<usize>> = Mutex::new(BTreeSet::new());
/// `POISONED.len()`, read without the lock on every GC call and dealloc.
static POISONED_COUNT: AtomicUsize = AtomicUsize::new(0);
/// The user's `__del__` of each class defining one: `(type, method descriptor)`. The type's
/// own `__del__` attribute is the slot wrapper of our `tp_finalize`, which calls this.
static DEL_METHODS: Mutex<Vec<(usize, Py)>> = Mutex::new(Vec::new());
/// Panics of `__traverse__` waiting for the pending call that reports them.
static TRAVERSE_REPORTS: Mutex<Vec<(&'static ClassDef, String)>> = Mutex::new(Vec::new());

fn set_has(set: &Mutex<BTreeSet<usize>>, obj: *mut ffi::PyObject) -> bool {
    set.lock().unwrap_or_else(|e| e.into_inner()).contains(&(obj as usize))
}

fn set_insert(set: &Mutex<BTreeSet<usize>>, obj: *mut ffi::PyObject) -> bool {
    set.lock().unwrap_or_else(|e| e.into_inner()).insert(obj as usize)
}

fn set_remove(set: &Mutex<BTreeSet<usize>>, obj: *mut ffi::PyObject) -> bool {
    set.lock().unwrap_or_else(|e| e.into_inner()).remove(&(obj as usize))
}

pub(super) fn is_poisoned(obj: *mut ffi::PyObject) -> bool {
    POISONED_COUNT.load(Ordering::Relaxed) != 0 && set_has(&POISONED, obj)
}

/// Remember that `obj`'s own GC slots panicked (`skip`: they are not called again; else it is
/// only reported); true the first time.
fn poison(obj: *mut ffi::PyObject, skip: bool) -> bool {
    // Objects are aligned: the address with its low bit set means "reported, still called".
    let key = if skip { obj } else { (obj as usize | 1) as *mut ffi::PyObject };
    let first = set_insert(&POISONED, key);
    if first {
        POISONED_COUNT.fetch_add(1, Ordering::Relaxed);
    }
    first && !(skip && set_has(&POISONED, (obj as usize | 1) as *mut ffi::PyObject))
}

fn unpoison(obj: *mut ffi::PyObject) {
    if POISONED_COUNT.load(Ordering::Relaxed) != 0 {
        for key in [obj as usize, obj as usize | 1] {
            if set_remove(&POISONED, key as *mut ffi::PyObject) {
                POISONED_COUNT.fetch_sub(1, Ordering::Relaxed);
            }
        }
    }
}

/// The message of a panic payload.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        String::from("panic with a non-string payload")
    }
}

pub(crate) use crate::exceptions::drop_panic_payload as drop_payload;

/// Report a caught panic as an unraisable `PanicException` in `context`.
fn report_panic(context: &Bound<'_, PyAny>, payload: Box<dyn Any + Send>) {
    let msg = panic_message(&*payload);
    drop_payload(payload);
    if catch_unwind(AssertUnwindSafe(|| PyErr::new::<PanicException>(msg).restore(context.py()))).is_ok() {
        report_error(context);
    }
}

/// Report (then clear) an exception left set by user code, in `context`.
pub(super) fn report_error(context: &Bound<'_, PyAny>) {
    // SAFETY: GIL held (the token), context a live object.
    unsafe {
        if !ffi::PyErr_Occurred().is_null() {
            ffi::PyErr_WriteUnraisable(context.as_ptr());
        }
    }
}

/// The exception pending when a slot started, put back when it ends. Taken as a `PyErr`
/// (normalized, as CPython 3.12+ always keeps it, and as its own `subtype_dealloc` takes it
/// there with `PyErr_GetRaisedException`).
struct SavedError(Option<PyErr>);

impl SavedError {
    fn fetch(py: Python<'_>) -> SavedError {
        SavedError(PyErr::take(py))
    }

    /// Put it back: any exception set meanwhile was reported already and is replaced (or
    /// cleared, when none was pending).
    fn restore(self, py: Python<'_>) {
        match self.0 {
            Some(err) => err.restore(py),
            None => drop(PyErr::take(py)),
        }
    }
}

/// What allocating and freeing an instance of one of limpet's own types needs, looked up
/// once per type (not per object: `PyType_GetSlot` is a call and a switch, and the class's
/// `TypeState` sits behind a `OnceLock`).
#[derive(Clone, Copy)]
pub(super) struct TypeSlots {
    ty: usize,
    def: usize,
    /// `tp_alloc`.
    pub(super) alloc: ffi::allocfunc,
    /// `tp_free` (NULL: nothing frees the memory).
    pub(super) free: Option<ffi::freefunc>,
    /// Offset of the class's `ClassCell`.
    pub(super) cell_offset: usize,
    /// The class extends nothing (no limpet or other base with a part of its own): its value
    /// alone initialises an instance, which `alloc` allocates.
    pub(super) alone: bool,
    /// Also no `__del__`, `__dict__`, weak references or GC ([`plain`]): freeing an instance
    /// whose value needs no drop is `free` and the type's reference.
    pub(super) plain: bool,
}

impl TypeSlots {
    /// The type these are the slots of.
    pub(super) fn ty(&self) -> *mut ffi::PyObject {
        self.ty as *mut ffi::PyObject
    }
}

/// The cache of [`TypeSlots`], by the type's address. Only the types limpet creates for its
/// classes go in, and those live as long as the process (their `TypeState` holds them): an
/// entry never goes stale. An entry is set once and never replaced; a type whose entry is
/// taken by another one looks its slots up each time.
static TYPE_SLOTS: [OnceLock<TypeSlots>; 64] = [const { OnceLock::new() }; 64];

#[inline(always)]
fn entry_of(ty: *mut ffi::PyObject) -> &'static OnceLock<TypeSlots> {
    &TYPE_SLOTS[(ty as usize >> 4) % TYPE_SLOTS.len()]
}

/// The cached [`TypeSlots`] of `ty` if it is the class `def`'s own type (not a subclass) and
/// its entry is filled: a hash, a load and two compares, no `OnceLock` of the class.
#[inline(always)]
pub(super) fn cached_slots(ty: *mut ffi::PyObject, def: &'static ClassDef) -> Option<&'static TypeSlots> {
    let e = entry_of(ty).get()?;
    (e.ty == ty as usize && e.def == def as *const ClassDef as usize).then_some(e)
}

/// The [`TypeSlots`] of the type of a limpet class (see [`TYPE_SLOTS`]).
#[inline]
pub(super) fn own_type_slots(def: &'static ClassDef, state: &TypeState) -> TypeSlots {
    match cached_slots(state.ty.as_ptr(), def) {
        Some(e) => *e,
        None => own_type_slots_slow(def, state),
    }
}

#[cold]
#[inline(never)]
fn own_type_slots_slow(def: &'static ClassDef, state: &TypeState) -> TypeSlots {
    let ty = state.ty.as_ptr();
    // SAFETY: ty is the heap type of a limpet class, alive for the process (`TypeState`):
    // PyType_GetSlot works on heap types on every version and returns the slot's function
    // (of the slot's C signature) or NULL; tp_alloc is always set (inherited from object
    // at least), tp_free may be NULL (then nothing frees the memory, as before).
    let (alloc, free) = unsafe {
        let (alloc, free) = (
            ffi::PyType_GetSlot(ty as *mut ffi::PyTypeObject, ffi::Py_tp_alloc),
            ffi::PyType_GetSlot(ty as *mut ffi::PyTypeObject, ffi::Py_tp_free),
        );
        (
            std::mem::transmute::<*mut c_void, ffi::allocfunc>(alloc),
            (!free.is_null()).then(|| std::mem::transmute::<*mut c_void, ffi::freefunc>(free)),
        )
    };
    let slots = TypeSlots {
        ty: ty as usize,
        def: def as *const ClassDef as usize,
        alloc,
        free,
        cell_offset: state.cell_offset,
        alone: def.base.is_none() && state.native.is_none(),
        plain: plain(def, state),
    };
    let _ = entry_of(ty).set(slots);
    slots
}

/// The limpet classes of `def`'s chain: itself, then the classes it extends.
pub(super) fn chain(def: &'static ClassDef) -> impl Iterator<Item = &'static ClassDef> {
    std::iter::successors(Some(def), |d| d.base_def())
}

/// An instance being deallocated: refcount 0, unreachable (GC-untracked), GIL held; `ty`
/// its type, alive until the instance's reference to it is released (the last step of the
/// dealloc), `def` its class. Made only by [`dealloc`] from the object CPython hands it, and
/// again from the deferred list (whose entries are such instances, each with a reference to
/// its type): that is the contract every function taking a `Dying` relies on.
#[derive(Clone, Copy)]
struct Dying<'a, 'py> {
    obj: *mut ffi::PyObject,
    ty: &'a Bound<'py, PyAny>,
    def: &'static ClassDef,
}

#[doc(hidden)]
/// `tp_dealloc` of class `T`.
///
/// # Safety
/// Called by CPython with an instance of `T`'s class (or of a Python subclass) whose
/// refcount fell to zero, GIL held.
pub unsafe extern "C" fn dealloc<T: PyClass>(obj: *mut ffi::PyObject) {
    let def = T::class_def();
    // SAFETY: obj is the dying instance (contract), its type a live heap type. The fast path
    // is for the class's own heap type (its cached slots): its tp_free frees an instance of
    // it; the instance's reference to the type is released last (GIL held, contract). Else
    // the general dealloc gets it as a `Dying` (GIL held; the type alive until the instance
    // releases it, at the end), untracked first, the first thing a GC type's dealloc does.
    unsafe {
        let ty = ffi::Py_TYPE(obj) as *mut ffi::PyObject;
        if !std::mem::needs_drop::<T>() {
            if let Some(TypeSlots { plain: true, free, .. }) = cached_slots(ty, def) {
                // Nothing of ours runs: no Rust value to drop (so no nested dealloc, no panic,
                // no error to report or exception to save), no `__del__`, `__dict__`, weak
                // references, GC or base to release. Freed as C frees it, then the type's
                // reference (ours to release on every version: the class's own type).
                if let Some(free) = free {
                    free(obj as *mut c_void);
                }
                crate::object::decref(ty);
                return;
            }
        }
        if def.state().gc {
            ffi::PyObject_GC_UnTrack(obj as *mut c_void);
        }
        dealloc_general(Dying { obj, ty: Bound::ref_from_slot(&ty), def })
    }
}

/// `tp_dealloc` of an instance with more to do than free its memory: out of line, one copy
/// for every class (the fast path above stays a leaf).
#[inline(never)]
fn dealloc_general(d: Dying<'_, '_>) {
    // One thread-local access (a call in a shared library) to read and raise the depth.
    let depth = TRASH_DEPTH
        .try_with(|t| {
            let depth = t.get();
            if depth < TRASH_LIMIT {
                t.set(depth + 1);
            }
            depth
        })
        .unwrap_or(0);
    if depth >= TRASH_LIMIT {
        // The object is untracked with refcount 0: nothing reaches it until the outermost
        // dealloc frees it. The entry's reference keeps the type alive until then (3.7's
        // subtype_dealloc drops the subclass's own when we return).
        if TRASH.try_with(|t| t.borrow_mut().push((d.obj as usize, d.ty.clone().unbind(), d.def))).is_ok() {
            DEFERRED.fetch_add(1, Ordering::Relaxed);
            return;
        }
        // Not deferred after all (the thread's list is gone): counted like any other.
        let _ = TRASH_DEPTH.try_with(|t| t.set(depth + 1));
    }
    dealloc_now(d);
    if depth == 0 && DEFERRED.load(Ordering::Relaxed) != 0 {
        // The outermost dealloc: free what was deferred, iteratively (each may defer more).
        let py = d.ty.py();
        while let Some((obj, ty, def)) = TRASH.try_with(|t| t.borrow_mut().pop()).ok().flatten() {
            DEFERRED.fetch_sub(1, Ordering::Relaxed);
            // A deferred dying instance of `def`'s class; then the type reference taken when
            // it was deferred is released.
            let ty = ty.into_bound(py);
            dealloc_now(Dying { obj: obj as *mut ffi::PyObject, ty: &ty, def });
        }
    }
    let _ = TRASH_DEPTH.try_with(|t| t.set(depth));
}

/// Whether an instance of the class's own type holds nothing but its value: no `__del__`,
/// `__dict__`, weak-reference list, GC, or base class (limpet or not) with a part of its own.
#[inline(always)]
fn plain(def: &ClassDef, state: &TypeState) -> bool {
    def.base.is_none()
        && state.native.is_none()
        && !state.gc
        && !state.finalize
        && state.weaklist_offset == 0
        && state.dict_offset == 0
}

/// The dealloc itself (GC-untracked already).
fn dealloc_now(d: Dying<'_, '_>) {
    let Dying { obj, ty: tyb, def } = d;
    let state = def.state();
    if let Some(native) = state.native {
        if !runtime().version.at_least(3, 8) && set_remove(&NATIVE_DEALLOCATED, obj) {
            // 3.7: the base's dealloc deferred the object (trashcan) and calls us again: our
            // part is gone already (the type reference too), only the base's remains.
            native_dealloc(d, native);
            return;
        }
    }
    let py = tyb.py();
    // SAFETY: a `Dying` instance (see there). The type outlives the body: the instance's
    // reference to it is released last.
    unsafe {
        let ty = ffi::Py_TYPE(obj);
        let ty_obj = ty as *mut ffi::PyObject;
        // Nothing to save in the common case (every error raised below is reported and
        // cleared where it happens).
        let saved = if ffi::PyErr_Occurred().is_null() { None } else { Some(SavedError::fetch(py)) };
        // The type's own dealloc (not a Python subclass's subtype_dealloc, which ran the
        // finalizer before calling us): the class's own type always is.
        let exact = ty_obj == state.ty.as_ptr();
        let own = exact || ffi::PyType_GetSlot(ty, ffi::Py_tp_dealloc) == def.dealloc as *mut c_void;
        if own && state.finalize && !set_has(&FINALIZED, obj) {
            // PEP 442 from a dealloc: resurrect (tracked, refcount 1), finalize, release.
            // Unless __del__ kept a reference, the last Py_DecRef frees it (this dealloc runs
            // again and finds it finalized).
            if state.gc {
                ffi::PyObject_GC_Track(obj as *mut c_void);
            }
            ffi::Py_IncRef(obj);
            finalize(obj);
            if let Some(saved) = saved {
                saved.restore(py);
            }
            ffi::Py_DecRef(obj);
            return;
        }
        if state.finalize {
            set_remove(&FINALIZED, obj);
        }
        unpoison(obj);
        if state.weaklist_offset != 0 && !(*field::<*mut ffi::PyObject>(obj, state.weaklist_offset)).is_null() {
            ffi::PyObject_ClearWeakRefs(obj);
            report_error(tyb);
        }
        if state.dict_offset != 0 {
            clear_dict(obj, Some(state));
            report_error(tyb);
        }
        // This class's value, then those of the limpet classes it extends.
        for d in chain(def) {
            let cell = field::<u8>(obj, d.state().cell_offset);
            match crate::trampoline::catch(|| (d.drop_cell)(cell)) {
                Ok(()) => report_error(tyb),
                Err(payload) => {
                    ffi::PyErr_Clear();
                    report_panic(tyb, payload);
                }
            }
        }
        match state.native {
            None => {
                let free = if exact {
                    own_type_slots(def, state).free
                } else {
                    let free = ffi::PyType_GetSlot(ty, ffi::Py_tp_free);
                    (!free.is_null()).then(|| std::mem::transmute::<*mut c_void, ffi::freefunc>(free))
                };
                if let Some(free) = free {
                    free(obj as *mut c_void);
                }
            }
            // A base that is not a limpet class releases its part and frees the memory.
            Some(native) => native_dealloc(d, native),
        }
        if let Some(saved) = saved {
            saved.restore(py);
        }
        // The instance held a reference to its heap type. From 3.8 the type's dealloc drops
        // it (a heap base's dealloc does, so then not us); on 3.7 `subtype_dealloc` (a Python
        // subclass's dealloc) drops it itself, so we only do when we are the type's own dealloc.
        let decref = match runtime().version.at_least(3, 8) {
            true => !state.native.is_some_and(|n| n.heap),
            false => own,
        };
        if decref {
            crate::object::decref(ty_obj);
        }
    }
}

/// Objects of a class with a non-limpet base whose base dealloc was called on 3.7 (whose
/// `Py_TRASHCAN_SAFE_BEGIN` may defer the object and call our dealloc again later).
static NATIVE_DEALLOCATED: Mutex<BTreeSet<usize>> = Mutex::new(BTreeSet::new());

/// 3.7: a new instance at `obj`'s address is not the one a deferred dealloc remembers.
pub(super) fn native_allocated(obj: *mut ffi::PyObject) {
    if !runtime().version.at_least(3, 8) {
        set_remove(&NATIVE_DEALLOCATED, obj);
    }
}

/// Hand a dying instance whose Rust values are dropped (every one, or `d` is the 3.7
/// trashcan's second call) to its non-limpet base's dealloc, `native` the base at the root of
/// its class's chain.
fn native_dealloc(d: Dying<'_, '_>, native: &NativeBase) {
    if !runtime().version.at_least(3, 8) {
        set_insert(&NATIVE_DEALLOCATED, d.obj);
    }
    // SAFETY: a `Dying` instance, handed over as CPython's subtype_dealloc calls a base's
    // dealloc: re-tracked first when the base is GC (its dealloc untracks, and expects a
    // tracked object).
    unsafe {
        if native.gc {
            ffi::PyObject_GC_Track(d.obj as *mut c_void);
        }
        (native.dealloc)(d.obj);
    }
}

/// `tp_finalize` of a class with `__del__`: calls `type(obj).__del__(obj)` once per object
/// (PEP 442), reporting its exception as unraisable; the pending exception is kept.
///
/// # Safety
/// Called by CPython (or our dealloc) with a live instance, GIL held.
pub(super) unsafe extern "C" fn finalize(obj: *mut ffi::PyObject) {
    if !set_insert(&FINALIZED, obj) {
        return;
    }
    // SAFETY: GIL held, obj alive (contract); the type is alive while obj is.
    unsafe {
        let py = Python::assume_gil_acquired();
        let saved = SavedError::fetch(py);
        let ty = ffi::Py_TYPE(obj) as *mut ffi::PyObject;
        let this = Bound::ref_from_slot(&obj);
        let tyb: &Bound<'_, PyAny> = Bound::ref_from_slot(&ty);
        let outcome = crate::trampoline::catch(|| match del_method(tyb) {
            Ok(del) => del.call1((this.clone(),)).map(drop).map_err(|e| (Some(del), e)),
            Err(e) => Err((None, e)),
        });
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err((del, err))) => {
                err.restore(py);
                report_error(del.as_ref().unwrap_or(tyb));
            }
            Err(payload) => report_panic(tyb, payload),
        }
        saved.restore(py);
    }
}

/// The `__del__` of the nearest class of `ty`'s MRO that defines one in Rust.
fn del_method<'py>(ty: &Bound<'py, PyAny>) -> crate::err::PyResult<Bound<'py, PyAny>> {
    for base in ty.getattr("__mro__")?.iter()? {
        let base = base?;
        let found = DEL_METHODS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|(t, _)| *t == base.as_ptr() as usize)
            .map(|(_, del)| del.bind(ty.py()).clone());
        if let Some(del) = found {
            return Ok(del);
        }
    }
    Err(crate::exceptions::PyRuntimeError::new_err("no __del__ found"))
}

/// Remember the `__del__` of a class that defines one (at its creation).
pub(super) fn register_del(ty: &Bound<'_, PyAny>, def: &'static ClassDef) -> crate::err::PyResult<()> {
    let Some(f) = def.items.iter().find_map(|i| match i {
        ClassItem::Method(f) if f.name == "__del__" => Some(f),
        _ => None,
    }) else {
        return Ok(());
    };
    let ml: &'static mut ffi::PyMethodDef = Box::leak(Box::new(f.build()));
    // SAFETY: ty is a type object, ml a 'static method definition (kept by the descriptor);
    // returns a new reference or NULL with an exception set.
    let del = unsafe {
        Bound::from_owned_ptr_or_err(ty.py(), ffi::PyDescr_NewMethod(ty.as_ptr() as *mut ffi::PyTypeObject, ml))
    }?;
    DEL_METHODS.lock().unwrap_or_else(|e| e.into_inner()).push((ty.as_ptr() as usize, del.unbind()));
    Ok(())
}

/// A `__traverse__` panicked: remember the object, report once (later: Python code may not
/// run during a traversal). One that visited nothing is skipped from now on; one that did
/// visit keeps being called, so that every pass of a collection sees the same references
/// (a reference counted off in one pass and not seen in the next would look unreachable).
pub(super) fn traverse_panicked(
    obj: *mut ffi::PyObject,
    def: &'static ClassDef,
    payload: Box<dyn Any + Send>,
    visited: bool,
) {
    let msg = panic_message(&*payload);
    drop_payload(payload);
    if !poison(obj, !visited) {
        return;
    }
    let mut queue = TRAVERSE_REPORTS.lock().unwrap_or_else(|e| e.into_inner());
    queue.push((def, msg));
    if queue.len() == 1 {
        // SAFETY: a plain function pointer; the call only queues it (GIL held).
        unsafe { ffi::Py_AddPendingCall(Some(report_traverse_panics), std::ptr::null_mut()) };
    }
}

unsafe extern "C" fn report_traverse_panics(_: *mut c_void) -> c_int {
    let reports = std::mem::take(&mut *TRAVERSE_REPORTS.lock().unwrap_or_else(|e| e.into_inner()));
    // SAFETY: pending calls run with the GIL held, between bytecodes.
    let py = unsafe { Python::assume_gil_acquired() };
    let saved = SavedError::fetch(py);
    for (def, msg) in reports {
        report_panic(&def.state().ty.bind(py), Box::new(msg));
    }
    saved.restore(py);
    0
}

/// A `__clear__` panicked (the object is alive during `tp_clear`): report it once.
pub(super) fn clear_panicked(obj: &Bound<'_, PyAny>, payload: Box<dyn Any + Send>) {
    if poison(obj.as_ptr(), true) {
        report_panic(obj, payload);
    } else {
        drop_payload(payload);
    }
}
