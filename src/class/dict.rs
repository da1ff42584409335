//! `#[dict]`: the instance `__dict__` (created on first access, cleared by `tp_clear`).

use super::*;

pub(super) unsafe extern "C" fn dict_get(obj: *mut ffi::PyObject, closure: *mut c_void) -> *mut ffi::PyObject {
    guard(|py| {
        // SAFETY: closure carries the dict offset of this class; the slot is a PyObject* field
        // of the instance, valid for reads/writes while it lives (GIL held).
        unsafe {
            let slot = field::<*mut ffi::PyObject>(obj, closure as usize);
            if (*slot).is_null() {
                let dict = ffi::PyDict_New();
                if dict.is_null() {
                    return Err(PyErr::fetch(py));
                }
                *slot = dict;
            }
            ffi::Py_IncRef(*slot);
            Ok(*slot)
        }
    })
}

/// # Safety
/// `obj` is an instance of a limpet class with the given state.
pub(super) unsafe fn clear_dict(obj: *mut ffi::PyObject, state: Option<&TypeState>) {
    if let Some(state) = state.filter(|s| s.dict_offset != 0) {
        // SAFETY: the class has a dict slot; we take it out before releasing it.
        unsafe {
            let slot = field::<*mut ffi::PyObject>(obj, state.dict_offset);
            let dict = std::mem::replace(&mut *slot, std::ptr::null_mut());
            ffi::Py_DecRef(dict);
        }
    }
}
