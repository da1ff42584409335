//! Classes: Rust structs as Python heap types created with `PyType_FromSpecWithBases`.
//!
//! An instance is `[PyObject header | base data | ClassCell<T> | __dict__ | __weakref__]`; the
//! cell's offset is computed at type creation from the base's `__basicsize__`, so nothing
//! about the layout is fixed at build time. Everything handed to `PyType_FromSpec` is leaked
//! (`'static`): 3.7-3.10 keep pointers into the spec.
//!
//! Dunder methods are ordinary methods (`METH_FASTCALL`); after the type is created each one
//! is set again on the type, which makes CPython install its own slot functions (as it does
//! for a Python `class` statement): reflected and in-place operators, rich comparison,
//! `__getattr__`, descriptors, iteration, `__len__`, `__hash__`, ... then behave exactly as in
//! Python on every version, with no per-slot shim. `#[new]` is the `tp_new` slot; GC support
//! (`__traverse__`/`__clear__`) are `tp_traverse`/`tp_clear`.
//!
//! Runtime-gated, decided at type creation: `#[dict]` and `#[weakref]` use the
//! `__dictoffset__`/`__weaklistoffset__` members that `PyType_FromSpec` honours from 3.9; on
//! 3.7/3.8 creating such a class raises `NotImplementedError` naming the feature and version.
//! Deallocation follows the 3.7 vs 3.8+ rule for the type's reference (from 3.8 a heap
//! type's `tp_dealloc` releases the instance's reference to its type; on 3.7 CPython's
//! `subtype_dealloc` does it for instances of Python subclasses).
//!
//! ```
//! use limpet::prelude::*;
//! use limpet::class::PyClass;
//! limpet::class! {
//!     /// A counter.
//!     pub struct Counter {
//!         #[py(get)] pub value: i64,
//!     }
//!     impl Counter {
//!         #[new]
//!         fn new(start: i64 = 0) -> Self { Counter { value: start } }
//!         fn incr(&mut self) -> i64 { self.value += 1; self.value }
//!     }
//! }
//! # fn main() {
//! # limpet::__private::doctest(|py| {
//! let counter = Counter::type_object(py)?.call1((41,))?; // `Counter(41)`, as Python calls it
//! assert_eq!(counter.call_method0("incr")?.extract::<i64>()?, 42);
//! assert_eq!(counter.getattr("value")?.extract::<i64>()?, 42);
//! let value: PyRef<'_, Counter> = counter.extract()?; // the Rust value inside
//! assert_eq!(value.value, 42);
//! # Ok(()) });
//! # }
//! ```

use std::cell::{Cell, UnsafeCell};
use std::ffi::{c_int, c_void};
use std::mem::ManuallyDrop;
use std::sync::OnceLock;

use abi3_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyAttributeError, PyNotImplementedError, PyRuntimeError, PyTypeError};
use crate::function::{clean_doc, leak_cstr, FunctionDef};
use crate::gil::Python;
use crate::object::{Bound, Py, PyAny};
use crate::runtime::runtime;
use crate::signature::text_signature;
use crate::trampoline::guard;

mod lifecycle;

/// A Rust type exposed as a Python class (implemented by `class!`).
///
/// # Safety
/// [`class_def`](PyClass::class_def) describes `Self`: the cell layout, drop function and
/// slots in it were made for `Self` (instances of its type are read and written as holding a
/// `Self`). Only `class!` implements it; another implementation, such as one returning
/// another class's description, makes safe borrows reinterpret memory.
///
/// ```
/// use limpet::prelude::*;
/// use limpet::class::PyClass;
/// limpet::class! {
///     pub struct Point { #[py(get)] pub x: f64 }
/// }
/// fn class_name<T: PyClass>(py: Python<'_>) -> PyResult<String> {
///     T::type_object(py)?.getattr("__name__")?.extract()
/// }
/// # fn main() {
/// # limpet::__private::doctest(|py| {
/// assert_eq!(class_name::<Point>(py)?, "Point");
/// # Ok(()) });
/// # }
/// ```
pub unsafe trait PyClass: Sized + Send + 'static {
    /// The class description the macro emitted.
    #[doc(hidden)]
    fn class_def() -> &'static ClassDef;

    /// The Python class object, created on first use (`module!` creates it when the module
    /// is imported, with the module's name as `__module__`).
    ///
    /// ```
    /// use limpet::prelude::*;
    /// use limpet::class::PyClass;
    /// limpet::class! {
    ///     pub struct Point { #[py(get)] pub x: f64 }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let point_class = Point::type_object(py)?;
    /// let p = Py::new(py, Point { x: 1.5 })?;
    /// assert!(p.bind(py).as_any().is_instance(&point_class)?);
    /// assert!(point_class.is(&Point::type_object(py)?)); // one class object
    /// # Ok(()) });
    /// # }
    /// ```
    fn type_object(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Self::class_def().type_object(py)
    }
}

#[doc(hidden)]
/// Options from the class's attributes.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClassOptions {
    /// `#[subclass]`: Python classes may inherit from it.
    pub subclass: bool,
    /// `#[frozen]`: no `&mut self`; shared borrows skip the borrow flag.
    pub frozen: bool,
    /// `#[dict]`: instances get a `__dict__` (3.9+).
    pub dict: bool,
    /// `#[weakref]`: instances can be weakly referenced (3.9+).
    pub weakref: bool,
}

impl ClassOptions {
    /// Options from their names (`class!` passes the option attributes it found); an unknown
    /// name stops compilation when evaluated in a constant.
    pub const fn parse(names: &[&str]) -> ClassOptions {
        let mut o = ClassOptions { subclass: false, frozen: false, dict: false, weakref: false };
        let mut i = 0;
        while i < names.len() {
            match names[i].as_bytes() {
                b"subclass" => o.subclass = true,
                b"frozen" => o.frozen = true,
                b"dict" => o.dict = true,
                b"weakref" => o.weakref = true,
                _ => panic!(
                    "limpet::class!: unknown class option; expected #[subclass], #[frozen], #[dict] or #[weakref]"
                ),
            }
            i += 1;
        }
        o
    }
}

#[doc(hidden)]
/// Getter of a property: reads the instance, returns a new reference.
pub type GetterFn = for<'py> fn(Python<'py>, &Bound<'py, PyAny>) -> PyResult<*mut ffi::PyObject>;
#[doc(hidden)]
/// Setter of a property: instance and new value.
pub type SetterFn = for<'py> fn(Python<'py>, &Bound<'py, PyAny>, &Bound<'py, PyAny>) -> PyResult<()>;
#[doc(hidden)]
/// Deleter of a property (`del obj.x`): the instance.
pub type DeleterFn = for<'py> fn(Python<'py>, &Bound<'py, PyAny>) -> PyResult<()>;
#[doc(hidden)]
/// Maker of a class attribute's value.
pub type ClassAttrFn = for<'py> fn(Python<'py>) -> PyResult<Bound<'py, PyAny>>;
#[doc(hidden)]
/// The C shape of `tp_traverse`.
pub type TraverseShim = ffi::traverseproc;
#[doc(hidden)]
/// The C shape of `tp_clear`.
pub type ClearShim = ffi::inquiry;

#[doc(hidden)]
/// One member of a class body.
pub enum ClassItem {
    /// A method (instance, static or class method, dunders included).
    Method(FunctionDef),
    /// `#[new]`: its tuple-call shim becomes `tp_new`.
    New(FunctionDef),
    /// A property side (getter and/or setter); sides with the same name are merged.
    Property {
        /// Attribute name.
        name: &'static str,
        /// Docstring.
        doc: &'static str,
        /// Getter.
        get: Option<GetterFn>,
        /// Setter.
        set: Option<SetterFn>,
        /// The value's type hint (from the getter), for stubs.
        hint: Option<fn() -> String>,
    },
    /// `#[deleter]`: `del obj.NAME` (merged with the getter/setter of that name).
    Deleter(&'static str, DeleterFn),
    /// `#[classattr]`: a value set on the class, and its type hint.
    ClassAttr(&'static str, ClassAttrFn, fn() -> String),
    /// `__traverse__`.
    Traverse(TraverseShim),
    /// `__clear__`.
    Clear(ClearShim),
    /// `__richcmp__`: becomes `tp_richcompare`.
    RichCompare(RichCompareShim),
    /// `__buffer__`: the buffer slots (3.11+).
    Buffer(ffi::dynamic::getbufferproc, ffi::dynamic::releasebufferproc),
}

#[doc(hidden)]
/// A dunder method's direct type slot, with the shim the macro generated for it.
#[derive(Clone, Copy)]
pub enum SlotFn {
    /// `__len__`: `sq_length` and `mp_length`.
    Len(ffi::lenfunc),
    /// `__hash__`: `tp_hash`.
    Hash(ffi::hashfunc),
    /// `__bool__`: `nb_bool`.
    Bool(ffi::inquiry),
    /// `__repr__`, `__str__`, `__iter__`, `__next__`: the slot id and a unary shim.
    Unary(c_int, ffi::unaryfunc),
    /// `__contains__`: `sq_contains`.
    Contains(ffi::objobjproc),
}

impl SlotFn {
    fn install(self, slots: &mut Vec<ffi::PyType_Slot>) {
        let mut add = |id: c_int, p: *mut c_void| slots.push(ffi::PyType_Slot { slot: id, pfunc: p });
        match self {
            SlotFn::Len(f) => {
                add(ffi::Py_sq_length, f as *mut c_void);
                add(ffi::Py_mp_length, f as *mut c_void);
            }
            SlotFn::Hash(f) => add(ffi::Py_tp_hash, f as *mut c_void),
            SlotFn::Bool(f) => add(ffi::Py_nb_bool, f as *mut c_void),
            SlotFn::Unary(id, f) => add(id, f as *mut c_void),
            SlotFn::Contains(f) => add(ffi::Py_sq_contains, f as *mut c_void),
        }
    }
}

/// Shim bodies for direct slots (called by the macro-generated `extern "C"` functions).
#[doc(hidden)]
pub mod slot {
    use super::*;
    use crate::args::Signature;
    use crate::trampoline::{call_method_binary, call_method_unary, Body};

    /// A unary slot returning an object (`tp_repr`, `tp_str`, `tp_iter`, `tp_iternext`).
    pub unsafe fn unary(sig: &'static Signature, slf: *mut ffi::PyObject, body: Body) -> *mut ffi::PyObject {
        guard(|py| call_method_unary(py, sig, slf, body))
    }

    /// A binary slot returning an object.
    pub unsafe fn binary(
        sig: &'static Signature,
        slf: *mut ffi::PyObject,
        arg: *mut ffi::PyObject,
        body: Body,
    ) -> *mut ffi::PyObject {
        guard(|py| call_method_binary(py, sig, slf, arg, body))
    }

    fn owned<R>(
        result: *mut ffi::PyObject,
        error: R,
        convert: impl FnOnce(Python<'_>, &Bound<'_, PyAny>) -> PyResult<R>,
    ) -> R {
        // SAFETY: the GIL is held (slot call); result is NULL or a new reference we now own.
        let (py, obj) = unsafe {
            let py = Python::assume_gil_acquired();
            (py, Bound::from_owned_ptr_or_opt(py, result))
        };
        let Some(obj) = obj else { return error };
        match convert(py, &obj) {
            Ok(v) => v,
            Err(e) => {
                e.restore(py);
                error
            }
        }
    }

    /// `sq_length`/`mp_length`: a non-negative size, checked as CPython's `slot_sq_length`
    /// checks a Python `__len__`: `__index__` of the result, then its sign (any negative
    /// value is a `ValueError`, however large), then its size (`OverflowError`).
    pub unsafe fn len(sig: &'static Signature, slf: *mut ffi::PyObject, body: Body) -> ffi::Py_ssize_t {
        owned(unary(sig, slf, body), -1, |py, obj| {
            // An int (a subclass too) is used as it is, as CPython's `_PyNumber_Index` does
            // (`PyNumber_Index` makes a subclass an exact int from 3.10, which would change
            // the type named in the OverflowError).
            crate::convert::int::with_index(obj, |index| {
                // SAFETY: an int (runs no Python code); -1 with an exception on failure.
                let n = unsafe { ffi::PyNumber_AsSsize_t(index.as_ptr(), ffi::PyExc_OverflowError) };
                if n >= 0 {
                    return Ok(n);
                }
                match PyErr::take(py) {
                    // Too large (a negative value, however large, is the ValueError below).
                    Some(err) if !index.lt(0i64)? => Err(err),
                    _ => Err(crate::exceptions::PyValueError::new_err("__len__() should return >= 0")),
                }
            })
        })
    }

    /// `tp_hash`, as CPython's `slot_tp_hash` treats a Python `__hash__`: the result must be
    /// an `int` (a `bool` or another subclass too); one within `Py_hash_t` is the hash itself,
    /// a wider one is reduced as `int.__hash__` reduces it, and -1 (the error value) is -2.
    pub unsafe fn hash(sig: &'static Signature, slf: *mut ffi::PyObject, body: Body) -> ffi::Py_hash_t {
        owned(unary(sig, slf, body), -1, hash_value)
    }

    fn hash_value(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<ffi::Py_hash_t> {
        use crate::types::{PyInt, PyTypeCheck};
        if !PyInt::type_check(obj) {
            return Err(PyTypeError::new_err("__hash__ method should return an integer"));
        }
        let h = match crate::convert::int::as_i64(py, obj)?.map(ffi::Py_hash_t::try_from) {
            Some(Ok(h)) => h,
            // Wider than Py_hash_t: `int`'s own hash (for a subclass too, whatever its
            // `__hash__`), as CPython calls `PyLong_Type.tp_hash`.
            _ if obj.type_ptr() == std::ptr::addr_of_mut!(ffi::PyLong_Type) => obj.hash()?,
            _ => py.import("builtins")?.getattr("int")?.getattr("__hash__")?.call1((obj,))?.extract()?,
        };
        Ok(if h == -1 { -2 } else { h })
    }

    /// `nb_bool`: the result must be a `bool`, as CPython's `slot_nb_bool` requires of a
    /// Python `__bool__` (with its message, which 3.15 reworded).
    pub unsafe fn truth(sig: &'static Signature, slf: *mut ffi::PyObject, body: Body) -> c_int {
        owned(unary(sig, slf, body), -1, |py, obj| {
            if <crate::types::PyBool as crate::types::PyTypeCheck>::type_check(obj) {
                return obj.is_truthy().map(c_int::from);
            }
            // SAFETY: the receiver CPython passed, alive for the call.
            let slf = unsafe { Bound::ref_from_slot(&slf) };
            Err(PyTypeError::new_err(if runtime().version.at_least(3, 15) {
                format!(
                    "{}.__bool__() must return a bool, not {}",
                    qualified_type_name(py, slf),
                    qualified_type_name(py, obj)
                )
            } else {
                format!("__bool__ should return bool, returned {}", tp_name(py, obj))
            }))
        })
    }

    /// `Py_TYPE(obj)->tp_name`, which CPython's messages print and the Limited API cannot
    /// read: `object.__format__(obj, "x")` raises `unsupported format string passed to
    /// <tp_name>.__format__` on every version (at most 200 characters of the name) without
    /// running any code of `obj`'s type. `__name__` if that ever fails.
    fn tp_name(py: Python<'_>, obj: &Bound<'_, PyAny>) -> String {
        let raised = py
            .import("builtins")
            .and_then(|b| b.getattr("object")?.getattr("__format__")?.call1((obj, "x")))
            .err()
            .map(|e| e.message(py));
        raised
            .as_deref()
            .and_then(|m| m.strip_prefix("unsupported format string passed to "))
            .and_then(|m| m.strip_suffix(".__format__"))
            .map_or_else(|| obj.type_name(), str::to_owned)
    }

    /// What CPython's `%T` prints for `obj` (3.13+, `PyType_GetFullyQualifiedName`): a
    /// static type's `tp_name`; for a heap type `module.qualname`, without the module when
    /// it is `builtins` or `__main__`.
    fn qualified_type_name(py: Python<'_>, obj: &Bound<'_, PyAny>) -> String {
        let ty = obj.get_type();
        let flags = ty.getattr("__flags__").and_then(|f| f.extract::<std::ffi::c_ulong>());
        let heap = flags.is_ok_and(|f| f & ffi::Py_TPFLAGS_HEAPTYPE != 0);
        if !heap {
            return tp_name(py, obj);
        }
        let qualname = ty.getattr("__qualname__").map(|q| q.to_string()).unwrap_or_else(|_| obj.type_name());
        match ty.getattr("__module__").and_then(|m| m.extract::<String>()) {
            Ok(m) if m != "builtins" && m != "__main__" => format!("{m}.{qualname}"),
            _ => qualname,
        }
    }

    /// `sq_contains`.
    pub unsafe fn contains(
        sig: &'static Signature,
        slf: *mut ffi::PyObject,
        arg: *mut ffi::PyObject,
        body: Body,
    ) -> c_int {
        owned(binary(sig, slf, arg, body), -1, |_, obj| obj.is_truthy().map(c_int::from))
    }
}

#[doc(hidden)]
/// The C shape of `tp_richcompare`.
pub type RichCompareShim = ffi::richcmpfunc;

/// The comparison `__richcmp__` is asked for.
///
/// ```
/// use limpet::prelude::*;
/// use limpet::class::{CompareOp, PyClass};
/// limpet::class! {
///     pub struct Version { major: u32, minor: u32 }
///     impl Version {
///         #[new]
///         fn new(major: u32, minor: u32) -> Self { Version { major, minor } }
///         fn __richcmp__(&self, other: &Version, op: CompareOp) -> bool {
///             op.matches((self.major, self.minor).cmp(&(other.major, other.minor)))
///         }
///     }
/// }
/// # fn main() {
/// # limpet::__private::doctest(|py| {
/// let version = Version::type_object(py)?;
/// let (old, new) = (version.call1((3, 9))?, version.call1((3, 12))?);
/// assert!(old.lt(&new)?);
/// assert!(!old.eq(&new)?);
/// # Ok(()) });
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CompareOp {
    /// From CPython's `Py_LT` .. `Py_GE`.
    pub(crate) fn from_raw(op: c_int) -> Option<CompareOp> {
        Some(match op {
            ffi::Py_LT => CompareOp::Lt,
            ffi::Py_LE => CompareOp::Le,
            ffi::Py_EQ => CompareOp::Eq,
            ffi::Py_NE => CompareOp::Ne,
            ffi::Py_GT => CompareOp::Gt,
            ffi::Py_GE => CompareOp::Ge,
            _ => return None,
        })
    }

    /// Whether an ordering satisfies this comparison: `op.matches(a.cmp(&b))`.
    ///
    /// ```
    /// use limpet::class::CompareOp;
    /// use std::cmp::Ordering;
    /// assert!(CompareOp::Le.matches(Ordering::Equal));
    /// assert!(!CompareOp::Ne.matches(1.cmp(&1)));
    /// assert!(CompareOp::Gt.matches("b".cmp("a")));
    /// ```
    pub fn matches(self, ordering: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CompareOp::Lt => ordering == Less,
            CompareOp::Le => ordering != Greater,
            CompareOp::Eq => ordering == Equal,
            CompareOp::Ne => ordering != Equal,
            CompareOp::Gt => ordering == Greater,
            CompareOp::Ge => ordering != Less,
        }
    }
}

/// Implemented by `class!` when the class defines `__richcmp__`.
#[doc(hidden)]
pub trait RichCompare: PyClass {
    /// Compare; `other` of the wrong type or range gives `NotImplemented`.
    fn richcmp<'py>(
        py: Python<'py>,
        slf: &Bound<'py, PyAny>,
        other: &Bound<'py, PyAny>,
        op: CompareOp,
    ) -> PyResult<*mut ffi::PyObject>;
}

#[doc(hidden)]
/// `__richcmp__`'s `other` did not convert. A value of another type or out of range is not
/// comparable: `NotImplemented`, so Python tries the reflected comparison (and `==` falls
/// back to identity). Anything else is raised as in any other call: a borrow conflict
/// (`other: &mut Self` with `x == x`) is the `RuntimeError` it is everywhere.
pub fn richcmp_unconverted(py: Python<'_>, err: PyErr) -> PyResult<*mut ffi::PyObject> {
    use crate::exceptions::{PyOverflowError, PyValueError};
    if err.is_instance_of::<PyTypeError>(py)
        || err.is_instance_of::<PyValueError>(py)
        || err.is_instance_of::<PyOverflowError>(py)
    {
        return Ok(py.NotImplemented().into_ptr());
    }
    Err(err)
}

#[doc(hidden)]
/// `tp_richcompare` of a class with `__richcmp__`.
///
/// # Safety
/// Called by CPython with an instance of `T` (or a subclass), another object and an op.
pub unsafe extern "C" fn richcompare<T: RichCompare>(
    slf: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
    op: c_int,
) -> *mut ffi::PyObject {
    guard(|py| {
        // SAFETY: CPython passes two live objects for the call.
        let (slf, other) = unsafe { (Bound::ref_from_slot(&slf), Bound::ref_from_slot(&other)) };
        match CompareOp::from_raw(op) {
            Some(op) => T::richcmp(py, slf, other, op),
            None => Err(crate::exceptions::PySystemError::new_err("invalid comparison operator")),
        }
    })
}

#[doc(hidden)]
/// A class as the macro describes it.
pub struct ClassDef {
    /// The Python name.
    pub name: &'static str,
    /// The doc comment.
    pub doc: &'static str,
    /// Options.
    pub options: ClassOptions,
    /// Members.
    pub items: &'static [&'static ClassItem],
    /// Size and alignment of `ClassCell<T>`.
    pub cell_layout: (usize, usize),
    /// Drops the `T` inside a cell at the given address.
    pub drop_cell: unsafe fn(*mut u8),
    /// This class's `tp_dealloc` (its generic instantiation).
    pub dealloc: ffi::destructor,
    /// `tp_traverse`/`tp_clear` used when GC is needed but the class defines neither.
    pub plain_gc: (TraverseShim, ClearShim),
    /// Created on first use.
    pub state: OnceLock<TypeState>,
    /// `#[extends(Base)]`: the limpet class this one extends (its Python base class).
    pub base: Option<fn() -> &'static ClassDef>,
    /// The macro's promise that all of the above was made for one type.
    pub guarantee: ClassDefGuarantee,
}

#[doc(hidden)]
/// What makes a [`ClassDef`] trusted: the layout, drop function and shims in it are used to
/// read and write instances' memory, so only an `unsafe` promise (the one `class!` makes)
/// can build one. Not `Clone`: one cannot be taken from another class's description.
pub struct ClassDefGuarantee(());

impl ClassDefGuarantee {
    /// # Safety
    /// The `ClassDef` holding it is the one `class!` builds for a type `T` (with
    /// `cell_layout::<T>()`, `drop_cell::<T>`, `dealloc::<T>`, `plain_traverse::<T>`,
    /// `plain_clear::<T>`, and items whose shims were generated for `T`), returned by `T`'s
    /// [`PyClass::class_def`] only.
    pub const unsafe fn new() -> Self {
        ClassDefGuarantee(())
    }
}

#[doc(hidden)]
/// What type creation decided.
pub struct TypeState {
    /// The type object.
    ty: Py,
    /// Offset of the `ClassCell<T>` in an instance.
    cell_offset: usize,
    /// Offset of the `__dict__` pointer (0: none).
    dict_offset: usize,
    /// Offset of the weak-reference list pointer (0: none).
    weaklist_offset: usize,
    /// Whether the type takes part in GC.
    gc: bool,
    /// Whether the type has a `tp_finalize` of ours (`__del__`, its own or a limpet base's).
    finalize: bool,
    /// The spec name `module.Name`: 3.7-3.10 keep pointing into it (`tp_name`), so it lives
    /// as long as the type (kept here, reachable).
    pub spec_name: &'static std::ffi::CStr,
    /// Address of the member table (3.7 keeps pointing into it; later versions copy it):
    /// recorded so the table stays reachable rather than lost.
    pub members_addr: usize,
}

impl TypeState {
    /// True when `obj` is an instance of this type (or a subtype); the exact-type test
    /// comes first and avoids a call.
    #[inline]
    fn has_instance(&self, obj: &Bound<'_, PyAny>) -> bool {
        // SAFETY: a valid object and our type object (kept alive by `ty`).
        unsafe { ffi::PyObject_TypeCheck(obj.as_ptr(), self.ty.as_ptr() as *mut ffi::PyTypeObject) != 0 }
    }
}

impl ClassDef {
    fn base_def(&self) -> Option<&'static ClassDef> {
        self.base.map(|b| b())
    }
}

#[doc(hidden)]
/// The Rust value inside an instance, with its borrow flag (-1: mutably borrowed).
#[repr(C)]
pub struct ClassCell<T> {
    borrow: Cell<isize>,
    value: UnsafeCell<ManuallyDrop<T>>,
}

impl ClassDef {
    /// The type object, created on first use (normally by the module's exec slot, which
    /// passes the module name for `__module__`).
    pub fn type_object<'py>(&'static self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.type_object_in(py, None)
    }

    pub(crate) fn type_object_in<'py>(
        &'static self,
        py: Python<'py>,
        module: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if let Some(state) = self.state.get() {
            return Ok(state.ty.bind(py));
        }
        let state = create_type(py, self, module.unwrap_or("builtins"))?;
        let ty = self.state.get_or_init(|| state).ty.bind(py);
        // Class attributes come last: they may be instances of the class itself.
        for item in self.items {
            if let ClassItem::ClassAttr(name, make, _) = item {
                ty.setattr(name, make(py)?)?;
            }
        }
        Ok(ty)
    }

    /// True when `obj` is an instance of this class (or a subclass).
    pub fn is_instance(&self, obj: &Bound<'_, PyAny>) -> bool {
        self.state.get().is_some_and(|state| state.has_instance(obj))
    }

    fn state(&self) -> &TypeState {
        self.state.get().expect("instances exist only after their type was created")
    }
}

/// Which CPython introduced an optional class feature for heap types from a spec.
fn require(py: Python<'_>, def: &ClassDef, feature: &str, minor: u8) -> PyResult<()> {
    let v = runtime().version;
    if v.at_least(3, minor) {
        return Ok(());
    }
    let _ = py;
    Err(PyNotImplementedError::new_err(format!(
        "class {}: {feature} needs CPython 3.{minor} or newer for a class built through the \
         Stable ABI, and this is CPython {}.{}.{}",
        def.name, v.major, v.minor, v.patch
    )))
}

fn align_up(n: usize, align: usize) -> usize {
    n.div_ceil(align) * align
}

/// The Python name of a property: `#[getter] fn get_x`, `#[setter] fn set_x` and
/// `#[deleter] fn del_x` / `fn delete_x` name `x`.
pub(crate) fn property_name(name: &'static str) -> &'static str {
    ["get_", "set_", "delete_", "del_"].iter().find_map(|p| name.strip_prefix(p)).unwrap_or(name)
}

struct PropertyFns {
    get: Option<GetterFn>,
    set: Option<SetterFn>,
    del: Option<DeleterFn>,
    name: &'static str,
}

fn create_type<'py>(py: Python<'py>, def: &'static ClassDef, module: &str) -> PyResult<TypeState> {
    if def.options.dict {
        require(py, def, "#[dict] (an instance __dict__)", 9)?;
    }
    if def.options.weakref {
        require(py, def, "#[weakref] (weak references to instances)", 9)?;
    }
    if def.items.iter().any(|i| matches!(i, ClassItem::Buffer(..))) {
        // Never below 3.11: 3.7/3.8 accept the slot ids but write them over the type's refcount.
        require(py, def, "__buffer__ (the buffer protocol)", 11)?;
    }
    // The base: `object`, or the limpet class this one extends (its instance layout is a
    // prefix of ours; its __basicsize__ says where our part starts).
    let base = match def.base_def() {
        Some(b) => {
            let ty = b.type_object_in(py, Some(module))?;
            if !b.options.subclass {
                return Err(PyTypeError::new_err(format!(
                    "class {} extends {}, which is not #[subclass]",
                    def.name, b.name
                )));
            }
            Some((b, ty))
        }
        None => None,
    };
    let header = match &base {
        Some((_, ty)) => ty.getattr("__basicsize__")?.extract::<usize>()?,
        None => std::mem::size_of::<ffi::PyObject>(),
    };
    let base_state = base.as_ref().map(|(b, _)| b.state());
    let (cell_size, cell_align) = def.cell_layout;
    let cell_offset = align_up(header, cell_align);
    let mut basicsize = cell_offset + cell_size;
    let ptr = std::mem::size_of::<*mut ffi::PyObject>();
    let mut dict_offset = base_state.map_or(0, |s| s.dict_offset);
    let mut weaklist_offset = base_state.map_or(0, |s| s.weaklist_offset);
    if def.options.dict && dict_offset == 0 {
        dict_offset = align_up(basicsize, ptr);
        basicsize = dict_offset + ptr;
    }
    if def.options.weakref && weaklist_offset == 0 {
        weaklist_offset = align_up(basicsize, ptr);
        basicsize = weaklist_offset + ptr;
    }
    let own_dict = def.options.dict && base_state.is_none_or(|s| s.dict_offset == 0);
    let own_weakref = def.options.weakref && base_state.is_none_or(|s| s.weaklist_offset == 0);

    let mut methods = Vec::new();
    let mut props: Vec<PropertyFns> = Vec::new();
    let mut new = None;
    let mut traverse = None;
    let mut clear = None;
    let mut has_del = false;
    let mut richcompare = None;
    let mut buffer = None;
    let mut class_attrs = Vec::new();
    let mut dunders = Vec::new();
    let mut direct: Vec<SlotFn> = Vec::new();
    for item in def.items {
        match item {
            ClassItem::Method(f) => {
                methods.push(f.build());
                match f.slot {
                    Some(s) => direct.push(s),
                    // `__del__` is our own `tp_finalize` (re-setting it would install CPython's).
                    None if f.name == "__del__" => has_del = true,
                    None if f.name.len() > 4 && f.name.starts_with("__") && f.name.ends_with("__") => {
                        dunders.push(f.name)
                    }
                    None => {}
                }
            }
            ClassItem::New(f) => new = Some(f),
            ClassItem::Property { name, get, set, .. } if get.is_none() && set.is_none() => {
                let _ = name;
            }
            ClassItem::Property { name, get, set, .. } => {
                match props.iter_mut().find(|p| p.name == property_name(name)) {
                    Some(p) => {
                        p.get = p.get.or(*get);
                        p.set = p.set.or(*set);
                    }
                    None => props.push(PropertyFns { get: *get, set: *set, del: None, name: property_name(name) }),
                }
            }
            ClassItem::Deleter(name, del) => match props.iter_mut().find(|p| p.name == property_name(name)) {
                Some(p) => p.del = Some(*del),
                None => props.push(PropertyFns { get: None, set: None, del: Some(*del), name: property_name(name) }),
            },
            ClassItem::ClassAttr(name, make, _) => class_attrs.push((*name, *make)),
            ClassItem::Traverse(t) => traverse = Some(*t),
            ClassItem::Clear(c) => clear = Some(*c),
            ClassItem::RichCompare(r) => richcompare = Some(*r),
            ClassItem::Buffer(get, release) => buffer = Some((*get, *release)),
        }
    }
    // Own GC slots when this class needs them; otherwise a GC base's are inherited. They
    // walk the whole #[extends] chain.
    let base_gc = base_state.is_some_and(|s| s.gc);
    let own_gc = traverse.is_some() || own_dict || (clear.is_some() && base_gc);
    let gc = own_gc || base_gc;
    let finalize = has_del || base_state.is_some_and(|s| s.finalize);

    let mut getset: Vec<ffi::PyGetSetDef> = Vec::new();
    for p in props {
        let doc = def.items.iter().find_map(|i| match i {
            ClassItem::Property { name, doc, .. } if property_name(name) == p.name && !doc.is_empty() => Some(*doc),
            _ => None,
        });
        let name = leak_cstr(p.name);
        let doc = doc.map_or(std::ptr::null(), |d| leak_cstr(&clean_doc(d)));
        let closure = Box::into_raw(Box::new(p)) as *mut c_void;
        getset.push(ffi::PyGetSetDef {
            name,
            get: Some(property_get),
            // Always: setting or deleting a side that is missing raises what a Python
            // `property` raises on this interpreter.
            set: Some(property_set),
            doc,
            closure,
        });
    }
    let mut members: Vec<ffi::PyMemberDef> = Vec::new();
    if own_dict {
        members.push(offset_member("__dictoffset__", dict_offset));
        getset.push(ffi::PyGetSetDef {
            name: leak_cstr("__dict__"),
            get: Some(dict_get),
            set: Some(ffi::PyObject_GenericSetDict),
            doc: std::ptr::null(),
            closure: dict_offset as *mut c_void,
        });
    }
    if own_weakref {
        members.push(offset_member("__weaklistoffset__", weaklist_offset));
    }

    let mut slots: Vec<ffi::PyType_Slot> = Vec::new();
    let mut slot = |id: c_int, p: *mut c_void| slots.push(ffi::PyType_Slot { slot: id, pfunc: p });
    slot(ffi::Py_tp_dealloc, def.dealloc as *mut c_void);
    match new {
        Some(f) => slot(ffi::Py_tp_new, f.tuple as *mut c_void),
        None => slot(ffi::Py_tp_new, no_constructor as *mut c_void),
    }
    let mut doc = clean_doc(def.doc);
    let doc_c;
    let mut members_addr = 0;
    if let Some(f) = new {
        doc = format!("{}{}\n--\n\n{}", def.name, text_signature(f.sig), doc);
    }
    // A NULL tp_doc crashes 3.7-3.9: omit the slot instead.
    if !doc.is_empty() {
        // CPython copies the doc into the type: a temporary C string is enough.
        doc_c = std::ffi::CString::new(doc.replace('\0', "")).unwrap_or_default();
        slot(ffi::Py_tp_doc, doc_c.as_ptr() as *mut c_void);
    }
    if !methods.is_empty() {
        methods.push(ffi::PyMethodDef {
            ml_name: std::ptr::null(),
            ml_meth: ffi::PyMethodDefPointer { Void: std::ptr::null_mut() },
            ml_flags: 0,
            ml_doc: std::ptr::null(),
        });
        slot(ffi::Py_tp_methods, Box::leak(methods.into_boxed_slice()).as_mut_ptr() as *mut c_void);
    }
    if !getset.is_empty() {
        getset.push(ffi::PyGetSetDef {
            name: std::ptr::null(),
            get: None,
            set: None,
            doc: std::ptr::null(),
            closure: std::ptr::null_mut(),
        });
        slot(ffi::Py_tp_getset, Box::leak(getset.into_boxed_slice()).as_mut_ptr() as *mut c_void);
    }
    if !members.is_empty() {
        members.push(ffi::PyMemberDef {
            name: std::ptr::null(),
            type_code: 0,
            offset: 0,
            flags: 0,
            doc: std::ptr::null(),
        });
        members_addr = Box::leak(members.into_boxed_slice()).as_mut_ptr() as usize;
        slot(ffi::Py_tp_members, members_addr as *mut c_void);
    }
    if let Some(r) = richcompare {
        slot(ffi::Py_tp_richcompare, r as *mut c_void);
    }
    if let Some((get, release)) = buffer {
        slot(ffi::Py_bf_getbuffer, get as *mut c_void);
        slot(ffi::Py_bf_releasebuffer, release as *mut c_void);
    }
    let mut direct_slots = Vec::new();
    for s in direct {
        s.install(&mut direct_slots);
    }
    for s in direct_slots {
        slot(s.slot, s.pfunc);
    }
    if own_gc {
        slot(ffi::Py_tp_traverse, def.plain_gc.0 as *mut c_void);
        slot(ffi::Py_tp_clear, def.plain_gc.1 as *mut c_void);
    }
    if has_del {
        slot(ffi::Py_tp_finalize, lifecycle::finalize as *mut c_void);
    }
    slot(0, std::ptr::null_mut());

    let mut flags = ffi::Py_TPFLAGS_DEFAULT;
    if def.options.subclass {
        flags |= ffi::Py_TPFLAGS_BASETYPE;
    }
    if own_gc {
        flags |= ffi::Py_TPFLAGS_HAVE_GC;
    }
    if finalize {
        // 3.7 calls (and lets a subclass inherit) tp_finalize only with this flag.
        flags |= ffi::Py_TPFLAGS_HAVE_FINALIZE;
    }
    let spec_name: &'static std::ffi::CStr =
        Box::leak(std::ffi::CString::new(format!("{module}.{}", def.name)).unwrap_or_default().into_boxed_c_str());
    // The spec and its slot array are read during creation only; the name, the method,
    // getset and member tables and the docs they point to are kept by the type (leaked).
    let mut spec = ffi::PyType_Spec {
        name: spec_name.as_ptr(),
        basicsize: basicsize as c_int,
        itemsize: 0,
        flags: flags as _,
        slots: slots.as_mut_ptr(),
    };
    let spec = &mut spec;
    // `PyType_FromSpec(spec)` is `PyType_FromSpecWithBases(spec, NULL)`.
    let bases = match &base {
        Some((_, base_ty)) => Some(crate::types::PyTuple::new(py, vec![base_ty.clone()])?),
        None => None,
    };
    let bases = bases.as_ref().map_or(std::ptr::null_mut(), |b| b.as_ptr());
    // SAFETY: everything the spec points to outlives the call (the slot array is alive until
    // the end of this function, the rest is leaked); bases is NULL or a tuple of one type
    // object; returns a new type object or NULL with an exception set.
    let ty = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyType_FromSpecWithBases(spec, bases)) }?;

    if has_del {
        lifecycle::register_del(&ty, def)?;
    }
    // Re-set each dunder so CPython installs its slot function for it.
    for name in dunders {
        let method = ty.getattr(name)?;
        ty.setattr(name, method)?;
    }
    let has = |n: &str| def.items.iter().any(|i| matches!(i, ClassItem::Method(f) if f.name == n));
    let richcmp = def.items.iter().any(|i| matches!(i, ClassItem::RichCompare(_)));
    if (has("__eq__") || richcmp) && !has("__hash__") {
        // As for a Python class: defining __eq__ without __hash__ makes instances unhashable.
        ty.setattr("__hash__", py.None())?;
    }
    let _ = class_attrs;
    Ok(TypeState { ty: ty.unbind(), cell_offset, dict_offset, weaklist_offset, gc, finalize, spec_name, members_addr })
}

fn offset_member(name: &str, offset: usize) -> ffi::PyMemberDef {
    ffi::PyMemberDef {
        name: leak_cstr(name),
        type_code: ffi::T_PYSSIZET,
        offset: offset as ffi::Py_ssize_t,
        flags: ffi::READONLY,
        doc: std::ptr::null(),
    }
}

/// Address of the field at `offset` in `obj` (computing it is safe; reading or writing it
/// needs `obj` to be an instance whose layout has a field of type `F` at `offset`).
#[inline]
fn field<F>(obj: *mut ffi::PyObject, offset: usize) -> *mut F {
    (obj as *mut u8).wrapping_add(offset) as *mut F
}

unsafe extern "C" fn property_get(obj: *mut ffi::PyObject, closure: *mut c_void) -> *mut ffi::PyObject {
    guard(|py| {
        // SAFETY: closure is the leaked PropertyFns of this getset entry; obj is the instance
        // CPython passes, alive for the call.
        let (fns, obj) = unsafe { (&*(closure as *const PropertyFns), Bound::ref_from_slot(&obj)) };
        match fns.get {
            Some(get) => get(py, obj),
            None => Err(PyAttributeError::new_err(format!("attribute '{}' is not readable", fns.name))),
        }
    })
}

unsafe extern "C" fn property_set(obj: *mut ffi::PyObject, value: *mut ffi::PyObject, closure: *mut c_void) -> c_int {
    let r = guard(|py| {
        // SAFETY: as in property_get; value is NULL (a deletion) or the new value, alive for
        // the call.
        let (fns, obj, value) = unsafe {
            let value = if value.is_null() { None } else { Some(Bound::ref_from_slot(&value)) };
            (&*(closure as *const PropertyFns), Bound::ref_from_slot(&obj), value)
        };
        let Some(value) = value else {
            return match fns.del {
                Some(del) => del(py, obj).map(|()| obj.as_ptr()),
                None => Err(missing_side(obj, fns.name, "delete", "deleter")),
            };
        };
        match fns.set {
            Some(set) => set(py, obj, value).map(|()| obj.as_ptr()),
            None => Err(missing_side(obj, fns.name, "set", "setter")),
        }
    });
    if r.is_null() {
        -1
    } else {
        0
    }
}

/// `obj.x = v` / `del obj.x` of a property without a setter / deleter: the
/// `AttributeError` a Python `property` raises on the running interpreter.
fn missing_side(obj: &Bound<'_, PyAny>, name: &str, verb: &str, side: &str) -> PyErr {
    let v = runtime().version;
    PyAttributeError::new_err(if v.at_least(3, 11) {
        // CPython: `property %R of %R object has no ...` with the type's qualified name.
        let ty = obj.get_type().getattr("__qualname__").map(|n| n.to_string()).unwrap_or_default();
        format!("property '{name}' of '{ty}' object has no {side}")
    } else if v.at_least(3, 10) {
        format!("can't {verb} attribute '{name}'")
    } else {
        format!("can't {verb} attribute")
    })
}

unsafe extern "C" fn dict_get(obj: *mut ffi::PyObject, closure: *mut c_void) -> *mut ffi::PyObject {
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

unsafe extern "C" fn no_constructor(
    subtype: *mut ffi::PyObject,
    _args: *mut ffi::PyObject,
    _kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(|py| {
        // SAFETY: CPython passes the type being instantiated.
        let ty = unsafe { Bound::ref_from_slot(&subtype) };
        let module = ty.getattr("__module__").map(|m| m.to_string()).unwrap_or_default();
        let name = ty.getattr("__qualname__").map(|m| m.to_string()).unwrap_or_default();
        let _ = py;
        Err(PyTypeError::new_err(format!("cannot create '{module}.{name}' instances")))
    })
}

/// Visit what every instance of a GC class owns besides the user's references: its type
/// (3.9+ only: before, `subtype_traverse` visits it) and its `__dict__`.
///
/// # Safety
/// `obj` is an instance of a limpet class; called by the GC with the GIL held.
unsafe fn visit_common(
    obj: *mut ffi::PyObject,
    state: Option<&TypeState>,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: per the contract: the (heap) type object is visited as the GC protocol
    // requires from 3.9; a class with a dict slot has it at dict_offset, holding NULL or a
    // live dict owned by the instance.
    unsafe {
        if runtime().version.at_least(3, 9) {
            let rc = visit(ffi::Py_TYPE(obj) as *mut ffi::PyObject, arg);
            if rc != 0 {
                return rc;
            }
        }
        if let Some(state) = state.filter(|s| s.dict_offset != 0) {
            let dict = *field::<*mut ffi::PyObject>(obj, state.dict_offset);
            if !dict.is_null() {
                return visit(dict, arg);
            }
        }
    }
    0
}

#[doc(hidden)]
/// `tp_traverse` of a GC class: its type and `__dict__`, then the `__traverse__` of every
/// limpet class of its `#[extends]` chain.
///
/// # Safety
/// Called by the GC with an instance of `T`, the GIL held.
pub unsafe extern "C" fn plain_traverse<T: PyClass>(
    obj: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe { lifecycle::traverse_chain(obj, T::class_def(), visit, arg) }
}

#[doc(hidden)]
/// `tp_clear` of a GC class: its `__dict__`, then the `__clear__` of every limpet class of
/// its `#[extends]` chain.
///
/// # Safety
/// Called by the GC with an instance of `T`, the GIL held.
pub unsafe extern "C" fn plain_clear<T: PyClass>(obj: *mut ffi::PyObject) -> c_int {
    // SAFETY: forwarded contract.
    unsafe { lifecycle::clear_chain(obj, T::class_def()) }
}

/// # Safety
/// `obj` is an instance of a limpet class with the given state.
unsafe fn clear_dict(obj: *mut ffi::PyObject, state: Option<&TypeState>) {
    if let Some(state) = state.filter(|s| s.dict_offset != 0) {
        // SAFETY: the class has a dict slot; we take it out before releasing it.
        unsafe {
            let slot = field::<*mut ffi::PyObject>(obj, state.dict_offset);
            let dict = std::mem::replace(&mut *slot, std::ptr::null_mut());
            ffi::Py_DecRef(dict);
        }
    }
}

#[doc(hidden)]
/// `tp_dealloc` of class `T`.
///
/// # Safety
/// Called by CPython with an instance of `T` (or of a Python subclass) whose refcount fell
/// to zero, GIL held.
pub unsafe extern "C" fn dealloc<T: PyClass>(obj: *mut ffi::PyObject) {
    // SAFETY: forwarded contract.
    unsafe { lifecycle::dealloc(obj, T::class_def()) }
}

#[doc(hidden)]
/// Drop the `T` in a cell (stored in `ClassDef::drop_cell`).
///
/// # Safety
/// `cell` points to an initialised `ClassCell<T>` that is never used again.
pub unsafe fn drop_cell<T>(cell: *mut u8) {
    // SAFETY: per the contract.
    unsafe { ManuallyDrop::drop(&mut *(*(cell as *mut ClassCell<T>)).value.get()) }
}

#[doc(hidden)]
/// `(size, align)` of `ClassCell<T>`.
pub const fn cell_layout<T>() -> (usize, usize) {
    (std::mem::size_of::<ClassCell<T>>(), std::mem::align_of::<ClassCell<T>>())
}

#[doc(hidden)]
/// A new instance of `T`'s class holding `value` (a class that extends another needs
/// `(T, Base)` through [`Py::new`]-like initializers; this is for plain classes).
pub fn new_instance<'py, T: PyClass>(py: Python<'py>, value: T) -> PyResult<Bound<'py, PyAny>> {
    let ty = T::class_def().type_object(py)?;
    alloc_with::<T, T>(py, ty.as_ptr(), value)
}

#[doc(hidden)]
/// What initialises an instance: the class's value, and for a class that `#[extends]`
/// another, its base's too: `(value, base_value)`. Sealed: `write` must initialise every
/// cell `check` accepted, so only the two implementations here exist.
pub trait Initializer<T: PyClass>: initializer::Sealed {
    /// Check that this initialises every limpet class in `T`'s chain.
    fn check(&self) -> PyResult<()>;
    /// Write the values into a freshly allocated instance.
    ///
    /// # Safety
    /// `obj` is a new, zeroed instance of `T`'s class (or a subclass), not yet visible.
    unsafe fn write(self, obj: *mut ffi::PyObject);
}

mod initializer {
    pub trait Sealed {}
    impl<T: super::PyClass> Sealed for T {}
    impl<T: super::PyClass, B: super::PyClass> Sealed for (T, B) {}
}

impl<T: PyClass> Initializer<T> for T {
    fn check(&self) -> PyResult<()> {
        match T::class_def().base_def() {
            None => Ok(()),
            Some(b) => Err(PyTypeError::new_err(format!(
                "{} extends {}: its #[new] must return ({}, {}) so that both parts are initialised",
                T::class_def().name,
                b.name,
                T::class_def().name,
                b.name
            ))),
        }
    }

    unsafe fn write(self, obj: *mut ffi::PyObject) {
        // SAFETY: the instance has a ClassCell<T> at cell_offset; nothing has read it yet.
        unsafe {
            field::<ClassCell<T>>(obj, T::class_def().state().cell_offset)
                .write(ClassCell { borrow: Cell::new(0), value: UnsafeCell::new(ManuallyDrop::new(self)) });
        }
    }
}

impl<T: PyClass, B: PyClass> Initializer<T> for (T, B) {
    fn check(&self) -> PyResult<()> {
        let (t, b) = (T::class_def(), B::class_def());
        if !t.base_def().is_some_and(|base| std::ptr::eq(base, b)) {
            return Err(PyTypeError::new_err(format!("{} does not extend {}", t.name, b.name)));
        }
        Initializer::<B>::check(&self.1)
    }

    unsafe fn write(self, obj: *mut ffi::PyObject) {
        // SAFETY: forwarded: the instance has cells for both T and its base B.
        unsafe {
            Initializer::<T>::write(self.0, obj);
            Initializer::<B>::write(self.1, obj);
        }
    }
}

fn alloc_with<'py, T: PyClass, I: Initializer<T>>(
    py: Python<'py>,
    subtype: *mut ffi::PyObject,
    init: I,
) -> PyResult<Bound<'py, PyAny>> {
    init.check()?;
    // SAFETY: subtype is our type or a heap subclass of it: PyType_GetSlot works on heap
    // types on every version; tp_alloc returns a zeroed new instance or NULL. The fresh
    // instance of T's class (or a subclass) is initialised by `init`, checked to cover the
    // chain, before anyone else sees it.
    unsafe {
        let alloc = ffi::PyType_GetSlot(subtype as *mut ffi::PyTypeObject, ffi::Py_tp_alloc);
        let alloc: ffi::allocfunc = std::mem::transmute::<*mut c_void, ffi::allocfunc>(alloc);
        let obj = Bound::from_owned_ptr_or_err(py, alloc(subtype as *mut ffi::PyTypeObject, 0))?;
        init.write(obj.as_ptr());
        Ok(obj)
    }
}

/// Used by `#[new]` shims: allocate `subtype` (the receiver of `tp_new`) from `init`.
///
/// `subtype` must be `T`'s class or a subclass of it (a `TypeError` otherwise, worded as
/// CPython's `tp_new` wrapper words it): CPython passes one, a Rust caller might not, and the
/// cell is written at `T`'s offset.
#[doc(hidden)]
pub fn new_for_subtype<'py, T: PyClass, I: Initializer<T>>(
    subtype: &Bound<'py, PyAny>,
    init: I,
) -> PyResult<Bound<'py, PyAny>> {
    let def = T::class_def();
    if def.state.get().is_none() {
        def.type_object(subtype.py())?;
    }
    let ty = def.state().ty.as_ptr(); // alive as long as the process: the state is static
    if subtype.as_ptr() != ty {
        check_subtype(def.state().spec_name.to_str().unwrap_or(def.name), subtype, ty)?;
    }
    alloc_with::<T, I>(subtype.py(), subtype.as_ptr(), init)
}

/// Whether `subtype` is a type object and a subtype of `ty` (the class `name`, its
/// `tp_name`); CPython's messages name the subtype by its `tp_name`, here its `__name__`
/// (the same for builtin and Python classes).
#[cold]
#[inline(never)]
fn check_subtype(name: &str, subtype: &Bound<'_, PyAny>, ty: *mut ffi::PyObject) -> PyResult<()> {
    // SAFETY: valid objects; PyType_IsSubtype is called on type objects only (checked first).
    let (is_type, is_sub) = unsafe {
        let is_type = ffi::PyType_Check(subtype.as_ptr()) != 0;
        let sub = subtype.as_ptr() as *mut ffi::PyTypeObject;
        (is_type, is_type && ffi::PyType_IsSubtype(sub, ty as *mut ffi::PyTypeObject) != 0)
    };
    if !is_type {
        return Err(PyTypeError::new_err(format!(
            "{name}.__new__(X): X is not a type object ({})",
            subtype.type_name()
        )));
    }
    if !is_sub {
        let sub = subtype.getattr("__name__").map(|n| n.to_string()).unwrap_or_default();
        return Err(PyTypeError::new_err(format!("{name}.__new__({sub}): {sub} is not a subtype of {name}")));
    }
    Ok(())
}

#[inline]
fn cell<'a, T: PyClass>(obj: &'a Bound<'_, PyAny>) -> PyResult<&'a ClassCell<T>> {
    let def = T::class_def();
    let Some(state) = def.state.get() else { return Err(not_instance(obj, def)) };
    if !state.has_instance(obj) {
        return Err(not_instance(obj, def));
    }
    // SAFETY: obj is an instance of T's class (checked), so it holds an initialised
    // ClassCell<T> at cell_offset for as long as obj lives ('a).
    Ok(unsafe { &*field::<ClassCell<T>>(obj.as_ptr(), state.cell_offset) })
}

#[cold]
#[inline(never)]
fn not_instance(obj: &Bound<'_, PyAny>, def: &ClassDef) -> PyErr {
    PyErr::downcast(obj, def.name)
}

/// Increment the shared-borrow count (or refuse: mutably borrowed).
fn acquire_shared<T: PyClass>(cell: &ClassCell<T>) -> PyResult<bool> {
    if T::class_def().options.frozen {
        return Ok(false);
    }
    let n = cell.borrow.get();
    if n < 0 {
        return Err(PyRuntimeError::new_err(format!("Already mutably borrowed ({})", T::class_def().name)));
    }
    cell.borrow.set(n + 1);
    Ok(true)
}

/// Take the exclusive borrow (or refuse: borrowed at all, or frozen).
fn acquire_exclusive<T: PyClass>(cell: &ClassCell<T>) -> PyResult<()> {
    let name = T::class_def().name;
    if T::class_def().options.frozen {
        return Err(PyRuntimeError::new_err(format!("{name} is frozen: it cannot be borrowed mutably")));
    }
    if cell.borrow.get() != 0 {
        return Err(PyRuntimeError::new_err(format!("Already borrowed ({name})")));
    }
    cell.borrow.set(-1);
    Ok(())
}

/// A shared borrow of an instance's Rust value for as long as a reference to the object
/// (`'a`) lives: what generated receivers and getters use (no reference counting).
#[doc(hidden)]
pub struct RefGuard<'a, T: PyClass> {
    cell: &'a ClassCell<T>,
    counted: bool,
}

impl<'a, T: PyClass> RefGuard<'a, T> {
    /// Borrow `obj`'s value; a `TypeError` if it is not a `T`, a `RuntimeError` if it is
    /// mutably borrowed.
    pub fn borrow(obj: &'a Bound<'_, PyAny>) -> PyResult<Self> {
        let cell = cell::<T>(obj)?;
        Ok(RefGuard { cell, counted: acquire_shared(cell)? })
    }
}

impl<T: PyClass> std::ops::Deref for RefGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the borrow flag (or frozen-ness) guarantees no mutable borrow exists.
        unsafe { &*self.cell.value.get() }
    }
}

impl<T: PyClass> Drop for RefGuard<'_, T> {
    fn drop(&mut self) {
        if self.counted {
            self.cell.borrow.set(self.cell.borrow.get() - 1);
        }
    }
}

/// The exclusive counterpart of [`RefGuard`].
#[doc(hidden)]
pub struct MutGuard<'a, T: PyClass> {
    cell: &'a ClassCell<T>,
}

impl<'a, T: PyClass> MutGuard<'a, T> {
    /// Borrow `obj`'s value mutably; a `RuntimeError` if it is borrowed at all.
    pub fn borrow(obj: &'a Bound<'_, PyAny>) -> PyResult<Self> {
        let cell = cell::<T>(obj)?;
        acquire_exclusive(cell)?;
        Ok(MutGuard { cell })
    }
}

impl<T: PyClass> std::ops::Deref for MutGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: we hold the only borrow (flag -1).
        unsafe { &*self.cell.value.get() }
    }
}

impl<T: PyClass> std::ops::DerefMut for MutGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: we hold the only borrow (flag -1).
        unsafe { &mut *self.cell.value.get() }
    }
}

impl<T: PyClass> Drop for MutGuard<'_, T> {
    fn drop(&mut self) {
        self.cell.borrow.set(0);
    }
}

/// A shared borrow of the Rust value in an instance, holding a reference to the object.
///
/// ```
/// use limpet::prelude::*;
/// limpet::class! {
///     pub struct Account { pub balance: i64 }
/// }
/// # fn main() {
/// # limpet::__private::doctest(|py| {
/// let obj = Account { balance: 10 }.into_py(py)?; // a new instance
/// let account: PyRef<'_, Account> = obj.extract()?;
/// assert_eq!(account.balance, 10);
/// // while a shared borrow lives, a mutable one is refused
/// assert!(PyRefMut::<Account>::borrow(&obj).is_err());
/// drop(account);
/// assert!(PyRefMut::<Account>::borrow(&obj).is_ok());
/// # Ok(()) });
/// # }
/// ```
pub struct PyRef<'py, T: PyClass> {
    // Field order matters: the guard (which releases the borrow) drops before the reference
    // to the object that keeps its cell alive.
    guard: RefGuard<'py, T>,
    obj: Bound<'py, PyAny>,
}

impl<'py, T: PyClass> PyRef<'py, T> {
    /// Borrow `obj`'s value; a `TypeError` if it is not a `T`, a `RuntimeError` if it is
    /// mutably borrowed.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::class! {
    ///     pub struct Account { pub balance: i64 }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let obj = Account { balance: 10 }.into_py(py)?;
    /// let (a, b) = (PyRef::<Account>::borrow(&obj)?, PyRef::<Account>::borrow(&obj)?);
    /// assert_eq!(a.balance + b.balance, 20); // shared borrows coexist
    /// let err = PyRef::<Account>::borrow(&1.into_py(py)?).err().unwrap();
    /// assert_eq!(err.to_string(), "TypeError: expected Account, got int");
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn borrow(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        // SAFETY: the cell lives as long as the object, which the returned PyRef keeps alive
        // (its own reference, dropped after the guard); the reference never leaves it for
        // longer than a borrow of the PyRef.
        let cell: &'py ClassCell<T> = unsafe { &*(cell::<T>(obj)? as *const ClassCell<T>) };
        Ok(PyRef { guard: RefGuard { cell, counted: acquire_shared(cell)? }, obj: obj.clone() })
    }

    /// The object.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::class! {
    ///     pub struct Account { pub balance: i64 }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let obj = Account { balance: 3 }.into_py(py)?;
    /// let account = PyRef::<Account>::borrow(&obj)?;
    /// assert!(account.as_any().is(&obj));
    /// assert_eq!(account.as_any().type_name(), "Account");
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn as_any(&self) -> &Bound<'py, PyAny> {
        &self.obj
    }
}

impl<T: PyClass> std::ops::Deref for PyRef<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.guard
    }
}

/// An exclusive borrow of the Rust value in an instance, holding a reference to the object.
///
/// ```
/// use limpet::prelude::*;
/// limpet::class! {
///     pub struct Account { pub balance: i64 }
/// }
/// # fn main() {
/// # limpet::__private::doctest(|py| {
/// let obj = Account { balance: 10 }.into_py(py)?;
/// let mut account: PyRefMut<'_, Account> = obj.extract()?;
/// account.balance -= 3;
/// drop(account);
/// assert_eq!(PyRef::<Account>::borrow(&obj)?.balance, 7);
/// # Ok(()) });
/// # }
/// ```
pub struct PyRefMut<'py, T: PyClass> {
    // Field order matters, as in PyRef.
    guard: MutGuard<'py, T>,
    _obj: Bound<'py, PyAny>,
}

impl<'py, T: PyClass> PyRefMut<'py, T> {
    /// Borrow `obj`'s value mutably; a `RuntimeError` if it is borrowed at all.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::class! {
    ///     pub struct Account { pub balance: i64 }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let obj = Account { balance: 1 }.into_py(py)?;
    /// let first = PyRefMut::<Account>::borrow(&obj)?;
    /// let err = PyRefMut::<Account>::borrow(&obj).err().unwrap();
    /// assert_eq!(err.to_string(), "RuntimeError: Already borrowed (Account)");
    /// drop(first);
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn borrow(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        // SAFETY: as in PyRef::borrow.
        let cell: &'py ClassCell<T> = unsafe { &*(cell::<T>(obj)? as *const ClassCell<T>) };
        acquire_exclusive(cell)?;
        Ok(PyRefMut { guard: MutGuard { cell }, _obj: obj.clone() })
    }
}

impl<T: PyClass> std::ops::Deref for PyRefMut<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.guard
    }
}

impl<T: PyClass> std::ops::DerefMut for PyRefMut<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.guard
    }
}

impl<'a, 'py, T: PyClass> crate::FromPyArg<'a, 'py> for &'a T {
    type Holder = Option<PyRef<'py, T>>;
    fn input_hint() -> String {
        T::class_def().name.into()
    }
    fn from_arg(obj: &'a Bound<'py, PyAny>, holder: &'a mut Self::Holder) -> PyResult<Self> {
        Ok(&**holder.insert(PyRef::borrow(obj)?))
    }
}

impl<'a, 'py, T: PyClass> crate::FromPyArg<'a, 'py> for &'a mut T {
    type Holder = Option<PyRefMut<'py, T>>;
    fn input_hint() -> String {
        T::class_def().name.into()
    }
    fn from_arg(obj: &'a Bound<'py, PyAny>, holder: &'a mut Self::Holder) -> PyResult<Self> {
        Ok(&mut **holder.insert(PyRefMut::borrow(obj)?))
    }
}

impl<'py, T: PyClass> Bound<'py, T> {
    /// Borrow the Rust value.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::class! {
    ///     pub struct Account { pub balance: i64 }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let account: Py<Account> = Py::new(py, Account { balance: 5 })?;
    /// assert_eq!(account.bind(py).borrow()?.balance, 5);
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn borrow(&self) -> PyResult<PyRef<'py, T>> {
        PyRef::borrow(self.as_any())
    }

    /// Borrow the Rust value mutably.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::class! {
    ///     pub struct Account { pub balance: i64 }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let account = Py::new(py, Account { balance: 5 })?.into_bound(py);
    /// account.borrow_mut()?.balance += 1;
    /// assert_eq!(account.borrow()?.balance, 6);
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn borrow_mut(&self) -> PyResult<PyRefMut<'py, T>> {
        PyRefMut::borrow(self.as_any())
    }
}

impl<'py, T: PyClass> crate::FromPyObject<'py> for PyRef<'py, T> {
    fn input_hint() -> String {
        T::class_def().name.into()
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        PyRef::borrow(obj)
    }
}

impl<'py, T: PyClass> crate::FromPyObject<'py> for PyRefMut<'py, T> {
    fn input_hint() -> String {
        T::class_def().name.into()
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        PyRefMut::borrow(obj)
    }
}

crate::from_py_arg!({T: PyClass} PyRef<'py, T>, {T: PyClass} PyRefMut<'py, T>);

impl<T: PyClass> Py<T> {
    /// A new instance holding `value`.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::class! {
    ///     pub struct Account { pub balance: i64 }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let account: Py<Account> = Py::new(py, Account { balance: 1 })?;
    /// assert_eq!(account.bind(py).as_any().type_name(), "Account");
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn new(py: Python<'_>, value: T) -> PyResult<Py<T>> {
        let obj = new_instance(py, value)?;
        // SAFETY: a fresh instance of T's class.
        Ok(unsafe { obj.cast_unchecked::<T>() }.unbind())
    }
}

/// The visitor handed to `__traverse__`.
///
/// ```
/// use limpet::prelude::*;
/// use limpet::class::{PyClass, PyTraverseError, PyVisit};
/// limpet::class! {
///     pub struct Node { next: Option<Py<PyAny>> }
///     impl Node {
///         #[new]
///         fn new() -> Self { Node { next: None } }
///         fn link(&mut self, other: Bound<'_, PyAny>) { self.next = Some(other.unbind()); }
///         fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
///             visit.call_opt(self.next.as_ref())
///         }
///         fn __clear__(&mut self) { self.next = None; }
///     }
/// }
/// # fn main() {
/// # limpet::__private::doctest(|py| {
/// let node = Node::type_object(py)?.call0()?;
/// node.call_method1("link", (&node,))?; // a reference cycle: node.next is node
/// let gc = py.import("gc")?;
/// assert!(gc.call_method1("get_referents", (&node,))?.contains(&node)?);
/// drop(node);
/// gc.call_method0("collect")?; // __traverse__ lets the GC find the cycle, __clear__ breaks it
/// # Ok(()) });
/// # }
/// ```
pub struct PyVisit<'a> {
    visit: ffi::visitproc,
    arg: *mut c_void,
    /// Set by the first visit (a traversal that panics after visiting is not skipped later).
    visited: &'a Cell<bool>,
}

/// Returned by a visit that asked the GC to stop; propagate it with `?`.
///
/// ```
/// use limpet::prelude::*;
/// use limpet::class::{PyClass, PyTraverseError, PyVisit};
/// limpet::class! {
///     pub struct Pair { left: Py<PyAny>, right: Py<PyAny> }
///     impl Pair {
///         #[new]
///         fn new(left: Bound<'_, PyAny>, right: Bound<'_, PyAny>) -> Self {
///             Pair { left: left.unbind(), right: right.unbind() }
///         }
///         fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
///             visit.call(&self.left)?; // `?`: stop when the GC says so
///             visit.call(&self.right)
///         }
///     }
/// }
/// # fn main() {
/// # limpet::__private::doctest(|py| {
/// let (left, right) = (PyList::empty(py)?.into_any(), PyDict::new(py)?.into_any());
/// let pair = Pair::type_object(py)?.call1((&left, &right))?;
/// // the GC sees what the value owns through __traverse__
/// let owned = py.import("gc")?.call_method1("get_referents", (&pair,))?;
/// assert!(owned.contains(&left)? && owned.contains(&right)?);
/// # Ok(()) });
/// # }
/// ```
#[derive(Debug)]
pub struct PyTraverseError(c_int);

impl PyVisit<'_> {
    /// Visit one owned reference.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// use limpet::class::{PyClass, PyTraverseError, PyVisit};
    /// limpet::class! {
    ///     pub struct Pair { left: Py<PyAny>, right: Py<PyAny> }
    ///     impl Pair {
    ///         #[new]
    ///         fn new(left: Bound<'_, PyAny>, right: Bound<'_, PyAny>) -> Self {
    ///             Pair { left: left.unbind(), right: right.unbind() }
    ///         }
    ///         fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
    ///             visit.call(&self.left)?; // `?`: stop when the GC says so
    ///             visit.call(&self.right)
    ///         }
    ///     }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let (left, right) = (PyList::empty(py)?.into_any(), PyDict::new(py)?.into_any());
    /// let pair = Pair::type_object(py)?.call1((&left, &right))?;
    /// // the GC sees what the value owns through __traverse__
    /// let owned = py.import("gc")?.call_method1("get_referents", (&pair,))?;
    /// assert!(owned.contains(&left)? && owned.contains(&right)?);
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn call<T>(&self, obj: &Py<T>) -> Result<(), PyTraverseError> {
        self.visited.set(true);
        // SAFETY: visit/arg come from the GC for this traversal; obj is a live reference.
        let rc = unsafe { (self.visit)(obj.as_ptr(), self.arg) };
        if rc == 0 {
            Ok(())
        } else {
            Err(PyTraverseError(rc))
        }
    }

    /// Visit an optional owned reference.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// use limpet::class::{PyClass, PyTraverseError, PyVisit};
    /// limpet::class! {
    ///     pub struct Node { next: Option<Py<PyAny>> }
    ///     impl Node {
    ///         #[new]
    ///         fn new() -> Self { Node { next: None } }
    ///         fn link(&mut self, other: Bound<'_, PyAny>) { self.next = Some(other.unbind()); }
    ///         fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
    ///             visit.call_opt(self.next.as_ref())
    ///         }
    ///         fn __clear__(&mut self) { self.next = None; }
    ///     }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let gc = py.import("gc")?;
    /// let (a, b) = (Node::type_object(py)?.call0()?, Node::type_object(py)?.call0()?);
    /// assert!(!gc.call_method1("get_referents", (&a,))?.contains(&b)?); // next is None
    /// a.call_method1("link", (&b,))?;
    /// assert!(gc.call_method1("get_referents", (&a,))?.contains(&b)?);
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn call_opt<T>(&self, obj: Option<&Py<T>>) -> Result<(), PyTraverseError> {
        obj.map_or(Ok(()), |o| self.call(o))
    }
}

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
    if T::class_def().options.frozen {
        return;
    }
    // SAFETY: obj is an instance of T (it exported this buffer); GIL held.
    let cell = unsafe { &*field::<ClassCell<T>>(obj, T::class_def().state().cell_offset) };
    cell.borrow.set(cell.borrow.get() - 1);
}

/// Implemented by `class!` when the class defines `__traverse__`.
#[doc(hidden)]
pub trait GcTraverse: PyClass {
    /// Visit every Python reference the value owns.
    fn traverse(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError>;
}

/// Implemented by `class!` when the class defines `__clear__`.
#[doc(hidden)]
pub trait GcClear: PyClass {
    /// Drop the Python references the value owns (to break cycles).
    fn clear(&mut self);
}

#[doc(hidden)]
/// What a setter may return: `()` or a `Result<(), E: Into<PyErr>>`.
pub trait IntoUnit {
    /// The outcome.
    fn into_unit(self) -> PyResult<()>;
}

impl IntoUnit for () {
    fn into_unit(self) -> PyResult<()> {
        Ok(())
    }
}

impl<E: Into<PyErr>> IntoUnit for Result<(), E> {
    fn into_unit(self) -> PyResult<()> {
        self.map_err(Into::into)
    }
}

#[doc(hidden)]
/// What `tp_traverse` visits of `T`'s value: `T::__traverse__` (listed in the class's items;
/// [`plain_traverse`] calls it for every class of the chain).
///
/// # Safety
/// Called with an instance of `T`'s class (or a subclass), the GIL held.
pub unsafe extern "C" fn traverse<T: GcTraverse>(
    obj: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: forwarded contract: obj is an instance of T, its cell initialised. A value that
    // is mutably borrowed right now is skipped (it cannot be read safely; the GC will visit
    // it on a later pass); otherwise no mutable borrow exists while we read it (GIL held).
    let value: &T = unsafe {
        let cell = &*field::<ClassCell<T>>(obj, T::class_def().state().cell_offset);
        if cell.borrow.get() < 0 {
            return 0;
        }
        &*cell.value.get()
    };
    let visited = Cell::new(false);
    let v = PyVisit { visit, arg, visited: &visited };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| value.traverse(v))) {
        Ok(Ok(())) => 0,
        Ok(Err(PyTraverseError(rc))) => rc,
        Err(payload) => {
            lifecycle::traverse_panicked(obj, T::class_def(), payload, visited.get());
            0
        }
    }
}

#[doc(hidden)]
/// What `tp_clear` does to `T`'s value: `T::__clear__` (listed in the class's items;
/// [`plain_clear`] calls it for every class of the chain).
///
/// # Safety
/// Called with an instance of `T`'s class (or a subclass), the GIL held.
pub unsafe extern "C" fn clear<T: GcClear>(obj: *mut ffi::PyObject) -> c_int {
    // SAFETY: obj is an instance of T, alive for the call (the GC holds a reference during
    // tp_clear); the GIL is held.
    let obj_ref = unsafe { Bound::ref_from_slot(&obj) };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        PyRefMut::<T>::borrow(obj_ref).map(|mut value| value.clear())
    }));
    match outcome {
        Ok(Ok(())) => lifecycle::report_error(obj_ref),
        Ok(Err(err)) => {
            err.restore(obj_ref.py());
            lifecycle::report_error(obj_ref);
        }
        Err(payload) => lifecycle::clear_panicked(obj_ref, payload),
    }
    0
}

#[doc(hidden)]
/// What `#[new]` may return: `T`, `(T, Base)` for a class that extends another, or a
/// `Result` of either.
pub trait NewReturn {
    /// The initializer.
    type Init;
    /// The initializer, or the error.
    fn into_init(self) -> PyResult<Self::Init>;
}

impl<T: PyClass> NewReturn for T {
    type Init = T;
    fn into_init(self) -> PyResult<T> {
        Ok(self)
    }
}

impl<T: PyClass, B: PyClass> NewReturn for (T, B) {
    type Init = (T, B);
    fn into_init(self) -> PyResult<(T, B)> {
        Ok(self)
    }
}

impl<R: NewReturn, E: Into<PyErr>> NewReturn for Result<R, E> {
    type Init = R::Init;
    fn into_init(self) -> PyResult<R::Init> {
        self.map_err(Into::into)?.into_init()
    }
}

#[doc(hidden)]
/// Return adaptor for `__next__` (`end` = StopIteration) and `__anext__`
/// (StopAsyncIteration): `None` ends the iteration with the bare exception, as Python does.
pub fn iter_next<T: NextItem>(py: Python<'_>, value: T, asynchronous: bool) -> PyResult<*mut ffi::PyObject> {
    match value.into_next(py)? {
        Some(v) => Ok(v.into_ptr()),
        None if asynchronous => Err(PyErr::new_empty::<crate::exceptions::PyStopAsyncIteration>()),
        None => Err(PyErr::new_empty::<crate::exceptions::PyStopIteration>()),
    }
}

#[doc(hidden)]
/// `Option<T>` or `Result<Option<T>, E>`, as `__next__` returns it.
pub trait NextItem {
    /// The item type.
    type Item: crate::IntoPy;
    /// The item or the end, or the error.
    fn into_item(self) -> PyResult<Option<Self::Item>>;
    /// The item converted, or the end, or the error (see [`IterNextOutput`](crate::iter::IterNextOutput)).
    fn into_next(self, py: Python<'_>) -> PyResult<Option<Bound<'_, PyAny>>>
    where
        Self: Sized,
    {
        match self.into_item()? {
            Some(v) => crate::IntoPy::into_py(v, py).map(Some),
            None => Ok(None),
        }
    }
}

impl<T: crate::IntoPy> NextItem for Option<T> {
    type Item = T;
    fn into_item(self) -> PyResult<Option<T>> {
        Ok(self)
    }
}

impl<T: crate::IntoPy, E: Into<PyErr>> NextItem for Result<Option<T>, E> {
    type Item = T;
    fn into_item(self) -> PyResult<Option<T>> {
        self.map_err(Into::into)
    }
}

/// Make sure the class's type exists (for `module!`'s `class NAME;`).
pub(crate) fn ensure_type<'py>(py: Python<'py>, def: &'static ClassDef, module: &str) -> PyResult<Bound<'py, PyAny>> {
    let ty = def.type_object_in(py, Some(module))?;
    let current = ty.getattr("__module__")?.extract::<String>()?;
    if current != module {
        ty.setattr("__module__", module)?;
    }
    Ok(ty)
}

// Hooks for `async fn` methods (src/coroutine.rs): a borrow held by a future, not by a scope.

/// Borrow `obj`'s value (exclusively if `exclusive`) beyond this call: the value's address
/// and whether the borrow flag was changed. Undo with [`release_detached`].
pub(crate) fn borrow_detached<T: PyClass>(obj: &Bound<'_, PyAny>, exclusive: bool) -> PyResult<(*mut T, bool)> {
    let cell = cell::<T>(obj)?;
    let counted = if exclusive {
        acquire_exclusive(cell)?;
        true
    } else {
        acquire_shared(cell)?
    };
    // `ManuallyDrop<T>` is `repr(transparent)`: the same address as the `T`.
    Ok((cell.value.get().cast::<T>(), counted))
}

/// Release a borrow taken by [`borrow_detached`].
///
/// # Safety
/// `obj` is the object a successful `borrow_detached::<T>(obj, exclusive)` returned `counted`
/// for, this runs once for it, and the GIL is held.
pub(crate) unsafe fn release_detached<T: PyClass>(obj: &Bound<'_, PyAny>, exclusive: bool, counted: bool) {
    if let (true, Ok(cell)) = (counted, cell::<T>(obj)) {
        cell.borrow.set(if exclusive { 0 } else { cell.borrow.get() - 1 });
    }
}
