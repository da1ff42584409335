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
    /// `#[dict]`: instances get a `__dict__`.
    pub dict: bool,
    /// `#[weakref]`: instances can be weakly referenced.
    pub weakref: bool,
    /// `#[eq]`: `tp_richcompare` from `PartialEq` (`class::options`).
    pub eq: Option<ffi::richcmpfunc>,
    /// `#[ord]`: `tp_richcompare` from `PartialOrd` (with `#[eq]`).
    pub ord: Option<ffi::richcmpfunc>,
    /// `#[hash]`: `tp_hash` from `Hash` (with `#[eq]` and `#[frozen]`).
    pub hash: Option<ffi::hashfunc>,
    /// `#[str]`: `tp_str` from `Display`.
    pub str: Option<ffi::reprfunc>,
    /// `#[repr]`: `tp_repr` from `Debug`.
    pub repr: Option<ffi::reprfunc>,
    /// `#[name = ".."]`: the Python name, when not the Rust name.
    pub name: Option<&'static str>,
    /// `#[module = ".."]`: `__module__`, when not the module the class is added to.
    pub module: Option<&'static str>,
}

impl ClassOptions {
    /// Options from their names (the enum's `&["frozen"]`); an unknown name stops
    /// compilation when evaluated in a constant.
    #[inline]
    pub const fn parse(names: &[&str]) -> ClassOptions {
        let mut o = ClassOptions::EMPTY;
        let mut i = 0;
        while i < names.len() {
            o = o.flag(names[i]);
            i += 1;
        }
        o
    }

    const EMPTY: ClassOptions = ClassOptions {
        subclass: false,
        frozen: false,
        dict: false,
        weakref: false,
        eq: None,
        ord: None,
        hash: None,
        str: None,
        repr: None,
        name: None,
        module: None,
    };

    #[inline]
    const fn flag(mut self, name: &str) -> ClassOptions {
        match name.as_bytes() {
            b"subclass" => self.subclass = true,
            b"frozen" => self.frozen = true,
            b"dict" => self.dict = true,
            b"weakref" => self.weakref = true,
            _ => panic!(
                "limpet::class!: unknown class option; expected #[subclass], #[frozen], #[dict], #[weakref], #[eq], \
                 #[ord], #[hash], #[str], #[repr], #[name = \"..\"] or #[module = \"..\"]"
            ),
        }
        self
    }

    /// Options as `class!` records them (`class!` rejects the contradictions at compile time:
    /// `#[hash]` without `#[eq]` or `#[frozen]`, `#[ord]` without `#[eq]`).
    #[inline]
    pub const fn from_options(options: &[super::ClassOption]) -> ClassOptions {
        use super::ClassOption as O;
        let mut o = ClassOptions::EMPTY;
        let mut i = 0;
        while i < options.len() {
            match options[i] {
                O::Flag(name) => o = o.flag(name),
                O::Eq(f) => o.eq = Some(f),
                O::Ord(f) => o.ord = Some(f),
                O::Hash(f) => o.hash = Some(f),
                O::Str(f) => o.str = Some(f),
                O::Repr(f) => o.repr = Some(f),
                O::Name(n) => o.name = Some(n),
                O::Module(m) => o.module = Some(m),
            }
            i += 1;
        }
        // `#[ord]` needs `#[eq]`, `#[hash]` needs `#[eq]` and `#[frozen]`: compile errors at the
        // option (`__limpet_class_conflicts!`, `checks.rs`).
        o
    }

    /// The Python name: `#[name = ".."]` or the Rust name.
    #[inline]
    pub const fn py_name(&self, rust: &'static str) -> &'static str {
        match self.name {
            Some(n) => n,
            None => rust,
        }
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
/// A class's `__traverse__` as [`plain_traverse`](super::plain_traverse) calls it
/// ([`traverse`](super::traverse)`::<T>`): the object and the GC's visitor.
pub type TraverseFn = for<'a, 'py> fn(&'a Bound<'py, PyAny>, &'a PyVisit<'a>) -> c_int;
#[doc(hidden)]
/// A class's `__clear__` as [`plain_clear`](super::plain_clear) calls it
/// ([`clear`](super::clear)`::<T>`).
pub type ClearFn = for<'a, 'py> fn(&'a Bound<'py, PyAny>);

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
    Traverse(TraverseFn),
    /// `__clear__`.
    Clear(ClearFn),
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
    /// `plain_clear::<T>`, items whose shims were generated for `T`, and options whose slot
    /// functions are `class::options`' instantiated for `T`), returned by `T`'s
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
        let state = create_type(py, self, self.options.module.or(module).unwrap_or("builtins"))?;
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

    #[inline]
    pub(super) fn state(&self) -> &TypeState {
        self.state.get().expect("instances exist only after their type was created")
    }
}

/// Make sure the class's type exists (for `module!`'s `class NAME;`).
pub(crate) fn ensure_type<'py>(py: Python<'py>, def: &'static ClassDef, module: &str) -> PyResult<Bound<'py, PyAny>> {
    let module = def.options.module.unwrap_or(module);
    let ty = def.type_object_in(py, Some(module))?;
    let current = ty.getattr("__module__")?.extract::<String>()?;
    if current != module {
        ty.setattr("__module__", module)?;
    }
    Ok(ty)
}

#[doc(hidden)]
/// The length of `parts` joined (for [`concat_bytes`], in a constant).
#[inline]
pub const fn concat_len(parts: &[&str]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < parts.len() {
        n += parts[i].len();
        i += 1;
    }
    n
}

#[doc(hidden)]
/// `parts` joined, in a constant: how `class!` spells `PyName.method` when the Python name
/// (`#[name = ".."]`) is not the Rust one (`concat!` takes only literals). `N` is
/// [`concat_len`]`(parts)`; another length stops compilation.
///
/// ```
/// const PARTS: &[&str] = &["Pretty", ".", "echo"];
/// const BYTES: [u8; limpet::class::concat_len(PARTS)] = limpet::class::concat_bytes(PARTS);
/// assert_eq!(std::str::from_utf8(&BYTES).unwrap(), "Pretty.echo");
/// ```
pub const fn concat_bytes<const N: usize>(parts: &[&str]) -> [u8; N] {
    assert!(concat_len(parts) == N, "concat_bytes: N is not the joined length");
    let mut out = [0u8; N];
    let mut at = 0;
    let mut i = 0;
    while i < parts.len() {
        let bytes = parts[i].as_bytes();
        let mut j = 0;
        while j < bytes.len() {
            out[at] = bytes[j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
    out
}
