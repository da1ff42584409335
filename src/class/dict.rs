//! `#[dict]`: the instance `__dict__` (created on first access, cleared by `tp_clear`).

use std::sync::atomic::{AtomicPtr, Ordering};

use super::*;
use crate::ffi_safe::c_entry;

c_entry! {
/// The `__dict__` getter of a class with `#[dict]` (its closure is the dict's offset).
pub(super) fn dict_get(obj: &Bound; closure: *mut c_void) -> *mut ffi::PyObject {
    guard(|py| {
        // SAFETY: closure carries the dict offset of this class (`spec`), and CPython calls
        // the descriptor's getter on instances of the class only; the slot is a PyObject* field
        // of the instance, valid while it lives, and `AtomicPtr` has the layout of a pointer.
        // It is only written by this getter (a compare-exchange from NULL: on a free-threaded
        // build two threads may create the dict at once, and exactly one wins; the loser's is
        // released), by CPython's own lazy creation (also from NULL) and by `clear_dict`
        // (tp_clear / dealloc, when no other thread uses the object). The new dict is made
        // before the slot is written (making it may run the GC, which reads the slot); the
        // reference returned is a new one.
        unsafe {
            let slot = &*(field::<*mut ffi::PyObject>(obj.as_ptr(), closure as usize) as *const AtomicPtr<ffi::PyObject>);
            let mut dict = slot.load(Ordering::Acquire);
            if dict.is_null() {
                let new = crate::types::PyDict::new(py)?.into_ptr();
                dict = match slot.compare_exchange(std::ptr::null_mut(), new, Ordering::AcqRel, Ordering::Acquire) {
                    Ok(_) => new,
                    Err(winner) => {
                        crate::object::decref(new);
                        winner
                    }
                };
            }
            Ok(Bound::from_borrowed_ptr(py, dict).into_ptr())
        }
    })
}
}

/// # Safety
/// `obj` is an instance of a limpet class with the given state.
pub(super) unsafe fn clear_dict(obj: *mut ffi::PyObject, state: Option<&TypeState>) {
    if let Some(state) = state.filter(|s| s.dict_offset != 0) {
        // SAFETY: the class has a dict slot (NULL or a dict the instance owns); we take it
        // out before releasing it (releasing may run code that looks at the instance).
        unsafe {
            let dict =
                std::mem::replace(&mut *field::<*mut ffi::PyObject>(obj, state.dict_offset), std::ptr::null_mut());
            if !dict.is_null() {
                crate::object::decref(dict);
            }
        }
    }
}

/// Where the instance `__dict__` / weak-reference list of a class live on CPython 3.7/3.8.
///
/// There `PyType_FromSpec` ignores the `__dictoffset__`/`__weaklistoffset__` members, and the
/// Limited API has no other way to set a type's `tp_dictoffset`/`tp_weaklistoffset`. But a
/// type inherits both from its base when it has none of its own (`PyType_Ready` copies them,
/// as for any C type): so the class extends a small Python class made with `type()` whose
/// `__slots__` are `__dict__` and/or `__weakref__` (a layout base, one per class). The class's
/// own part starts after the base's `__basicsize__`, as for any base; the two pointer slots
/// are at the offsets the base reports. Instances are then read and freed exactly as on 3.9+
/// (limpet's own `__dict__` getter, `tp_traverse`, `tp_clear` and `tp_dealloc`, which clear
/// the dict and the weak references themselves): the base's `subtype_dealloc`/`traverse`/
/// `clear` never run for them (the class has its own, and a Python subclass's walk stops at
/// the first base whose slot is not CPython's).
///
/// What Python sees of it: the base in `__mro__`/`__bases__` (`limpet.InstanceDict`,
/// `limpet.InstanceWeakref`, `limpet.InstanceDictWeakref`) and its `__weakref__` descriptor.
pub(super) struct Layout<'py> {
    /// The layout base (a heap type made by `type()`).
    pub(super) ty: Bound<'py, PyAny>,
    /// Its `__dictoffset__` (0: none).
    pub(super) dict_offset: usize,
    /// Its `__weakrefoffset__` (0: none).
    pub(super) weaklist_offset: usize,
}

/// The layout base giving a class without a base `__dict__` and/or `__weakref__` (3.7/3.8).
pub(super) fn layout_base<'py>(py: Python<'py>, dict: bool, weakref: bool) -> PyResult<Layout<'py>> {
    let (name, slots): (&str, &[&str]) = match (dict, weakref) {
        (true, true) => ("InstanceDictWeakref", &["__dict__", "__weakref__"]),
        (true, false) => ("InstanceDict", &["__dict__"]),
        _ => ("InstanceWeakref", &["__weakref__"]),
    };
    use crate::IntoPy;
    let ns = crate::types::PyDict::new(py)?;
    let doc = "Gives instances of a limpet class a __dict__ and/or weak references on CPython 3.7 and 3.8.";
    ns.set_item("__slots__".into_py(py)?, slots.to_vec().into_py(py)?)?;
    ns.set_item("__module__".into_py(py)?, "limpet".into_py(py)?)?;
    ns.set_item("__doc__".into_py(py)?, doc.into_py(py)?)?;
    let object = super::native::builtin(py, "object")?;
    let ty = super::native::builtin(py, "type")?.call1((name, (object,), ns))?;
    // `__slots__` was read by `type()`; left in place, copyreg's protocol 0/1 pickling would
    // report a class defining `__slots__` where 3.9+ does not.
    ty.delattr("__slots__")?;
    let size = |attr: &str| -> PyResult<usize> { ty.getattr(attr)?.extract::<usize>() };
    Ok(Layout { dict_offset: size("__dictoffset__")?, weaklist_offset: size("__weakrefoffset__")?, ty })
}
