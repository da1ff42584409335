//! `__buffer__`: the read-only buffer protocol (3.11+).

use super::*;

/// Implemented by `class!` when the class defines `__buffer__(&self) -> &[u8]`.
#[doc(hidden)]
pub trait BufferExport: PyClass {
    /// The bytes to export (read-only).
    fn buffer(&self) -> &[u8];
}

#[doc(hidden)]
/// `bf_getbuffer` of a class with `__buffer__`: a read-only, contiguous byte buffer. The
/// value stays borrowed (no `&mut self` method can run) until every export is released.
///
/// # Safety
/// Called by CPython (3.11+) with an instance of `T`, a view to fill and flags.
pub unsafe extern "C" fn getbuffer<T: BufferExport>(
    obj: *mut ffi::PyObject,
    view: *mut ffi::dynamic::Py_buffer,
    flags: c_int,
) -> c_int {
    let r = guard(|py| {
        // SAFETY: CPython passes the exporting object, alive for the call.
        let obj_ref = unsafe { Bound::ref_from_slot(&obj) };
        if flags & ffi::dynamic::PyBUF_WRITABLE != 0 {
            return Err(crate::exceptions::PyBufferError::new_err(format!(
                "{} exports a read-only buffer",
                T::class_def().name
            )));
        }
        let fill = runtime()
            .api
            .buffer_fill_info
            .ok_or_else(|| crate::exceptions::PySystemError::new_err("PyBuffer_FillInfo is not available"))?;
        // The shared borrow keeps the value (and so the slice) unchanged until releasebuffer
        // gives it back.
        let value = RefGuard::<T>::borrow(obj_ref)?;
        let data = value.buffer();
        // SAFETY: view is CPython's; FillInfo increfs obj into view->obj; readonly = 1.
        let rc = unsafe { fill(view, obj, data.as_ptr() as *mut c_void, data.len() as ffi::Py_ssize_t, 1, flags) };
        if rc == -1 {
            return Err(PyErr::fetch(py)); // the borrow is released with `value`
        }
        std::mem::forget(value); // kept until releasebuffer
        Ok(obj)
    });
    if r.is_null() {
        -1
    } else {
        0
    }
}

#[doc(hidden)]
/// `bf_releasebuffer`: give back the borrow `getbuffer` took.
///
/// # Safety
/// Called by CPython with an instance of `T` whose buffer was exported.
pub unsafe extern "C" fn releasebuffer<T: BufferExport>(obj: *mut ffi::PyObject, _view: *mut ffi::dynamic::Py_buffer) {
    // SAFETY: obj is an instance of T (it exported this buffer); GIL held.
    let cell = unsafe { cell_of::<T>(obj) };
    // What `getbuffer`'s (forgotten) shared guard took.
    cell.borrow.release(if T::class_def().options.frozen { Borrow::Frozen } else { Borrow::Shared });
}
