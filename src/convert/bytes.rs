//! `bytes`: `&[u8]` borrows (see `FromPyArg`), `Vec<u8>` copies, both convert to `bytes`.

use abi3_sys as ffi;

use crate::convert::{collections, depth, IntoPy};
use crate::err::PyResult;
use crate::gil::Python;
use crate::object::{Bound, PyAny};
use crate::types::{PyBytes, PyString, PyTypeCheck};

/// `Vec<u8>` from `bytes` or `bytearray` (copied), or any other sequence of ints in 0..=255.
pub(crate) fn extract_byte_vec(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(bytes) = obj.downcast::<PyBytes>() {
        return depth::copy_slice(bytes.as_bytes());
    }
    let bytearray = std::ptr::addr_of_mut!(ffi::PyByteArray_Type);
    // SAFETY: valid object and type; a bytearray's buffer is valid for its size until
    // Python code runs, and we copy it before returning.
    unsafe {
        if ffi::PyObject_TypeCheck(obj.as_ptr(), bytearray) != 0 {
            let data = ffi::PyByteArray_AsString(obj.as_ptr()) as *const u8;
            let len = ffi::PyByteArray_Size(obj.as_ptr()) as usize;
            return depth::copy_slice(std::slice::from_raw_parts(data, len));
        }
    }
    if PyString::type_check(obj) {
        return Err(crate::err::PyErr::downcast(obj, "bytes"));
    }
    collections::extract_sequence_generic(obj)
}

impl IntoPy for &[u8] {
    #[inline]
    fn output_hint() -> String {
        "bytes".into()
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        PyBytes::new(py, self).map(Bound::into_any)
    }
}
