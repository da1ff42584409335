//! `Include/object.h` (with the function-call refcounting of `Include/refcount.h`): the object
//! header, type objects created from specs, type flags and the generic object protocol.
//! Provenance: CPython 3.7 `Include/object.h` under `Py_LIMITED_API=0x03070000`, checked against
//! `Misc/stable_abi.toml`; C-API docs: <https://docs.python.org/3/c-api/structures.html>,
//! <https://docs.python.org/3/c-api/type.html>, <https://docs.python.org/3/c-api/object.html>.

use std::os::raw::{c_char, c_int, c_uint, c_ulong, c_void};
use std::ptr;

use crate::pyport::{Py_hash_t, Py_ssize_t};

/// Declares opaque C structs: zero-sized, `!Send`, `!Sync`, `!Unpin`, only usable behind pointers.
macro_rules! opaque_struct {
    ($($(#[$m:meta])* $name:ident),* $(,)?) => {$(
        $(#[$m])*
        #[repr(C)]
        pub struct $name {
            _private: [u8; 0],
            _marker: ::std::marker::PhantomData<(*mut u8, ::std::marker::PhantomPinned)>,
        }
    )*};
}
pub(crate) use opaque_struct;

opaque_struct!(
    /// `PyTypeObject`: opaque in the Limited API (`struct_abi_kind = 'opaque'`).
    PyTypeObject,
    /// `PyLongObject`: opaque.
    PyLongObject,
    /// `PyFrameObject`: opaque (declared in `frameobject.h` / `pytypedefs.h`).
    PyFrameObject,
);

/// `PyObject`: only `ob_refcnt` and `ob_type` are part of the Stable ABI (`members`).
/// Never read `ob_refcnt` for logic (immortal objects, 3.14 split refcount word).
#[cfg(not(feature = "abi3t"))]
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub struct PyObject {
    pub ob_refcnt: Py_ssize_t,
    pub ob_type: *mut PyTypeObject,
}

/// `PyVarObject` (`members`: `ob_base`, `ob_size`).
#[cfg(not(feature = "abi3t"))]
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub struct PyVarObject {
    pub ob_base: PyObject,
    pub ob_size: Py_ssize_t,
}

// abi3t (PEP 803, `_Py_OPAQUE_PYOBJECT` in 3.15's `Include/object.h`): the object header is
// not part of the ABI (free-threaded builds have a larger one), so it is opaque.
#[cfg(feature = "abi3t")]
opaque_struct!(
    /// `PyObject`: opaque under abi3t (`_Py_OPAQUE_PYOBJECT`).
    PyObject,
    /// `PyVarObject`: opaque under abi3t.
    PyVarObject,
);

/// `Py_TYPE(ob)`: reads `ob_type` (valid on every GIL build; a function from 3.14 on).
#[cfg(not(feature = "abi3t"))]
#[inline]
pub unsafe fn Py_TYPE(ob: *mut PyObject) -> *mut PyTypeObject {
    (*ob).ob_type
}

/// `Py_IS_TYPE(ob, tp)` (a macro before 3.15).
#[cfg(not(feature = "abi3t"))]
#[inline]
pub unsafe fn Py_IS_TYPE(ob: *mut PyObject, tp: *mut PyTypeObject) -> c_int {
    (Py_TYPE(ob) == tp) as c_int
}

/// `Py_SIZE(ob)`: reads `ob_size` of a `PyVarObject` (a macro before 3.15).
#[cfg(not(feature = "abi3t"))]
#[inline]
pub unsafe fn Py_SIZE(ob: *mut PyObject) -> Py_ssize_t {
    (*(ob as *mut PyVarObject)).ob_size
}

// abi3t: the functions (`Py_TYPE` exported since 3.14, `Py_SIZE`/`Py_IS_TYPE` since 3.15;
// 3.15's `object.h` declares them under `_Py_OPAQUE_PYOBJECT`).
#[cfg(feature = "abi3t")]
#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    pub fn Py_TYPE(ob: *mut PyObject) -> *mut PyTypeObject;
    pub fn Py_IS_TYPE(ob: *mut PyObject, tp: *mut PyTypeObject) -> c_int;
    pub fn Py_SIZE(ob: *mut PyObject) -> Py_ssize_t;
}

// skipped Py_INCREF, Py_DECREF, Py_XINCREF, Py_XDECREF, Py_CLEAR, Py_REFCNT, Py_SET_REFCNT:
// they touch ob_refcnt inline; use the functions Py_IncRef / Py_DecRef (NULL-tolerant).
// skipped Py_RETURN_NONE, Py_RETURN_TRUE, Py_RETURN_FALSE, Py_RETURN_NOTIMPLEMENTED: control flow.
// skipped PyObject_HEAD, PyObject_VAR_HEAD, PyObject_HEAD_INIT, PyVarObject_HEAD_INIT: struct
// prefixes; write `ob_base: PyObject` instead.

/// `Py_NewRef(ob)` (a function in the Limited API from 3.10): `Py_IncRef` + return.
#[inline]
pub unsafe fn Py_NewRef(ob: *mut PyObject) -> *mut PyObject {
    Py_IncRef(ob);
    ob
}

/// `Py_XNewRef(ob)` (a function in the Limited API from 3.10): NULL-tolerant `Py_NewRef`.
#[inline]
pub unsafe fn Py_XNewRef(ob: *mut PyObject) -> *mut PyObject {
    Py_IncRef(ob);
    ob
}

// Function pointer typedefs (object.h, all 3.2).
pub type unaryfunc = unsafe extern "C" fn(*mut PyObject) -> *mut PyObject;
pub type binaryfunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;
pub type ternaryfunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
pub type inquiry = unsafe extern "C" fn(*mut PyObject) -> c_int;
pub type lenfunc = unsafe extern "C" fn(*mut PyObject) -> Py_ssize_t;
pub type ssizeargfunc = unsafe extern "C" fn(*mut PyObject, Py_ssize_t) -> *mut PyObject;
pub type ssizessizeargfunc = unsafe extern "C" fn(*mut PyObject, Py_ssize_t, Py_ssize_t) -> *mut PyObject;
pub type ssizeobjargproc = unsafe extern "C" fn(*mut PyObject, Py_ssize_t, *mut PyObject) -> c_int;
pub type ssizessizeobjargproc = unsafe extern "C" fn(*mut PyObject, Py_ssize_t, Py_ssize_t, *mut PyObject) -> c_int;
pub type objobjargproc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;
pub type objobjproc = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> c_int;
pub type visitproc = unsafe extern "C" fn(object: *mut PyObject, arg: *mut c_void) -> c_int;
pub type traverseproc = unsafe extern "C" fn(slf: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int;
pub type freefunc = unsafe extern "C" fn(*mut c_void);
pub type destructor = unsafe extern "C" fn(*mut PyObject);
pub type getattrfunc = unsafe extern "C" fn(*mut PyObject, *mut c_char) -> *mut PyObject;
pub type getattrofunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;
pub type setattrfunc = unsafe extern "C" fn(*mut PyObject, *mut c_char, *mut PyObject) -> c_int;
pub type setattrofunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;
pub type reprfunc = unsafe extern "C" fn(*mut PyObject) -> *mut PyObject;
pub type hashfunc = unsafe extern "C" fn(*mut PyObject) -> Py_hash_t;
pub type richcmpfunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, c_int) -> *mut PyObject;
pub type getiterfunc = unsafe extern "C" fn(*mut PyObject) -> *mut PyObject;
pub type iternextfunc = unsafe extern "C" fn(*mut PyObject) -> *mut PyObject;
pub type descrgetfunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
pub type descrsetfunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;
pub type initproc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;
pub type newfunc = unsafe extern "C" fn(*mut PyTypeObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
pub type allocfunc = unsafe extern "C" fn(*mut PyTypeObject, Py_ssize_t) -> *mut PyObject;

/// `PyType_Slot` (full ABI): one `{slot id, function or data pointer}` entry; ids in `typeslots`.
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub struct PyType_Slot {
    pub slot: c_int,
    pub pfunc: *mut c_void,
}

/// `PyType_Spec` (full ABI). `name` must be `'static` (kept by reference before 3.11).
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub struct PyType_Spec {
    pub name: *const c_char,
    pub basicsize: c_int,
    pub itemsize: c_int,
    pub flags: c_uint,
    pub slots: *mut PyType_Slot,
}

// Rich comparison opcodes.
pub const Py_LT: c_int = 0;
pub const Py_LE: c_int = 1;
pub const Py_EQ: c_int = 2;
pub const Py_NE: c_int = 3;
pub const Py_GT: c_int = 4;
pub const Py_GE: c_int = 5;

// Type flags (`tp_flags`, `PyType_GetFlags`). Values are ABI: they never change.
/// Bit 0; needed on 3.7 for `tp_finalize` to run, ignored from 3.8.
pub const Py_TPFLAGS_HAVE_FINALIZE: c_ulong = 1 << 0;
/// Bit 7; honoured from 3.10, ignored (kept) on 3.7-3.9.
pub const Py_TPFLAGS_DISALLOW_INSTANTIATION: c_ulong = 1 << 7;
/// Bit 8; honoured from 3.10, ignored (kept) on 3.7-3.9.
pub const Py_TPFLAGS_IMMUTABLETYPE: c_ulong = 1 << 8;
pub const Py_TPFLAGS_HEAPTYPE: c_ulong = 1 << 9;
pub const Py_TPFLAGS_BASETYPE: c_ulong = 1 << 10;
/// Bit 11; Limited API 3.12; never set it on 3.8 (crash).
pub const Py_TPFLAGS_HAVE_VECTORCALL: c_ulong = 1 << 11;
pub const Py_TPFLAGS_READY: c_ulong = 1 << 12;
pub const Py_TPFLAGS_READYING: c_ulong = 1 << 13;
pub const Py_TPFLAGS_HAVE_GC: c_ulong = 1 << 14;
pub const Py_TPFLAGS_HAVE_STACKLESS_EXTENSION: c_ulong = 0;
/// Bit 17; 3.8.
pub const Py_TPFLAGS_METHOD_DESCRIPTOR: c_ulong = 1 << 17;
/// Bit 18; part of the 3.7 `Py_TPFLAGS_DEFAULT`; without it 3.7 skips its method cache.
pub const Py_TPFLAGS_HAVE_VERSION_TAG: c_ulong = 1 << 18;
pub const Py_TPFLAGS_VALID_VERSION_TAG: c_ulong = 1 << 19;
pub const Py_TPFLAGS_IS_ABSTRACT: c_ulong = 1 << 20;
/// Bit 23; 3.12.
pub const Py_TPFLAGS_ITEMS_AT_END: c_ulong = 1 << 23;
pub const Py_TPFLAGS_LONG_SUBCLASS: c_ulong = 1 << 24;
pub const Py_TPFLAGS_LIST_SUBCLASS: c_ulong = 1 << 25;
pub const Py_TPFLAGS_TUPLE_SUBCLASS: c_ulong = 1 << 26;
pub const Py_TPFLAGS_BYTES_SUBCLASS: c_ulong = 1 << 27;
pub const Py_TPFLAGS_UNICODE_SUBCLASS: c_ulong = 1 << 28;
pub const Py_TPFLAGS_DICT_SUBCLASS: c_ulong = 1 << 29;
pub const Py_TPFLAGS_BASE_EXC_SUBCLASS: c_ulong = 1 << 30;
pub const Py_TPFLAGS_TYPE_SUBCLASS: c_ulong = 1 << 31;
/// `Py_TPFLAGS_DEFAULT` as the 3.7 headers define it (with `HAVE_VERSION_TAG`); headers from 3.10
/// on define it as 0, and the bit is ignored there.
pub const Py_TPFLAGS_DEFAULT: c_ulong = Py_TPFLAGS_HAVE_STACKLESS_EXTENSION | Py_TPFLAGS_HAVE_VERSION_TAG;

#[cfg_attr(windows, link(name = "python3", kind = "raw-dylib"))]
extern "C" {
    // refcount.h: function-call refcounting (3.2), NULL-tolerant, immortal-aware on 3.12+.
    pub fn Py_IncRef(ob: *mut PyObject);
    pub fn Py_DecRef(ob: *mut PyObject);
    /// abi_only: what `Py_DECREF` calls when a refcount drops to zero.
    pub fn _Py_Dealloc(ob: *mut PyObject);

    pub fn PyType_IsSubtype(a: *mut PyTypeObject, b: *mut PyTypeObject) -> c_int;
    pub fn PyType_GetFlags(tp: *mut PyTypeObject) -> c_ulong;
    pub fn PyType_Ready(tp: *mut PyTypeObject) -> c_int;
    pub fn PyType_GenericAlloc(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> *mut PyObject;
    pub fn PyType_GenericNew(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject;
    pub fn PyType_ClearCache() -> c_uint;
    pub fn PyType_Modified(tp: *mut PyTypeObject);
    pub fn PyType_FromSpec(spec: *mut PyType_Spec) -> *mut PyObject;
    pub fn PyType_FromSpecWithBases(spec: *mut PyType_Spec, bases: *mut PyObject) -> *mut PyObject;
    /// Heap types only before 3.10 (NULL + SystemError for static types).
    pub fn PyType_GetSlot(tp: *mut PyTypeObject, slot: c_int) -> *mut c_void;

    pub fn PyObject_Repr(o: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_Str(o: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_ASCII(o: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_Bytes(o: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_RichCompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject;
    pub fn PyObject_RichCompareBool(a: *mut PyObject, b: *mut PyObject, op: c_int) -> c_int;
    pub fn PyObject_GetAttrString(o: *mut PyObject, name: *const c_char) -> *mut PyObject;
    pub fn PyObject_SetAttrString(o: *mut PyObject, name: *const c_char, v: *mut PyObject) -> c_int;
    pub fn PyObject_HasAttrString(o: *mut PyObject, name: *const c_char) -> c_int;
    pub fn PyObject_GetAttr(o: *mut PyObject, name: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_SetAttr(o: *mut PyObject, name: *mut PyObject, v: *mut PyObject) -> c_int;
    pub fn PyObject_HasAttr(o: *mut PyObject, name: *mut PyObject) -> c_int;
    pub fn PyObject_SelfIter(o: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_GenericGetAttr(o: *mut PyObject, name: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_GenericSetAttr(o: *mut PyObject, name: *mut PyObject, v: *mut PyObject) -> c_int;
    pub fn PyObject_GenericSetDict(o: *mut PyObject, v: *mut PyObject, context: *mut c_void) -> c_int;
    pub fn PyObject_Hash(o: *mut PyObject) -> Py_hash_t;
    pub fn PyObject_HashNotImplemented(o: *mut PyObject) -> Py_hash_t;
    pub fn PyObject_IsTrue(o: *mut PyObject) -> c_int;
    pub fn PyObject_Not(o: *mut PyObject) -> c_int;
    pub fn PyCallable_Check(o: *mut PyObject) -> c_int;
    pub fn PyObject_Dir(o: *mut PyObject) -> *mut PyObject;
    pub fn Py_ReprEnter(o: *mut PyObject) -> c_int;
    pub fn Py_ReprLeave(o: *mut PyObject);

    // Data: the singletons behind the Py_None / Py_True / ... macros (abi_only) and builtin types.
    pub static mut _Py_NoneStruct: PyObject;
    pub static mut _Py_NotImplementedStruct: PyObject;
    pub static mut PyType_Type: PyTypeObject;
    pub static mut PyBaseObject_Type: PyTypeObject;
    pub static mut PySuper_Type: PyTypeObject;
}

/// `Py_None`: borrowed reference to `None`.
#[inline]
pub unsafe fn Py_None() -> *mut PyObject {
    ptr::addr_of_mut!(_Py_NoneStruct)
}

/// `Py_NotImplemented`: borrowed reference to `NotImplemented`.
#[inline]
pub unsafe fn Py_NotImplemented() -> *mut PyObject {
    ptr::addr_of_mut!(_Py_NotImplementedStruct)
}

/// `Py_Is(x, y)` (a function in the Limited API from 3.10): pointer identity.
#[inline]
pub unsafe fn Py_Is(x: *mut PyObject, y: *mut PyObject) -> c_int {
    (x == y) as c_int
}

/// `Py_IsNone(x)` (a function in the Limited API from 3.10).
#[inline]
pub unsafe fn Py_IsNone(x: *mut PyObject) -> c_int {
    Py_Is(x, Py_None())
}

/// `PyType_HasFeature(t, f)`: through `PyType_GetFlags`, as the Limited API defines it.
#[inline]
pub unsafe fn PyType_HasFeature(t: *mut PyTypeObject, f: c_ulong) -> c_int {
    ((PyType_GetFlags(t) & f) != 0) as c_int
}

/// `PyType_FastSubclass(t, f)`.
#[inline]
pub unsafe fn PyType_FastSubclass(t: *mut PyTypeObject, f: c_ulong) -> c_int {
    PyType_HasFeature(t, f)
}

/// `PyObject_TypeCheck(ob, tp)`: `Py_TYPE(ob) == tp || PyType_IsSubtype(Py_TYPE(ob), tp)`.
#[inline]
pub unsafe fn PyObject_TypeCheck(ob: *mut PyObject, tp: *mut PyTypeObject) -> c_int {
    (Py_TYPE(ob) == tp || PyType_IsSubtype(Py_TYPE(ob), tp) != 0) as c_int
}

/// `PyType_Check(op)`.
#[inline]
pub unsafe fn PyType_Check(op: *mut PyObject) -> c_int {
    PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TYPE_SUBCLASS)
}

/// `PyType_CheckExact(op)`.
#[inline]
pub unsafe fn PyType_CheckExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyType_Type))
}
