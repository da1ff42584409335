//! asyncio support: Rust futures as Python awaitables, Python awaitables as Rust futures.
//!
//! A [`Coroutine`] wraps a `Send + 'static` Rust future. Converted to Python it is an object of
//! the class `limpet.Coroutine`, which has `__await__`, `send`, `throw` and `close`, so
//! `collections.abc.Coroutine` recognises it and `await`, `asyncio.run`, `create_task` and
//! `gather` accept it on every version. Each `send` polls the future with the GIL held. No
//! async runtime is involved:
//!
//! - When the future awaits a Python awaitable ([`await_py`]), the coroutine *delegates* to it
//!   exactly like `yield from`/`await` in a Python coroutine: it calls the awaitable's
//!   `__await__()`, hands whatever that iterator yields (an asyncio future) to the event loop
//!   unchanged, and forwards the next `send`/`throw` to the iterator. Its result (or
//!   exception, the very same object) becomes the output of the Rust `.await`.
//! - When the future is pending for another reason (a Rust [`Waker`] held by a thread or by a
//!   runtime the user already runs), the coroutine waits on a fresh future of the running
//!   asyncio loop (`loop.create_future()`); the waker completes it through
//!   `loop.call_soon_threadsafe`, from any thread. A future that wakes itself while being
//!   polled yields a bare `None`: asyncio runs the task again on the next loop iteration.
//! - `throw(exc)` (how asyncio cancels: `task.cancel()`, `wait_for` timeouts) goes to the
//!   Python awaitable being delegated to, if any (so its `try/finally` runs) and its outcome
//!   feeds the Rust `.await`; otherwise the Rust future is dropped (its `Drop`s run: this is
//!   cancellation for Rust) and the exception raised. `close()` and deallocation drop it too.
//! - A panic while polling becomes `limpet.PanicException`; the future is dropped.
//!
//! Limits: while a coroutine delegates to a Python awaitable it does not poll its Rust future
//! (a `join!` of Rust work and a Python awaitable polls the Rust side again only when the
//! Python awaitable finishes), and it delegates to one
//! Python awaitable at a time: a second one polled while the first is pending fails with a
//! `RuntimeError` (use `asyncio.gather` on the Python side for concurrency). The cycle
//! collector sees the Python object being delegated to, not the references held inside a
//! Rust future.
//!
//! ```
//! # limpet::__private::doctest(|py| {
//! use limpet::coroutine::{await_py, Coroutine};
//! use limpet::prelude::*;
//!
//! // A Rust future that awaits asyncio.sleep(0), run by asyncio.run from Python.
//! let sleep = await_py(py.import("asyncio")?.call_method1("sleep", (0,))?);
//! let coro = Coroutine::new("nap", async move {
//!     sleep.await?;
//!     Ok::<&str, PyErr>("rested")
//! });
//! let result = py.import("asyncio")?.call_method1("run", (coro,))?;
//! assert_eq!(result.extract::<String>()?, "rested");
//! # Ok(()) });
//! ```

use std::cell::RefCell;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};

use crate::class::{NextItem, PyClass};
use crate::convert::{IntoPy, IntoPyReturn};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{
    PanicException, PyAttributeError, PyBaseException, PyExceptionType, PyGeneratorExit, PyRuntimeError,
    PyStopAsyncIteration, PyStopIteration, PyTypeError, PyValueError,
};
use crate::gil::Python;
use crate::object::{Bound, Py, PyAny};

mod awaiting;
mod borrow;
mod driver;
mod waker;

use awaiting::*;
pub use awaiting::{await_py, PyAwait};
pub use borrow::{AsyncMut, AsyncRef};
use driver::*;
use waker::*;

/// What a finished future hands back: converts its output once the GIL is known.
type Finish = Box<dyn for<'py> FnOnce(Python<'py>) -> PyResult<Bound<'py, PyAny>>>;
/// `f` as is: gives a closure the higher-ranked signature a [`Finish`] needs.
fn finish_with<F: for<'py> FnOnce(Python<'py>) -> PyResult<Bound<'py, PyAny>>>(f: F) -> F {
    f
}
type BoxFuture = Pin<Box<dyn Future<Output = Finish> + Send>>;

/// A Rust future to be returned to Python as an awaitable (`limpet.Coroutine`).
///
/// Return it from any function (it implements [`IntoPy`]); `async fn` in
/// [`function!`](macro@crate::function) and [`class!`](macro@crate::class) builds one for you. The future must be `Send +
/// 'static`: it owns its data (take `String`, `Py<PyAny>`, not `&str`, `Bound`), and takes the
/// GIL with [`Python::with_gil`] where it needs Python. Its output is anything a function may
/// return (`T`, `PyResult<T>`, `Result<T, E>`).
///
/// ```
/// use limpet::coroutine::Coroutine;
/// use limpet::prelude::*;
///
/// limpet::function! {
///     /// `await countdown(3)` gives 0, computed by a Rust future.
///     pub fn countdown(n: u32) -> Coroutine {
///         Coroutine::new("countdown", async move {
///             let mut n = n;
///             while n > 0 {
///                 n -= 1;
///             }
///             Ok::<u32, PyErr>(n)
///         })
///     }
/// }
/// # fn main() {}
/// ```
pub struct Coroutine {
    name: String,
    qualname: Option<String>,
    future: BoxFuture,
}

impl Coroutine {
    /// Wrap `future`; `name` becomes the coroutine's `__name__` and `__qualname__`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::coroutine::Coroutine;
    /// use limpet::prelude::*;
    ///
    /// let coro = Coroutine::new("answer", async { 42_i64 }).into_py(py)?;
    /// assert_eq!(coro.getattr("__name__")?.extract::<String>()?, "answer");
    /// let value = py.import("asyncio")?.call_method1("run", (coro,))?;
    /// assert_eq!(value.extract::<i64>()?, 42);
    /// # Ok(()) });
    /// ```
    pub fn new<F, T>(name: &str, future: F) -> Coroutine
    where
        F: Future<Output = T> + Send + 'static,
        T: IntoPyReturn + 'static,
    {
        let future = Box::pin(async move {
            let out = future.await;
            Box::new(finish_with(move |py| crate::convert::sealed::Sealed::into_object(out, py))) as Finish
        });
        Coroutine { name: name.to_string(), qualname: None, future }
    }

    /// Set `__qualname__` (it defaults to the name).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::coroutine::Coroutine;
    /// use limpet::prelude::*;
    ///
    /// let coro = Coroutine::new("area", async { 1.5_f64 }).with_qualname("Circle.area").into_py(py)?;
    /// assert_eq!(coro.getattr("__qualname__")?.extract::<String>()?, "Circle.area");
    /// coro.call_method0("close")?; // never awaited: close it (no RuntimeWarning)
    /// # Ok(()) });
    /// ```
    pub fn with_qualname(mut self, qualname: &str) -> Coroutine {
        self.qualname = Some(qualname.to_string());
        self
    }
}

impl IntoPy for Coroutine {
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        // The class lives in no module of the user's; `__module__` says where it comes from.
        imp::Coroutine::class_def().type_object_in(py, Some("limpet"))?;
        let qualname = self.qualname.unwrap_or_else(|| self.name.clone());
        let state = State::Suspended { future: self.future, delegate: None, started: false };
        imp::Coroutine { name: self.name, qualname, state: Mutex::new(state) }.into_py(py)
    }

    fn output_hint() -> String {
        coroutine_hint("typing.Any")
    }
}

/// The stub hint of a coroutine returning `ret`: `typing.Coroutine[typing.Any, typing.Any, ret]`.
#[doc(hidden)]
pub fn coroutine_hint(ret: &str) -> String {
    format!("typing.Coroutine[typing.Any, typing.Any, {ret}]")
}

/// The return value of an `async fn` declared with `function!` (used by macro expansions).
#[doc(hidden)]
pub fn async_return<F, T>(name: &'static str, future: F) -> Coroutine
where
    F: Future<Output = T> + Send + 'static,
    T: IntoPyReturn + 'static,
{
    Coroutine::new(name, future)
}

/// The return hint of an `async fn` whose Rust return type is `T` (used by macro expansions).
#[doc(hidden)]
pub fn async_output_hint_of<T: IntoPyReturn>() -> String {
    coroutine_hint(&T::output_hint())
}

/// The coroutine of an `async fn` method of a `class!` (`__qualname__` `Class.method`; used by
/// macro expansions).
#[doc(hidden)]
pub fn async_method<F, T>(name: &'static str, qualname: &'static str, future: F) -> Coroutine
where
    F: Future<Output = T> + Send + 'static,
    T: IntoPyReturn + 'static,
{
    Coroutine::new(name, future).with_qualname(qualname)
}

/// The coroutine of an `async fn __anext__`: its `None` (the end) raises `StopAsyncIteration`
/// from the `await` (used by macro expansions).
#[doc(hidden)]
pub fn async_anext<F, N>(name: &'static str, qualname: &'static str, future: F) -> Coroutine
where
    F: Future<Output = N> + Send + 'static,
    N: NextItem + 'static,
    N::Item: 'static,
{
    let next = async move {
        match future.await.into_item() {
            Ok(Some(item)) => Ok(item),
            Ok(None) => Err(PyErr::new_empty::<PyStopAsyncIteration>()),
            Err(e) => Err(e),
        }
    };
    Coroutine::new(name, next).with_qualname(qualname)
}

/// The mutex's data, also after a panic poisoned it.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
