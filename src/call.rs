//! Using Python objects from Rust: calls (vectorcall on 3.12+, `PyObject_Call` below),
//! methods, iteration, comparison, hashing, items.
//!
//! Errors raised by Python come back as the original exception object (type, value and
//! traceback), so `raise ... from ...` chains and tracebacks survive the trip through Rust.

use std::cmp::Ordering;

use abi3_sys as ffi;

use crate::convert::IntoPy;
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::ffi_safe::{self, CompareOp};
use crate::object::{Bound, PyAny};
use crate::runtime::runtime;
use crate::types::{PyDict, PyString, PyTuple};

// `len` can fail for an arbitrary object; typed handles (tuple, list, dict) have the
// infallible `len`/`is_empty` pair.
#[allow(clippy::len_without_is_empty)]
impl<'py> Bound<'py, PyAny> {
    /// `self(*args, **kwargs)`; `args` is a tuple (or anything converting to one, e.g. a Rust
    /// tuple `(1, "a")`), `kwargs` an optional dict.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::function! {
    ///     /// `sorted(items, reverse=True)`, called from Rust.
    ///     pub fn sorted_desc<'py>(items: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    ///         let py = items.py();
    ///         let kwargs = PyDict::new(py)?;
    ///         kwargs.set_item("reverse".into_py(py)?, true.into_py(py)?)?;
    ///         py.import("builtins")?.getattr("sorted")?.call((items,), Some(&kwargs))
    ///     }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// let sorted = sorted_desc(vec![1, 3, 2].into_py(py)?)?;
    /// assert_eq!(sorted.extract::<Vec<i64>>()?, [3, 2, 1]);
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn call(&self, args: impl IntoPy, kwargs: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py();
        let args = args.into_py(py)?.downcast_into::<PyTuple>()?;
        self.call_tuple(&args, kwargs)
    }

    /// `self(*args)` with a tuple of positional arguments.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let divmod = py.import("builtins")?.getattr("divmod")?;
    /// assert_eq!(divmod.call1((17, 5))?.extract::<(i64, i64)>()?, (3, 2));
    /// # Ok(()) });
    /// ```
    pub fn call1(&self, args: impl IntoPy) -> PyResult<Bound<'py, PyAny>> {
        self.call(args, None)
    }

    /// `self()`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let dict_type = py.import("builtins")?.getattr("dict")?;
    /// assert_eq!(dict_type.call0()?.len()?, 0);
    /// # Ok(()) });
    /// ```
    pub fn call0(&self) -> PyResult<Bound<'py, PyAny>> {
        self.call_args(&[])
    }

    /// `self(*args)` with already converted arguments: `PyObject_Vectorcall` where the
    /// running interpreter has it in its Stable ABI (3.12+), one tuple otherwise.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let max = py.import("builtins")?.getattr("max")?;
    /// let args = [3.into_py(py)?, 9.into_py(py)?, 4.into_py(py)?];
    /// assert_eq!(max.call_args(&args)?.extract::<i64>()?, 9);
    /// # Ok(()) });
    /// ```
    pub fn call_args(&self, args: &[Bound<'py, PyAny>]) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py();
        if let Some(vectorcall) = runtime().api.vectorcall {
            // Slot 0 is scratch space CPython may use (PY_VECTORCALL_ARGUMENTS_OFFSET). Up to
            // SMALL arguments the array is on the stack: no allocation per call.
            const SMALL: usize = 8;
            let mut small = [std::ptr::null_mut(); SMALL + 1];
            let mut heap = Vec::new();
            let ptrs: &mut [*mut ffi::PyObject] = if args.len() <= SMALL {
                &mut small[..args.len() + 1]
            } else {
                heap.resize(args.len() + 1, std::ptr::null_mut());
                &mut heap
            };
            for (p, a) in ptrs[1..].iter_mut().zip(args) {
                *p = a.as_ptr();
            }
            let nargs = args.len() | ffi::dynamic::PY_VECTORCALL_ARGUMENTS_OFFSET;
            // SAFETY: resolved for 3.12+ with its C signature; the array holds nargs valid
            // borrowed objects after the scratch slot; no keyword names.
            return unsafe {
                Bound::from_owned_ptr_or_err(
                    py,
                    vectorcall(self.as_ptr(), ptrs.as_ptr().add(1), nargs, std::ptr::null_mut()),
                )
            };
        }
        // Below 3.12, up to four arguments: `PyObject_CallFunctionObjArgs` (Stable ABI on
        // every version) puts them in an array on its own stack and makes a vectorcall (a
        // fastcall on 3.7): no tuple allocated per call.
        let (f, null) = (self.as_ptr(), std::ptr::null_mut::<ffi::PyObject>());
        if args.len() <= 4 {
            // SAFETY: a valid callable and valid borrowed argument objects, NULL-terminated as
            // the variadic function requires; returns a new reference or NULL with an exception.
            return unsafe {
                Bound::from_owned_ptr_or_err(
                    py,
                    match args {
                        [] => ffi::PyObject_CallFunctionObjArgs(f, null),
                        [a] => ffi::PyObject_CallFunctionObjArgs(f, a.as_ptr(), null),
                        [a, b] => ffi::PyObject_CallFunctionObjArgs(f, a.as_ptr(), b.as_ptr(), null),
                        [a, b, c] => ffi::PyObject_CallFunctionObjArgs(f, a.as_ptr(), b.as_ptr(), c.as_ptr(), null),
                        [a, b, c, d, ..] => {
                            ffi::PyObject_CallFunctionObjArgs(f, a.as_ptr(), b.as_ptr(), c.as_ptr(), d.as_ptr(), null)
                        }
                    },
                )
            };
        }
        // More: one tuple.
        self.call_tuple(&PyTuple::new(py, args.to_vec())?, None)
    }

    /// `PyObject_Call`: `self(*args, **kwargs)`.
    fn call_tuple(
        &self,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        ffi_safe::PyObject_Call(self, args, kwargs)
    }

    /// `self.name(*args, **kwargs)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let text = "a,b,c".into_py(py)?;
    /// let kwargs = PyDict::new(py)?;
    /// kwargs.set_item("maxsplit".into_py(py)?, 1.into_py(py)?)?;
    /// let parts: Vec<String> = text.call_method("split", (",",), Some(&kwargs))?.extract()?;
    /// assert_eq!(parts, ["a", "b,c"]);
    /// # Ok(()) });
    /// ```
    pub fn call_method(
        &self,
        name: &str,
        args: impl IntoPy,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.getattr(name)?.call(args, kwargs)
    }

    /// `self.name()`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert_eq!("abc".into_py(py)?.call_method0("upper")?.extract::<String>()?, "ABC");
    /// # Ok(()) });
    /// ```
    pub fn call_method0(&self, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.getattr(name)?.call0()
    }

    /// `self.name(*args)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let joined = ", ".into_py(py)?.call_method1("join", (vec!["x", "y"],))?;
    /// assert_eq!(joined.extract::<String>()?, "x, y");
    /// # Ok(()) });
    /// ```
    pub fn call_method1(&self, name: &str, args: impl IntoPy) -> PyResult<Bound<'py, PyAny>> {
        self.getattr(name)?.call(args, None)
    }

    /// `callable(self)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(py.import("builtins")?.getattr("len")?.is_callable());
    /// assert!(!1.into_py(py)?.is_callable());
    /// # Ok(()) });
    /// ```
    pub fn is_callable(&self) -> bool {
        ffi_safe::PyCallable_Check(self) != 0
    }

    /// `iter(self)`, as a Rust iterator of `PyResult<Bound>` items.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::function! {
    ///     /// The lengths of the items of any iterable.
    ///     pub fn lengths(items: Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    ///         items.iter()?.map(|item| item?.len()).collect()
    ///     }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// assert_eq!(lengths(vec!["a", "bcd"].into_py(py)?)?, [1, 3]);
    /// let err = lengths(5.into_py(py)?).unwrap_err(); // not iterable
    /// assert!(err.is_instance_of::<PyTypeError>(py));
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn iter(&self) -> PyResult<PyIterator<'py>> {
        let it = ffi_safe::PyObject_GetIter(self)?;
        Ok(PyIterator { it })
    }

    /// `len(self)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert_eq!("four".into_py(py)?.len()?, 4);
    /// assert!(1.into_py(py)?.len().unwrap_err().is_instance_of::<PyTypeError>(py));
    /// # Ok(()) });
    /// ```
    pub fn len(&self) -> PyResult<usize> {
        match ffi_safe::PyObject_Size(self)? {
            n if n < 0 => Err(PyErr::fetch(self.py())),
            n => Ok(n as usize),
        }
    }

    /// `hash(self)`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert_eq!(7.into_py(py)?.hash()?, 7);
    /// assert!(PyList::empty(py)?.hash().unwrap_err().is_instance_of::<PyTypeError>(py)); // unhashable
    /// # Ok(()) });
    /// ```
    pub fn hash(&self) -> PyResult<isize> {
        ffi_safe::PyObject_Hash(self)
    }

    fn rich_compare(&self, other: impl IntoPy, op: CompareOp) -> PyResult<bool> {
        let other = other.into_py(self.py())?;
        ffi_safe::PyObject_RichCompareBool(self, &other, op)
    }

    /// `self == other`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(1.into_py(py)?.eq(1.0)?);
    /// assert!(!"a".into_py(py)?.eq("b")?);
    /// # Ok(()) });
    /// ```
    pub fn eq(&self, other: impl IntoPy) -> PyResult<bool> {
        self.rich_compare(other, CompareOp::Eq)
    }

    /// `self < other`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(1.into_py(py)?.lt(2)?);
    /// assert!("a".into_py(py)?.lt(1).unwrap_err().is_instance_of::<PyTypeError>(py));
    /// # Ok(()) });
    /// ```
    pub fn lt(&self, other: impl IntoPy) -> PyResult<bool> {
        self.rich_compare(other, CompareOp::Lt)
    }

    /// Compare like `sorted()` would: `Less`, `Equal` or `Greater`; a `TypeError` when the
    /// objects are unordered (neither `<`, `==` nor `>` holds, e.g. NaN).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// use std::cmp::Ordering;
    /// let (one, two) = (1.into_py(py)?, 2.into_py(py)?);
    /// assert_eq!(one.compare(&two)?, Ordering::Less);
    /// assert_eq!(two.compare(&one)?, Ordering::Greater);
    /// let nan = f64::NAN.into_py(py)?;
    /// assert!(nan.compare(&one).is_err());
    /// # Ok(()) });
    /// ```
    pub fn compare(&self, other: &Bound<'py, PyAny>) -> PyResult<Ordering> {
        if self.rich_compare(other, CompareOp::Eq)? {
            Ok(Ordering::Equal)
        } else if self.rich_compare(other, CompareOp::Lt)? {
            Ok(Ordering::Less)
        } else if self.rich_compare(other, CompareOp::Gt)? {
            Ok(Ordering::Greater)
        } else {
            Err(PyTypeError::new_err("the objects are not ordered with respect to each other"))
        }
    }

    /// `self[key]`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let d = PyDict::new(py)?;
    /// d.set_item("k".into_py(py)?, 1.into_py(py)?)?;
    /// assert_eq!(d.as_any().get_item("k")?.extract::<i64>()?, 1);
    /// assert_eq!("abc".into_py(py)?.get_item(-1)?.extract::<String>()?, "c");
    /// assert!(d.as_any().get_item("x").unwrap_err().is_instance_of::<PyKeyError>(py));
    /// # Ok(()) });
    /// ```
    pub fn get_item(&self, key: impl IntoPy) -> PyResult<Bound<'py, PyAny>> {
        let key = key.into_py(self.py())?;
        ffi_safe::PyObject_GetItem(self, &key)
    }

    /// `self[key] = value`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let list = vec![1, 2].into_py(py)?;
    /// list.set_item(0, "first")?;
    /// assert_eq!(list.repr()?.extract::<String>()?, "['first', 2]");
    /// # Ok(()) });
    /// ```
    pub fn set_item(&self, key: impl IntoPy, value: impl IntoPy) -> PyResult<()> {
        let py = self.py();
        let (key, value) = (key.into_py(py)?, value.into_py(py)?);
        ffi_safe::PyObject_SetItem(self, &key, &value)
    }

    /// `del self[key]`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let list = vec![1, 2, 3].into_py(py)?;
    /// list.del_item(0)?;
    /// assert_eq!(list.extract::<Vec<i64>>()?, [2, 3]);
    /// # Ok(()) });
    /// ```
    pub fn del_item(&self, key: impl IntoPy) -> PyResult<()> {
        let key = key.into_py(self.py())?;
        ffi_safe::PyObject_DelItem(self, &key)
    }

    /// `value in self`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let text = "haystack".into_py(py)?;
    /// assert!(text.contains("st")?);
    /// assert!(!vec![1, 2].into_py(py)?.contains(3)?);
    /// # Ok(()) });
    /// ```
    pub fn contains(&self, value: impl IntoPy) -> PyResult<bool> {
        let value = value.into_py(self.py())?;
        ffi_safe::PySequence_Contains(self, &value)
    }

    /// `del self.name`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let ns = py.import("types")?.getattr("SimpleNamespace")?.call0()?;
    /// ns.setattr("x", 1)?;
    /// ns.delattr("x")?;
    /// assert!(!ns.hasattr("x")?);
    /// assert!(ns.delattr("x").unwrap_err().is_instance_of::<PyAttributeError>(py));
    /// # Ok(()) });
    /// ```
    pub fn delattr(&self, name: &str) -> PyResult<()> {
        self.set_attr_raw(&PyString::new(self.py(), name)?, None)
    }
}

/// A Python iterator; each item is `Ok(object)` or the error the iterator raised.
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// let squares = py.import("builtins")?.getattr("map")?
///     .call1((py.import("math")?.getattr("sqrt")?, vec![1, 4, 9]))?;
/// let roots: Vec<f64> = squares.iter()?.map(|item| item?.extract()).collect::<PyResult<_>>()?;
/// assert_eq!(roots, [1.0, 2.0, 3.0]);
/// # Ok(()) });
/// ```
pub struct PyIterator<'py> {
    it: Bound<'py, PyAny>,
}

impl<'py> Iterator for PyIterator<'py> {
    type Item = PyResult<Bound<'py, PyAny>>;

    fn next(&mut self) -> Option<Self::Item> {
        ffi_safe::PyIter_Next(self).transpose()
    }
}

impl<'py> PyIterator<'py> {
    /// The iterator object.
    pub(crate) fn as_bound(&self) -> &Bound<'py, PyAny> {
        &self.it
    }

    /// The GIL token.
    pub(crate) fn py(&self) -> crate::Python<'py> {
        self.it.py()
    }
}
