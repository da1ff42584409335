//! Type creation: the `PyType_Spec` (slots, methods, properties, members) built from a
//! [`ClassDef`], the instance layout, and the version gates of class options.

use super::native;
use super::numslot;
use super::*;

/// Which CPython introduced an optional class feature for heap types from a spec.
pub(super) fn require(py: Python<'_>, def: &ClassDef, feature: &str, minor: u8) -> PyResult<()> {
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

pub(super) fn align_up(n: usize, align: usize) -> usize {
    n.div_ceil(align) * align
}

pub(super) fn create_type<'py>(py: Python<'py>, def: &'static ClassDef, module: &str) -> PyResult<TypeState> {
    // 3.7/3.8: `#[dict]`/`#[weakref]` of a class without a base come from a layout base
    // (`dict::layout_base`); with a base, that base must provide them (checked below).
    let pre39 = !runtime().version.at_least(3, 9);
    if def.items.iter().any(|i| matches!(i, ClassItem::Buffer(..))) {
        // Never below 3.11: 3.7/3.8 accept the slot ids but write them over the type's refcount.
        require(py, def, "__buffer__ (the buffer protocol)", 11)?;
    }
    // The base: `object`, a limpet class this one extends, or another type (builtin or found
    // at run time). Our part starts after the base's `__basicsize__` (aligned): nothing about
    // the base's layout is assumed at build time.
    let mut native = None;
    let base = match &def.base {
        Some(ClassBase::Class(b)) => {
            let b = b();
            let ty = b.type_object_in(py, Some(module))?;
            if !b.options.subclass {
                return Err(PyTypeError::new_err(format!(
                    "class {} extends {}, which is not #[subclass]",
                    def.name, b.name
                )));
            }
            native = b.state().native;
            Some((Some(b), ty))
        }
        Some(other) => match other.native_type(py)? {
            Some(ty) => {
                native = Some(native::resolve(py, def, &ty)?);
                Some((None, ty))
            }
            None => None,
        },
        None => None,
    };
    let layout = match pre39 && (def.options.dict || def.options.weakref) && base.is_none() {
        true => Some(dict::layout_base(py, def.options.dict, def.options.weakref)?),
        false => None,
    };
    let base = base.or_else(|| layout.as_ref().map(|l| (None, l.ty.clone())));
    let header = match &base {
        Some((_, ty)) => ty.getattr("__basicsize__")?.extract::<usize>()?,
        None => object_basicsize(py)?,
    };
    let base_state = base.as_ref().and_then(|(b, _)| b.map(|b| b.state()));
    let (cell_size, cell_align) = def.cell_layout;
    let cell_offset = align_up(header, cell_align);
    let mut basicsize = cell_offset + cell_size;
    let ptr = std::mem::size_of::<*mut ffi::PyObject>();
    let mut dict_offset = base_state.map_or(layout.as_ref().map_or(0, |l| l.dict_offset), |s| s.dict_offset);
    let mut weaklist_offset =
        base_state.map_or(layout.as_ref().map_or(0, |l| l.weaklist_offset), |s| s.weaklist_offset);
    // A base that is not a limpet class may have its own (it manages them).
    let native_dict = native.is_some_and(|n| n.dict_offset != 0);
    let native_weaklist = native.is_some_and(|n| n.weaklist_offset != 0);
    if def.options.dict && dict_offset == 0 && !native_dict {
        dict_offset = align_up(basicsize, ptr);
        basicsize = dict_offset + ptr;
    }
    if def.options.weakref && weaklist_offset == 0 && !native_weaklist {
        weaklist_offset = align_up(basicsize, ptr);
        basicsize = weaklist_offset + ptr;
    }
    let own_dict = def.options.dict && base_state.is_none_or(|s| s.dict_offset == 0) && !native_dict;
    let own_weakref = def.options.weakref && base_state.is_none_or(|s| s.weaklist_offset == 0) && !native_weaklist;
    // Before 3.9 a spec cannot place them (the layout base does, for a class without a base).
    if pre39 && layout.is_none() {
        if own_dict {
            require(py, def, "#[dict] (an instance __dict__) on a class whose base has none", 9)?;
        }
        if own_weakref {
            require(py, def, "#[weakref] (weak references to instances) on a class whose base has none", 9)?;
        }
    }

    let mut methods = Vec::new();
    let mut new = None;
    let mut traverse = None;
    let mut clear = None;
    let mut has_del = false;
    let mut richcompare = None;
    let mut buffer = None;
    let mut dunders = Vec::new();
    let mut direct: Vec<SlotFn> = Vec::new();
    for item in def.items {
        match item {
            ClassItem::Method(f) => {
                methods.push(numslot::method_def(f));
                match f.slot {
                    Some(SlotFn::Num(n)) if !n.usable(def) => dunders.push(f.name),
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
            // Merged by name in `property::getset_defs`.
            ClassItem::Property { .. } | ClassItem::Deleter(..) => {}
            // Set by `type_object_in` once the type exists.
            ClassItem::ClassAttr(..) => {}
            ClassItem::Traverse(t) => traverse = Some(*t),
            ClassItem::Clear(c) => clear = Some(*c),
            ClassItem::RichCompare(r) => richcompare = Some(*r),
            ClassItem::Buffer(get, release) => buffer = Some((*get, *release)),
        }
    }
    // Own GC slots when this class needs them; otherwise a GC base's are inherited. They
    // walk the whole #[extends] chain.
    // A GC base that is not a limpet class: our slots, which call its own after ours.
    let base_gc = base_state.is_some_and(|s| s.gc);
    let native_gc = base_state.is_none() && native.is_some_and(|n| n.gc);
    // A layout base is a GC type: our own GC slots, never its `subtype_traverse`.
    let own_gc = traverse.is_some() || own_dict || (clear.is_some() && base_gc) || native_gc || layout.is_some();
    let gc = own_gc || base_gc;
    let finalize = has_del || base_state.is_some_and(|s| s.finalize);

    let mut getset = getset_defs(def);
    let mut members: Vec<ffi::PyMemberDef> = Vec::new();
    if own_dict {
        if layout.is_none() {
            members.push(offset_member("__dictoffset__", dict_offset));
        }
        getset.push(ffi::PyGetSetDef {
            name: leak_cstr("__dict__"),
            get: Some(dict_get),
            set: Some(ffi::PyObject_GenericSetDict),
            doc: std::ptr::null(),
            closure: dict_offset as *mut c_void,
        });
    }
    if own_weakref && layout.is_none() {
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
    def.options.slots(&mut slot);
    if let Some((get, release)) = buffer {
        slot(ffi::Py_bf_getbuffer, get as *mut c_void);
        slot(ffi::Py_bf_releasebuffer, release as *mut c_void);
    }
    // A class with `__richcmp__` (or `#[eq]`/`#[ord]`) compares through that one
    // `tp_richcompare`; its typed comparison dunders stay plain methods (one slot per id:
    // which of two would win depends on the interpreter).
    let richcompare_taken = richcompare.is_some() || def.options.ord.or(def.options.eq).is_some();
    let mut direct_slots = Vec::new();
    for s in direct {
        if richcompare_taken && matches!(s, SlotFn::Compare(..)) {
            continue;
        }
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
    if (has("__eq__") || richcmp || def.options.eq.is_some()) && !has("__hash__") && def.options.hash.is_none() {
        // As for a Python class: defining __eq__ without __hash__ makes instances unhashable.
        ty.setattr("__hash__", py.None())?;
    }
    Ok(TypeState {
        ty: ty.unbind(),
        cell_offset,
        dict_offset,
        weaklist_offset,
        gc,
        finalize,
        native,
        spec_name,
        members_addr,
    })
}

/// `object.__basicsize__`: the size of the object header, read from the interpreter (the
/// header's layout is not assumed: it differs in debug and free-threaded builds).
fn object_basicsize(py: Python<'_>) -> PyResult<usize> {
    static SIZE: OnceLock<usize> = OnceLock::new();
    if let Some(size) = SIZE.get() {
        return Ok(*size);
    }
    let object = native::builtin(py, "object")?;
    let size = object.getattr("__basicsize__")?.extract::<usize>()?;
    Ok(*SIZE.get_or_init(|| size))
}

pub(super) fn offset_member(name: &str, offset: usize) -> ffi::PyMemberDef {
    ffi::PyMemberDef {
        name: leak_cstr(name),
        type_code: ffi::T_PYSSIZET,
        offset: offset as ffi::Py_ssize_t,
        flags: ffi::READONLY,
        doc: std::ptr::null(),
    }
}
