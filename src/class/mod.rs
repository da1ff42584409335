//! Classes: Rust structs as Python heap types created with `PyType_FromSpecWithBases`.
//!
//! An instance is `[PyObject header | base data | ClassCell<T> | __dict__ | __weakref__]`; the
//! cell's offset is computed at type creation from the base's `__basicsize__`, so nothing
//! about the layout is fixed at build time. Everything handed to `PyType_FromSpec` is leaked
//! (`'static`): 3.7-3.10 keep pointers into the spec.
//!
//! Dunder methods are ordinary methods (`METH_FASTCALL`); after the type is created each one
//! is set again on the type, which makes CPython install its own slot functions (as it does
//! for a Python `class` statement): reflected and in-place operators, rich comparison,
//! `__getattr__`, descriptors, iteration, `__len__`, `__hash__`, ... then behave exactly as in
//! Python on every version, with no per-slot shim. `#[new]` is the `tp_new` slot; GC support
//! (`__traverse__`/`__clear__`) are `tp_traverse`/`tp_clear`.
//!
//! Runtime-gated, decided at type creation: `#[dict]` and `#[weakref]` use the
//! `__dictoffset__`/`__weaklistoffset__` members that `PyType_FromSpec` honours from 3.9; on
//! 3.7/3.8 the class inherits the two slots from a small base made with `type()` (see
//! `dict::layout_base`), except when it extends a base without them (then creating it raises
//! `NotImplementedError` naming the feature and version).
//! Deallocation follows the 3.7 vs 3.8+ rule for the type's reference (from 3.8 a heap
//! type's `tp_dealloc` releases the instance's reference to its type; on 3.7 CPython's
//! `subtype_dealloc` does it for instances of Python subclasses).
//!
//! ```
//! use limpet::prelude::*;
//! use limpet::class::PyClass;
//! limpet::class! {
//!     /// A counter.
//!     pub struct Counter {
//!         #[py(get)] pub value: i64,
//!     }
//!     impl Counter {
//!         #[new]
//!         fn new(start: i64 = 0) -> Self { Counter { value: start } }
//!         fn incr(&mut self) -> i64 { self.value += 1; self.value }
//!     }
//! }
//! # fn main() {
//! # limpet::__private::doctest(|py| {
//! let counter = Counter::type_object(py)?.call1((41,))?; // `Counter(41)`, as Python calls it
//! assert_eq!(counter.call_method0("incr")?.extract::<i64>()?, 42);
//! assert_eq!(counter.getattr("value")?.extract::<i64>()?, 42);
//! let value: PyRef<'_, Counter> = counter.extract()?; // the Rust value inside
//! assert_eq!(value.value, 42);
//! # Ok(()) });
//! # }
//! ```

use std::cell::{Cell, UnsafeCell};
use std::ffi::{c_int, c_void};
use std::mem::ManuallyDrop;
use std::sync::OnceLock;

use abi3_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyAttributeError, PyNotImplementedError, PyRuntimeError, PyTypeError};
use crate::function::{clean_doc, leak_cstr, FunctionDef};
use crate::gil::Python;
use crate::object::{Bound, Py, PyAny};
use crate::runtime::runtime;
use crate::signature::text_signature;
use crate::trampoline::guard;

mod borrow;
mod buffer;
mod byvalue;
mod cell;
mod def;
mod dict;
#[doc(hidden)]
pub mod dunder;
mod gc;
mod init;
mod iter;
mod lifecycle;
mod native;
#[doc(hidden)]
pub mod numslot;
#[doc(hidden)]
pub mod options;
mod property;
mod richcmp;
#[doc(hidden)]
pub mod slot;
mod spec;

pub(crate) use borrow::{borrow_detached, release_detached};
pub use borrow::{Guard, MutGuard, PyRef, PyRefMut, RefGuard};
pub use buffer::{getbuffer, releasebuffer, BufferExport};
pub use byvalue::{ByValue, CloneClass};
pub(crate) use cell::Borrow;
use cell::{cell, cell_of, field};
pub use cell::{cell_layout, drop_cell, ClassCell};
pub(crate) use def::ensure_type;
pub use def::{
    concat_bytes, concat_len, ClassAttrFn, ClassDef, ClassDefGuarantee, ClassItem, ClassOptions, ClearShim, DeleterFn,
    GetterFn, SetterFn, TraverseShim, TypeState,
};
use dict::{clear_dict, dict_get};
pub use gc::{clear, plain_clear, plain_traverse, traverse, GcClear, GcTraverse, PyTraverseError, PyVisit};
use init::no_constructor;
pub use init::{new_for_subtype, new_instance, Fresh, Initializer, NewReturn};
pub use iter::{iter_next, NextItem};
pub use lifecycle::dealloc;
pub(crate) use native::NativeBase;
pub use native::{ClassBase, PyClassBase};
pub use options::ClassOption;
use property::getset_defs;
pub(crate) use property::property_name;
pub use property::IntoUnit;
pub use richcmp::{richcmp_unconverted, richcompare, CompareOp, RichCompare, RichCompareShim};
pub use slot::SlotFn;
use spec::create_type;

/// A Rust type exposed as a Python class (implemented by `class!`).
///
/// # Safety
/// [`class_def`](PyClass::class_def) describes `Self`: the cell layout, drop function and
/// slots in it were made for `Self` (instances of its type are read and written as holding a
/// `Self`). Only `class!` implements it; another implementation, such as one returning
/// another class's description, makes safe borrows reinterpret memory.
///
/// ```
/// use limpet::prelude::*;
/// use limpet::class::PyClass;
/// limpet::class! {
///     pub struct Point { #[py(get)] pub x: f64 }
/// }
/// fn class_name<T: PyClass>(py: Python<'_>) -> PyResult<String> {
///     T::type_object(py)?.getattr("__name__")?.extract()
/// }
/// # fn main() {
/// # limpet::__private::doctest(|py| {
/// assert_eq!(class_name::<Point>(py)?, "Point");
/// # Ok(()) });
/// # }
/// ```
pub unsafe trait PyClass: Sized + Send + crate::sync::ClassShare + 'static {
    /// The class description the macro emitted.
    #[doc(hidden)]
    fn class_def() -> &'static ClassDef;

    /// The Python class object, created on first use (`module!` creates it when the module
    /// is imported, with the module's name as `__module__`).
    ///
    /// ```
    /// use limpet::prelude::*;
    /// use limpet::class::PyClass;
    /// limpet::class! {
    ///     pub struct Point { #[py(get)] pub x: f64 }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let point_class = Point::type_object(py)?;
    /// let p = Py::new(py, Point { x: 1.5 })?;
    /// assert!(p.bind(py).as_any().is_instance(&point_class)?);
    /// assert!(point_class.is(&Point::type_object(py)?)); // one class object
    /// # Ok(()) });
    /// # }
    /// ```
    fn type_object(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Self::class_def().type_object(py)
    }
}
