//! `__buffer__`: the read-only buffer protocol (3.11+).

use super::*;
use crate::ffi_safe::c_entry;

/// Implemented by `class!` when the class defines `__buffer__(&self) -> &[u8]`.
#[doc(hidden)]
pub trait BufferExport: PyClass {
    /// The bytes to export (read-only).
    fn buffer(&self) -> &[u8];
}

c_entry! {
#[doc(hidden)]
/// `bf_getbuffer` of a class with `__buffer__`: a read-only, contiguous byte buffer. The
/// value stays borrowed (no `&mut self` method can run) until every export is released.
/// Installed on `T`'s class (3.11+); CPython passes the exporter, a view to fill and flags.
pub fn getbuffer[T: BufferExport](obj: &Bound; view: *mut ffi::dynamic::Py_buffer, flags: c_int) -> c_int {
    let r = guard(|py| {
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
        let value = RefGuard::<T>::borrow(obj)?;
        let data = value.buffer();
        // SAFETY: view is the one CPython asks us to fill; FillInfo increfs obj into
        // view->obj; the bytes stay valid and unchanged while the borrow is held; readonly = 1.
        let rc = unsafe { fill(view, obj.as_ptr(), data.as_ptr() as *mut c_void, data.len() as ffi::Py_ssize_t, 1, flags) };
        if rc == -1 {
            return Err(PyErr::fetch(py)); // the borrow is released with `value`
        }
        std::mem::forget(value); // kept until releasebuffer
        Ok(obj.as_ptr())
    });
    if r.is_null() {
        -1
    } else {
        0
    }
}
}

c_entry! {
#[doc(hidden)]
/// `bf_releasebuffer`: give back the borrow `getbuffer` took (CPython calls it once per
/// successful `getbuffer`, with the exporter).
pub fn releasebuffer[T: BufferExport](obj: &Bound; _view: *mut ffi::dynamic::Py_buffer) {
    // What `getbuffer`'s (forgotten) shared guard took; the checked accessor cannot fail on
    // the exporter, an instance of `T`.
    if let Ok(cell) = cell::<T>(obj) {
        cell.borrow.release(if T::class_def().options.frozen { Borrow::Frozen } else { Borrow::Shared });
    }
}
}
