//! Containers: `Vec<T>` (any sequence in, list out), tuples up to 12, `HashMap`/`BTreeMap`
//! (dict), `HashSet`/`BTreeSet` (set/frozenset in, set out).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasher, Hash};

use abi3_sys as ffi;

use crate::convert::depth::{self, Nested};
use crate::convert::{FromPyObject, IntoPy};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::gil::Python;
use crate::object::{Bound, PyAny};
use crate::types::{PyDict, PyList, PySet, PyString, PyTuple, PyTypeCheck};

/// `Vec<T>` from a list, tuple or other sequence; a `str` is refused (it would silently
/// become a list of characters).
#[inline]
pub(crate) fn extract_sequence<'py, T: FromPyObject<'py>>(obj: &Bound<'py, PyAny>) -> PyResult<Vec<T>> {
    // An exact list or tuple is no str: the check (a call) only for other types.
    let ty = obj.type_ptr();
    if ty != std::ptr::addr_of_mut!(ffi::PyList_Type)
        && ty != std::ptr::addr_of_mut!(ffi::PyTuple_Type)
        && PyString::type_check(obj)
    {
        return Err(PyTypeError::new_err("expected a sequence, got str (a str is not converted item by item)"));
    }
    extract_sequence_generic(obj)
}

/// The shared walk. Each item is taken as a new reference before converting it, since a
/// conversion may run Python code (`__index__`) that mutates the container.
pub(crate) fn extract_sequence_generic<'py, T: FromPyObject<'py>>(obj: &Bound<'py, PyAny>) -> PyResult<Vec<T>> {
    let py = obj.py();
    // Items that cannot hold containers cannot nest: no guard (`FromPyObject::NESTS`).
    let _level = if T::NESTS { Some(Nested::enter(py, EXTRACTING)?) } else { None };
    let ty = obj.type_ptr();
    if ty == std::ptr::addr_of_mut!(ffi::PyList_Type)
        || (ty != std::ptr::addr_of_mut!(ffi::PyTuple_Type) && PyList::type_check(obj))
    {
        // SAFETY: a list (checked): a PyVarObject whose ob_size is its length.
        let n = unsafe { ffi::Py_SIZE(obj.as_ptr()) } as usize;
        let mut out = depth::vec_with_capacity(n)?;
        for i in 0..n {
            // The length again each time: a conversion may run Python code (`__index__`)
            // that shortens the list; then the walk stops there (the capacity reserved
            // for `n` items is never exceeded).
            // SAFETY: as above; i < the current length, so GetItem returns a borrowed item
            // (not NULL), which we hold a reference to while converting it (the conversion
            // may drop the list's own).
            #[cfg(not(feature = "abi3t"))]
            let item = unsafe {
                if i >= ffi::Py_SIZE(obj.as_ptr()) as usize {
                    break;
                }
                Bound::from_borrowed_ptr(py, ffi::PyList_GetItem(obj.as_ptr(), i as ffi::Py_ssize_t))
            };
            // abi3t: another thread may shrink the list between a size check and a borrowed
            // read on a free-threaded build; a strong reference or NULL (IndexError: the end).
            // SAFETY: a list; a new reference or NULL with an exception.
            #[cfg(feature = "abi3t")]
            let item = match unsafe {
                Bound::from_owned_ptr_or_err(py, ffi::PyList_GetItemRef(obj.as_ptr(), i as ffi::Py_ssize_t))
            } {
                Ok(item) => item,
                Err(_) => break,
            };
            match T::extract(&item) {
                Ok(v) => out.push(v),
                Err(e) => return Err(item_error(py, e, Place::Item(i))),
            }
        }
        return Ok(out);
    }
    if ty == std::ptr::addr_of_mut!(ffi::PyTuple_Type) || PyTuple::type_check(obj) {
        // SAFETY: a tuple (checked), immutable: its items stay alive while the caller's
        // reference to it does, whatever a conversion runs; i < its length.
        unsafe {
            let n = ffi::Py_SIZE(obj.as_ptr()) as usize;
            let mut out = depth::vec_with_capacity(n)?;
            for i in 0..n {
                let item = ffi::PyTuple_GetItem(obj.as_ptr(), i as ffi::Py_ssize_t);
                match T::extract(Bound::ref_from_slot(&item)) {
                    Ok(v) => out.push(v),
                    Err(e) => return Err(item_error(py, e, Place::Item(i))),
                }
            }
            return Ok(out);
        }
    }
    if crate::ffi_safe::PySequence_Check(obj) == 0 {
        return Err(PyErr::downcast(obj, "a sequence"));
    }
    // Any other sequence is iterated, as `list(obj)` does: `__len__` is only a hint for the
    // first reservation (an error it raises propagates, like `list()`'s; a length too large
    // to reserve is `MemoryError`, like `list()`'s), never the number of items taken.
    let len = crate::ffi_safe::PySequence_Size(obj)?.max(0);
    let mut out = depth::vec_with_capacity(len as usize)?;
    for (i, item) in obj.iter()?.enumerate() {
        let item = item?;
        depth::push(&mut out, T::extract(&item).map_err(|e| item_error(py, e, Place::Item(i)))?)?;
    }
    Ok(out)
}

/// What a recursion error says while converting from / to Python.
const EXTRACTING: &str = "converting a Python object";
const CONVERTING: &str = "converting to a Python object";

/// Which item of a container failed to convert (what [`item_error`] names).
#[derive(Clone, Copy)]
pub(crate) enum Place {
    /// `item {i}` of a sequence.
    Item(usize),
    /// `tuple item {i}`.
    TupleItem(usize),
    /// `set item`, `dict key`, `dict value`.
    Named(&'static str),
}

/// An item's conversion error, phrased so that it does not blame the container: a failed
/// downcast of an item ("expected str, got int") would otherwise be reported by argument
/// parsing as `f() argument 'x' must be str, not int` while `x` is a list. It becomes a plain
/// `TypeError` naming the item (`item 0 must be str, not int`), which argument parsing puts
/// behind `f() argument 'x': `. An `OverflowError` or `ValueError` gets the item in front
/// (`item 0: Python int too large ...`); the rest (other `TypeError`s, `MemoryError`,
/// `RecursionError`, ...) pass unchanged.
#[cold]
#[inline(never)]
pub(crate) fn item_error(py: Python<'_>, err: PyErr, place: Place) -> PyErr {
    // One non-generic function for every container and item type (not one per closure).
    let what = match place {
        Place::Item(i) => format!("item {i}"),
        Place::TupleItem(i) => format!("tuple item {i}"),
        Place::Named(name) => name.to_string(),
    };
    match err.downcast_parts() {
        Some((expected, got)) => PyTypeError::new_err(format!("{what} must be {expected}, not {got}")),
        None => {
            let context = format!("{what}: ");
            crate::err::with_context_if(py, err, &[crate::err::Piece::Text(&context)], false)
        }
    }
}

/// Iterate any iterable, converting each item.
fn extract_iter<'py, T: FromPyObject<'py>>(obj: &Bound<'py, PyAny>, mut push: impl FnMut(T)) -> PyResult<()> {
    let _level = Nested::enter(obj.py(), EXTRACTING)?;
    for item in obj.iter()? {
        push(T::extract(&item?).map_err(|e| item_error(obj.py(), e, Place::Named("set item")))?);
    }
    Ok(())
}

/// A list from converted items.
pub(crate) fn list_from_iter<'py, T: IntoPy>(
    py: Python<'py>,
    items: impl ExactSizeIterator<Item = T>,
) -> PyResult<Bound<'py, PyAny>> {
    // ExactSizeIterator::len is a safe promise: take at most `len` items and check that every
    // slot was filled, so a wrong len can never leave a NULL slot in a list Python sees.
    let _level = Nested::enter(py, CONVERTING)?;
    let len = items.len();
    // SAFETY: PyList_New returns a new list of the given length (items NULL) or NULL; each
    // slot of the fresh list is then filled once (index < len; SetItem steals the item).
    // If an item fails, or too few come, the list is dropped with NULL slots, which list
    // dealloc tolerates; it is never returned then.
    unsafe {
        let list = Bound::from_owned_ptr_or_err(py, ffi::PyList_New(len as ffi::Py_ssize_t))?;
        let mut filled = 0;
        for (i, item) in items.take(len).enumerate() {
            ffi::PyList_SetItem(list.as_ptr(), i as ffi::Py_ssize_t, item.into_py(py)?.into_ptr());
            filled += 1;
        }
        if filled != len {
            return Err(crate::exceptions::PySystemError::new_err("iterator yielded fewer items than its len()"));
        }
        Ok(list)
    }
}

impl<'py, T: FromPyObject<'py>> FromPyObject<'py> for Vec<T> {
    #[inline]
    fn input_hint() -> String {
        T::vec_input_hint()
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        T::extract_vec(obj)
    }
}

impl<T: IntoPy> IntoPy for Vec<T> {
    #[inline]
    fn output_hint() -> String {
        T::vec_output_hint()
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        T::vec_into_py(self, py)
    }
}

/// The tuple of converted items: one function per length, shared by every tuple type of
/// that length (the `IntoPy` of a tuple only converts its items).
#[inline(never)]
fn tuple_from<'py, const N: usize>(py: Python<'py>, items: [Bound<'py, PyAny>; N]) -> PyResult<Bound<'py, PyAny>> {
    PyTuple::new(py, Vec::from(items)).map(Bound::into_any)
}

macro_rules! tuple_impls {
    ($($n:literal => ($($idx:tt $t:ident),+);)*) => {$(
        impl<'py, $($t: FromPyObject<'py>),+> FromPyObject<'py> for ($($t,)+) {
            #[inline]
            fn input_hint() -> String {
                format!("typing.Tuple[{}]", [$($t::input_hint()),+].join(", "))
            }
            fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
                let tuple = obj.downcast::<PyTuple>()?;
                if tuple.len() != $n {
                    return Err(PyTypeError::new_err(format!(
                        "expected a tuple of length {}, got a tuple of length {}", $n, tuple.len()
                    )));
                }
                Ok(($($t::extract(&tuple.get_item($idx)?)
                    .map_err(|e| item_error(obj.py(), e, Place::TupleItem($idx)))?,)+))
            }
        }
        crate::from_py_arg!({$($t: FromPyObject<'py>),+} ($($t,)+));
        impl<$($t: IntoPy),+> IntoPy for ($($t,)+) {
            #[inline]
            fn output_hint() -> String {
                format!("typing.Tuple[{}]", [$($t::output_hint()),+].join(", "))
            }
            fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
                tuple_from(py, [$(self.$idx.into_py(py)?),+])
            }
        }
    )*};
}

tuple_impls! {
    1 => (0 A);
    2 => (0 A, 1 B);
    3 => (0 A, 1 B, 2 C);
    4 => (0 A, 1 B, 2 C, 3 D);
    5 => (0 A, 1 B, 2 C, 3 D, 4 E);
    6 => (0 A, 1 B, 2 C, 3 D, 4 E, 5 F);
    7 => (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G);
    8 => (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H);
    9 => (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I);
    10 => (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J);
    11 => (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J, 10 K);
    12 => (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J, 10 K, 11 L);
}

/// A dict's items, as (key, value) pairs.
type Items<'py> = Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>;

/// The items of a dict, and the guard of one nesting level held while they convert.
fn dict_items<'py>(obj: &Bound<'py, PyAny>) -> PyResult<(Nested, Items<'py>)> {
    let level = Nested::enter(obj.py(), EXTRACTING)?;
    Ok((level, obj.downcast::<PyDict>()?.items()))
}

fn dict_from<'py, K: IntoPy, V: IntoPy>(
    py: Python<'py>,
    items: impl Iterator<Item = (K, V)>,
) -> PyResult<Bound<'py, PyAny>> {
    let _level = Nested::enter(py, CONVERTING)?;
    let dict = PyDict::new(py)?;
    for (k, v) in items {
        dict.set_item(k.into_py(py)?, v.into_py(py)?)?;
    }
    Ok(dict.into_any())
}

impl<'py, K, V, S> FromPyObject<'py> for HashMap<K, V, S>
where
    K: FromPyObject<'py> + Eq + Hash,
    V: FromPyObject<'py>,
    S: BuildHasher + Default,
{
    #[inline]
    fn input_hint() -> String {
        format!("typing.Mapping[{}, {}]", K::input_hint(), V::input_hint())
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        let (_level, items) = dict_items(obj)?;
        let mut map = HashMap::with_hasher(S::default());
        map.try_reserve(items.len()).map_err(|_| depth::no_memory())?;
        for (k, v) in items {
            map.insert(
                K::extract(&k).map_err(|e| item_error(obj.py(), e, Place::Named("dict key")))?,
                V::extract(&v).map_err(|e| item_error(obj.py(), e, Place::Named("dict value")))?,
            );
        }
        Ok(map)
    }
}

impl<K: IntoPy, V: IntoPy, S> IntoPy for HashMap<K, V, S> {
    #[inline]
    fn output_hint() -> String {
        format!("typing.Dict[{}, {}]", K::output_hint(), V::output_hint())
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        dict_from(py, self.into_iter())
    }
}

impl<'py, K: FromPyObject<'py> + Ord, V: FromPyObject<'py>> FromPyObject<'py> for BTreeMap<K, V> {
    #[inline]
    fn input_hint() -> String {
        format!("typing.Mapping[{}, {}]", K::input_hint(), V::input_hint())
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        let mut map = BTreeMap::new();
        let (_level, items) = dict_items(obj)?;
        for (k, v) in items {
            map.insert(
                K::extract(&k).map_err(|e| item_error(obj.py(), e, Place::Named("dict key")))?,
                V::extract(&v).map_err(|e| item_error(obj.py(), e, Place::Named("dict value")))?,
            );
        }
        Ok(map)
    }
}

impl<K: IntoPy, V: IntoPy> IntoPy for BTreeMap<K, V> {
    #[inline]
    fn output_hint() -> String {
        format!("typing.Dict[{}, {}]", K::output_hint(), V::output_hint())
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        dict_from(py, self.into_iter())
    }
}

fn set_from<T: IntoPy>(py: Python<'_>, items: impl Iterator<Item = T>) -> PyResult<Bound<'_, PyAny>> {
    let _level = Nested::enter(py, CONVERTING)?;
    let set = crate::ffi_safe::PySet_New(py, None)?;
    for item in items {
        crate::ffi_safe::PySet_Add(&set, &item.into_py(py)?)?;
    }
    Ok(set.into_any())
}

impl<'py, T, S> FromPyObject<'py> for HashSet<T, S>
where
    T: FromPyObject<'py> + Eq + Hash,
    S: BuildHasher + Default,
{
    #[inline]
    fn input_hint() -> String {
        format!("typing.AbstractSet[{}]", T::input_hint())
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        obj.downcast::<PySet>()?;
        let mut set = HashSet::with_hasher(S::default());
        extract_iter(obj, |v| {
            set.insert(v);
        })?;
        Ok(set)
    }
}

impl<T: IntoPy, S> IntoPy for HashSet<T, S> {
    #[inline]
    fn output_hint() -> String {
        format!("typing.Set[{}]", T::output_hint())
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        set_from(py, self.into_iter())
    }
}

impl<'py, T: FromPyObject<'py> + Ord> FromPyObject<'py> for BTreeSet<T> {
    #[inline]
    fn input_hint() -> String {
        format!("typing.AbstractSet[{}]", T::input_hint())
    }
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        obj.downcast::<PySet>()?;
        let mut set = BTreeSet::new();
        extract_iter(obj, |v| {
            set.insert(v);
        })?;
        Ok(set)
    }
}

impl<T: IntoPy> IntoPy for BTreeSet<T> {
    #[inline]
    fn output_hint() -> String {
        format!("typing.Set[{}]", T::output_hint())
    }
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        set_from(py, self.into_iter())
    }
}
