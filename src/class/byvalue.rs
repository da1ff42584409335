//! A class passed by value (`fn f(p: Point)`, `obj.extract::<Point>()`) when it is `Clone`:
//! the value is borrowed and cloned. `class!` implements `FromPyObject` (and `FromPyArg`) for
//! every class under a bound that names the `'py` lifetime, so the bound is checked where a
//! class is extracted by value, not where it is declared: a class that is not `Clone` still
//! compiles, and only taking it by value fails to compile, with the message below.

use super::*;

#[doc(hidden)]
/// `T` as extracted by value within `'py` (see [`CloneClass`]).
pub struct ByValue<'py, T>(std::marker::PhantomData<(&'py (), T)>);

#[doc(hidden)]
/// Extract a `Clone` class by value.
#[diagnostic::on_unimplemented(
    message = "a class taken by value must be `Clone`",
    label = "not `Clone`",
    note = "derive or implement `Clone` for the class, or take `&Class`, `&mut Class` or `PyRef<Class>`"
)]
pub trait CloneClass<'py> {
    /// The class.
    type Class;
    /// A clone of the value inside `obj` (a `TypeError` when `obj` is not an instance).
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self::Class>;
}

impl<'py, T: PyClass + Clone> CloneClass<'py> for ByValue<'py, T> {
    type Class = T;
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<T> {
        Ok(T::clone(&*PyRef::<T>::borrow(obj)?))
    }
}
