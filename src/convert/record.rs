//! The runtime of [`convert!`](crate::convert!): records (structs read from attributes or
//! mapping keys, tuple structs read from tuples), enums tried variant by variant, and the
//! reverse direction (dict, tuple). Expansions only forward to the functions here.
//! They are `#[inline]`: a module without `convert!` types does not compile them.
//!
//! Error wording (every message starts with `failed to extract `, so an error of a nested
//! record is chained, not rephrased):
//! - a field whose conversion raised `TypeError`:
//!   `TypeError: failed to extract field 'x' of Point: expected int, got str` (the original
//!   exception is the `__cause__`);
//! - a field whose conversion raised another exception: the same type, the message behind
//!   `failed to extract field 'x' of Point: ` (`OverflowError`, `ValueError`, ...);
//! - a missing required field: `TypeError: failed to extract field 'y' of Point: missing
//!   attribute 'y'` (or `missing key 'yCoord'`);
//! - a tuple of the wrong length: `TypeError: failed to extract Pair: expected a tuple of
//!   length 2, got a tuple of length 3`;
//! - an enum: `TypeError: failed to extract enum Number ('int | float'):` and one line per
//!   variant tried: `- Int: TypeError: expected int, got str`.
//!
//! Exceptions that are not `Exception`s (`KeyboardInterrupt`, `SystemExit`) pass unchanged.

use std::marker::PhantomData;

use crate::convert::depth::Nested;
use crate::convert::{FromPyObject, IntoPy};
use crate::err::{error_with_message, Piece, PyErr, PyResult};
use crate::exceptions::{PyAttributeError, PyException, PyKeyError, PyMemoryError, PyRecursionError, PyTypeError};
use crate::gil::Python;
use crate::object::{Bound, PyAny};
use crate::types::{PyDict, PyString, PyTuple};

/// What a recursion error says while converting from / to Python.
const EXTRACTING: &str = "converting a Python object";
const CONVERTING: &str = "converting to a Python object";

/// Where the fields of a record are read from.
enum Source<'a, 'py> {
    Attributes,
    Dict(&'a Bound<'py, PyDict>),
    Mapping,
}

/// A record being extracted: the object, the record's name and where fields come from.
#[doc(hidden)]
pub struct Fields<'a, 'py> {
    obj: &'a Bound<'py, PyAny>,
    record: &'static str,
    source: Source<'a, 'py>,
    /// One level of nesting, held while the fields convert (a record may contain itself).
    _level: Nested,
}

/// A field looked up: its value, or missing (with the `AttributeError`/`KeyError`, if any).
enum Lookup<'py> {
    Found(Bound<'py, PyAny>),
    Missing(Option<PyErr>),
}

/// `r#type` -> `type`: the Python name of a Rust identifier.
#[inline]
fn python_name(name: &'static str) -> &'static str {
    name.strip_prefix("r#").unwrap_or(name)
}

impl<'a, 'py> Fields<'a, 'py> {
    /// Fields are the object's attributes (`obj.x`): any object.
    #[inline]
    pub fn attributes(obj: &'a Bound<'py, PyAny>, record: &'static str) -> PyResult<Self> {
        let _level = Nested::enter(obj.py(), EXTRACTING)?;
        Ok(Fields { obj, record, source: Source::Attributes, _level })
    }

    /// Fields are the keys of a dict or of a `collections.abc.Mapping` (`obj["x"]`); any
    /// other object is refused with `expected a mapping, got list`.
    #[inline]
    pub fn items(obj: &'a Bound<'py, PyAny>, record: &'static str) -> PyResult<Self> {
        let _level = Nested::enter(obj.py(), EXTRACTING)?;
        if let Ok(dict) = obj.downcast::<PyDict>() {
            return Ok(Fields { obj, record, source: Source::Dict(dict), _level });
        }
        let mapping = obj.py().import("collections.abc")?.getattr("Mapping")?;
        if obj.is_instance(&mapping)? {
            Ok(Fields { obj, record, source: Source::Mapping, _level })
        } else {
            Err(PyErr::downcast(obj, "a mapping"))
        }
    }

    /// The stub hint of a record read with [`Fields::attributes`].
    #[inline]
    pub fn attributes_hint() -> String {
        "typing.Any".into()
    }

    /// The stub hint of a record read with [`Fields::items`].
    #[inline]
    pub fn items_hint() -> String {
        "typing.Mapping[str, typing.Any]".into()
    }

    #[inline]
    fn lookup(&self, key: &'static str) -> PyResult<Lookup<'py>> {
        let py = self.obj.py();
        match &self.source {
            Source::Attributes => match self.obj.getattr(key) {
                Ok(v) => Ok(Lookup::Found(v)),
                Err(e) if e.is_instance_of::<PyAttributeError>(py) => Ok(Lookup::Missing(Some(e))),
                Err(e) => Err(e),
            },
            Source::Dict(dict) => {
                let key = key.into_py(py)?;
                Ok(dict.get_item(&key)?.map_or(Lookup::Missing(None), Lookup::Found))
            }
            Source::Mapping => match self.obj.get_item(key) {
                Ok(v) => Ok(Lookup::Found(v)),
                Err(e) if e.is_instance_of::<PyKeyError>(py) => Ok(Lookup::Missing(Some(e))),
                Err(e) => Err(e),
            },
        }
    }

    /// Extract field `field` (read under `key`); `missing` gives the value of a field that
    /// is absent (a default, `None` for an `Option`), or `None` when it is required.
    #[inline]
    pub fn field<T: FromPyObject<'py>>(
        &self,
        field: &'static str,
        key: &'static str,
        missing: impl FnOnce() -> Option<T>,
    ) -> PyResult<T> {
        let py = self.obj.py();
        let (field, key) = (python_name(field), python_name(key));
        let what = || format!("field '{}' of {}", field, self.record);
        match self.lookup(key) {
            Ok(Lookup::Found(value)) => T::extract(&value).map_err(|e| field_error(py, e, &value, T::input_hint, what)),
            Ok(Lookup::Missing(cause)) => match missing() {
                Some(v) => Ok(v),
                None => {
                    let kind = if let Source::Attributes = self.source { "attribute" } else { "key" };
                    let mut err =
                        PyTypeError::new_err(format!("failed to extract {}: missing {} '{}'", what(), kind, key));
                    if cause.is_some() {
                        err.set_cause(py, cause);
                    }
                    Err(err)
                }
            },
            Err(e) => Err(prefixed(py, e, &format!("failed to extract {}", what()))),
        }
    }
}

/// The value of a field that is absent: `Some(None)` for an `Option`, `None` (required) for
/// any other type. Chosen by method resolution on `(&&Missing::<T>::NEW).value()` (an
/// `Option<U>` matches [`MissingOptional`] first; anything else falls back to
/// [`MissingRequired`]), which works because expansions name concrete field types.
#[doc(hidden)]
pub struct Missing<T>(PhantomData<T>);

impl<T> Missing<T> {
    /// The marker value.
    pub const NEW: Missing<T> = Missing(PhantomData);
}

/// See [`Missing`]: an absent `Option` field is `None`.
#[doc(hidden)]
pub trait MissingOptional<T> {
    /// `Some(None)`.
    #[inline]
    fn value(&self) -> Option<Option<T>> {
        Some(None)
    }
}
impl<T> MissingOptional<T> for &Missing<Option<T>> {}

/// See [`Missing`]: any other absent field is required.
#[doc(hidden)]
pub trait MissingRequired<T> {
    /// `None`: the field is required.
    #[inline]
    fn value(&self) -> Option<T> {
        None
    }
}
impl<T> MissingRequired<T> for Missing<T> {}

/// A Python-facing name for a type hint: `typing.Optional[int]` -> `Optional[int]`; for
/// `typing.Any` (records read from attributes) the Rust type's name as written.
#[inline]
fn display_hint(hint: &str, rust_type: &str) -> String {
    if hint == "typing.Any" && !rust_type.is_empty() {
        let base = rust_type.split('<').next().unwrap_or(rust_type);
        return base.rsplit("::").next().unwrap_or(base).trim().to_string();
    }
    hint.replace("typing.", "")
}

/// True for a hint naming one type (`int`, `Point`, `typing.Optional[float]`): a
/// `TypeError` converting to it means the value has the wrong type. A container's
/// (`typing.Sequence[int]`) may come from an item: its own message says more.
#[inline]
fn is_scalar(hint: &str) -> bool {
    let inner = hint.strip_prefix("typing.Optional[").and_then(|h| h.strip_suffix(']')).unwrap_or(hint);
    !inner.contains('[')
}

/// The exception type name and the message describing why `value` did not convert:
/// `expected int, got str` for a `TypeError` (unless it is already a `failed to extract`
/// message of a nested record, or comes from a container, kept as is); the message of any
/// other exception.
#[inline]
fn describe(py: Python<'_>, err: &PyErr, value: &Bound<'_, PyAny>, hint: &str, rust_type: &str) -> (String, String) {
    if let Some((expected, got)) = err.downcast_parts() {
        return ("TypeError".into(), format!("expected {expected}, got {got}"));
    }
    let msg = err.message(py);
    if err.is_instance_of::<PyTypeError>(py) {
        if msg.starts_with("failed to extract ") {
            return ("TypeError".into(), msg);
        }
        if !is_scalar(hint) {
            return ("TypeError".into(), msg);
        }
        return ("TypeError".into(), format!("expected {}, got {}", display_hint(hint, rust_type), value.type_name()));
    }
    let name = err.get_type(py).getattr("__name__").map(|n| n.to_string()).unwrap_or_default();
    (name, msg)
}

/// `err` with `prefix: ` before its message: a new exception of the same type (with `err`
/// as its `__cause__`), or `err` itself when it is not an `Exception` or its type cannot be
/// made from a single message (`UnicodeDecodeError`).
#[cold]
fn prefixed(py: Python<'_>, mut err: PyErr, prefix: &str) -> PyErr {
    if passes_through(py, &err) {
        return err;
    }
    // Made as a Python str: a message with lone surrogates is kept, not replaced.
    let (ty, value) = (err.get_type(py), err.value(py));
    // Only an exception that is its message is made again from one: one carrying more
    // (attributes, OSError's fields, KeyError's quoted str) passes through as raised.
    let args = value.getattr("args").ok().and_then(|a| a.downcast::<PyTuple>().ok().cloned());
    let one_str = args.is_some_and(|a| a.len() == 1 && a.get_item(0).is_ok_and(|m| m.downcast::<PyString>().is_ok()));
    let no_attrs = value.getattr("__dict__").ok().is_none_or(|d| d.downcast::<PyDict>().is_ok_and(|d| d.is_empty()));
    if !one_str || !no_attrs || err.is_instance_of::<PyKeyError>(py) {
        return err;
    }
    let prefix = format!("{prefix}: ");
    let mut new = error_with_message(py, &ty, &[Piece::Text(&prefix), Piece::Str(&value)]);
    if !new.get_type(py).is(&ty) {
        return err;
    }
    new.set_cause(py, Some(err));
    new
}

/// The error of a field (or tuple item) that did not convert; see the module docs.
#[cold]
fn field_error(
    py: Python<'_>,
    err: PyErr,
    value: &Bound<'_, PyAny>,
    hint: fn() -> String,
    what: impl FnOnce() -> String,
) -> PyErr {
    if passes_through(py, &err) {
        return err;
    }
    let prefix = format!("failed to extract {}", what());
    if err.is_instance_of::<PyTypeError>(py) {
        let (_, msg) = describe(py, &err, value, &hint(), "");
        let mut new = PyTypeError::new_err(format!("{prefix}: {msg}"));
        if err.downcast_parts().is_none() {
            new.set_cause(py, Some(err));
        }
        return new;
    }
    prefixed(py, err, &prefix)
}

/// The tuple a tuple struct is read from, checked to have `len` items.
#[doc(hidden)]
#[inline]
pub fn tuple_of<'a, 'py>(
    obj: &'a Bound<'py, PyAny>,
    record: &'static str,
    len: usize,
) -> PyResult<&'a Bound<'py, PyTuple>> {
    let tuple = obj.downcast::<PyTuple>()?;
    if tuple.len() != len {
        return Err(PyTypeError::new_err(format!(
            "failed to extract {}: expected a tuple of length {}, got a tuple of length {}",
            record,
            len,
            tuple.len()
        )));
    }
    Ok(tuple)
}

/// Item `index` of a tuple struct's tuple.
#[doc(hidden)]
#[inline]
pub fn tuple_field<'py, T: FromPyObject<'py>>(
    tuple: &Bound<'py, PyTuple>,
    index: usize,
    record: &'static str,
) -> PyResult<T> {
    let item = tuple.get_item(index)?;
    T::extract(&item)
        .map_err(|e| field_error(tuple.py(), e, &item, T::input_hint, || format!("field {index} of {record}")))
}

/// The one field of a newtype struct (`struct Meters(f64)`), read from the object itself.
#[doc(hidden)]
#[inline]
pub fn newtype_field<'py, T: FromPyObject<'py>>(obj: &Bound<'py, PyAny>, record: &'static str) -> PyResult<T> {
    T::extract(obj).map_err(|e| field_error(obj.py(), e, obj, T::input_hint, || format!("field 0 of {record}")))
}

/// `typing.Tuple[A, B]` from the items' hints.
#[doc(hidden)]
#[inline]
pub fn tuple_hint(items: &[String]) -> String {
    format!("typing.Tuple[{}]", items.join(", "))
}

/// The hint of a `convert!` type `T` made by `hint`, or `typing.Any` where `T` is reached
/// again while its own hint is being made (a recursive type: `enum Nest { Int(i64),
/// List(Vec<Nest>) }` would otherwise recurse without end). `output` tells the two
/// directions apart.
#[doc(hidden)]
#[inline]
pub fn hint_once<T: 'static>(output: bool, hint: impl FnOnce() -> String) -> String {
    thread_local! {
        static MAKING: std::cell::RefCell<Vec<(std::any::TypeId, bool)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    struct Done;
    impl Drop for Done {
        #[inline]
        fn drop(&mut self) {
            MAKING.with(|m| m.borrow_mut().pop());
        }
    }
    let key = (std::any::TypeId::of::<T>(), output);
    if MAKING.with(|m| m.borrow().contains(&key)) {
        return "typing.Any".into();
    }
    MAKING.with(|m| m.borrow_mut().push(key));
    let _done = Done;
    hint()
}

/// `typing.Union[A, B]` from the variants' hints (duplicates dropped; one hint stays bare).
#[doc(hidden)]
#[inline]
pub fn union_hint(variants: &[String]) -> String {
    let mut unique: Vec<&str> = Vec::new();
    for v in variants {
        if !unique.contains(&v.as_str()) {
            unique.push(v);
        }
    }
    match unique.as_slice() {
        [one] => (*one).to_string(),
        many => format!("typing.Union[{}]", many.join(", ")),
    }
}

/// A tuple of converted items (the reverse of a tuple struct).
#[doc(hidden)]
#[inline]
pub fn tuple_from<'py>(py: Python<'py>, items: Vec<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    PyTuple::new(py, items).map(Bound::into_any)
}

/// A dict being filled from a struct's fields (the reverse of a record).
#[doc(hidden)]
pub struct DictBuilder<'py> {
    dict: Bound<'py, PyDict>,
    /// One level of nesting, held while the fields convert.
    _level: Nested,
}

impl<'py> DictBuilder<'py> {
    /// An empty dict.
    #[inline]
    pub fn new(py: Python<'py>) -> PyResult<Self> {
        let _level = Nested::enter(py, CONVERTING)?;
        Ok(DictBuilder { dict: PyDict::new(py)?, _level })
    }

    /// `dict[key] = value`.
    #[inline]
    pub fn set<T: IntoPy>(&self, key: &'static str, value: T) -> PyResult<()> {
        let py = self.dict.py();
        self.dict.set_item(python_name(key).into_py(py)?, value.into_py(py)?)
    }

    /// The dict.
    #[inline]
    pub fn finish(self) -> Bound<'py, PyAny> {
        let DictBuilder { dict, _level } = self;
        dict.into_any()
    }

    /// The stub hint of the dicts made.
    #[inline]
    pub fn hint() -> String {
        "typing.Dict[str, typing.Any]".into()
    }
}

/// An enum being extracted: the variants tried so far and why each failed.
#[doc(hidden)]
pub struct Variants<'a, 'py> {
    obj: &'a Bound<'py, PyAny>,
    name: &'static str,
    tried: Vec<(String, String)>,
}

/// True for an error that no variant or field context should absorb or rephrase: not an
/// `Exception` (`KeyboardInterrupt`), or a resource limit (`RecursionError`, `MemoryError`),
/// which would otherwise be repeated at every level of a deep input.
#[inline]
fn passes_through(py: Python<'_>, err: &PyErr) -> bool {
    !err.is_instance_of::<PyException>(py)
        || err.is_instance_of::<PyRecursionError>(py)
        || err.is_instance_of::<PyMemoryError>(py)
}

impl<'a, 'py> Variants<'a, 'py> {
    /// Start trying the variants of enum `name`.
    #[inline]
    pub fn new(obj: &'a Bound<'py, PyAny>, name: &'static str) -> Self {
        Variants { obj, name, tried: Vec::new() }
    }

    /// Try variant `variant` holding a `T` (written `rust_type`): `Some` on success, `None`
    /// after recording why it failed; errors that are not `Exception`s propagate.
    #[inline]
    pub fn attempt<T: FromPyObject<'py>>(
        &mut self,
        variant: &'static str,
        rust_type: &'static str,
    ) -> PyResult<Option<T>> {
        let py = self.obj.py();
        match T::extract(self.obj) {
            Ok(v) => Ok(Some(v)),
            Err(e) if passes_through(py, &e) => Err(e),
            Err(e) => {
                let hint = T::input_hint();
                let (kind, msg) = describe(py, &e, self.obj, &hint, rust_type);
                let display = display_hint(&hint, rust_type);
                self.tried.push((display, format!("- {variant}: {kind}: {}", msg.replace('\n', "\n  "))));
                Ok(None)
            }
        }
    }

    /// The `TypeError` listing every variant tried.
    #[inline]
    pub fn finish(self) -> PyErr {
        let mut header = Vec::new();
        for (display, _) in &self.tried {
            if !header.contains(display) {
                header.push(display.clone());
            }
        }
        let mut msg = format!("failed to extract enum {} ('{}'):", self.name, header.join(" | "));
        for (_, line) in &self.tried {
            msg.push('\n');
            msg.push_str(line);
        }
        PyTypeError::new_err(msg)
    }
}
