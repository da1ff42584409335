//! Conversions between Rust values and Python objects, one file per family of types.
//!
//! - [`FromPyObject`]: Python -> Rust, producing an owned Rust value.
//! - [`FromPyArg`]: what a function parameter may be; every `FromPyObject` type, plus types
//!   that borrow from the argument (`&str`, `&[u8]`, `&Bound`) and need a holder for
//!   temporaries (the UTF-8 copy of a `str` before 3.10).
//! - [`IntoPy`]: Rust -> Python, producing a new reference.
//! - [`IntoPyReturn`]: what a function may return: `T`, `PyResult<T>` or `Result<T, E>`
//!   with `E: Into<PyErr>`.
//!
//! ```
//! # limpet::__private::doctest(|py| {
//! use limpet::prelude::*;
//! use std::collections::HashMap;
//! let obj = HashMap::from([("a", vec![1, 2])]).into_py(py)?; // Rust -> Python
//! let back: HashMap<String, Vec<i64>> = obj.extract()?; // Python -> Rust
//! assert_eq!(back["a"], [1, 2]);
//! # Ok(()) });
//! ```

use abi3_sys as ffi;

use crate::args::Signature;
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::gil::Python;
use crate::object::{Bound, PyAny};

mod bytes;
mod collections;
pub(crate) mod depth;
pub(crate) mod int;
mod misc;
#[cfg(feature = "records")]
pub(crate) mod record;
pub(crate) mod std_types;
pub(crate) mod string;

/// Extract a Rust value from a Python object.
///
/// Implement it for your own types (and add [`from_py_arg!`](crate::from_py_arg) to take
/// them as function parameters):
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// struct Celsius(f64);
/// impl<'py> FromPyObject<'py> for Celsius {
///     fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
///         Ok(Celsius(obj.getattr("celsius")?.extract()?))
///     }
/// }
/// let reading = py.import("types")?.getattr("SimpleNamespace")?.call0()?;
/// reading.setattr("celsius", 21.5)?;
/// assert_eq!(reading.extract::<Celsius>()?.0, 21.5);
/// # Ok(()) });
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be converted from a Python object",
    label = "no `FromPyObject` conversion for this type",
    note = "convertible: bool, integers, floats, String, char, Vec<T>, Option<T>, tuples, HashMap/BTreeMap, HashSet/BTreeSet, Bound<PyAny>, Py<T>, classes declared with class!",
    note = "to convert a type of your own: declare it with `limpet::class!` (a Python class), or with `limpet::convert!` (a struct read from an object, dict or tuple; an enum of alternatives), or implement `FromPyObject` and `IntoPy` by hand and add `limpet::from_py_arg!(Type);`"
)]
pub trait FromPyObject<'py>: Sized {
    /// Convert, or raise a clear `TypeError`/`OverflowError`/`ValueError`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert_eq!(i64::extract(&7.into_py(py)?)?, 7);
    /// let err = u8::extract(&300.into_py(py)?).unwrap_err();
    /// assert!(err.is_instance_of::<PyOverflowError>(py));
    /// let err = String::extract(&1.into_py(py)?).unwrap_err();
    /// assert_eq!(err.to_string(), "TypeError: expected str, got int");
    /// # Ok(()) });
    /// ```
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self>;

    /// Whether extracting this type may convert nested containers: `false` for leaf types
    /// (numbers, `bool`, `str`), whose containers then skip the recursion guard (a
    /// thread-local access per container, issue 12). `true` unless a type says otherwise.
    #[doc(hidden)]
    const NESTS: bool = true;

    /// Extract a `Vec<Self>`; `u8` overrides this to read `bytes` directly.
    #[doc(hidden)]
    fn extract_vec(obj: &Bound<'py, PyAny>) -> PyResult<Vec<Self>> {
        collections::extract_sequence(obj)
    }

    /// The Python type accepted, as a type hint for stubs (`"int"`, `"typing.List[str]"`).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert_eq!(<Option<i64> as FromPyObject>::input_hint(), "typing.Optional[int]");
    /// assert_eq!(<Vec<String> as FromPyObject>::input_hint(), "typing.Sequence[str]");
    /// # Ok(()) });
    /// ```
    #[inline]
    fn input_hint() -> String {
        "typing.Any".into()
    }

    /// The hint of a `Vec<Self>` parameter.
    #[doc(hidden)]
    #[inline]
    fn vec_input_hint() -> String {
        format!("typing.Sequence[{}]", Self::input_hint())
    }
}

/// Convert a Rust value into a new Python object.
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// struct Point {
///     x: i64,
///     y: i64,
/// }
/// impl IntoPy for Point {
///     fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
///         (self.x, self.y).into_py(py)
///     }
///     fn output_hint() -> String {
///         "typing.Tuple[int, int]".into()
///     }
/// }
/// let obj = Point { x: 1, y: 2 }.into_py(py)?;
/// assert_eq!(obj.repr()?.extract::<String>()?, "(1, 2)");
/// # Ok(()) });
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be converted into a Python object",
    label = "no `IntoPy` conversion for this type",
    note = "convertible: bool, integers, floats, &str/String/char, &[u8], Vec<T>, Option<T>, (), tuples, maps, sets, Bound/Py handles, classes declared with class!",
    note = "to convert a type of your own: declare it with `limpet::class!` (a Python class), or with `limpet::convert!` (a struct read from an object, dict or tuple; an enum of alternatives), or implement `FromPyObject` and `IntoPy` by hand and add `limpet::from_py_arg!(Type);`"
)]
pub trait IntoPy: Sized {
    /// Convert; fails only on allocation failure or values Python cannot represent.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert_eq!(Some("text").into_py(py)?.type_name(), "str");
    /// assert!(None::<i64>.into_py(py)?.is_none());
    /// assert_eq!(vec![1u8, 2].into_py(py)?.type_name(), "bytes"); // Vec<u8> is bytes
    /// # Ok(()) });
    /// ```
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>>;

    /// Convert a `Vec<Self>`; `u8` overrides this to make `bytes`.
    #[doc(hidden)]
    fn vec_into_py(items: Vec<Self>, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        collections::list_from_iter(py, items.into_iter())
    }

    /// The Python type produced, as a type hint for stubs.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert_eq!(<Option<String> as IntoPy>::output_hint(), "typing.Optional[str]");
    /// assert_eq!(<Vec<f64> as IntoPy>::output_hint(), "typing.List[float]");
    /// # Ok(()) });
    /// ```
    #[inline]
    fn output_hint() -> String {
        "typing.Any".into()
    }

    /// The hint of a returned `Vec<Self>`.
    #[doc(hidden)]
    #[inline]
    fn vec_output_hint() -> String {
        format!("typing.List[{}]", Self::output_hint())
    }
}

/// A function parameter type: every [`FromPyObject`] type of this crate, plus types that
/// borrow from the argument (`&str`, `&[u8]`, `&Bound`, `&T`/`&mut T` of a class).
///
/// It is not blanket-implemented for `FromPyObject` types (that would forbid `&T` for
/// classes); a type with a hand-written `FromPyObject` impl gets it from
/// [`from_py_arg!`](crate::from_py_arg).
///
/// ```
/// use limpet::prelude::*;
/// limpet::function! {
///     /// `&str` borrows the argument's text: no copy from 3.10 on.
///     fn shout(text: &str) -> String { text.to_uppercase() }
/// }
/// # fn main() {
/// # limpet::__private::doctest(|py| {
/// use limpet::FromPyArg;
/// let obj = "borrowed".into_py(py)?;
/// let mut holder = None; // where a `str` keeps its UTF-8 copy before 3.10
/// let text: &str = <&str as FromPyArg>::from_arg(&obj, &mut holder)?;
/// assert_eq!(shout(text), "BORROWED");
/// # Ok(()) });
/// # }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a parameter of a Python function",
    label = "not a limpet parameter type",
    note = "parameters may be any FromPyObject type, &str, &[u8], &Bound<PyAny>, &T / &mut T / PyRef<T> of a class; for your own FromPyObject type add `limpet::from_py_arg!(Type);`",
    note = "to convert a type of your own: declare it with `limpet::class!` (a Python class), or with `limpet::convert!` (a struct read from an object, dict or tuple; an enum of alternatives), or implement `FromPyObject` and `IntoPy` by hand and add `limpet::from_py_arg!(Type);`"
)]
pub trait FromPyArg<'a, 'py>: Sized {
    /// Storage for temporaries the value borrows from (`()` for most types).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// use limpet::FromPyArg;
    /// let obj = PyBytes::new(py, b"raw")?.into_any();
    /// let mut holder: <&[u8] as FromPyArg<'_, '_>>::Holder = (); // bytes are borrowed in place
    /// let data = <&[u8] as FromPyArg>::from_arg(&obj, &mut holder)?;
    /// assert_eq!(data, b"raw");
    /// # Ok(()) });
    /// ```
    type Holder: Default;
    /// Convert the argument.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// use limpet::FromPyArg;
    /// let obj = vec![1, 2].into_py(py)?;
    /// let v = <Vec<i64> as FromPyArg>::from_arg(&obj, &mut ())?;
    /// assert_eq!(v, [1, 2]);
    /// # Ok(()) });
    /// ```
    fn from_arg(obj: &'a Bound<'py, PyAny>, holder: &'a mut Self::Holder) -> PyResult<Self>;

    /// The accepted Python type, for stubs.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// use limpet::FromPyArg;
    /// assert_eq!(<&[u8] as FromPyArg>::input_hint(), "bytes");
    /// assert_eq!(<&str as FromPyArg>::input_hint(), "str");
    /// # Ok(()) });
    /// ```
    #[inline]
    fn input_hint() -> String {
        "typing.Any".into()
    }
}

/// The stub hint of parameter type `T` (used by macro expansions).
#[doc(hidden)]
pub fn input_hint_of<'a, 'py, T: FromPyArg<'a, 'py>>() -> String {
    T::input_hint()
}

/// The stub hint of return type `T` (used by macro expansions).
#[doc(hidden)]
pub fn output_hint_of<T: IntoPyReturn>() -> String {
    T::output_hint()
}

/// What the expansions name to read a hint: `(&HintProbe::<T>::NEW).input_hint_fn()` is
/// [`input_hint_of::<T>`](input_hint_of) when `T` converts, else (`T` has no conversion, an
/// error the body reports once, at the user's type) `any_hint`, without a second error (an
/// impl chosen by auto-ref, issue 14). Likewise `output_hint_fn` for return types.
#[doc(hidden)]
pub struct HintProbe<T>(std::marker::PhantomData<fn() -> T>);

impl<T> HintProbe<T> {
    /// The probe (a zero-sized value).
    pub const NEW: Self = HintProbe(std::marker::PhantomData);
}

/// The input hint of a parameter type that converts (see [`HintProbe`]).
#[doc(hidden)]
pub trait InputHintOf {
    /// `T`'s input hint function.
    fn input_hint_fn(&self) -> crate::stubs::HintFn;
}

impl<'a, 'py, T: FromPyArg<'a, 'py>> InputHintOf for HintProbe<T> {
    #[inline]
    fn input_hint_fn(&self) -> crate::stubs::HintFn {
        input_hint_of::<T>
    }
}

/// The output hint of a return type that converts (see [`HintProbe`]).
#[doc(hidden)]
pub trait OutputHintOf {
    /// `T`'s output hint function.
    fn output_hint_fn(&self) -> crate::stubs::HintFn;
}

impl<T: IntoPyReturn> OutputHintOf for HintProbe<T> {
    #[inline]
    fn output_hint_fn(&self) -> crate::stubs::HintFn {
        output_hint_of::<T>
    }
}

/// The hints of a type without a conversion (see [`HintProbe`]): never used at run time,
/// since the body does not compile then.
#[doc(hidden)]
pub trait NoHintOf {
    /// `any_hint`.
    fn input_hint_fn(&self) -> crate::stubs::HintFn {
        crate::stubs::any_hint
    }
    /// `any_hint`.
    fn output_hint_fn(&self) -> crate::stubs::HintFn {
        crate::stubs::any_hint
    }
}

impl<T> NoHintOf for &HintProbe<T> {}

/// `value.into_return(py)` with the return type named by the user (`::<RET>`): a type
/// without a conversion is then one error at the user's type (issue 14).
#[doc(hidden)]
#[inline(always)]
pub fn return_value<T: IntoPyReturn>(value: T, py: Python<'_>) -> PyResult<*mut ffi::PyObject> {
    value.into_return(py)
}

/// Convert parameter `index` of `sig` as [`extract_arg`] does, with the holder's type
/// inferred (`H`): a type without a conversion is then one error, at the user's type, and no
/// second one at the holder (issue 14).
#[doc(hidden)]
#[inline]
pub fn extract_param<'a, 'py, T, H>(
    obj: &'a Bound<'py, PyAny>,
    holder: &'a mut H,
    sig: &'static Signature,
    index: usize,
) -> PyResult<T>
where
    T: FromPyArg<'a, 'py, Holder = H>,
{
    match T::from_arg(obj, holder) {
        Ok(v) => Ok(v),
        Err(e) => Err(argument_error(obj.py(), e, sig, index)),
    }
}

/// Implement [`FromPyArg`] through [`FromPyObject`] for the listed types (each optionally
/// preceded by its generic parameters in braces: `{T: Bound} Wrapper<T>`).
///
/// ```
/// use limpet::prelude::*;
/// struct Meters(f64);
/// impl<'py> FromPyObject<'py> for Meters {
///     fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> { Ok(Meters(obj.extract()?)) }
/// }
/// limpet::from_py_arg!(Meters);
/// limpet::function! { fn double(m: Meters) -> f64 { 2.0 * m.0 } }
/// # fn main() {
/// # limpet::__private::doctest(|py| {
/// use limpet::FromPyArg;
/// let arg = 1.5.into_py(py)?;
/// assert_eq!(double(Meters::from_arg(&arg, &mut ())?), 3.0);
/// # Ok(()) });
/// # }
/// ```
#[macro_export]
macro_rules! from_py_arg {
    ($($({$($g:tt)*})? $t:ty),* $(,)?) => {$(
        impl<'a, 'py, $($($g)*)?> $crate::FromPyArg<'a, 'py> for $t {
            type Holder = ();
            #[inline]
            fn from_arg(obj: &'a $crate::Bound<'py, $crate::PyAny>, _: &'a mut ()) -> $crate::PyResult<Self> {
                <$t as $crate::FromPyObject<'py>>::extract(obj)
            }
            #[inline]
            fn input_hint() -> ::std::string::String {
                <$t as $crate::FromPyObject<'py>>::input_hint()
            }
        }
    )*};
}

crate::from_py_arg!(
    bool, i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64, String, char,
    std::borrow::Cow<'static, str>,
    {T: FromPyObject<'py>} Vec<T>,
    {T: FromPyObject<'py>} Option<T>,
    {K: FromPyObject<'py> + Eq + std::hash::Hash, V: FromPyObject<'py>, S: std::hash::BuildHasher + Default} std::collections::HashMap<K, V, S>,
    {K: FromPyObject<'py> + Ord, V: FromPyObject<'py>} std::collections::BTreeMap<K, V>,
    {T: FromPyObject<'py> + Eq + std::hash::Hash, S: std::hash::BuildHasher + Default} std::collections::HashSet<T, S>,
    {T: FromPyObject<'py> + Ord} std::collections::BTreeSet<T>,
    {T: crate::types::PyTypeCheck} Bound<'py, T>,
    {T: crate::types::PyTypeCheck} crate::object::Py<T>,
);

impl<'a, 'py> FromPyArg<'a, 'py> for &'a str {
    type Holder = Option<Bound<'py, PyAny>>;
    #[inline]
    fn from_arg(obj: &'a Bound<'py, PyAny>, holder: &'a mut Self::Holder) -> PyResult<Self> {
        string::str_of(obj, holder)
    }
    #[inline]
    fn input_hint() -> String {
        "str".into()
    }
}

impl<'a, 'py> FromPyArg<'a, 'py> for Option<&'a str>
where
    'py: 'a,
{
    type Holder = Option<Bound<'py, PyAny>>;
    fn from_arg(obj: &'a Bound<'py, PyAny>, holder: &'a mut Self::Holder) -> PyResult<Self> {
        if obj.is_none() {
            Ok(None)
        } else {
            string::str_of(obj, holder).map(Some)
        }
    }
    #[inline]
    fn input_hint() -> String {
        "typing.Optional[str]".into()
    }
}

impl<'a, 'py> FromPyArg<'a, 'py> for &'a [u8] {
    type Holder = ();
    fn from_arg(obj: &'a Bound<'py, PyAny>, _: &'a mut ()) -> PyResult<Self> {
        Ok(obj.downcast::<crate::types::PyBytes>()?.as_bytes())
    }
    #[inline]
    fn input_hint() -> String {
        "bytes".into()
    }
}

impl<'a, 'py> FromPyArg<'a, 'py> for &'a Bound<'py, PyAny> {
    type Holder = ();
    #[inline]
    fn from_arg(obj: &'a Bound<'py, PyAny>, _: &'a mut ()) -> PyResult<Self> {
        Ok(obj)
    }
}

/// A fresh holder for parameter type `T` (used by macro expansions).
#[doc(hidden)]
#[inline]
pub fn holder<'a, 'py, T: FromPyArg<'a, 'py>>() -> T::Holder {
    T::Holder::default()
}

/// Convert argument `index` of `sig` and phrase a failure the way CPython does:
/// `f() argument 'x' must be str, not int`, or the converter's message behind
/// `f() argument 'x': ` for other `TypeError`s, `ValueError`s and `OverflowError`s (the
/// original is the `__cause__`). Other exception types pass unchanged.
#[doc(hidden)]
#[inline]
pub fn extract_arg<'a, 'py, T: FromPyArg<'a, 'py>>(
    obj: &'a Bound<'py, PyAny>,
    holder: &'a mut T::Holder,
    sig: &'static Signature,
    index: usize,
) -> PyResult<T> {
    match T::from_arg(obj, holder) {
        Ok(v) => Ok(v),
        Err(e) => Err(argument_error(obj.py(), e, sig, index)),
    }
}

#[cold]
fn argument_error(py: Python<'_>, err: PyErr, sig: &'static Signature, index: usize) -> PyErr {
    let name = sig.param_name(index);
    if let Some((expected, got)) = err.downcast_parts() {
        return PyTypeError::new_err(format!("{}() argument '{}' must be {}, not {}", sig.name, name, expected, got));
    }
    let context = format!("{}() argument '{}': ", sig.name, name);
    crate::err::with_context(py, err, &[crate::err::Piece::Text(&context)])
}

/// A function's return value: `T`, or a `Result` whose error converts into [`PyErr`].
///
/// ```
/// use limpet::prelude::*;
/// limpet::function! {
///     /// `Result<T, E>` with `E: Into<PyErr>`: here an `OverflowError` above 255.
///     fn to_byte(n: i64) -> Result<u8, std::num::TryFromIntError> { u8::try_from(n) }
/// }
/// # fn main() { assert_eq!(to_byte(7), Ok(7)); }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned to Python",
    label = "not convertible to a Python object",
    note = "return an IntoPy type T, PyResult<T>, or Result<T, E> where E: Into<PyErr>",
    note = "to return a type of your own: declare it with `limpet::class!` or `limpet::convert!`, or implement `IntoPy` by hand"
)]
pub trait IntoPyReturn: sealed::Sealed {
    /// Convert to an owned object pointer, or the error.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// use limpet::IntoPyReturn;
    /// let ptr = Ok::<_, PyErr>(5).into_return(py)?;
    /// // SAFETY: into_return hands over a new reference.
    /// assert_eq!(unsafe { Bound::from_owned_ptr(py, ptr) }.extract::<i64>()?, 5);
    /// let err = u8::try_from(300).into_return(py).unwrap_err();
    /// assert!(err.is_instance_of::<PyOverflowError>(py));
    /// # Ok(()) });
    /// ```
    fn into_return(self, py: Python<'_>) -> PyResult<*mut ffi::PyObject>;

    /// The returned Python type, for stubs.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// use limpet::IntoPyReturn;
    /// assert_eq!(<PyResult<Vec<String>> as IntoPyReturn>::output_hint(), "typing.List[str]");
    /// # Ok(()) });
    /// ```
    fn output_hint() -> String;
}

/// `IntoPyReturn` is sealed: its pointer goes back to CPython as the call's result, so only
/// the implementations here (through [`IntoPy`], which returns a checked [`Bound`]) exist.
pub(crate) mod sealed {
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot be returned to Python",
        label = "not convertible to a Python object",
        note = "return an IntoPy type T, PyResult<T>, or Result<T, E> where E: Into<PyErr>",
        note = "to return a type of your own: declare it with `limpet::class!` or `limpet::convert!`, or implement `IntoPy` by hand"
    )]
    pub trait Sealed {
        /// What `into_return` gives up as a pointer: an owned object, or the error (for the
        /// runtime's own callers, e.g. a finished coroutine; not nameable outside).
        fn into_object(self, py: super::Python<'_>) -> super::PyResult<super::Bound<'_, super::PyAny>>
        where
            Self: Sized;
    }
    impl<T: super::IntoPy> Sealed for T {
        #[inline]
        fn into_object(self, py: super::Python<'_>) -> super::PyResult<super::Bound<'_, super::PyAny>> {
            self.into_py(py)
        }
    }
    impl<T: super::IntoPy, E: Into<super::PyErr>> Sealed for Result<T, E> {
        #[inline]
        fn into_object(self, py: super::Python<'_>) -> super::PyResult<super::Bound<'_, super::PyAny>> {
            self.map_err(Into::into).and_then(|v| v.into_py(py))
        }
    }
}

impl<T: IntoPy> IntoPyReturn for T {
    #[inline]
    fn into_return(self, py: Python<'_>) -> PyResult<*mut ffi::PyObject> {
        sealed::Sealed::into_object(self, py).map(Bound::into_ptr)
    }
    #[inline]
    fn output_hint() -> String {
        T::output_hint()
    }
}

impl<T: IntoPy, E: Into<PyErr>> IntoPyReturn for Result<T, E> {
    #[inline]
    fn into_return(self, py: Python<'_>) -> PyResult<*mut ffi::PyObject> {
        sealed::Sealed::into_object(self, py).map(Bound::into_ptr)
    }
    #[inline]
    fn output_hint() -> String {
        T::output_hint()
    }
}
