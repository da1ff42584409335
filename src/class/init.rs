//! Construction: `#[new]` (`tp_new`), [`Py::new`], initialisers of `#[extends]` chains, and
//! the `tp_new` of a class without `#[new]`.

use super::lifecycle::cached_slots;
use super::native;
use super::*;

pub(super) unsafe extern "C" fn no_constructor(
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

#[doc(hidden)]
/// A new instance of `T`'s class holding `value` (a class that extends another needs
/// `(T, Base)` through [`Py::new`]-like initializers; this is for plain classes).
pub fn new_instance<'py, T: PyClass>(py: Python<'py>, value: T) -> PyResult<Bound<'py, PyAny>> {
    let ty = T::class_def().type_object(py)?;
    alloc_with::<T, T>(py, T::class_def().state(), ty.as_ptr(), value)
}

#[doc(hidden)]
/// What initialises an instance: the class's value, and for a class that `#[extends]`
/// another, its base's too: `(value, base_value)`. Sealed: `write` must initialise every
/// cell `check` accepted, so only the two implementations here exist.
pub trait Initializer<T: PyClass>: initializer::Sealed {
    /// Check that this initialises every limpet class in `T`'s chain.
    fn check(&self) -> PyResult<()>;
    /// Write the values into a freshly allocated instance.
    fn write(self, fresh: &Fresh);
    /// `T`'s value alone (`Err(self)` for a pair): what a class that extends nothing takes.
    #[doc(hidden)]
    fn alone(self) -> Result<T, Self>
    where
        Self: Sized;
}

mod initializer {
    pub trait Sealed {}
    impl<T: super::PyClass> Sealed for T {}
    impl<T: super::PyClass, B: super::PyClass> Sealed for (T, B) {}
}

#[doc(hidden)]
/// A new, zeroed instance that no one else has seen yet, of a class whose chain the
/// initializer being written was checked to cover (`Initializer::check`). Made only by
/// [`alloc_with`] and [`new_for_subtype`]: that is the whole contract of [`Fresh::put`].
pub struct Fresh {
    obj: *mut ffi::PyObject,
}

impl Fresh {
    /// Move `value` into its class's cell (at `offset`, the cell offset of `U`'s class).
    /// Called once per class of the checked chain, with that class's value: `T` for the
    /// instance's own class, then each base `check` accepted (the only callers are the two
    /// sealed `write`s).
    #[inline(always)]
    fn put<U: PyClass>(&self, offset: usize, value: U) {
        // SAFETY: `self.obj` is a fresh instance of a class whose chain holds `U`'s class
        // (the type's contract, and `check`), so a `ClassCell<U>` lives at `U`'s offset;
        // nothing has read it yet and nothing else writes it.
        unsafe { field::<ClassCell<U>>(self.obj, offset).write(ClassCell::new(value)) }
    }
}

impl<T: PyClass> Initializer<T> for T {
    #[inline]
    fn check(&self) -> PyResult<()> {
        // A class that extends nothing (the common case) is all `T`.
        if T::class_def().base.is_none() {
            return Ok(());
        }
        not_whole(T::class_def())
    }

    #[inline]
    fn write(self, fresh: &Fresh) {
        fresh.put(T::class_def().state().cell_offset, self);
    }

    #[inline(always)]
    fn alone(self) -> Result<T, Self> {
        Ok(self)
    }
}

/// `T` alone initialises a class that extends another: refused unless the base is not a
/// limpet class (which initialises its own part).
#[cold]
#[inline(never)]
fn not_whole(def: &'static ClassDef) -> PyResult<()> {
    match def.base_def() {
        None => Ok(()),
        Some(b) => Err(PyTypeError::new_err(format!(
            "{} extends {}: its #[new] must return ({}, {}) so that both parts are initialised",
            def.name, b.name, def.name, b.name
        ))),
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

    fn write(self, fresh: &Fresh) {
        Initializer::<T>::write(self.0, fresh);
        Initializer::<B>::write(self.1, fresh);
    }

    fn alone(self) -> Result<T, Self> {
        Err(self)
    }
}

/// How [`allocate`] makes a new instance of a limpet class's type (or of a subclass).
enum Alloc<'a> {
    /// The class's own type, with its cached `tp_alloc`.
    Own(&'a super::lifecycle::TypeSlots),
    /// A type whose chain starts at a base that is not a limpet class: the base allocates
    /// (and initialises its part).
    Native(&'static super::NativeBase, *mut ffi::PyObject),
    /// A heap subclass of the class (a Python subclass): its `tp_alloc`.
    Subclass(*mut ffi::PyObject),
}

/// A new zeroed instance (not yet initialised: for [`Fresh`]), or the allocator's error.
///
/// Module invariant (what makes this safe to call here): a `Native` or `Subclass` type is
/// the type being instantiated, a subtype of the class `alloc_with` allocates for (CPython's
/// `tp_new` receiver, or checked by `new_for_subtype`); an `Own` carries its own type.
#[inline(always)]
fn allocate<'py>(py: Python<'py>, how: Alloc<'_>) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: per the invariant: a heap type of ours or a subclass, alive (the class's
    // state, or the caller's reference). PyType_GetSlot works on heap types on every
    // version; tp_alloc returns a zeroed new instance or NULL with an exception set. A base
    // that is not a limpet class allocates itself: `native_alloc`'s contract holds for the
    // class's subtypes.
    unsafe {
        let (alloc, ty) = match how {
            Alloc::Own(slots) => (slots.alloc, slots.ty()),
            Alloc::Native(native, ty) => return native::native_alloc(py, native, ty),
            Alloc::Subclass(ty) => {
                let alloc = ffi::PyType_GetSlot(ty as *mut ffi::PyTypeObject, ffi::Py_tp_alloc);
                (std::mem::transmute::<*mut c_void, ffi::allocfunc>(alloc), ty)
            }
        };
        Bound::from_owned_ptr_or_err(py, alloc(ty as *mut ffi::PyTypeObject, 0))
    }
}

#[inline]
pub(super) fn alloc_with<'py, T: PyClass, I: Initializer<T>>(
    py: Python<'py>,
    state: &TypeState,
    subtype: *mut ffi::PyObject,
    init: I,
) -> PyResult<Bound<'py, PyAny>> {
    init.check()?;
    let own;
    let how = match state.native {
        Some(native) => Alloc::Native(native, subtype),
        // The class's own type: its slots looked up once, not per object.
        None if subtype == state.ty.as_ptr() => {
            own = super::lifecycle::own_type_slots(T::class_def(), state);
            Alloc::Own(&own)
        }
        None => Alloc::Subclass(subtype),
    };
    let obj = allocate(py, how)?;
    init.write(&Fresh { obj: obj.as_ptr() });
    Ok(obj)
}

/// Used by `#[new]` shims: allocate `subtype` (the receiver of `tp_new`) from `init`.
///
/// `subtype` must be `T`'s class or a subclass of it (a `TypeError` otherwise, worded as
/// CPython's `tp_new` wrapper words it): CPython passes one, a Rust caller might not, and the
/// cell is written at `T`'s offset.
#[doc(hidden)]
#[inline]
pub fn new_for_subtype<'py, T: PyClass, I: Initializer<T>>(
    subtype: &Bound<'py, PyAny>,
    init: I,
) -> PyResult<Bound<'py, PyAny>> {
    let def = T::class_def();
    // The class's own type, extending nothing (its slots cached by the first instance):
    // allocated and written here, no `OnceLock` and no chain to check.
    let init = match cached_slots(subtype.as_ptr(), def).filter(|e| e.alone) {
        Some(slots) => match init.alone() {
            Ok(value) => {
                let obj = allocate(subtype.py(), Alloc::Own(slots))?;
                // A class that extends nothing: its value is the whole instance.
                Fresh { obj: obj.as_ptr() }.put(slots.cell_offset, value);
                return Ok(obj);
            }
            Err(init) => init,
        },
        None => init,
    };
    new_general(subtype, init)
}

/// [`new_for_subtype`] of anything but the class's own type extending nothing: out of line.
#[inline(never)]
fn new_general<'py, T: PyClass, I: Initializer<T>>(
    subtype: &Bound<'py, PyAny>,
    init: I,
) -> PyResult<Bound<'py, PyAny>> {
    let def = T::class_def();
    let state = match def.state.get() {
        Some(state) => state,
        None => created(subtype.py(), def)?,
    };
    let ty = state.ty.as_ptr(); // alive as long as the process: the state is static
    if subtype.as_ptr() != ty {
        check_subtype(state.spec_name.to_str().unwrap_or(def.name), subtype, ty)?;
    }
    alloc_with::<T, I>(subtype.py(), state, subtype.as_ptr(), init)
}

/// The state of a class whose type does not exist yet (a Rust caller before the module).
#[cold]
#[inline(never)]
fn created(py: Python<'_>, def: &'static ClassDef) -> PyResult<&'static TypeState> {
    def.type_object(py)?;
    Ok(def.state())
}

/// Whether `subtype` is a type object and a subtype of `ty` (the class `name`, its
/// `tp_name`); CPython's messages name the subtype by its `tp_name`, here its `__name__`
/// (the same for builtin and Python classes).
#[cold]
#[inline(never)]
pub(super) fn check_subtype(name: &str, subtype: &Bound<'_, PyAny>, ty: *mut ffi::PyObject) -> PyResult<()> {
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
    ///
    /// A class that `#[extends]` another limpet class is given both parts, `(value, base)`:
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::class! {
    ///     #[subclass]
    ///     pub struct Animal { #[py(get)] pub name: String }
    /// }
    /// limpet::class! {
    ///     #[extends(Animal)]
    ///     pub struct Dog { #[py(get)] pub breed: String }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let dog: Py<Dog> = Py::new(py, (Dog { breed: "collie".into() }, Animal { name: "Rex".into() }))?;
    /// assert_eq!(dog.bind(py).as_any().getattr("name")?.extract::<String>()?, "Rex");
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn new<I: Initializer<T>>(py: Python<'_>, value: I) -> PyResult<Py<T>> {
        let ty = T::class_def().type_object(py)?;
        let obj = alloc_with::<T, I>(py, T::class_def().state(), ty.as_ptr(), value)?;
        // SAFETY: a fresh instance of T's class.
        Ok(unsafe { obj.cast_unchecked::<T>() }.unbind())
    }
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
