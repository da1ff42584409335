//! Safe wrappers over the Limited API functions the runtime calls again and again.
//!
//! # How to use it
//! Each wrapper keeps the C name (`ffi_safe::PyObject_GetAttr`), takes `Python<'py>` or
//! `&Bound<'py, _>` where C takes the interpreter state or a `PyObject*`, and turns the C
//! error convention into a `PyResult`:
//!
//! ```text
//! let value = ffi_safe::PyObject_GetAttr(obj, &name)?;     // New: new reference or the raised error
//! ffi_safe::PyObject_SetItem(obj, &key, &value)?;          // Status: -1 -> the raised error
//! let yes: bool = ffi_safe::PyObject_IsTrue(obj)?;         // Bool: -1 -> error, else != 0
//! ```
//!
//! To add a function, add one line to the `safe_ffi!` list below, in the right return category,
//! with its argument types, and say in its doc line why the wrapper cannot be misused (see
//! "Which functions may be listed"). Call sites then need no `unsafe`.
//!
//! # Why the wrappers are sound: one argument per kind of argument and per return category
//! **The GIL.** Every wrapper takes a `Python<'py>` or a `&Bound<'py, _>` first; both exist
//! only while the GIL is held for `'py` (abi3t: while the thread is attached).
//!
//! **Arguments** go through [`Arg`], implemented only for:
//! - `&Bound<'py, T>`: a non-NULL pointer to a live object (the `Bound` owns a strong
//!   reference for at least the duration of the call). Never stolen: a wrapper may only list
//!   functions that *borrow* their object arguments.
//! - `Option<&Bound<'py, T>>`: the same or NULL; used only for parameters the C documentation
//!   says may be NULL (noted on each wrapper).
//! - [`TypeOf`]: the type of a live object, [`TypeObject`]: an object checked to be a type
//!   (C's `PyType_Check`), and [`StaticType`]: a builtin type object; all valid for at least
//!   the call.
//! - `&PyIterator`: an object whose type has `tp_iternext` (see its `Arg` implementation).
//! - Numbers (`Py_ssize_t`, `c_int`, `long long`, `double`...) and [`CompareOp`]: plain
//!   values; a wrapper lists only functions that accept every value of the type (an
//!   out-of-range index raises `IndexError`; `PyObject_RichCompareBool` reads a table with its
//!   `op`, so it gets the enum, never a `c_int`).
//! - `&CStr`: a NUL-terminated string that outlives the call; `&[u8]`: a pointer and length
//!   describing live bytes (two C arguments).
//! - [`StartSymbol`]: `Py_file_input` or `Py_eval_input`, the only start symbols passed to
//!   the compiler (3.7/3.8 index a table with it).
//!
//! No raw pointer type implements `Arg`: functions with out-parameters or stolen references
//! (`PyDict_Next`, `PyTuple_SetItem`, `PyErr_Restore`) stay hand-written with their own
//! `// SAFETY:` argument.
//!
//! **Return categories** (the `unsafe` in this file is one block per category):
//! - `New<T>`: the function returns a new reference, or NULL with an exception set; the
//!   reference becomes the `Bound`'s, NULL becomes the fetched error. `T` is what CPython
//!   documents the result to be (`PyObject_Str` always returns a `str`), `PyAny` otherwise.
//! - `NewOrNone`: a new reference, or NULL *with or without* an exception (`PyIter_Next`): no
//!   exception means "no result" (`Ok(None)`).
//! - `Borrowed`: a borrowed reference, or NULL with an exception. The reference is taken
//!   (`Py_INCREF`) right after the call, before any other code runs; the container argument
//!   keeps the item alive until then. Only for containers no other thread can change under
//!   us: a tuple, or (GIL builds only, not abi3t) a list or dict.
//! - `BorrowedOrNone`: the same, where NULL without an exception means "absent".
//! - `Status`: a `c_int` that is -1 with an exception set on failure (`Ok(())` otherwise).
//! - `Bool`: a `c_int` that is -1 with an exception on failure, else 0 or 1.
//! - `Sentinel<T>`: a number that is -1 (as `T`: `-1.0`, `u64::MAX`) on failure, when an
//!   exception is set then: an error if one is set, the value otherwise (`hash()` and
//!   `int()` can be -1 legitimately).
//! - `Value<T>`: a plain value; the function cannot fail for valid arguments (the typed
//!   receiver makes the type precondition hold, e.g. `PyTuple_Size` on a `Bound<PyTuple>`).
//!   A raw pointer is a value too when Rust only compares it (`PyThreadState_Get`); such a
//!   wrapper never turns it into a reference. With no argument at all: a function that needs
//!   neither the GIL nor a live interpreter (`Py_IsInitialized`).
//! - `RawOrNone<T>`: a pointer to C data (not an object), or NULL with an exception set, or
//!   NULL without one for "none". Rust gets it as a `NonNull<T>` it may compare or hand back
//!   to C, never read: reading it needs an `unsafe` block of its own.
//!
//! # Which functions may be listed
//! Only functions whose preconditions are all covered above: GIL held, object arguments
//! valid and borrowed, value arguments of any value. Functions that need a particular type get
//! a typed `&Bound<'py, PyTuple>` etc.: a `Bound<PyTuple>` is a tuple (or a subclass, same
//! layout) in safe code, since markers are only given by a checked `downcast`, by a documented
//! result (`New<PyTuple>`), or by the `unsafe` `cast_unchecked`. Most such functions check the
//! type again (`SystemError`), but not all: `PyObject_Call` reads `args` as a tuple without a
//! check, so there the typed parameter is what makes the wrapper sound. The markers these
//! wrappers take are limpet's own (`PyTypeCheck` is a safe trait, but a user's marker is a
//! different type, never accepted here).
//!
//! Functions that may run arbitrary Python code (`__getattr__`, `__eq__`, `__hash__`...) are
//! fine: the arguments are strong references held by the caller, not Rust borrows into an
//! object's storage, and nothing here returns a pointer into an object.
//!
//! Hand-written wrappers (below the list) reuse the same category arms for calls whose
//! arguments do not map one to one: byte slices (pointer and length), and a constant length
//! (`PyList_New(0)`).
#![allow(non_snake_case)]

use std::ffi::{c_char, c_int, c_ulong, CStr};

use abi3_sys as ffi;

use crate::call::PyIterator;
use crate::err::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Bound, PyAny};
use crate::types::{PyBytes, PyDict, PyList, PySet, PyString, PyTuple};

/// An argument a wrapper may pass on to C: see the module documentation for the guarantee each
/// implementation gives. Implemented for no raw pointer type.
pub(crate) trait Arg {
    /// What the C function takes.
    type Raw;
    /// The C value.
    fn raw(self) -> Self::Raw;
}

impl<T> Arg for &Bound<'_, T> {
    type Raw = *mut ffi::PyObject;
    #[inline(always)]
    fn raw(self) -> *mut ffi::PyObject {
        self.as_ptr()
    }
}

impl<T> Arg for Option<&Bound<'_, T>> {
    type Raw = *mut ffi::PyObject;
    #[inline(always)]
    fn raw(self) -> *mut ffi::PyObject {
        self.map_or(std::ptr::null_mut(), Bound::as_ptr)
    }
}

/// Plain numbers (`Py_ssize_t` is `isize`, `long long` is `i64`, ...).
macro_rules! plain_arg {
    ($($t:ty)*) => {$(
        impl Arg for $t {
            type Raw = $t;
            #[inline(always)]
            fn raw(self) -> $t {
                self
            }
        }
    )*};
}
plain_arg!(i32 i64 isize u64 f64);

impl Arg for &CStr {
    type Raw = *const c_char;
    #[inline(always)]
    fn raw(self) -> *const c_char {
        self.as_ptr()
    }
}

/// The type of an object (`Py_TYPE`), borrowed: the object holds a strong reference to its
/// type, so the pointer is valid for as long as the `&Bound` is.
pub(crate) struct TypeOf<'a, 'py>(pub(crate) &'a Bound<'py, PyAny>);

impl<'py> TypeOf<'_, 'py> {
    /// The GIL token of the object.
    fn py(&self) -> Python<'py> {
        self.0.py()
    }
}

impl Arg for TypeOf<'_, '_> {
    type Raw = *mut ffi::PyTypeObject;
    #[inline(always)]
    fn raw(self) -> *mut ffi::PyTypeObject {
        self.0.type_ptr()
    }
}

/// A type object: an object checked with C's `PyType_Check` (its type's flags), which no
/// Python code can fake, unlike `isinstance(obj, type)` (which believes an object's
/// `__class__` attribute).
#[derive(Clone, Copy)]
pub(crate) struct TypeObject<'a, 'py>(&'a Bound<'py, PyAny>);

impl<'a, 'py> TypeObject<'a, 'py> {
    /// `obj` if it is a type object.
    pub(crate) fn new(obj: &'a Bound<'py, PyAny>) -> Option<Self> {
        (PyType_GetFlags(TypeOf(obj)) & ffi::Py_TPFLAGS_TYPE_SUBCLASS != 0).then_some(TypeObject(obj))
    }

    /// The object.
    pub(crate) fn as_bound(self) -> &'a Bound<'py, PyAny> {
        self.0
    }
}

impl Arg for TypeObject<'_, '_> {
    type Raw = *mut ffi::PyTypeObject;
    #[inline(always)]
    fn raw(self) -> *mut ffi::PyTypeObject {
        self.0.as_ptr() as *mut ffi::PyTypeObject
    }
}

/// A static builtin type object of the running interpreter (alive as long as it is).
#[derive(Clone, Copy)]
pub(crate) enum StaticType {
    Float,
    Bool,
    Set,
    FrozenSet,
}

impl Arg for StaticType {
    type Raw = *mut ffi::PyTypeObject;
    /// Taking the address of an extern static needs no `unsafe`.
    #[inline(always)]
    fn raw(self) -> *mut ffi::PyTypeObject {
        match self {
            StaticType::Float => std::ptr::addr_of_mut!(ffi::PyFloat_Type),
            StaticType::Bool => std::ptr::addr_of_mut!(ffi::PyBool_Type),
            StaticType::Set => std::ptr::addr_of_mut!(ffi::PySet_Type),
            StaticType::FrozenSet => std::ptr::addr_of_mut!(ffi::PyFrozenSet_Type),
        }
    }
}

/// An iterator from `PyObject_GetIter`, which checks that its result's type has a
/// `tp_iternext`, so `PyIter_Next` (which calls that slot unchecked) may be called on it. The
/// slot cannot become NULL later: a class without `__next__` (after `del C.__next__`, or the
/// target of a `__class__` assignment, which only heap types allow) gets CPython's stub
/// that raises `TypeError`.
impl Arg for &PyIterator<'_> {
    type Raw = *mut ffi::PyObject;
    #[inline(always)]
    fn raw(self) -> *mut ffi::PyObject {
        self.as_bound().as_ptr()
    }
}

/// Bytes as the `(const char *, Py_ssize_t)` pair of the `*AndSize` functions: a live slice
/// (a slice never exceeds `isize::MAX` bytes). Two C arguments, so the wrappers taking one are
/// written out below the list rather than declared in it.
impl Arg for &[u8] {
    type Raw = (*const c_char, ffi::Py_ssize_t);
    #[inline(always)]
    fn raw(self) -> (*const c_char, ffi::Py_ssize_t) {
        (self.as_ptr() as *const c_char, self.len() as ffi::Py_ssize_t)
    }
}

/// A rich comparison operator (`Py_LT` .. `Py_GE`): CPython indexes a table with it, so only
/// these six values may reach `PyObject_RichCompareBool`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(dead_code)] // the complete set, though the runtime compares with three of them
pub(crate) enum CompareOp {
    Lt = ffi::Py_LT as isize,
    Le = ffi::Py_LE as isize,
    Eq = ffi::Py_EQ as isize,
    Ne = ffi::Py_NE as isize,
    Gt = ffi::Py_GT as isize,
    Ge = ffi::Py_GE as isize,
}

impl Arg for CompareOp {
    type Raw = c_int;
    #[inline(always)]
    fn raw(self) -> c_int {
        self as c_int
    }
}

/// What `Py_CompileString` parses (`Py_file_input`, `Py_eval_input`): the grammar's start
/// symbol, which CPython 3.7/3.8 use as an index into their grammar table without a check,
/// so only these values may reach it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StartSymbol {
    /// Statements (`exec`).
    File,
    /// One expression (`eval`; `limpet::embed::eval`).
    #[cfg_attr(not(feature = "embed-api"), allow(dead_code))]
    Eval,
}

impl Arg for StartSymbol {
    type Raw = c_int;
    #[inline(always)]
    fn raw(self) -> c_int {
        match self {
            StartSymbol::File => ffi::Py_file_input,
            StartSymbol::Eval => ffi::Py_eval_input,
        }
    }
}

/// Declares the wrappers. One entry:
/// `fn C_NAME<'py>(arg: Type, ...) -> Category = C_NAME;`. The first argument is either
/// `py: Python<'py>` (not passed to C) or an object (whose token is used).
macro_rules! safe_ffi {
    ($(
        $(#[$meta:meta])*
        fn $name:ident<$lt:lifetime>($($params:tt)*) -> $cat:ident $(<$t:ty>)? $(if $cfg:meta)?;
    )*) => {$(
        safe_ffi!(@fn [$(#[$meta])* $(#[cfg($cfg)])*] $name $lt [$cat $(<$t>)?] $($params)*);
    )*};

    // No argument: a function that needs no GIL and no interpreter state (listed only with
    // `Value`, `RawOrNone` is for the others).
    (@fn [$($attr:tt)*] $name:ident $lt:lifetime [Value<$t:ty>]) => {
        $($attr)*
        #[inline]
        pub(crate) fn $name() -> $t {
            safe_ffi!(@call ffi::$name())
        }
    };
    // `py: Python<'py>` first: the token only.
    (@fn [$($attr:tt)*] $name:ident $lt:lifetime [$($cat:tt)*] py: Python<$lt2:lifetime> $(, $arg:ident: $ty:ty)*) => {
        $($attr)*
        #[inline]
        pub(crate) fn $name<$lt>(py: Python<$lt>, $($arg: $ty),*) -> safe_ffi!(@out $lt $($cat)*) {
            safe_ffi!(@ret py [$($cat)*] ffi::$name($(Arg::raw($arg)),*))
        }
    };
    // An object first: its token.
    (@fn [$($attr:tt)*] $name:ident $lt:lifetime [$($cat:tt)*] $first:ident: $fty:ty $(, $arg:ident: $ty:ty)*) => {
        $($attr)*
        #[inline]
        pub(crate) fn $name<$lt>($first: $fty, $($arg: $ty),*) -> safe_ffi!(@out $lt $($cat)*) {
            let py = $first.py();
            safe_ffi!(@ret py [$($cat)*] ffi::$name(Arg::raw($first) $(, Arg::raw($arg))*))
        }
    };

    (@out $lt:lifetime New) => { PyResult<Bound<$lt, PyAny>> };
    (@out $lt:lifetime New<$t:ty>) => { PyResult<Bound<$lt, $t>> };
    (@out $lt:lifetime NewOrNone) => { PyResult<Option<Bound<$lt, PyAny>>> };
    (@out $lt:lifetime Borrowed) => { PyResult<Bound<$lt, PyAny>> };
    (@out $lt:lifetime BorrowedOrNone) => { PyResult<Option<Bound<$lt, PyAny>>> };
    (@out $lt:lifetime Status) => { PyResult<()> };
    (@out $lt:lifetime Bool) => { PyResult<bool> };
    (@out $lt:lifetime Sentinel<$t:ty>) => { PyResult<$t> };
    (@out $lt:lifetime Value<$t:ty>) => { $t };
    (@out $lt:lifetime RawOrNone<$t:ty>) => { PyResult<Option<std::ptr::NonNull<$t>>> };

    (@ret $py:ident [New] $call:expr) => {
        safe_ffi!(@ret $py [New<PyAny>] $call)
    };
    (@ret $py:ident [New<$t:ty>] $call:expr) => {{
        let raw = safe_ffi!(@call $call);
        safe_ffi!(@owned $py raw $t).ok_or_else(|| PyErr::fetch($py))
    }};
    (@ret $py:ident [NewOrNone] $call:expr) => {{
        let raw = safe_ffi!(@call $call);
        match safe_ffi!(@owned $py raw PyAny) {
            Some(obj) => Ok(Some(obj)),
            None => PyErr::take($py).map_or(Ok(None), Err),
        }
    }};
    (@ret $py:ident [Borrowed] $call:expr) => {{
        let raw = safe_ffi!(@call $call);
        safe_ffi!(@borrowed $py raw).ok_or_else(|| PyErr::fetch($py))
    }};
    (@ret $py:ident [BorrowedOrNone] $call:expr) => {{
        let raw = safe_ffi!(@call $call);
        match safe_ffi!(@borrowed $py raw) {
            Some(obj) => Ok(Some(obj)),
            None => PyErr::take($py).map_or(Ok(None), Err),
        }
    }};
    // The result of a `New*` function: a new reference (to what `$t` names: the function's
    // documented result, `PyAny` otherwise), or NULL.
    (@owned $py:ident $raw:ident $t:ty) => {
        // SAFETY: categories `New` and `NewOrNone`: `raw` is a new reference to a `$t` (the
        // function's documented result, or `PyAny`) or NULL (the caller's arm then reads the
        // exception, if any); the GIL is held for `$py`'s lifetime.
        unsafe { Bound::from_owned_ptr_or_opt($py, $raw).map(|obj| obj.cast_unchecked::<$t>()) }
    };
    // The result of a `Borrowed*` function: a borrowed reference, or NULL.
    (@borrowed $py:ident $raw:ident) => {
        // SAFETY: categories `Borrowed` and `BorrowedOrNone`: a reference borrowed from a
        // container argument that keeps it alive and that no other code touches before this
        // incref (nothing runs in between; the listed containers are immutable or
        // GIL-protected), or NULL; the GIL is held.
        std::ptr::NonNull::new($raw).map(|obj| unsafe { Bound::from_borrowed_ptr($py, obj.as_ptr()) })
    };
    (@ret $py:ident [Status] $call:expr) => {
        PyErr::check($py, safe_ffi!(@call $call))
    };
    (@ret $py:ident [Bool] $call:expr) => {{
        let rc = safe_ffi!(@call $call);
        PyErr::check($py, rc).map(|()| rc != 0)
    }};
    (@ret $py:ident [Sentinel<$t:ty>] $call:expr) => {{
        let n: $t = safe_ffi!(@call $call);
        if n == -1i8 as $t {
            PyErr::take($py).map_or(Ok(n), Err)
        } else {
            Ok(n)
        }
    }};
    (@ret $py:ident [RawOrNone<$t:ty>] $call:expr) => {{
        match std::ptr::NonNull::new(safe_ffi!(@call $call)) {
            Some(ptr) => Ok(Some(ptr)),
            None => PyErr::take($py).map_or(Ok(None), Err),
        }
    }};
    (@ret $py:ident [Value<$t:ty>] $call:expr) => {{
        let _ = $py;
        safe_ffi!(@call $call)
    }};

    (@call $call:expr) => {
        // SAFETY: the call itself. The GIL is held (the wrapper's first parameter is a token
        // or a `Bound` for `'py`); every argument went through `Arg`, whose implementations
        // pass only live borrowed objects, NULL where the parameter is documented optional,
        // NUL-terminated strings, live byte slices, and plain values the listed function
        // accepts in full (module documentation), or is a constant a hand-written wrapper
        // below fixes and justifies. The result is handled by the category's arm.
        unsafe { $call }
    };
}

safe_ffi! {
    // ---- objects (Include/object.h, abstract.h) ----
    /// `type(o)`: never NULL for a live object.
    fn PyObject_Type<'py>(o: &Bound<'py, PyAny>) -> New;
    /// `getattr(o, name)`; may run `__getattr__`.
    fn PyObject_GetAttr<'py>(o: &Bound<'py, PyAny>, name: &Bound<'py, PyString>) -> New;
    /// `object.__getattribute__(o, name)` (a non-`str` name is its `TypeError`).
    fn PyObject_GenericGetAttr<'py>(o: &Bound<'py, PyAny>, name: &Bound<'py, PyAny>) -> New;
    /// `setattr(o, name, v)`, or `delattr` when `v` is `None` (NULL is documented to delete;
    /// `PyObject_DelAttr` itself is a 3.13 function).
    fn PyObject_SetAttr<'py>(o: &Bound<'py, PyAny>, name: &Bound<'py, PyString>, v: Option<&Bound<'py, PyAny>>) -> Status;
    /// `repr(o)`: documented to return a `str` (CPython checks `__repr__`'s result).
    fn PyObject_Repr<'py>(o: &Bound<'py, PyAny>) -> New<PyString>;
    /// `str(o)`: documented to return a `str` (CPython checks `__str__`'s result).
    fn PyObject_Str<'py>(o: &Bound<'py, PyAny>) -> New<PyString>;
    /// `bool(o)`.
    fn PyObject_IsTrue<'py>(o: &Bound<'py, PyAny>) -> Bool;
    /// `isinstance(o, cls)`; any `cls` (a non-class raises `TypeError`).
    fn PyObject_IsInstance<'py>(o: &Bound<'py, PyAny>, cls: &Bound<'py, PyAny>) -> Bool;
    /// `next(it)`: NULL without an exception at the end.
    fn PyIter_Next<'py>(it: &PyIterator<'py>) -> NewOrNone;
    /// `callable(o)`: cannot fail.
    fn PyCallable_Check<'py>(o: &Bound<'py, PyAny>) -> Value<c_int>;
    /// `callable(*args, **kwargs)`; `kwargs` may be NULL (documented). Not checked by CPython:
    /// `args` must be a tuple and `kwargs` a dict (`tp_call` reads them as such), which the
    /// parameter types guarantee.
    fn PyObject_Call<'py>(callable: &Bound<'py, PyAny>, args: &Bound<'py, PyTuple>, kwargs: Option<&Bound<'py, PyDict>>) -> New;
    /// `iter(o)`: CPython checks that the result is an iterator.
    fn PyObject_GetIter<'py>(o: &Bound<'py, PyAny>) -> New;
    /// `len(o)`.
    fn PyObject_Size<'py>(o: &Bound<'py, PyAny>) -> Sentinel<ffi::Py_ssize_t>;
    /// `hash(o)` (a `Py_hash_t`, the same C type as `Py_ssize_t`).
    fn PyObject_Hash<'py>(o: &Bound<'py, PyAny>) -> Sentinel<ffi::Py_ssize_t>;
    /// `o1 <op> o2` as a truth value; `op` is a [`CompareOp`], so one of the six.
    fn PyObject_RichCompareBool<'py>(o1: &Bound<'py, PyAny>, o2: &Bound<'py, PyAny>, op: CompareOp) -> Bool;
    /// `o[key]`.
    fn PyObject_GetItem<'py>(o: &Bound<'py, PyAny>, key: &Bound<'py, PyAny>) -> New;
    /// `o[key] = v` (does not steal).
    fn PyObject_SetItem<'py>(o: &Bound<'py, PyAny>, key: &Bound<'py, PyAny>, v: &Bound<'py, PyAny>) -> Status;
    /// `del o[key]`.
    fn PyObject_DelItem<'py>(o: &Bound<'py, PyAny>, key: &Bound<'py, PyAny>) -> Status;
    /// `value in o`.
    fn PySequence_Contains<'py>(o: &Bound<'py, PyAny>, value: &Bound<'py, PyAny>) -> Bool;

    // ---- types ----
    /// `type(o).__flags__`: cannot fail on a type object.
    fn PyType_GetFlags<'py>(t: TypeOf<'_, 'py>) -> Value<c_ulong>;
    /// Whether `a` is a subtype of `b` (`a.__mro__`): cannot fail on type objects.
    fn PyType_IsSubtype<'py>(a: TypeOf<'_, 'py>, b: StaticType) -> Value<c_int>;

    // ---- builtin types ----
    /// An interned `str` from a NUL-terminated (UTF-8) string.
    fn PyUnicode_InternFromString<'py>(py: Python<'py>, text: &CStr) -> New<PyString>;
    /// `len(t)` of a tuple: cannot fail on one.
    fn PyTuple_Size<'py>(t: &Bound<'py, PyTuple>) -> Value<ffi::Py_ssize_t>;
    /// `t[i]`, borrowed from the tuple (immutable, so no thread can drop the item before our
    /// incref, abi3t included); IndexError when out of range.
    fn PyTuple_GetItem<'py>(t: &Bound<'py, PyTuple>, i: ffi::Py_ssize_t) -> Borrowed;
    /// `len(l)` of a list: cannot fail on one.
    fn PyList_Size<'py>(l: &Bound<'py, PyList>) -> Value<ffi::Py_ssize_t>;
    /// `l.append(item)` (does not steal).
    fn PyList_Append<'py>(l: &Bound<'py, PyList>, item: &Bound<'py, PyAny>) -> Status;
    /// `l[i]`, borrowed: only with the GIL (abi3t uses `PyList_GetItemRef`: another thread
    /// could remove the item before our incref on a free-threaded build).
    fn PyList_GetItem<'py>(l: &Bound<'py, PyList>, i: ffi::Py_ssize_t) -> Borrowed if not(feature = "abi3t");
    /// `l[i]` as a new reference (3.13+, declared for abi3t only).
    fn PyList_GetItemRef<'py>(l: &Bound<'py, PyList>, i: ffi::Py_ssize_t) -> New if feature = "abi3t";
    /// An empty dict.
    fn PyDict_New<'py>(py: Python<'py>) -> New<PyDict>;
    /// `d[key] = v` (does not steal).
    fn PyDict_SetItem<'py>(d: &Bound<'py, PyDict>, key: &Bound<'py, PyAny>, v: &Bound<'py, PyAny>) -> Status;
    /// `d.get(key)`, borrowed: only with the GIL (abi3t uses `PyDict_GetItemRef`).
    fn PyDict_GetItemWithError<'py>(d: &Bound<'py, PyDict>, key: &Bound<'py, PyAny>) -> BorrowedOrNone if not(feature = "abi3t");
    /// `len(d)` of a dict: cannot fail on one.
    fn PyDict_Size<'py>(d: &Bound<'py, PyDict>) -> Value<ffi::Py_ssize_t>;
    /// `list(d.items())`.
    fn PyDict_Items<'py>(d: &Bound<'py, PyDict>) -> New<PyList> if feature = "abi3t";

    // ---- numbers (conversions) ----
    /// `operator.index(o)`.
    fn PyNumber_Index<'py>(o: &Bound<'py, PyAny>) -> New;
    /// `a | b`.
    fn PyNumber_Or<'py>(a: &Bound<'py, PyAny>, b: &Bound<'py, PyAny>) -> New;
    /// An `int` from a `long long`.
    fn PyLong_FromLongLong<'py>(py: Python<'py>, v: i64) -> New;
    /// An `int` from an `unsigned long long`.
    fn PyLong_FromUnsignedLongLong<'py>(py: Python<'py>, v: u64) -> New;
    /// The low 64 bits of an `int` (any other object goes through `__index__`, or raises).
    fn PyLong_AsUnsignedLongLongMask<'py>(o: &Bound<'py, PyAny>) -> Sentinel<u64>;
    /// `float(o)` as a C double (any object: `__float__`, `__index__`, or `TypeError`).
    fn PyFloat_AsDouble<'py>(o: &Bound<'py, PyAny>) -> Sentinel<f64>;
    /// A `float`.
    fn PyFloat_FromDouble<'py>(py: Python<'py>, v: f64) -> New;

    // ---- sequences and sets (conversions) ----
    /// Whether `o` is a sequence (has `__getitem__`, not a dict): cannot fail.
    fn PySequence_Check<'py>(o: &Bound<'py, PyAny>) -> Value<c_int>;
    /// `len(o)` of a sequence.
    fn PySequence_Size<'py>(o: &Bound<'py, PyAny>) -> Sentinel<ffi::Py_ssize_t>;
    /// `set(iterable)`, or an empty set for NULL (documented).
    fn PySet_New<'py>(py: Python<'py>, iterable: Option<&Bound<'py, PyAny>>) -> New<PySet>;
    /// `s.add(key)` (does not steal). On a `frozenset` CPython allows it only while the
    /// caller holds the only reference (a fresh one), `SystemError` otherwise.
    fn PySet_Add<'py>(s: &Bound<'py, PySet>, key: &Bound<'py, PyAny>) -> Status;

    // ---- interpreter ----
    /// `import name` (the import system, with its hooks).
    fn PyImport_Import<'py>(name: &Bound<'py, PyString>) -> New;
    /// Run pending signal handlers (`KeyboardInterrupt` from Ctrl-C).
    fn PyErr_CheckSignals<'py>(py: Python<'py>) -> Status;
    /// Whether exception `given` matches `exc` (a class or a tuple of them): cannot fail.
    fn PyErr_GivenExceptionMatches<'py>(given: &Bound<'py, PyAny>, exc: &Bound<'py, PyAny>) -> Value<c_int>;
    /// Print the current exception to `sys.stderr` and clear it. With no exception set, every
    /// version 3.7..3.15 returns without printing (`PyErr_Fetch` gives NULL: `return`); the C
    /// documentation's "fatal error" warning is older than that, and would be an abort anyway.
    fn PyErr_PrintEx<'py>(py: Python<'py>, set_sys_last_vars: c_int) -> Value<()>;
    /// Compare two `str` by their characters (-1, 0, 1): cannot fail on two `str` (only a
    /// non-`str` argument raises).
    fn PyUnicode_Compare<'py>(a: &Bound<'py, PyString>, b: &Bound<'py, PyString>) -> Value<c_int>;
    /// The builtins dict of the running frame (of the interpreter when no Python code runs),
    /// borrowed from the frame or interpreter, which no code can change before our incref;
    /// never NULL.
    fn PyEval_GetBuiltins<'py>(py: Python<'py>) -> Borrowed;
    /// Compile source text: a new code object (`PyCode`: documented), or the `SyntaxError`.
    /// `start` is a [`StartSymbol`]: 3.7/3.8's parser indexes its grammar table with it
    /// unchecked.
    fn Py_CompileString<'py>(py: Python<'py>, source: &CStr, filename: &CStr, start: StartSymbol) -> New<PyCode>;
    /// Run a code object. CPython reads `code` as a code object and `globals` as a dict
    /// without checking (the typed parameters guarantee both); `locals` is any mapping.
    fn PyEval_EvalCode<'py>(code: &Bound<'py, PyCode>, globals: &Bound<'py, PyDict>, locals: &Bound<'py, PyAny>) -> New;
    /// The module's `PyModuleDef`, NULL without an exception for a module that has none,
    /// `TypeError` for a non-module. Rust only compares the address (`module_def_of`).
    fn PyModule_GetDef<'py>(module: &Bound<'py, PyAny>) -> RawOrNone<ffi::PyModuleDef> if not(feature = "abi3t");
    /// The current thread state (the GIL is held, so there is one); only compared.
    fn PyThreadState_Get<'py>(py: Python<'py>) -> Value<*mut ffi::PyThreadState>;
    /// The thread state the `PyGILState` API made for this thread, or NULL: reads a
    /// thread-local, needs neither the GIL nor a live interpreter; only compared.
    fn PyGILState_GetThisThreadState<'py>() -> Value<*mut ffi::PyThreadState>;
    /// Whether an interpreter runs in this process: reads a flag, needs neither the GIL nor
    /// a live interpreter.
    fn Py_IsInitialized<'py>() -> Value<c_int>;
    /// The value of an `int` (or of `__index__`) as a `long long`; `OverflowError` when it
    /// does not fit (the caller may phrase that in its own words).
    fn PyLong_AsLongLong<'py>(o: &Bound<'py, PyAny>) -> Sentinel<i64>;
    /// The value as an `unsigned long long`: `int`s only; `OverflowError` when negative or
    /// too large.
    fn PyLong_AsUnsignedLongLong<'py>(o: &Bound<'py, PyAny>) -> Sentinel<u64>;
    /// `a << b`.
    fn PyNumber_Lshift<'py>(a: &Bound<'py, PyAny>, b: &Bound<'py, PyAny>) -> New;
    /// `a >> b`.
    fn PyNumber_Rshift<'py>(a: &Bound<'py, PyAny>, b: &Bound<'py, PyAny>) -> New;
    /// `sys.getrecursionlimit()`: reads the interpreter's setting.
    fn Py_GetRecursionLimit<'py>(py: Python<'py>) -> Value<c_int>;
}

/// Marker for a code object (`Py_CompileString`'s result): limpet's own, with no
/// `PyTypeCheck`, so a `Bound<PyCode>` only comes from `Py_CompileString` (or an `unsafe`
/// `cast_unchecked`).
pub(crate) struct PyCode(());

/// `str` from UTF-8 bytes (invalid UTF-8 raises `UnicodeDecodeError`: never read as `str`).
#[inline]
pub(crate) fn PyUnicode_FromStringAndSize<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyString>> {
    let (ptr, len) = Arg::raw(data);
    safe_ffi!(@ret py [New<PyString>] ffi::PyUnicode_FromStringAndSize(ptr, len))
}

/// `str` from Latin-1 bytes: every byte is a code point (so the same `str` as UTF-8 for ASCII
/// text); cannot fail but for `MemoryError`.
#[inline]
pub(crate) fn PyUnicode_DecodeLatin1<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyString>> {
    let (ptr, len) = Arg::raw(data);
    // `errors` NULL: the default (strict) handler, which Latin-1 never calls.
    safe_ffi!(@ret py [New<PyString>] ffi::PyUnicode_DecodeLatin1(ptr, len, std::ptr::null()))
}

/// The value of an `int` (or of `__index__`) as a `long long`, `None` when it does not fit.
#[inline(always)]
pub(crate) fn PyLong_AsLongLongAndOverflow<'py>(o: &Bound<'py, PyAny>) -> PyResult<Option<i64>> {
    let mut overflow: c_int = 0;
    // The out-parameter a hand-written wrapper justifies: a live, exclusive `c_int`.
    let v = safe_ffi!(@call ffi::PyLong_AsLongLongAndOverflow(o.as_ptr(), &mut overflow));
    if overflow != 0 {
        Ok(None)
    } else if v == -1 {
        minus_one_or_error(o.py())
    } else {
        Ok(Some(v))
    }
}

/// -1 from `PyLong_AsLongLongAndOverflow`: the value, or the error it set.
#[cold]
#[inline(never)]
fn minus_one_or_error(py: Python<'_>) -> PyResult<Option<i64>> {
    match PyErr::take(py) {
        Some(e) => Err(e),
        None => Ok(Some(-1)),
    }
}

/// An empty list: `PyList_New(0)`. Not a `len` parameter: any other length leaves NULL slots
/// that safe code (`repr`, iteration) would read.
#[inline]
pub(crate) fn PyList_New_empty(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    safe_ffi!(@ret py [New<PyList>] ffi::PyList_New(0))
}

/// `bytes` holding a copy of `data`.
#[inline]
pub(crate) fn PyBytes_FromStringAndSize<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
    let (ptr, len) = Arg::raw(data);
    safe_ffi!(@ret py [New<PyBytes>] ffi::PyBytes_FromStringAndSize(ptr, len))
}

/// `ty.__flags__`, read from the type object itself (`tp_flags`): a metaclass cannot change
/// what it says, as it can change what the attribute `__flags__` returns.
#[inline]
pub(crate) fn type_flags(ty: TypeObject<'_, '_>) -> c_ulong {
    safe_ffi!(@call ffi::PyType_GetFlags(Arg::raw(ty)))
}

/// Defines an `extern "C"` function CPython calls (a type slot, a getter, a module's exec
/// function) around a safe body: the object parameters, written `name: &Bound`, reach the body
/// as `&Bound<'_, PyAny>`; the others (`; name: Type, ...`) as C passes them.
///
/// ```text
/// c_entry! {
///     /// `bf_releasebuffer`.
///     pub fn releasebuffer[T: BufferExport](obj: &Bound; _view: *mut Py_buffer) { ... }
/// }
/// ```
///
/// The function is `unsafe extern "C"`: Rust code cannot call it without an `unsafe` block,
/// and its one contract (the `# Safety` section generated below) is the C caller's. What that
/// contract gives is the whole argument for the one `unsafe` block: CPython calls a slot with
/// the GIL held and with object arguments that are live objects it keeps alive (a strong
/// reference of the caller's) for the whole call; the body is `'_`-bound to the call, so it
/// cannot keep the borrowed views. The body still makes its own token (`guard`, or `.py()` of
/// an object), catches panics and sets the error return value: it is ordinary safe code.
/// Pointer arguments other than objects (a visit function, a buffer view, a closure) stay raw:
/// the body turns them into something else with its own `unsafe` block and argument.
macro_rules! c_entry {
    (
        $(#[$attr:meta])*
        $vis:vis fn $name:ident $([$($gen:tt)*])? (
            $($obj:ident: &Bound),* $(; $($arg:ident: $ty:ty),*)?
        ) $(-> $ret:ty)? $body:block
    ) => {
        $(#[$attr])*
        ///
        /// # Safety
        /// Called by CPython as the slot (or function) it is installed as: the GIL is held,
        /// each object argument is a live object the caller keeps alive for the call, and the
        /// other arguments are what that slot's C signature documents.
        $vis unsafe extern "C" fn $name $(<$($gen)*>)? ($($obj: *mut ::abi3_sys::PyObject,)* $($($arg: $ty),*)?) $(-> $ret)? {
            // SAFETY: the caller's contract above: each object pointer is non-NULL and alive
            // for this call, the GIL is held; the views borrow the parameters (`&$obj`), so
            // they cannot outlive the call.
            $(let $obj = unsafe { $crate::object::Bound::ref_from_slot(&$obj) };)*
            $body
        }
    };
}
pub(crate) use c_entry;

#[cfg(all(test, feature = "embed"))]
mod tests {
    use super::*;
    use crate::convert::IntoPy;
    use crate::exceptions::{PyIndexError, PyTypeError, PyZeroDivisionError};

    /// Each return category maps the C error convention as documented: results, "no result"
    /// and raised exceptions (the very exception, not a `SystemError`).
    #[test]
    fn categories_map_errors() {
        crate::embed::with_embedded(|py| -> PyResult<()> {
            let ns = PyDict::new(py)?;
            let code = "class Bad:\n    def __bool__(self): 1 / 0\n    def __len__(self): 1 / 0\n";
            py.import("builtins")?.getattr("exec")?.call1((code, &ns))?;
            let bad = ns.get_item(&"Bad".into_py(py)?)?.expect("defined").call0()?;
            let t = PyTuple::new(py, vec![1.into_py(py)?, "a".into_py(py)?])?;
            // New: a result, or the raised error
            assert_eq!(PyObject_Repr(&t)?.extract::<String>()?, "(1, 'a')");
            assert!(PyObject_GetIter(&1.into_py(py)?).unwrap_err().is_instance_of::<PyTypeError>(py));
            // NewOrNone: the end is `None`, not an error
            let it = t.iter()?;
            assert_eq!(it.count(), 2);
            // Borrowed: the item (a reference of its own), or IndexError
            assert_eq!(PyTuple_GetItem(&t, 1)?.extract::<String>()?, "a");
            assert!(PyTuple_GetItem(&t, 2).unwrap_err().is_instance_of::<PyIndexError>(py));
            assert!(PyTuple_GetItem(&t, -1).unwrap_err().is_instance_of::<PyIndexError>(py));
            // Status: a tuple does not support item assignment
            let err = PyObject_SetItem(&t, &0.into_py(py)?, &py.None()).unwrap_err();
            assert!(err.is_instance_of::<PyTypeError>(py));
            // Bool and Sentinel: the exception `__bool__` / `__len__` raised
            assert!(PyObject_IsTrue(&bad).unwrap_err().is_instance_of::<PyZeroDivisionError>(py));
            assert!(PyObject_Size(&bad).unwrap_err().is_instance_of::<PyZeroDivisionError>(py));
            assert!(PyObject_Hash(PyList::empty(py)?.as_any()).unwrap_err().is_instance_of::<PyTypeError>(py));
            assert_eq!(PyObject_Size(&t)?, 2);
            // Value
            assert_eq!(PyTuple_Size(&t), 2);
            assert!(crate::PyErr::take(py).is_none(), "no exception left behind");
            Ok(())
        })
        .unwrap();
    }

    /// `CompareOp` values are CPython's, operator by operator.
    #[test]
    fn compare_ops_match_python() {
        crate::embed::with_embedded(|py| -> PyResult<()> {
            let (one, two) = (1.into_py(py)?, 2.into_py(py)?);
            let ops = [
                (CompareOp::Lt, true),
                (CompareOp::Le, true),
                (CompareOp::Eq, false),
                (CompareOp::Ne, true),
                (CompareOp::Gt, false),
                (CompareOp::Ge, false),
            ];
            for (op, expected) in ops {
                assert_eq!(PyObject_RichCompareBool(&one, &two, op)?, expected, "{op:?}");
            }
            Ok(())
        })
        .unwrap();
    }
}
