//! The class description `class!` emits ([`ClassDef`], its items and options) and the
//! per-type state decided when the type is created ([`TypeState`]).

use super::*;

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
    /// `#[extends(Base)]`: the class this one extends (its Python base class): a limpet
    /// class, a builtin type or one found at run time.
    pub base: Option<ClassBase>,
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
    pub(super) ty: Py,
    /// Offset of the `ClassCell<T>` in an instance.
    pub(super) cell_offset: usize,
    /// Offset of the `__dict__` pointer (0: none).
    pub(super) dict_offset: usize,
    /// Offset of the weak-reference list pointer (0: none).
    pub(super) weaklist_offset: usize,
    /// Whether the type takes part in GC.
    pub(super) gc: bool,
    /// Whether the type has a `tp_finalize` of ours (`__del__`, its own or a limpet base's).
    pub(super) finalize: bool,
    /// The base that is not a limpet class at the root of the `#[extends]` chain, if any: it
    /// allocates and frees instances.
    pub(super) native: Option<&'static NativeBase>,
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
    pub(super) fn has_instance(&self, obj: &Bound<'_, PyAny>) -> bool {
        // SAFETY: a valid object and our type object (kept alive by `ty`).
        unsafe { ffi::PyObject_TypeCheck(obj.as_ptr(), self.ty.as_ptr() as *mut ffi::PyTypeObject) != 0 }
    }
}

impl ClassDef {
    pub(super) fn base_def(&self) -> Option<&'static ClassDef> {
        self.base.as_ref().and_then(ClassBase::class_def)
    }
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

    pub(super) fn state(&self) -> &TypeState {
        self.state.get().expect("instances exist only after their type was created")
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
