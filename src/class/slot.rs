//! Typed type slots of dunder methods (issue 12): `__len__` (`sq_length`/`mp_length`),
//! `__hash__` (`tp_hash`), `__bool__` (`nb_bool`) and the object-returning unary slots
//! `__repr__`/`__str__`/`__iter__`/`__next__` and `__neg__`/`__pos__`/`__abs__`/`__invert__`/
//! `__int__`/`__float__`/`__index__` (binary ones: `class::numslot`). Each shim the
//! macro generates has its slot's own C type and calls the user's method directly: no
//! argument array, no boxing of a length or hash into a Python int. [`SlotFn`] says which
//! slot a shim fills; [`unary`] and [`binary`] are the shims' bodies. What the method
//! returns is checked as CPython's `slot_*` functions check a Python dunder's result (same
//! messages): integers and `bool` directly, any other type through its Python object.
//!
//! A dunder with another receiver (`slf: Py<Self>`, ...) or other parameters gets no
//! shim here: CPython's own slot function calls the method (see `spec.rs`).

use super::*;
use crate::args::Signature;
use crate::convert::IntoPyReturn;
use crate::trampoline::{call_tuple, guard_with};
#[doc(hidden)]
pub use abi3_sys::{Py_hash_t, Py_ssize_t};
#[doc(hidden)]
pub use std::ffi::c_int;

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
    /// `__contains__`: `sq_contains` (its `c_int` result, no `bool` object in between).
    Contains(ffi::objobjproc),
    /// `__repr__`, `__str__`, `__iter__`, `__next__`: the slot id and a unary shim.
    Unary(c_int, ffi::unaryfunc),
    /// `__lt__` .. `__ge__`: the comparison (`Py_LT` .. `Py_GE`), its typed shim, and the
    /// class's `tp_richcompare` dispatcher ([`compare`]).
    Compare(c_int, ffi::binaryfunc, ffi::richcmpfunc),
    /// Numeric, item and attribute dunders (`class::numslot`).
    Num(super::numslot::NumSlot),
}

impl SlotFn {
    pub(super) fn install(self, slots: &mut Vec<ffi::PyType_Slot>) {
        let has_richcompare = slots.iter().any(|s| s.slot == ffi::Py_tp_richcompare);
        let mut add = |id: c_int, p: *mut c_void| slots.push(ffi::PyType_Slot { slot: id, pfunc: p });
        match self {
            SlotFn::Len(f) => {
                add(ffi::Py_sq_length, f as *mut c_void);
                add(ffi::Py_mp_length, f as *mut c_void);
            }
            SlotFn::Hash(f) => add(ffi::Py_tp_hash, f as *mut c_void),
            SlotFn::Bool(f) => add(ffi::Py_nb_bool, f as *mut c_void),
            SlotFn::Contains(f) => add(ffi::Py_sq_contains, f as *mut c_void),
            SlotFn::Unary(id, f) => add(id, f as *mut c_void),
            // Two dunders of one slot (`__add__`, `__radd__`) give the same behaviour: one.
            SlotFn::Num(n) => n.install(&mut |id, p| {
                if !slots.iter().any(|s| s.slot == id) {
                    slots.push(ffi::PyType_Slot { slot: id, pfunc: p })
                }
            }),
            // One dispatcher for all the class's comparison dunders.
            SlotFn::Compare(_, _, dispatch) => {
                if !has_richcompare {
                    add(ffi::Py_tp_richcompare, dispatch as *mut c_void);
                }
            }
        }
    }
}

/// `tp_richcompare` of a class with typed comparison dunders (issue 12): a comparison the
/// class defines, on an instance of the class's own type, calls its shim directly.
///
/// Everything else resolves the dunder as CPython's `slot_tp_richcompare` does (the type's
/// MRO, then the descriptor called), with one difference to account for: the class's own
/// `__dict__` holds a slot wrapper of this function for every comparison (`PyType_Ready`
/// adds them for a type with `tp_richcompare`), not only those it defines. So where the
/// lookup reaches the class, a comparison it defines is its shim, and one it does not define
/// is looked up further along the MRO, as if the class had no entry for it (as it had none
/// before). The class's own type, extending nothing, reaches `object` next: its comparisons
/// are `object`'s (`==` identity, `!=` the negation of `==`, else `NotImplemented`), done
/// here without a lookup.
///
/// # Safety
/// As for a `tp_richcompare` called by CPython: `slf` is an instance of a type that has this
/// slot (`T`'s class or a subclass), `other` a live object, the GIL held.
#[doc(hidden)]
pub unsafe extern "C" fn compare<T: PyClass>(
    slf: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
    op: c_int,
) -> *mut ffi::PyObject {
    let def = T::class_def();
    let table = compare_table(def);
    let shim = table.get(op as usize).copied().flatten();
    // SAFETY: per the contract: two live objects, `slf` an instance of `T`'s class or a
    // subclass. A shim is called with an instance of its class or of a subclass (its
    // contract, see the macro): `slf`, after the type check here or when the MRO walk
    // reaches the class (in `slf`'s type's MRO). `Py_TYPE(slf)`'s `tp_richcompare` is called
    // as `object_richcompare` calls it; each call returns a new reference or NULL.
    unsafe {
        let ty = ffi::Py_TYPE(slf);
        let own = ty as *mut ffi::PyObject == def.state().ty.as_ptr();
        match shim {
            Some(shim) if own => shim(slf, other),
            _ => guard(|py| {
                let (s, o) = (Bound::ref_from_slot(&slf), Bound::ref_from_slot(&other));
                if own && def.base.is_none() {
                    let slot = ffi::PyType_GetSlot(ty, ffi::Py_tp_richcompare);
                    let slot = std::mem::transmute::<*mut c_void, ffi::richcmpfunc>(slot);
                    return object_compare(py, s, o, op, || {
                        Bound::from_owned_ptr_or_err(py, slot(slf, other, ffi::Py_EQ))
                    });
                }
                let shim = shim.map(|f| move || Bound::from_owned_ptr_or_err(py, f(slf, other)));
                compare_by_mro(py, def, s, o, op, shim)
            }),
        }
    }
}

/// `object`'s comparisons (`object_richcompare`): `==` is identity, `!=` the negation of
/// the type's own `==` (`eq`, its `tp_richcompare` with `Py_EQ`), the others
/// `NotImplemented`.
fn object_compare<'py>(
    py: Python<'py>,
    slf: &Bound<'py, PyAny>,
    other: &Bound<'py, PyAny>,
    op: c_int,
    eq: impl FnOnce() -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<*mut ffi::PyObject> {
    match op {
        ffi::Py_EQ if slf.is(other) => true.into_return(py),
        ffi::Py_NE => {
            let eq = eq()?;
            if eq.is(&py.NotImplemented()) {
                return Ok(eq.into_ptr());
            }
            (!eq.is_truthy()?).into_return(py)
        }
        _ => Ok(py.NotImplemented().into_ptr()),
    }
}

/// The comparison dunder as `slot_tp_richcompare` finds it: along `type(slf).__mro__`, in
/// each class's `__dict__`, the class `def` contributing its shim (`call_shim`) or nothing.
fn compare_by_mro<'py>(
    py: Python<'py>,
    def: &'static ClassDef,
    slf: &Bound<'py, PyAny>,
    other: &Bound<'py, PyAny>,
    op: c_int,
    call_shim: Option<impl FnOnce() -> PyResult<Bound<'py, PyAny>>>,
) -> PyResult<*mut ffi::PyObject> {
    const NAMES: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];
    let Some(name) = NAMES.get(op as usize) else {
        return Err(crate::exceptions::PySystemError::new_err("invalid comparison operator"));
    };
    let own = def.state().ty.as_ptr();
    let ty = slf.get_type();
    let mut call_shim = call_shim;
    for class in ty.getattr("__mro__")?.iter()? {
        let class = class?;
        if class.as_ptr() == own {
            match call_shim.take() {
                Some(call) => return call().map(Bound::into_ptr),
                None => continue,
            }
        }
        let Ok(descr) = class.getattr("__dict__")?.get_item(*name) else { continue };
        // As `lookup_maybe_method` then the call: bound through `__get__` when it has one.
        let f = match descr.get_type().getattr("__get__") {
            Ok(get) => get.call1((descr, slf.clone(), ty.clone()))?,
            Err(_) => descr,
        };
        return f.call1((other.clone(),)).map(Bound::into_ptr);
    }
    Ok(py.NotImplemented().into_ptr())
}

/// The comparison shims of a class by `Py_LT` .. `Py_GE`, looked up once per class (a
/// class whose entry another one took looks them up on every call: still correct).
fn compare_table(def: &'static ClassDef) -> [Option<ffi::binaryfunc>; 6] {
    type Table = (usize, [Option<ffi::binaryfunc>; 6]);
    static TABLES: [OnceLock<Table>; 32] = [const { OnceLock::new() }; 32];
    let key = def as *const ClassDef as usize;
    let entry = &TABLES[(key >> 4) % TABLES.len()];
    let table = entry.get_or_init(|| (key, shims_of(def)));
    if table.0 == key {
        table.1
    } else {
        shims_of(def)
    }
}

#[cold]
fn shims_of(def: &'static ClassDef) -> [Option<ffi::binaryfunc>; 6] {
    let mut table = [None; 6];
    for item in def.items {
        if let ClassItem::Method(f) = item {
            if let Some(SlotFn::Compare(op, shim, _)) = f.slot {
                if let Some(t) = table.get_mut(op as usize) {
                    *t = Some(shim);
                }
            }
        }
    }
    table
}

/// The C value a slot returns with an exception set.
#[doc(hidden)]
pub trait SlotError: Copy {
    /// -1 or NULL.
    const ERROR: Self;
}
impl SlotError for ffi::Py_ssize_t {
    const ERROR: Self = -1;
}
impl SlotError for c_int {
    const ERROR: Self = -1;
}
impl SlotError for *mut ffi::PyObject {
    const ERROR: Self = std::ptr::null_mut();
}

/// The body of a unary typed shim (and of a method's `METH_NOARGS` shim): the receiver
/// borrowed (shared, or exclusive when `X`), `f` run with it, the error or panic raised.
///
/// # Safety
/// The GIL is held and `slf` is an instance of `T`'s class or of a subclass, alive for the
/// call. A shim generated for a dunder of `T` upholds this when it is installed as that
/// class's type slot or as the `METH_NOARGS` function of its method descriptor, and called
/// only by CPython:
/// - CPython calls a type slot through `Py_TYPE(obj)->tp_...`, so with an instance of the
///   type that holds the slot; a type holds our shim only if it is `T`'s class or inherited
///   it (a subclass: the layout starts with `T`'s, the cell is where `T`'s state says).
///   `__class__` assignment cannot give another layout our type (CPython refuses differing
///   layouts), and a unary slot has no other operand that could be the foreign one.
///   (Every shim of `__limpet_class_slot!` is made by its one `@shim` arm, with this contract.)
/// - A method descriptor checks `self` before it calls its function (`descr_check`, and the
///   `PyObject_TypeCheck` of 3.7's `methoddescr_call`/`_PyMethodDescr_FastCallKeywords`).
///
/// So the type check the general path makes (`class::cell`) is not repeated here.
#[inline(always)]
pub unsafe fn unary<T: PyClass, const X: bool, R: SlotError>(
    slf: *mut ffi::PyObject,
    f: impl for<'py> FnOnce(Python<'py>, &Bound<'py, PyAny>, &mut Guard<'_, T, X>) -> PyResult<R>,
) -> R {
    guard_with(R::ERROR, |py| {
        // SAFETY: per the contract, a live instance of `T`'s class (or a subclass).
        let (obj, cell) = unsafe { (Bound::ref_from_slot(&slf), cell_of::<T>(slf)) };
        let mut recv = Guard::acquire(cell)?;
        f(py, obj, &mut recv)
    })
}

/// The body of a binary typed shim (a comparison's): as [`unary`], with the other operand.
///
/// # Safety
/// As for [`unary`]; `arg` is a live object. Only for shims whose first argument is always
/// an instance (`compare` calls the comparison shims with one).
#[inline(always)]
pub unsafe fn binary<T: PyClass, const X: bool, R: SlotError>(
    slf: *mut ffi::PyObject,
    arg: *mut ffi::PyObject,
    f: impl for<'py> FnOnce(Python<'py>, &Bound<'py, PyAny>, &mut Guard<'_, T, X>, &Bound<'py, PyAny>) -> PyResult<R>,
) -> R {
    guard_with(R::ERROR, |py| {
        // SAFETY: per the contract: the instance, and an object alive for the call.
        let (obj, cell, arg) = unsafe { (Bound::ref_from_slot(&slf), cell_of::<T>(slf), Bound::ref_from_slot(&arg)) };
        let mut recv = Guard::acquire(cell)?;
        f(py, obj, &mut recv, arg)
    })
}

/// The body of a `#[new]` shim (`tp_new`, issue 12). A call with exactly one positional
/// argument per parameter and no keywords (when every parameter is positional and there is
/// no `*args`/`**kwargs`) reads the tuple's items and runs `fast` with them: the parameters
/// converted in order, as the general binder would bind them (same indexes, same messages).
/// Any other call (keywords, another count, a missing receiver) goes to `general` through
/// the tuple binder, unchanged, which phrases CPython's errors.
///
/// # Safety
/// As for a `tp_new` called by CPython: the GIL is held, `args` is a tuple and `kwargs` NULL
/// or a dict, all alive for the call; `general` is the body generated for `sig`.
#[doc(hidden)]
#[inline(always)]
pub unsafe fn construct<const N: usize>(
    sig: &'static Signature,
    subtype: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
    fast: impl for<'py> FnOnce(Python<'py>, &Bound<'py, PyAny>, [&Bound<'py, PyAny>; N]) -> PyResult<*mut ffi::PyObject>,
    general: crate::trampoline::Body,
) -> *mut ffi::PyObject {
    // Folds to a constant: the signature is a static of the expansion.
    let positional = sig.varargs.is_none() && sig.varkw.is_none() && sig.params.len() == N && sig.positional == N;
    // SAFETY: per the contract, `args` is a tuple alive for the call: its items (indexes
    // below its size) are borrowed pointers alive as long as it is, and so is the
    // non-NULL `subtype`; `general` gets the call unchanged.
    unsafe {
        if positional && kwargs.is_null() && !subtype.is_null() && ffi::PyTuple_Size(args) == N as ffi::Py_ssize_t {
            let items: [*mut ffi::PyObject; N] =
                std::array::from_fn(|i| ffi::PyTuple_GetItem(args, i as ffi::Py_ssize_t));
            return guard(|py| {
                fast(py, Bound::ref_from_slot(&subtype), items.each_ref().map(|p| Bound::ref_from_slot(p)))
            });
        }
        call_tuple(sig, subtype, args, kwargs, general)
    }
}

/// The fast path of a `#[new]` with `*args` or `**kwargs`, which `construct` never takes.
#[doc(hidden)]
#[cold]
pub fn not_positional() -> PyResult<*mut ffi::PyObject> {
    Err(crate::exceptions::PySystemError::new_err("a constructor with *args or **kwargs has no positional fast path"))
}

/// A method's result on its way to a typed slot: `(&Out::new(v)).len_out(py)` (and
/// `hash_out`, `bool_out`) picks the direct conversion of an integer or `bool` result when
/// there is one (a method of `Out<T>`), else the object path (a method of `&Out<T>`, for
/// any `IntoPyReturn`): the expansion knows `T`, so the choice is made at compile time.
#[doc(hidden)]
pub struct Out<T>(Cell<Option<T>>);

impl<T> Out<T> {
    #[inline(always)]
    pub fn new(value: T) -> Self {
        Out(Cell::new(Some(value)))
    }
    #[inline(always)]
    fn take(&self) -> T {
        // Each `*_out` method takes the value once.
        match self.0.take() {
            Some(v) => v,
            None => unreachable!("a slot result is converted once"),
        }
    }
}

/// A method's result on its way to a shim that returns an object: `(&ret(v)).object_out(py)`
/// is `None` inline for `()` (and `Ok(())`) (a method of `Ret<()>`); any other result converts
/// as the general path converts it (a method of `&Ret<T>`, through the `into_return` that
/// [`ret`] took where `T: IntoPyReturn` is required, so that a result that cannot be
/// returned fails to compile there, with `IntoPyReturn`'s message).
#[doc(hidden)]
pub struct Ret<T> {
    value: Cell<Option<T>>,
    convert: for<'py> fn(T, Python<'py>) -> PyResult<*mut ffi::PyObject>,
}

#[doc(hidden)]
#[inline(always)]
pub fn ret<T: IntoPyReturn>(value: T) -> Ret<T> {
    Ret { value: Cell::new(Some(value)), convert: T::into_return }
}

impl<T> Ret<T> {
    #[inline(always)]
    fn take(&self) -> T {
        // Each `object_out` takes the value once.
        match self.value.take() {
            Some(v) => v,
            None => unreachable!("a result is converted once"),
        }
    }
}

/// `None` inline (see [`Ret`]).
#[doc(hidden)]
pub trait RetDirect {
    fn object_out(&self, py: Python<'_>) -> PyResult<*mut ffi::PyObject>;
}

/// The conversion of any other result (see [`Ret`]).
#[doc(hidden)]
pub trait RetObject {
    fn object_out(&self, py: Python<'_>) -> PyResult<*mut ffi::PyObject>;
}

impl RetDirect for Ret<()> {
    #[inline(always)]
    fn object_out(&self, py: Python<'_>) -> PyResult<*mut ffi::PyObject> {
        self.take();
        Ok(crate::object::Singleton::None.bind(py).into_ptr())
    }
}

impl<E: Into<PyErr>> RetDirect for Ret<Result<(), E>> {
    #[inline(always)]
    fn object_out(&self, py: Python<'_>) -> PyResult<*mut ffi::PyObject> {
        self.take().map_err(Into::into)?;
        Ok(crate::object::Singleton::None.bind(py).into_ptr())
    }
}

impl<T> RetObject for &Ret<T> {
    #[inline(always)]
    fn object_out(&self, py: Python<'_>) -> PyResult<*mut ffi::PyObject> {
        (self.convert)(self.take(), py)
    }
}

/// The direct conversions (implemented for `Out<int>` and `Out<bool>`, and their results).
#[doc(hidden)]
pub trait SlotDirect {
    fn len_out(&self, py: Python<'_>) -> PyResult<ffi::Py_ssize_t>;
    fn hash_out(&self, py: Python<'_>) -> PyResult<ffi::Py_hash_t>;
    fn bool_out(&self, py: Python<'_>, slf: &Bound<'_, PyAny>) -> PyResult<c_int>;
    fn contains_out(&self, py: Python<'_>) -> PyResult<c_int>;
}

/// The object path: the result converted to its Python object, then checked as CPython
/// checks a Python dunder's.
#[doc(hidden)]
pub trait SlotObject {
    fn len_out(&self, py: Python<'_>) -> PyResult<ffi::Py_ssize_t>;
    fn hash_out(&self, py: Python<'_>) -> PyResult<ffi::Py_hash_t>;
    fn bool_out(&self, py: Python<'_>, slf: &Bound<'_, PyAny>) -> PyResult<c_int>;
    fn contains_out(&self, py: Python<'_>) -> PyResult<c_int>;
}

impl<T: IntoPyReturn> SlotObject for &Out<T> {
    fn len_out(&self, py: Python<'_>) -> PyResult<ffi::Py_ssize_t> {
        len_of(py, &object(py, self.take())?)
    }
    fn hash_out(&self, py: Python<'_>) -> PyResult<ffi::Py_hash_t> {
        hash_of(py, &object(py, self.take())?)
    }
    fn bool_out(&self, py: Python<'_>, slf: &Bound<'_, PyAny>) -> PyResult<c_int> {
        bool_of(py, slf, &object(py, self.take())?)
    }
    /// `sq_contains`: the result's truth, as `slot_sq_contains` takes it.
    fn contains_out(&self, py: Python<'_>) -> PyResult<c_int> {
        object(py, self.take())?.is_truthy().map(c_int::from)
    }
}

pub(super) fn object<T: IntoPyReturn>(py: Python<'_>, value: T) -> PyResult<Bound<'_, PyAny>> {
    crate::convert::sealed::Sealed::into_object(value, py)
}

/// An integer a `__len__` or `__hash__` returned, as CPython's `slot_sq_length` and
/// `slot_tp_hash` treat a Python int.
trait SlotInt: Copy + TryInto<isize> + crate::IntoPy {
    fn negative(self) -> bool;
}

macro_rules! slot_ints {
    ($($t:ty),*) => {$(
        impl SlotInt for $t {
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn negative(self) -> bool { self < 0 }
        }
        impl SlotDirect for Out<$t> {
            #[inline(always)]
            fn len_out(&self, _: Python<'_>) -> PyResult<ffi::Py_ssize_t> { len_int(self.take()) }
            #[inline(always)]
            fn hash_out(&self, py: Python<'_>) -> PyResult<ffi::Py_hash_t> { hash_int(py, self.take()) }
            fn bool_out(&self, py: Python<'_>, slf: &Bound<'_, PyAny>) -> PyResult<c_int> {
                bool_of(py, slf, &object(py, self.take())?)
            }
            fn contains_out(&self, _: Python<'_>) -> PyResult<c_int> { Ok(c_int::from(self.take() != 0)) }
        }
        impl<E: Into<PyErr>> SlotDirect for Out<Result<$t, E>> {
            #[inline(always)]
            fn len_out(&self, _: Python<'_>) -> PyResult<ffi::Py_ssize_t> { len_int(self.take().map_err(Into::into)?) }
            #[inline(always)]
            fn hash_out(&self, py: Python<'_>) -> PyResult<ffi::Py_hash_t> { hash_int(py, self.take().map_err(Into::into)?) }
            fn bool_out(&self, py: Python<'_>, slf: &Bound<'_, PyAny>) -> PyResult<c_int> {
                bool_of(py, slf, &object(py, self.take().map_err(Into::into)?)?)
            }
            fn contains_out(&self, _: Python<'_>) -> PyResult<c_int> { Ok(c_int::from(self.take().map_err(Into::into)? != 0)) }
        }
    )*};
}
slot_ints!(usize, isize, u64, i64, u32, i32, u16, i16, u8, i8);

impl SlotDirect for Out<bool> {
    fn len_out(&self, _: Python<'_>) -> PyResult<ffi::Py_ssize_t> {
        // A bool is an int: len(True) == 1.
        Ok(self.take() as ffi::Py_ssize_t)
    }
    fn hash_out(&self, _: Python<'_>) -> PyResult<ffi::Py_hash_t> {
        Ok(self.take() as ffi::Py_hash_t)
    }
    #[inline(always)]
    fn bool_out(&self, _: Python<'_>, _: &Bound<'_, PyAny>) -> PyResult<c_int> {
        Ok(c_int::from(self.take()))
    }
    #[inline(always)]
    fn contains_out(&self, _: Python<'_>) -> PyResult<c_int> {
        Ok(c_int::from(self.take()))
    }
}

impl<E: Into<PyErr>> SlotDirect for Out<Result<bool, E>> {
    fn len_out(&self, _: Python<'_>) -> PyResult<ffi::Py_ssize_t> {
        Ok(self.take().map_err(Into::into)? as ffi::Py_ssize_t)
    }
    fn hash_out(&self, _: Python<'_>) -> PyResult<ffi::Py_hash_t> {
        Ok(self.take().map_err(Into::into)? as ffi::Py_hash_t)
    }
    #[inline(always)]
    fn bool_out(&self, _: Python<'_>, _: &Bound<'_, PyAny>) -> PyResult<c_int> {
        Ok(c_int::from(self.take().map_err(Into::into)?))
    }
    #[inline(always)]
    fn contains_out(&self, _: Python<'_>) -> PyResult<c_int> {
        Ok(c_int::from(self.take().map_err(Into::into)?))
    }
}

/// `__len__` of an integer: negative is CPython's ValueError (checked first, as
/// `slot_sq_length` does), beyond `Py_ssize_t` its OverflowError.
#[inline(always)]
fn len_int<I: SlotInt>(n: I) -> PyResult<ffi::Py_ssize_t> {
    if n.negative() {
        return Err(len_negative());
    }
    n.try_into().map_err(|_| len_overflow())
}

#[cold]
fn len_negative() -> PyErr {
    crate::exceptions::PyValueError::new_err("__len__() should return >= 0")
}

#[cold]
fn len_overflow() -> PyErr {
    crate::exceptions::PyOverflowError::new_err("cannot fit 'int' into an index-sized integer")
}

/// `__hash__` of an integer: itself when it fits `Py_hash_t` (-1, the error value, is -2),
/// else the hash of the Python int (as `slot_tp_hash` reduces a wider one).
#[inline(always)]
fn hash_int<I: SlotInt>(py: Python<'_>, n: I) -> PyResult<ffi::Py_hash_t> {
    match n.try_into() {
        Ok(-1) => Ok(-2),
        Ok(h) => Ok(h),
        Err(_) => hash_of(py, &object(py, n)?),
    }
}

/// `sq_length`/`mp_length` of any result: a non-negative size, checked as CPython's
/// `slot_sq_length` checks a Python `__len__`: `__index__` of the result, then its sign (any
/// negative value is a `ValueError`, however large), then its size (`OverflowError`).
fn len_of(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<ffi::Py_ssize_t> {
    // An int (a subclass too) is used as it is, as CPython's `_PyNumber_Index` does
    // (`PyNumber_Index` makes a subclass an exact int from 3.10, which would change the
    // type named in the OverflowError).
    crate::convert::int::with_index(obj, |index| match crate::convert::int::as_i64(py, index)? {
        Some(n) if n >= 0 => n.try_into().map_err(|_| len_overflow_of(py, index)),
        Some(_) => Err(len_negative()),
        // Beyond 64 bits: a negative value, however large, is the ValueError.
        None if index.lt(0i64)? => Err(len_negative()),
        None => Err(len_overflow_of(py, index)),
    })
}

/// `PyNumber_AsSsize_t`'s OverflowError, naming the int's type (a subclass's own name).
#[cold]
fn len_overflow_of(py: Python<'_>, index: &Bound<'_, PyAny>) -> PyErr {
    crate::exceptions::PyOverflowError::new_err(format!(
        "cannot fit '{}' into an index-sized integer",
        tp_name(py, index)
    ))
}

/// `tp_hash` of any result, as CPython's `slot_tp_hash` treats a Python `__hash__`: the
/// result must be an `int` (a `bool` or another subclass too); one within `Py_hash_t` is the
/// hash itself, a wider one is reduced as `int.__hash__` reduces it, and -1 is -2.
fn hash_of(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<ffi::Py_hash_t> {
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

/// `nb_bool` of any result: it must be a `bool`, as CPython's `slot_nb_bool` requires of a
/// Python `__bool__` (with its message, which 3.15 reworded).
fn bool_of(py: Python<'_>, slf: &Bound<'_, PyAny>, obj: &Bound<'_, PyAny>) -> PyResult<c_int> {
    if <crate::types::PyBool as crate::types::PyTypeCheck>::type_check(obj) {
        return obj.is_truthy().map(c_int::from);
    }
    Err(PyTypeError::new_err(if runtime().version.at_least(3, 15) {
        format!("{}.__bool__() must return a bool, not {}", qualified_type_name(py, slf), qualified_type_name(py, obj))
    } else {
        format!("__bool__ should return bool, returned {}", tp_name(py, obj))
    }))
}

/// `Py_TYPE(obj)->tp_name`, which CPython's messages print and the Limited API cannot
/// read: `object.__format__(obj, "x")` raises `unsupported format string passed to
/// <tp_name>.__format__` on every version (at most 200 characters of the name) without
/// running any code of `obj`'s type. `__name__` if that ever fails.
pub(super) fn tp_name(py: Python<'_>, obj: &Bound<'_, PyAny>) -> String {
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
pub(super) fn qualified_type_name(py: Python<'_>, obj: &Bound<'_, PyAny>) -> String {
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
