//! GC support: `__traverse__` / `__clear__` ([`PyVisit`]) and the `tp_traverse`/`tp_clear`
//! every GC class gets (type, `__dict__`, then each class of the `#[extends]` chain).

use super::*;
use crate::ffi_safe::c_entry;

c_entry! {
#[doc(hidden)]
/// `tp_traverse` of a GC class: what limpet owns (the type, 3.9+ only: before, CPython's
/// `subtype_traverse` visits it; the `__dict__`), then the `__traverse__` of every limpet
/// class of its `#[extends]` chain (none after one of them panicked: see `lifecycle`).
/// Installed only on `T`'s class: the GC calls it with an instance of that class (or a
/// subclass).
pub fn plain_traverse[T: PyClass](obj: &Bound; visit: ffi::visitproc, arg: *mut c_void) -> c_int {
    let def = T::class_def();
    let state = def.state();
    let raw = obj.as_ptr();
    // SAFETY: obj is a live instance of T's class (the slot is installed on it only), so: its
    // heap type is visited as the GC protocol requires from 3.9, and when the class has a
    // dict slot, it holds NULL or a dict the instance owns; `visit`/`arg` are the GC's for
    // this traversal, which is also what the base's own tp_traverse is called with.
    unsafe {
        if runtime().version.at_least(3, 9) {
            let rc = visit(obj.type_ptr() as *mut ffi::PyObject, arg);
            if rc != 0 {
                return rc;
            }
        }
        let dict = if state.dict_offset != 0 { *field::<*mut ffi::PyObject>(raw, state.dict_offset) } else { std::ptr::null_mut() };
        if !dict.is_null() {
            let rc = visit(dict, arg);
            if rc != 0 {
                return rc;
            }
        }
    }
    if lifecycle::is_poisoned(raw) {
        return 0;
    }
    let visited = Cell::new(false);
    let visitor = PyVisit { visit, arg, visited: &visited };
    for item in lifecycle::chain(def).flat_map(|d| d.items) {
        if let ClassItem::Traverse(traverse) = item {
            let rc = traverse(obj, &visitor);
            if rc != 0 {
                return rc;
            }
        }
    }
    // Then the part of the base that is not a limpet class (obj is one of its instances).
    match state.native.and_then(|n| n.traverse) {
        // SAFETY: the base's own tp_traverse, called as the GC calls it (see above).
        Some(traverse) => unsafe { traverse(raw, visit, arg) },
        None => 0,
    }
}
}

c_entry! {
#[doc(hidden)]
/// `tp_clear` of a GC class: its `__dict__`, then the `__clear__` of every limpet class of
/// its `#[extends]` chain (until one of them panicked: see `lifecycle`). Installed only on
/// `T`'s class: the GC calls it with an instance of that class (or a subclass).
pub fn plain_clear[T: PyClass](obj: &Bound) -> c_int {
    let def = T::class_def();
    let raw = obj.as_ptr();
    // SAFETY: obj is a live instance of T's class (see above): it has T's dict slot (if any).
    unsafe { clear_dict(raw, Some(def.state())) };
    for item in lifecycle::chain(def).flat_map(|d| d.items) {
        if let ClassItem::Clear(clear) = item {
            if lifecycle::is_poisoned(raw) {
                return 0;
            }
            clear(obj);
        }
    }
    match def.state().native.and_then(|n| n.clear) {
        // SAFETY: the base's own tp_clear, called as the GC calls it (see above).
        Some(clear) => unsafe { clear(raw) },
        None => 0,
    }
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
/// What `tp_traverse` visits of `T`'s value: `T::__traverse__` (listed in the class's items;
/// [`plain_traverse`] calls it for every class of the chain, with the GC's visitor). Safe: the
/// value is borrowed through the checked cell accessor; an object that is not a `T`, or whose
/// value is mutably borrowed right now (it cannot be read; the GC visits it on a later pass),
/// is skipped.
pub fn traverse<T: GcTraverse>(obj: &Bound<'_, PyAny>, visitor: &PyVisit<'_>) -> c_int {
    match cell::<T>(obj) {
        Ok(cell) if !cell.borrow.is_exclusive() => {}
        _ => return 0,
    }
    let Ok(value) = RefGuard::<T>::borrow(obj) else { return 0 };
    let visited = Cell::new(false);
    let v = PyVisit { visit: visitor.visit, arg: visitor.arg, visited: &visited };
    match crate::trampoline::catch(|| value.traverse(v)) {
        Ok(Ok(())) => 0,
        Ok(Err(PyTraverseError(rc))) => rc,
        Err(payload) => {
            lifecycle::traverse_panicked(obj.as_ptr(), T::class_def(), payload, visited.get());
            0
        }
    }
}

#[doc(hidden)]
/// What `tp_clear` does to `T`'s value: `T::__clear__` (listed in the class's items;
/// [`plain_clear`] calls it for every class of the chain). Safe: the value is borrowed
/// through the checked exclusive guard.
pub fn clear<T: GcClear>(obj: &Bound<'_, PyAny>) {
    let outcome = crate::trampoline::catch(|| PyRefMut::<T>::borrow(obj).map(|mut value| value.clear()));
    match outcome {
        Ok(Ok(())) => lifecycle::report_error(obj),
        Ok(Err(err)) => {
            err.restore(obj.py());
            lifecycle::report_error(obj);
        }
        Err(payload) => lifecycle::clear_panicked(obj, payload),
    }
}
