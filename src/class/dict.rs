//! `#[dict]`: the instance `__dict__` (created on first access, cleared by `tp_clear`).

use super::*;

pub(super) unsafe extern "C" fn dict_get(obj: *mut ffi::PyObject, closure: *mut c_void) -> *mut ffi::PyObject {
    guard(|py| {
        // SAFETY: closure carries the dict offset of this class; the slot is a PyObject* field
        // of the instance, valid for reads/writes while it lives (GIL held).
        // The new dict is made before the slot is written (making it may run the GC, which
        // reads the slot), and the reference returned is a new one.
        unsafe {
            let slot = field::<*mut ffi::PyObject>(obj, closure as usize);
            if (*slot).is_null() {
                *slot = crate::types::PyDict::new(py)?.into_ptr();
            }
            Ok(Bound::from_borrowed_ptr(py, *slot).into_ptr())
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
