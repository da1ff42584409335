//! `Include/weakrefobject.h`: weak references.
//! Provenance: CPython 3.7 `Include/weakrefobject.h` under `Py_LIMITED_API=0x03070000`, checked
//! against `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/weakref.html>.
//!
//! skipped PyWeakref_Check*: macros over the abi_only `_PyWeakref_*Type` data; use
//! `PyObject_IsInstance` with `weakref.ref` when needed.

use crate::object::{opaque_struct, PyObject};

opaque_struct!(
    /// `PyWeakReference`: opaque.
    PyWeakReference,
);

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub fn PyWeakref_NewRef(ob: *mut PyObject, callback: *mut PyObject) -> *mut PyObject;
    pub fn PyWeakref_NewProxy(ob: *mut PyObject, callback: *mut PyObject) -> *mut PyObject;
    /// abi_only since 3.13 (still exported; deprecated in favour of `PyWeakref_GetRef`).
    /// Borrowed reference, `None` when the referent is dead.
    pub fn PyWeakref_GetObject(reference: *mut PyObject) -> *mut PyObject;
    /// Call from `tp_dealloc` of types with a weak-reference list.
    pub fn PyObject_ClearWeakRefs(o: *mut PyObject);
}
