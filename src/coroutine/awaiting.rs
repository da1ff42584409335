//! Awaiting Python awaitables from Rust: [`await_py`] and the future it returns.

use super::*;

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

pub(super) enum AwaitState {
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

pub(super) type Slot = Arc<Mutex<Option<PyResult<Py<PyAny>>>>>;
/// What a `PyAwait` registered during one poll: the iterator to delegate to, and its slot.
pub(super) type Frame = Option<(Py<PyAny>, Slot)>;

thread_local! {
    /// One frame per coroutine being polled on this thread: the Python iterator a `PyAwait`
    /// asked to delegate to during that poll.
    pub(super) static FRAMES: RefCell<Vec<Frame>> = const { RefCell::new(Vec::new()) };
}

/// Hand `obj`'s `__await__` iterator to the coroutine polling us.
pub(super) fn register(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Slot> {
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
pub(super) fn awaitable_iter<'py>(py: Python<'py>, obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
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
