//! Bases that are not limpet classes: builtin types (`PyException`, `PyValueError`, `PyDict`,
//! ...) and any type object found at run time (`datetime.tzinfo`), named by `#[extends(X)]`
//! through [`PyClassBase`].
//!
//! Nothing about the base's layout is known at build time. When the class is created, the
//! base's `__basicsize__` says where the Rust cell goes (after it, aligned); a variable-size
//! base (`__itemsize__ != 0`: `int`, `tuple`, `bytes`) is refused. The base's `tp_new`,
//! `tp_traverse` and `tp_clear` are read from a throwaway heap subclass (which inherits them;
//! `PyType_GetSlot` reads heap types on every version), its `tp_dealloc` with
//! `PyType_GetSlot` on 3.10+ (and for heap bases), else from the `PyTypeObject` prefix
//! shared by the frozen releases 3.7-3.9, checked first against a heap type's slot.
//! Instances are allocated by the base's `tp_new` (which initialises its part), freed by its
//! `tp_dealloc` after the Rust values are dropped; GC slots call the base's after ours.

use super::lifecycle;
use super::*;
use crate::ffi_safe::{type_flags, TypeObject, TypeOf};

/// A type that `#[extends(X)]` may name: a limpet `#[subclass]` class, a builtin type
/// (`PyBaseException` and every builtin exception, `PyDict`), or any type object found at
/// run time, described by a [`ClassBase`].
///
/// ```
/// use limpet::prelude::*;
/// use limpet::class::{ClassBase, PyClass, PyClassBase};
/// /// `datetime.tzinfo`, imported when a class extending it is created.
/// pub struct TzInfo;
/// impl PyClassBase for TzInfo {
///     const BASE: ClassBase = ClassBase::Import("datetime", "tzinfo");
/// }
/// limpet::class! {
///     #[extends(TzInfo)]
///     pub struct Fixed { minutes: i32 }
///     impl Fixed {
///         #[new]
///         fn new(minutes: i32) -> Self { Fixed { minutes } }
///     }
/// }
/// # fn main() {
/// # limpet::__private::doctest(|py| {
/// let tz = Fixed::type_object(py)?.call1((60,))?;
/// assert!(tz.is_instance(&py.import("datetime")?.getattr("tzinfo")?)?);
/// # Ok(()) });
/// # }
/// ```
pub trait PyClassBase {
    /// Where the base comes from.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// use limpet::class::{ClassBase, PyClassBase};
    /// assert!(matches!(<PyValueError as PyClassBase>::BASE, ClassBase::Builtin("ValueError", _)));
    /// ```
    const BASE: ClassBase;
}

/// A base class for `#[extends]`, as [`PyClassBase::BASE`] describes it.
///
/// ```
/// use limpet::class::{ClassBase, PyClassBase};
/// pub struct OrderedDict;
/// impl PyClassBase for OrderedDict {
///     const BASE: ClassBase = ClassBase::Import("collections", "OrderedDict");
/// }
/// assert!(matches!(OrderedDict::BASE, ClassBase::Import("collections", _)));
/// ```
#[derive(Clone, Copy)]
pub enum ClassBase {
    #[doc(hidden)]
    /// A limpet class (its description).
    Class(fn() -> &'static ClassDef),
    /// A builtin type: its name in stubs (`"ValueError"`) and in `builtins` (`"ValueError"`).
    Builtin(&'static str, &'static str),
    /// `module.name`, imported when the class is created: `Import("datetime", "tzinfo")`.
    Import(&'static str, &'static str),
}

impl<T: PyClass> PyClassBase for T {
    const BASE: ClassBase = ClassBase::Class(T::class_def);
}

impl PyClassBase for crate::types::PyDict {
    const BASE: ClassBase = ClassBase::Builtin("typing.Dict[typing.Any, typing.Any]", "dict");
}

impl ClassBase {
    /// The limpet class, for a limpet base.
    pub(super) fn class_def(&self) -> Option<&'static ClassDef> {
        match self {
            ClassBase::Class(def) => Some(def()),
            _ => None,
        }
    }

    /// How stubs name it (`ValueError`, `datetime.tzinfo`, a limpet class's name).
    pub(crate) fn hint(&self) -> String {
        match self {
            ClassBase::Class(def) => def().name.to_string(),
            ClassBase::Builtin(name, _) => name.to_string(),
            ClassBase::Import(module, name) => format!("{module}.{name}"),
        }
    }

    /// The type object of a base that is not a limpet class.
    pub(super) fn native_type<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self {
            ClassBase::Class(_) => Ok(None),
            ClassBase::Builtin(_, name) => Ok(Some(builtin(py, name)?)),
            ClassBase::Import(module, name) => Ok(Some(py.import(module)?.getattr(name)?)),
        }
    }
}

/// What a base that is not a limpet class provides, read once when a class extending it
/// (directly or through limpet classes) is created.
pub(crate) struct NativeBase {
    /// The base type object.
    pub(super) ty: Py,
    /// Its `tp_new`: allocates (through the subtype's `tp_alloc`) and initialises its part.
    pub(super) new: ffi::newfunc,
    /// Its `tp_dealloc`: releases its part and frees the memory.
    pub(super) dealloc: ffi::destructor,
    /// Its GC slots, when it takes part in GC.
    pub(super) traverse: Option<ffi::traverseproc>,
    pub(super) clear: Option<ffi::inquiry>,
    /// Whether it takes part in GC (its dealloc then expects a tracked object).
    pub(super) gc: bool,
    /// Whether it is a heap type (from 3.8 its dealloc releases the instance's type).
    pub(super) heap: bool,
    /// Its `__dict__`/`__weakref__` offsets (0: none), which a subclass shares.
    pub(super) dict_offset: usize,
    pub(super) weaklist_offset: usize,
}

/// The first fields of `PyTypeObject` in CPython 3.7-3.9 (frozen releases), up to
/// `tp_dealloc`: read only on those versions, for a static type, after checking the layout
/// against a heap type's `PyType_GetSlot`.
#[repr(C)]
struct TypePrefix {
    ob_refcnt: ffi::Py_ssize_t,
    ob_type: *mut c_void,
    ob_size: ffi::Py_ssize_t,
    tp_name: *const std::ffi::c_char,
    tp_basicsize: ffi::Py_ssize_t,
    tp_itemsize: ffi::Py_ssize_t,
    tp_dealloc: Option<ffi::destructor>,
}

fn type_error(msg: String) -> PyErr {
    PyTypeError::new_err(msg)
}

/// The slots of a type that `PyType_GetSlot` can read (heap types on every version, any
/// type from 3.10); `None` for a static type before 3.10.
struct Slots {
    new: Option<ffi::newfunc>,
    dealloc: Option<ffi::destructor>,
    traverse: Option<ffi::traverseproc>,
    clear: Option<ffi::inquiry>,
}

fn slots_of(ty: TypeObject<'_, '_>, heap: bool) -> Option<Slots> {
    if !heap && !runtime().version.at_least(3, 10) {
        return None;
    }
    let tp = crate::ffi_safe::Arg::raw(ty);
    // SAFETY: `ty` is a type object (its type says so) that PyType_GetSlot can read (see
    // above); each slot holds NULL or a function of the C type its id documents.
    unsafe {
        let get = |id| ffi::PyType_GetSlot(tp, id);
        Some(Slots {
            new: std::mem::transmute::<*mut c_void, Option<ffi::newfunc>>(get(ffi::Py_tp_new)),
            dealloc: std::mem::transmute::<*mut c_void, Option<ffi::destructor>>(get(ffi::Py_tp_dealloc)),
            traverse: std::mem::transmute::<*mut c_void, Option<ffi::traverseproc>>(get(ffi::Py_tp_traverse)),
            clear: std::mem::transmute::<*mut c_void, Option<ffi::inquiry>>(get(ffi::Py_tp_clear)),
        })
    }
}

/// `tp_dealloc` of a static type on 3.7-3.9, read from the frozen `PyTypeObject` layout of
/// those releases after checking that layout on `probe` (a heap type, whose slot and size the
/// API can read).
fn static_dealloc(
    ty: TypeObject<'_, '_>,
    probe: TypeObject<'_, '_>,
    probe_slots: &Slots,
) -> PyResult<Option<ffi::destructor>> {
    let probe_basicsize = probe.as_bound().getattr("__basicsize__")?.extract::<isize>()?;
    let addr = |d: Option<ffi::destructor>| d.map_or(0, |d| d as usize);
    // SAFETY: both are live type objects; on 3.7-3.9 their first fields are those of
    // `TypePrefix` (PyVarObject, tp_name, tp_basicsize, tp_itemsize, tp_dealloc), read only
    // from a type object (bigger than the prefix) and trusted only when the probe's fields
    // read this way match what the API says about it.
    let (probe_prefix, prefix) = unsafe {
        (
            &*(crate::ffi_safe::Arg::raw(probe) as *const TypePrefix),
            &*(crate::ffi_safe::Arg::raw(ty) as *const TypePrefix),
        )
    };
    if probe_prefix.tp_basicsize != probe_basicsize || addr(probe_prefix.tp_dealloc) != addr(probe_slots.dealloc) {
        return Err(type_error(String::from("the type layout is not the one of CPython 3.7-3.9")));
    }
    Ok(prefix.tp_dealloc)
}

/// A builtin type object by name (`object`, `type`, `dict`, `ValueError`, ...).
pub(super) fn builtin<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("builtins")?.getattr(name)
}

/// Read what `def` needs from its non-limpet base `base` (see the module docs).
pub(super) fn resolve(py: Python<'_>, def: &ClassDef, base: &Bound<'_, PyAny>) -> PyResult<&'static NativeBase> {
    // What the layout is built from is read from the type object itself, never believed
    // from Python attributes a hostile class can fake: `isinstance(x, type)` trusts
    // `x.__class__`, and a metaclass's properties override `__flags__`, `__itemsize__`,
    // `__basicsize__`, ... (the C check and `PyType_GetFlags` first; then a base whose
    // metaclass is a Python class is refused, so that its attributes read below are `type`'s).
    let Some(base_type) = TypeObject::new(base) else {
        return Err(type_error(format!(
            "class {} cannot extend {}: it is not a type",
            def.name,
            base.repr().map(|r| r.to_string()).unwrap_or_default()
        )));
    };
    let base_name = base.getattr("__name__")?.to_string();
    let flags = type_flags(base_type);
    if flags & ffi::Py_TPFLAGS_BASETYPE == 0 {
        // CPython's words for `class X(bool)`.
        return Err(type_error(format!("type '{base_name}' is not an acceptable base type")));
    }
    let heap = flags & ffi::Py_TPFLAGS_HEAPTYPE != 0;
    let subtype_dealloc = subtype_dealloc(py)?;
    let base_slots = slots_of(base_type, heap);
    if heap && base_slots.as_ref().and_then(|s| s.dealloc).map(|d| d as usize) == Some(subtype_dealloc) {
        // A Python class: its dealloc (subtype_dealloc) would find ours as its base's.
        return Err(type_error(format!(
            "class {} cannot extend the Python class '{base_name}': only builtin and extension types can be \
             extended with Rust data",
            def.name
        )));
    }
    let meta = base.get_type();
    if !meta.is(&builtin(py, "type")?) && crate::ffi_safe::PyType_GetFlags(TypeOf(base)) & ffi::Py_TPFLAGS_HEAPTYPE != 0
    {
        return Err(type_error(format!(
            "class {} cannot extend '{base_name}': its metaclass '{}' is a Python class, whose attributes may \
             misreport the base's layout",
            def.name,
            meta.getattr("__name__")?
        )));
    }
    let itemsize = base.getattr("__itemsize__")?.extract::<usize>()?;
    if itemsize != 0 {
        return Err(type_error(format!(
            "class {} cannot extend '{base_name}': it is a variable-size type (__itemsize__ = {itemsize}), \
             with no fixed place for Rust data after its own",
            def.name
        )));
    }
    let gc = flags & ffi::Py_TPFLAGS_HAVE_GC != 0;
    // A throwaway heap subclass inherits the base's tp_new/tp_traverse/tp_clear (and gets
    // CPython's subtype_dealloc).
    let probe = probe(py, base)?;
    let probe_type = TypeObject::new(&probe).ok_or_else(|| type_error(String::from("probe type")))?;
    let probe_slots = slots_of(probe_type, true).ok_or_else(|| type_error(String::from("probe type")))?;
    let Some(new) = probe_slots.new else {
        return Err(type_error(format!("class {} cannot extend '{base_name}': it cannot be instantiated", def.name)));
    };
    let dealloc = match &base_slots {
        Some(slots) => slots.dealloc,
        None => static_dealloc(base_type, probe_type, &probe_slots).map_err(|e| {
            type_error(format!("class {} cannot extend '{base_name}' on this interpreter: {}", def.name, e.message(py)))
        })?,
    };
    let Some(dealloc) = dealloc else {
        return Err(type_error(format!("class {} cannot extend '{base_name}': it has no tp_dealloc", def.name)));
    };
    let offset = |name: &str| -> PyResult<usize> { base.getattr(name)?.extract::<usize>() };
    Ok(Box::leak(Box::new(NativeBase {
        ty: base.clone().unbind(),
        new,
        dealloc,
        traverse: probe_slots.traverse.filter(|_| gc),
        clear: probe_slots.clear.filter(|_| gc),
        gc,
        heap,
        dict_offset: offset("__dictoffset__")?,
        weaklist_offset: offset("__weakrefoffset__")?,
    })))
}

/// A heap type made from an empty spec with `base` as its base (it inherits what a subclass
/// inherits; CPython refuses a base that cannot be subclassed, in its own words).
fn probe<'py>(py: Python<'py>, base: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let mut slots = [ffi::PyType_Slot { slot: 0, pfunc: std::ptr::null_mut() }];
    let mut spec = ffi::PyType_Spec {
        name: c"limpet.base_probe".as_ptr(),
        basicsize: 0,
        itemsize: 0,
        flags: ffi::Py_TPFLAGS_DEFAULT as _,
        slots: slots.as_mut_ptr(),
    };
    let bases = crate::types::PyTuple::new(py, vec![base.clone()])?;
    // SAFETY: the spec, its (static) name and slot array outlive the call; the probe type
    // keeps only the name, which is static; bases is a tuple of one type object.
    unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyType_FromSpecWithBases(&mut spec, bases.as_ptr())) }
}

/// CPython's `subtype_dealloc` (the `tp_dealloc` of Python classes and of heap types made
/// without one), read once from a probe extending `object`.
fn subtype_dealloc(py: Python<'_>) -> PyResult<usize> {
    static DEALLOC: OnceLock<usize> = OnceLock::new();
    if let Some(d) = DEALLOC.get() {
        return Ok(*d);
    }
    let probe = probe(py, &builtin(py, "object")?)?;
    let d = TypeObject::new(&probe).and_then(|t| slots_of(t, true)).and_then(|s| s.dealloc).map_or(0, |d| d as usize);
    Ok(*DEALLOC.get_or_init(|| d))
}

/// Allocate an instance of `subtype` (a class whose chain starts at `native`) through the
/// base's `tp_new`, with no arguments (the base's `__init__` gets the call's arguments).
///
/// # Safety
/// `subtype` is a type object whose instances have `native` as their non-limpet base.
pub(super) unsafe fn native_alloc<'py>(
    py: Python<'py>,
    native: &NativeBase,
    subtype: *mut ffi::PyObject,
) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: the base's tp_new, called as CPython calls it for a subclass (type, args tuple,
    // NULL kwargs); returns a new reference or NULL with an exception set.
    unsafe {
        let args = Bound::from_owned_ptr_or_err(py, ffi::PyTuple_New(0))?;
        let obj = Bound::from_owned_ptr_or_err(
            py,
            (native.new)(subtype as *mut ffi::PyTypeObject, args.as_ptr(), std::ptr::null_mut()),
        )?;
        lifecycle::native_allocated(obj.as_ptr());
        if ffi::Py_TYPE(obj.as_ptr()) as *mut ffi::PyObject != subtype {
            // Not a fresh instance of the subtype: its layout is not ours to write.
            return Err(PyTypeError::new_err(format!(
                "{}.__new__ returned a '{}' object, not a new instance of the subclass",
                native.ty.bind(py).getattr("__name__")?,
                obj.type_name()
            )));
        }
        Ok(obj)
    }
}
