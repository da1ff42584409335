//! Struct sizes on 64-bit targets (the header check compares every field with the C compiler's).

use crate::*;
use std::mem::size_of;

#[test]
#[cfg(all(target_pointer_width = "64", not(feature = "abi3t")))]
fn struct_sizes_64bit() {
    assert_eq!(size_of::<PyObject>(), 16);
    assert_eq!(size_of::<PyVarObject>(), 24);
    assert_eq!(size_of::<PyMethodDef>(), 32);
    assert_eq!(size_of::<PyModuleDef_Base>(), 40);
    assert_eq!(size_of::<PyModuleDef>(), 104);
    // 32, not 24: `flags` (4 bytes) is followed by 4 bytes of padding before `slots`.
    assert_eq!(size_of::<PyType_Spec>(), 32);
    assert_eq!(size_of::<PyType_Slot>(), 16);
    assert_eq!(size_of::<PyMemberDef>(), 40);
    assert_eq!(size_of::<PyGetSetDef>(), 40);
    assert_eq!(size_of::<PyModuleDef_Slot>(), 16);
    assert_eq!(size_of::<Py_buffer>(), 80);
}

#[test]
fn opaque_types_are_zero_sized() {
    assert_eq!(size_of::<PyTypeObject>(), 0);
    assert_eq!(size_of::<PyThreadState>(), 0);
    assert_eq!(size_of::<PyInterpreterState>(), 0);
    assert_eq!(size_of::<PyFrameObject>(), 0);
}

#[test]
#[cfg(not(feature = "abi3t"))]
fn head_init() {
    let h = PyModuleDef_HEAD_INIT;
    assert_eq!(h.ob_base.ob_refcnt, 1);
    assert!(h.ob_base.ob_type.is_null());
    assert!(h.m_init.is_none());
    assert_eq!(h.m_index, 0);
    assert!(h.m_copy.is_null());
}

#[test]
fn method_pointer_is_one_pointer() {
    assert_eq!(size_of::<PyMethodDefPointer>(), size_of::<*mut std::ffi::c_void>());
}

/// abi3t (3.15 `Include/slots.h`, `modsupport.h`): `PySlot` is 16 bytes, `PyABIInfo` 12, and
/// the object header is opaque.
#[test]
#[cfg(all(target_pointer_width = "64", feature = "abi3t"))]
fn abi3t_sizes() {
    assert_eq!(size_of::<PySlot>(), 16);
    assert_eq!(size_of::<PyABIInfo>(), 12);
    assert_eq!(size_of::<PyObject>(), 0);
    assert_eq!(size_of::<PyModuleDef>(), 0);
}
