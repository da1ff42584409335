//! Properties: `#[py(get, set)]` fields, `#[getter]`/`#[setter]`/`#[deleter]` methods, one
//! `PyGetSetDef` per name.

use super::*;

/// The Python name of a property: `#[getter] fn get_x`, `#[setter] fn set_x` and
/// `#[deleter] fn del_x` / `fn delete_x` name `x`.
pub(crate) fn property_name(name: &'static str) -> &'static str {
    ["get_", "set_", "delete_", "del_"].iter().find_map(|p| name.strip_prefix(p)).unwrap_or(name)
}

pub(super) struct PropertyFns {
    get: Option<GetterFn>,
    set: Option<SetterFn>,
    del: Option<DeleterFn>,
    name: &'static str,
}

/// One `PyGetSetDef` per property name (getter, setter and deleter sides merged; the closure
/// is the leaked [`PropertyFns`] `property_get`/`property_set` read), without the terminator.
pub(super) fn getset_defs(def: &ClassDef) -> Vec<ffi::PyGetSetDef> {
    let mut props: Vec<PropertyFns> = Vec::new();
    for item in def.items {
        match item {
            ClassItem::Property { get: None, set: None, .. } => {}
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
            _ => {}
        }
    }
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
    getset
}

pub(super) unsafe extern "C" fn property_get(obj: *mut ffi::PyObject, closure: *mut c_void) -> *mut ffi::PyObject {
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

pub(super) unsafe extern "C" fn property_set(
    obj: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
    closure: *mut c_void,
) -> c_int {
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
pub(super) fn missing_side(obj: &Bound<'_, PyAny>, name: &str, verb: &str, side: &str) -> PyErr {
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
