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
use std::ptr::NonNull;
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

/// A borrow of an instance's Rust value that a future owns: the object (a strong reference)
/// and the borrow flag it set. Taken with the GIL when the method is called, released when
/// the future completes or is dropped.
struct Held<T: PyClass> {
    obj: Py<PyAny>,
    value: NonNull<T>,
    held: crate::class::Borrow,
}

impl<T: PyClass> Held<T> {
    fn borrow(obj: &Bound<'_, PyAny>, exclusive: bool) -> PyResult<Held<T>> {
        let (value, held) = crate::class::borrow_detached::<T>(obj, exclusive)?;
        let Some(value) = NonNull::new(value) else {
            return Err(PyRuntimeError::new_err("limpet: an instance without a value"));
        };
        Ok(Held { obj: obj.clone().unbind(), value, held })
    }
}

impl<T: PyClass> Held<T> {
    /// The value, shared.
    fn value(&self) -> &T {
        // SAFETY: the value lives as long as the object, which `obj` keeps alive (tp_clear
        // takes the exclusive borrow, refused while ours is held); the borrow flag we hold (or
        // frozen-ness) rules out a mutable borrow by anyone else until `Drop` releases it.
        unsafe { self.value.as_ref() }
    }
}

impl<T: PyClass> Drop for Held<T> {
    fn drop(&mut self) {
        if crate::gil::finalized() {
            return; // the interpreter is gone (embedding): so is the object
        }
        Python::with_gil(|py| {
            // SAFETY: `held` is what `borrow_detached` returned for `obj`; `Drop` runs once;
            // the GIL is held.
            unsafe { crate::class::release_detached::<T>(&self.obj.bind(py), self.held) }
        });
    }
}

/// The shared borrow held by the future of an `async fn` method taking `&self` (used by macro
/// expansions): taken when the method is called (`RuntimeError` if the object is mutably
/// borrowed), released when the future completes or is dropped.
#[doc(hidden)]
pub struct AsyncRef<T: PyClass>(Held<T>);

impl<T: PyClass> AsyncRef<T> {
    /// Borrow `obj`'s value; a `TypeError` if it is not a `T`, a `RuntimeError` if it is
    /// mutably borrowed.
    pub fn borrow(obj: &Bound<'_, PyAny>) -> PyResult<AsyncRef<T>> {
        Held::borrow(obj, false).map(AsyncRef)
    }
}

impl<T: PyClass> std::ops::Deref for AsyncRef<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0.value()
    }
}

// SAFETY: sending the guard hands `&T` to another thread: sound when `T: Sync`. The borrow
// flag is only touched with the GIL (taken in `Drop`).
unsafe impl<T: PyClass + Sync> Send for AsyncRef<T> {}
// SAFETY: shared access gives only `&T`.
unsafe impl<T: PyClass + Sync> Sync for AsyncRef<T> {}

/// The exclusive borrow held by the future of an `async fn` method taking `&mut self` (used
/// by macro expansions): a `RuntimeError` if the object is borrowed at all when the method is
/// called; released when the future completes or is dropped.
#[doc(hidden)]
pub struct AsyncMut<T: PyClass>(Held<T>);

impl<T: PyClass> AsyncMut<T> {
    /// Borrow `obj`'s value mutably; a `RuntimeError` if it is borrowed at all (or frozen).
    pub fn borrow(obj: &Bound<'_, PyAny>) -> PyResult<AsyncMut<T>> {
        Held::borrow(obj, true).map(AsyncMut)
    }
}

impl<T: PyClass> std::ops::Deref for AsyncMut<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0.value()
    }
}

impl<T: PyClass> std::ops::DerefMut for AsyncMut<T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `Held::value`; we hold the only borrow (flag -1) and `&mut self`.
        unsafe { self.0.value.as_mut() }
    }
}

// SAFETY: sending the guard hands `&mut T` to another thread: sound as `T: Send` (PyClass).
unsafe impl<T: PyClass> Send for AsyncMut<T> {}
// SAFETY: shared access gives only `&T`.
unsafe impl<T: PyClass + Sync> Sync for AsyncMut<T> {}

// ---------------------------------------------------------------------------------------
// Awaiting Python awaitables from Rust.

/// Await a Python awaitable (a coroutine, an `asyncio` future or task, any object with
/// `__await__`) from the Rust future of a [`Coroutine`]: `await_py(obj).await` is Python's
/// `await obj`, giving its result or the exception it raised (the same exception object).
///
/// The returned future must be polled by a limpet coroutine (inside an `async fn` of
/// [`function!`](macro@crate::function) or a [`Coroutine`]); elsewhere it fails with a
/// `RuntimeError`. Cancelling the coroutine while it waits here throws the `CancelledError`
/// into `obj` first (its `try/finally` runs); what `obj` does with it is what `.await` sees.
///
/// ```
/// use limpet::coroutine::await_py;
/// use limpet::prelude::*;
///
/// limpet::function! {
///     /// Sleep `secs` with `asyncio.sleep`, then return `value`.
///     pub async fn sleep_then(secs: f64, value: i64) -> PyResult<i64> {
///         let sleep = Python::with_gil(|py| -> PyResult<_> {
///             Ok(await_py(py.import("asyncio")?.call_method1("sleep", (secs,))?))
///         })?;
///         sleep.await?;
///         Ok(value)
///     }
/// }
/// # fn main() {}
/// ```
pub fn await_py(awaitable: Bound<'_, PyAny>) -> PyAwait {
    PyAwait::new(awaitable.unbind())
}

/// The future [`await_py`] returns; its output is the awaitable's result.
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::coroutine::{Coroutine, PyAwait};
/// use limpet::prelude::*;
///
/// // An awaitable that raises: the Rust side sees the same exception as Err(PyErr).
/// let failing: PyAwait = limpet::coroutine::await_py(py.import("asyncio")?.getattr("sleep")?.call1(("x",))?);
/// let coro = Coroutine::new("check", async move {
///     let err = failing.await.unwrap_err();
///     Python::with_gil(|py| err.is_instance_of::<PyTypeError>(py))
/// });
/// let caught = py.import("asyncio")?.call_method1("run", (coro,))?;
/// assert!(caught.extract::<bool>()?);
/// # Ok(()) });
/// ```
#[must_use = "futures do nothing unless awaited"]
pub struct PyAwait {
    state: AwaitState,
}

enum AwaitState {
    Start(Py<PyAny>),
    Waiting(Slot),
    Done,
}

impl PyAwait {
    /// Await the object `awaitable` (see [`await_py`]).
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::coroutine::{Coroutine, PyAwait};
    /// use limpet::prelude::*;
    ///
    /// let ready = py.import("asyncio")?.call_method1("sleep", (0, "done"))?.unbind();
    /// let coro = Coroutine::new("wait", async move {
    ///     let value = PyAwait::new(ready).await?;
    ///     Python::with_gil(|py| value.bind(py).extract::<String>())
    /// });
    /// let result = py.import("asyncio")?.call_method1("run", (coro,))?;
    /// assert_eq!(result.extract::<String>()?, "done");
    /// # Ok(()) });
    /// ```
    pub fn new(awaitable: Py<PyAny>) -> PyAwait {
        PyAwait { state: AwaitState::Start(awaitable) }
    }
}

impl Future for PyAwait {
    type Output = PyResult<Py<PyAny>>;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        match std::mem::replace(&mut self.state, AwaitState::Done) {
            AwaitState::Start(obj) => {
                let registered = Python::with_gil(|py| register(py, &obj.bind(py)));
                match registered {
                    Ok(slot) => {
                        self.state = AwaitState::Waiting(slot);
                        Poll::Pending
                    }
                    Err(e) => Poll::Ready(Err(e)),
                }
            }
            AwaitState::Waiting(slot) => {
                let result = lock(&slot).take();
                match result {
                    Some(result) => Poll::Ready(result),
                    None => {
                        self.state = AwaitState::Waiting(slot);
                        Poll::Pending
                    }
                }
            }
            AwaitState::Done => Poll::Ready(Err(PyRuntimeError::new_err("limpet PyAwait polled after completion"))),
        }
    }
}

type Slot = Arc<Mutex<Option<PyResult<Py<PyAny>>>>>;
/// What a `PyAwait` registered during one poll: the iterator to delegate to, and its slot.
type Frame = Option<(Py<PyAny>, Slot)>;

thread_local! {
    /// One frame per coroutine being polled on this thread: the Python iterator a `PyAwait`
    /// asked to delegate to during that poll.
    static FRAMES: RefCell<Vec<Frame>> = const { RefCell::new(Vec::new()) };
}

/// Hand `obj`'s `__await__` iterator to the coroutine polling us.
fn register(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Slot> {
    let in_coroutine = FRAMES.with(|f| f.borrow().last().map(Option::is_some));
    match in_coroutine {
        None => {
            return Err(PyRuntimeError::new_err(
                "limpet::coroutine::await_py: a Python awaitable can only be awaited inside a limpet coroutine \
                 (an async fn of limpet::function! or a limpet::coroutine::Coroutine) driven by Python",
            ))
        }
        Some(true) => {
            return Err(PyRuntimeError::new_err(
                "limpet::coroutine::await_py: this coroutine is already awaiting a Python awaitable; it awaits one \
                 at a time (combine them on the Python side, e.g. with asyncio.gather)",
            ))
        }
        Some(false) => {}
    }
    let iter = awaitable_iter(py, obj)?;
    let slot: Slot = Arc::new(Mutex::new(None));
    FRAMES.with(|f| {
        if let Some(frame) = f.borrow_mut().last_mut() {
            *frame = Some((iter.unbind(), slot.clone()));
        }
    });
    Ok(slot)
}

/// What `await obj` iterates: `obj.__await__()`, or a generator-based coroutine itself.
fn awaitable_iter<'py>(py: Python<'py>, obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let iter = match obj.getattr("__await__") {
        Ok(method) => method.call0()?,
        Err(e) if e.is_instance_of::<PyAttributeError>(py) => {
            // `@types.coroutine` generators (CO_ITERABLE_COROUTINE) are awaitable as they are.
            let generator = py.import("types")?.getattr("GeneratorType")?;
            let flags = if obj.is_instance(&generator)? {
                obj.getattr("gi_code")?.getattr("co_flags")?.extract::<i64>()?
            } else {
                0
            };
            if flags & 0x100 == 0 {
                return Err(PyTypeError::new_err(format!(
                    "object {} can't be used in 'await' expression",
                    obj.type_name()
                )));
            }
            obj.clone()
        }
        Err(e) => return Err(e),
    };
    if !iter.hasattr("__next__")? {
        return Err(PyTypeError::new_err(format!("__await__() returned non-iterator of type '{}'", iter.type_name())));
    }
    Ok(iter)
}

// ---------------------------------------------------------------------------------------
// The Python object.

/// Where a coroutine stands.
enum State {
    /// Not running: the future, and the Python iterator it is delegating to, if any.
    Suspended { future: BoxFuture, delegate: Option<Delegate>, started: bool },
    /// Inside `send`/`throw` (re-entering is an error).
    Running,
    /// Returned, raised, closed or cancelled.
    Done,
}

/// The Python iterator a coroutine currently delegates to, and who gets its result.
struct Delegate {
    iter: Py<PyAny>,
    to: Route,
}

enum Route {
    /// A `PyAwait` of the Rust future.
    Await(Slot),
    /// The asyncio future a Rust waker completes: its result only means "poll again".
    Waker,
}

/// What the coroutine receives.
enum Input {
    Send(Py<PyAny>),
    Throw(PyErr),
}

/// What one `send`/`throw` ends with.
enum Step {
    Yield(Py<PyAny>),
    Return(Py<PyAny>),
    Raise(PyErr),
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The Python class; private: users see it only as the objects [`Coroutine`] becomes.
// The class! expansion builds its stub hint list with pushes (lint aimed at hand-written code).
#[allow(clippy::vec_init_then_push)]
mod imp {
    use super::*;

    crate::class! {
        /// A Rust future as a Python coroutine (see `limpet::coroutine`).
        #[frozen]
        pub struct Coroutine {
            pub(super) name: String,
            pub(super) qualname: String,
            pub(super) state: Mutex<State>,
        }
        impl Coroutine {
            fn __await__(slf: Py<Self>) -> Py<Self> { slf }
            fn __iter__(slf: Py<Self>) -> Py<Self> { slf }
            fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
                self.resume(py, Input::Send(py.None().unbind())).map(Some)
            }
            /// send(arg) -> send 'arg' into coroutine,
            /// return next iterated value or raise StopIteration.
            fn send(&self, py: Python<'_>, value: Py<PyAny>) -> PyResult<Py<PyAny>> {
                self.resume(py, Input::Send(value))
            }
            /// throw(value)
            /// throw(type[,value[,traceback]])
            ///
            /// Raise exception in coroutine, return next iterated value or raise
            /// StopIteration.
            fn throw(
                &self,
                py: Python<'_>,
                typ: Py<PyAny>,
                val: Option<Py<PyAny>> = None,
                tb: Option<Py<PyAny>> = None,
            ) -> PyResult<Py<PyAny>> {
                let err = make_exception(py, &typ.bind(py), val.map(|v| v.into_bound(py)), tb.map(|t| t.into_bound(py)))?;
                self.resume(py, Input::Throw(err))
            }
            /// close() -> raise GeneratorExit inside coroutine.
            fn close(&self, py: Python<'_>) -> PyResult<()> {
                self.close_impl(py)
            }
            #[getter]
            fn __name__(&self) -> String { self.name.clone() }
            #[getter]
            fn __qualname__(&self) -> String { self.qualname.clone() }
            #[getter]
            fn cr_running(&self) -> bool { matches!(*lock(&self.state), State::Running) }
            fn __repr__(&self) -> String { format!("<limpet.Coroutine object {}>", self.qualname) }
            fn __traverse__(&self, visit: crate::class::PyVisit<'_>) -> Result<(), crate::class::PyTraverseError> {
                // The Python object delegated to (cycles through it are collectable); what
                // the Rust future holds is invisible. Never blocks: the lock is not held
                // across anything that can run the GC, and `try_lock` covers the rest.
                if let Ok(state) = self.state.try_lock() {
                    if let State::Suspended { delegate: Some(d), .. } = &*state {
                        visit.call(&d.iter)?;
                    }
                }
                Ok(())
            }
            #[staticmethod]
            fn _wake(fut: &Bound<'_, PyAny>) -> PyResult<()> {
                // Completes the asyncio future a Rust waker woke (run by the loop).
                if !fut.call_method0("done")?.is_truthy()? {
                    fut.call_method1("set_result", (fut.py().None(),))?;
                }
                Ok(())
            }
        }
    }
}

impl imp::Coroutine {
    fn take_state(&self) -> State {
        std::mem::replace(&mut *lock(&self.state), State::Running)
    }

    /// `send(value)` / `throw(exc)`: run until the next yield, the return or an exception.
    fn resume(&self, py: Python<'_>, input: Input) -> PyResult<Py<PyAny>> {
        let (mut future, mut delegate, started) = match self.take_state() {
            State::Suspended { future, delegate, started } => (future, delegate, started),
            State::Running => {
                return Err(PyValueError::new_err("coroutine already executing"));
            }
            State::Done => {
                *lock(&self.state) = State::Done;
                return Err(PyRuntimeError::new_err("cannot reuse already awaited coroutine"));
            }
        };
        if let (false, Input::Send(v)) = (started, &input) {
            if !v.bind(py).is_none() {
                *lock(&self.state) = State::Suspended { future, delegate, started };
                return Err(PyTypeError::new_err("can't send non-None value to a just-started coroutine"));
            }
        }
        let step = catch_unwind(AssertUnwindSafe(|| drive(py, &mut future, &mut delegate, input)));
        let step = match step {
            Ok(Ok(step)) => step,
            Ok(Err(e)) => Step::Raise(e),
            Err(payload) => Step::Raise(PanicException::from_panic(payload)),
        };
        match step {
            Step::Yield(obj) => {
                *lock(&self.state) = State::Suspended { future, delegate, started: true };
                Ok(obj)
            }
            Step::Return(value) => {
                *lock(&self.state) = State::Done;
                drop_future(future);
                Err(stop_iteration(py, value))
            }
            Step::Raise(err) => {
                *lock(&self.state) = State::Done;
                drop_future(future);
                Err(err)
            }
        }
    }

    fn close_impl(&self, py: Python<'_>) -> PyResult<()> {
        match self.take_state() {
            State::Suspended { future, delegate, .. } => {
                *lock(&self.state) = State::Done;
                let closed = match delegate {
                    Some(d) => close_iter(&d.iter.bind(py)),
                    None => Ok(()),
                };
                drop_future(future);
                closed
            }
            State::Running => {
                *lock(&self.state) = State::Running;
                Err(PyValueError::new_err("coroutine already executing"))
            }
            State::Done => {
                *lock(&self.state) = State::Done;
                Ok(())
            }
        }
    }
}

/// Drop a future; a panic in its `Drop` is reported, not propagated.
fn drop_future(future: BoxFuture) {
    if let Err(payload) = catch_unwind(AssertUnwindSafe(move || drop(future))) {
        // Never unwind into the interpreter; the panic's message is printed as unraisable.
        if let Err(second) = catch_unwind(AssertUnwindSafe(|| {
            Python::with_gil(|py| PanicException::from_panic(payload).print(py));
        })) {
            crate::exceptions::drop_panic_payload(second);
        }
    }
}

/// `StopIteration(value)` (a tuple value stays one argument, as CPython does).
fn stop_iteration(py: Python<'_>, value: Py<PyAny>) -> PyErr {
    let value = value.into_bound(py);
    match PyStopIteration::type_object(py).call1((value,)) {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// The exception `throw(typ, val, tb)` raises (the rules of `generator.throw`).
fn make_exception(
    py: Python<'_>,
    typ: &Bound<'_, PyAny>,
    val: Option<Bound<'_, PyAny>>,
    tb: Option<Bound<'_, PyAny>>,
) -> PyResult<PyErr> {
    let base = PyBaseException::type_object(py);
    let val = val.filter(|v| !v.is_none());
    let tb = tb.filter(|t| !t.is_none());
    let exc = if typ.is_instance(&base)? {
        if val.is_some() {
            return Err(PyTypeError::new_err("instance exception may not have a separate value"));
        }
        typ.clone()
    } else if is_exception_class(py, typ)? {
        match val {
            None => typ.call0()?,
            Some(v) if v.is_instance(typ)? => v,
            Some(v) => match v.downcast::<crate::types::PyTuple>() {
                Ok(t) => typ.call1(t.clone())?,
                Err(_) => typ.call1((v,))?,
            },
        }
    } else {
        return Err(PyTypeError::new_err(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            typ.type_name()
        )));
    };
    if let Some(tb) = tb {
        exc.call_method1("with_traceback", (tb,))?;
    }
    Ok(PyErr::from_value(exc))
}

fn is_exception_class(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let builtins = py.import("builtins")?;
    if !obj.is_instance(&builtins.getattr("type")?)? {
        return Ok(false);
    }
    let base = PyBaseException::type_object(py);
    builtins.getattr("issubclass")?.call1((obj, base))?.is_truthy()
}

/// Outcome of stepping a delegated-to iterator.
enum Outcome {
    Yielded(Py<PyAny>),
    Finished(PyResult<Py<PyAny>>),
}

/// `next(iter)` or `iter.send(value)`.
fn step_iter(py: Python<'_>, iter: &Bound<'_, PyAny>, value: Py<PyAny>) -> Outcome {
    let value = value.into_bound(py);
    let result = if value.is_none() { iter.call_method0("__next__") } else { iter.call_method1("send", (value,)) };
    outcome(py, result)
}

/// `iter.throw(exc)` (after closing it for `GeneratorExit`, as `yield from` does).
fn throw_iter(py: Python<'_>, iter: &Bound<'_, PyAny>, mut err: PyErr) -> Outcome {
    if err.is_instance_of::<PyGeneratorExit>(py) {
        return Outcome::Finished(close_iter(iter).and(Err(err)));
    }
    let throw = match iter.getattr("throw") {
        Ok(t) => t,
        Err(e) if e.is_instance_of::<PyAttributeError>(py) => return Outcome::Finished(Err(err)),
        Err(e) => return Outcome::Finished(Err(e)),
    };
    let value = err.value(py);
    outcome(py, throw.call1((value,)))
}

fn close_iter(iter: &Bound<'_, PyAny>) -> PyResult<()> {
    match iter.getattr("close") {
        Ok(close) => close.call0().map(drop),
        Err(e) if e.is_instance_of::<PyAttributeError>(iter.py()) => Ok(()),
        Err(e) => Err(e),
    }
}

fn outcome(py: Python<'_>, result: PyResult<Bound<'_, PyAny>>) -> Outcome {
    match result {
        Ok(y) => Outcome::Yielded(y.unbind()),
        Err(mut e) if e.is_instance_of::<PyStopIteration>(py) => {
            Outcome::Finished(e.value(py).getattr("value").map(Bound::unbind))
        }
        Err(e) => Outcome::Finished(Err(e)),
    }
}

/// Pops the frame pushed for one poll, also when the poll panics.
struct FrameGuard;

impl Drop for FrameGuard {
    fn drop(&mut self) {
        let _ = FRAMES.try_with(|f| f.borrow_mut().pop());
    }
}

/// Feed `input` to the delegate (if any), poll the future when it is owed a poll, repeat
/// until something must go back to the event loop.
fn drive(py: Python<'_>, future: &mut BoxFuture, delegate: &mut Option<Delegate>, input: Input) -> PyResult<Step> {
    let mut input = Some(input);
    loop {
        if let Some(d) = delegate.take() {
            let iter = d.iter.bind(py);
            let out = match input.take() {
                Some(Input::Throw(e)) => throw_iter(py, &iter, e),
                Some(Input::Send(v)) => step_iter(py, &iter, v),
                None => step_iter(py, &iter, py.None().unbind()),
            };
            drop(iter);
            match (out, d.to) {
                (Outcome::Yielded(y), to) => {
                    *delegate = Some(Delegate { iter: d.iter, to });
                    return Ok(Step::Yield(y));
                }
                (Outcome::Finished(result), Route::Await(slot)) => *lock(&slot) = Some(result),
                (Outcome::Finished(Ok(_)), Route::Waker) => {}
                (Outcome::Finished(Err(e)), Route::Waker) => return Ok(Step::Raise(e)),
            }
        } else if let Some(Input::Throw(e)) = input.take() {
            return Ok(Step::Raise(e));
        }
        // Poll the future once.
        let wake = Arc::new(WakeState { inner: Mutex::new(WakeInner { woken: false, target: None }) });
        let waker = Waker::from(wake.clone());
        let mut cx = Context::from_waker(&waker);
        FRAMES.with(|f| f.borrow_mut().push(None));
        let guard = FrameGuard;
        let polled = future.as_mut().poll(&mut cx);
        let registered = FRAMES.with(|f| f.borrow_mut().last_mut().and_then(Option::take));
        drop(guard);
        match polled {
            Poll::Ready(finish) => {
                if let Some((iter, _)) = registered {
                    // Registered, then abandoned within the same poll: never started.
                    close_iter(&iter.bind(py))?;
                }
                return Ok(Step::Return(finish(py)?.unbind()));
            }
            Poll::Pending => {}
        }
        if let Some((iter, slot)) = registered {
            if Arc::strong_count(&slot) > 1 {
                *delegate = Some(Delegate { iter, to: Route::Await(slot) });
                continue;
            }
            // The PyAwait was dropped within the poll (e.g. by a `select!`): never started.
            close_iter(&iter.bind(py))?;
        }
        // Woken during the poll: a bare yield, asyncio steps us again next iteration.
        if lock(&wake.inner).woken {
            return Ok(Step::Yield(py.None().unbind()));
        }
        // Pending on a Rust waker: wait on an asyncio future that the waker completes.
        let asyncio_loop = py.import("asyncio")?.call_method0("get_running_loop")?;
        let fut = asyncio_loop.call_method0("create_future")?;
        {
            let mut inner = lock(&wake.inner);
            if inner.woken {
                // Woken (by another thread) since the check above.
                return Ok(Step::Yield(py.None().unbind()));
            }
            inner.target = Some((asyncio_loop.unbind(), fut.clone().unbind()));
        }
        let iter = awaitable_iter(py, &fut)?;
        *delegate = Some(Delegate { iter: iter.unbind(), to: Route::Waker });
    }
}

/// The waker given to each poll: records the wake-up, or completes the asyncio future the
/// coroutine waits on (from any thread, taking the GIL).
struct WakeState {
    inner: Mutex<WakeInner>,
}

struct WakeInner {
    woken: bool,
    /// The running loop and the future to complete.
    target: Option<(Py<PyAny>, Py<PyAny>)>,
}

impl Wake for WakeState {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let target = {
            let mut inner = lock(&self.inner);
            inner.woken = true;
            inner.target.take()
        };
        let Some((asyncio_loop, fut)) = target else { return };
        if !crate::runtime::interpreter_running() {
            // The interpreter is gone; leak rather than touch it.
            std::mem::forget((asyncio_loop, fut));
            return;
        }
        Python::with_gil(|py| {
            let scheduled = (|| -> PyResult<()> {
                let wake = imp::Coroutine::class_def().type_object(py)?.getattr("_wake")?;
                asyncio_loop.bind(py).call_method1("call_soon_threadsafe", (wake, fut.bind(py)))?;
                Ok(())
            })();
            // A closed loop cannot run the task any more: nothing to wake.
            drop(scheduled);
        });
    }
}
