//! Without the `async` feature (one of limpet's default features): the names the expansion
//! of an `async fn` uses, so that declaring one fails to compile with an error naming the
//! feature instead of "cannot find function `async_return`". Nothing here can be called:
//! every item needs [`AsyncFeature`], which no type implements.

use std::marker::PhantomData;

use crate::err::PyResult;
use crate::object::{Bound, PyAny};

/// Implemented by no type: the bound that turns an `async fn` into one clear error.
#[diagnostic::on_unimplemented(
    message = "an `async fn` needs limpet's `async` feature",
    label = "this is the future of an `async fn`",
    note = "turn the feature on (it is a default feature): `limpet = {{ package = \"limpet-abi3\", ..., features = [\"async\"] }}`"
)]
pub trait AsyncFeature {}

/// Stands for `coroutine::async_return`.
pub fn async_return<F: AsyncFeature>(_name: &'static str, _future: F) -> PyResult<()> {
    Ok(())
}

/// Stands for `coroutine::async_method`.
pub fn async_method<F: AsyncFeature>(_name: &'static str, _qualname: &'static str, _future: F) -> PyResult<()> {
    Ok(())
}

/// Stands for `coroutine::async_anext`.
pub fn async_anext<F: AsyncFeature>(_name: &'static str, _qualname: &'static str, _future: F) -> PyResult<()> {
    Ok(())
}

/// Stands for `coroutine::async_output_hint_of`.
pub fn async_output_hint_of<T>() -> String {
    String::new()
}

/// Stands for `coroutine::AsyncRef`.
pub struct AsyncRef<T>(PhantomData<T>);

impl<T> AsyncRef<T> {
    /// Its future cannot be wrapped (see [`async_method`]): never called.
    pub fn borrow(_obj: &Bound<'_, PyAny>) -> PyResult<AsyncRef<T>> {
        Ok(AsyncRef(PhantomData))
    }
}

impl<T> std::ops::Deref for AsyncRef<T> {
    type Target = T;
    fn deref(&self) -> &T {
        unreachable!("an async method without the async feature does not compile")
    }
}

/// Stands for `coroutine::AsyncMut`.
pub struct AsyncMut<T>(PhantomData<T>);

impl<T> AsyncMut<T> {
    /// Its future cannot be wrapped (see [`async_method`]): never called.
    pub fn borrow(_obj: &Bound<'_, PyAny>) -> PyResult<AsyncMut<T>> {
        Ok(AsyncMut(PhantomData))
    }
}

impl<T> std::ops::Deref for AsyncMut<T> {
    type Target = T;
    fn deref(&self) -> &T {
        unreachable!("an async method without the async feature does not compile")
    }
}

impl<T> std::ops::DerefMut for AsyncMut<T> {
    fn deref_mut(&mut self) -> &mut T {
        unreachable!("an async method without the async feature does not compile")
    }
}
