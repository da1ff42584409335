//! `#[dict]`: the instance `__dict__` (created on first access, cleared by `tp_clear`).

use std::sync::atomic::{AtomicPtr, Ordering};

use super::*;

pub(super) unsafe extern "C" fn dict_get(obj: *mut ffi::PyObject, closure: *mut c_void) -> *mut ffi::PyObject {
    guard(|py| {
        // SAFETY: closure carries the dict offset of this class; the slot is a PyObject* field
        // of the instance, valid while it lives, and `AtomicPtr` has the layout of a pointer.
        // It is only written by this getter (a compare-exchange from NULL: on a free-threaded
        // build two threads may create the dict at once, and exactly one wins; the loser's is
        // released), by CPython's own lazy creation (also from NULL) and by `clear_dict`
        // (tp_clear / dealloc, when no other thread uses the object). The new dict is made
        // before the slot is written (making it may run the GC, which reads the slot); the
        // reference returned is a new one.
        unsafe {
            let slot = &*(field::<*mut ffi::PyObject>(obj, closure as usize) as *const AtomicPtr<ffi::PyObject>);
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
