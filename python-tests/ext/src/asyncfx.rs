//! asyncio: Rust futures awaited by Python, Python awaitables awaited by Rust
//! (test_asyncio.py).

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use limpet::coroutine::{await_py, Coroutine, PyAwait};
use limpet::prelude::*;

use crate::classes::Waiter;

/// Completes after `secs`, woken by a std thread (a stand-in for any runtime's timer).
struct ThreadSleep {
    shared: Arc<Mutex<(bool, Option<Waker>)>>,
    started: bool,
    secs: f64,
}

fn thread_sleep(secs: f64) -> ThreadSleep {
    ThreadSleep { shared: Arc::new(Mutex::new((false, None))), started: false, secs }
}

impl Future for ThreadSleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.shared.lock().unwrap();
        if state.0 {
            return Poll::Ready(());
        }
        state.1 = Some(cx.waker().clone());
        drop(state);
        if !self.started {
            self.started = true;
            let shared = self.shared.clone();
            let secs = self.secs;
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_secs_f64(secs));
                let waker = {
                    let mut state = shared.lock().unwrap();
                    state.0 = true;
                    state.1.take()
                };
                if let Some(w) = waker {
                    w.wake();
                }
            });
        }
        Poll::Pending
    }
}

/// Pending once, waking itself while polled (a "yield now").
struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

static DROPS: AtomicUsize = AtomicUsize::new(0);

/// Counts its drops: proves a cancelled Rust future was dropped.
struct DropFlag;

impl Drop for DropFlag {
    fn drop(&mut self) {
        DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

fn py_call(f: impl for<'py> FnOnce(Python<'py>) -> PyResult<Bound<'py, PyAny>>) -> PyResult<PyAwait> {
    Python::with_gil(|py| Ok(await_py(f(py)?)))
}

limpet::class! {
    /// A counter with awaitable methods: `async fn` with `&self`, `&mut self`, `slf: Py<Self>`,
    /// static and class methods, an async iterator (`__anext__`), and `add`, a method returning
    /// a hand-made coroutine (the receiver taken as `Py<Self>` and moved in).
    #[subclass]
    pub struct AsyncCounter {
        #[py(get)] pub value: i64,
    }
    impl AsyncCounter {
        #[new]
        fn new(value: i64 = 0) -> Self { AsyncCounter { value } }
        fn add(slf: Py<Self>, n: i64) -> Coroutine {
            Coroutine::new("add", async move {
                thread_sleep(0.0).await;
                Python::with_gil(|py| -> PyResult<i64> {
                    let counter = slf.bind(py);
                    let mut this = counter.borrow_mut()?;
                    this.value += n;
                    Ok(this.value)
                })
            })
            .with_qualname("AsyncCounter.add")
        }
        /// `n * 2`, after a std thread slept `secs` (an async static method).
        #[staticmethod]
        async fn double(n: i64, secs: f64 = 0.0) -> PyResult<i64> {
            thread_sleep(secs).await;
            n.checked_mul(2).ok_or_else(|| PyOverflowError::new_err("double overflows i64"))
        }
        /// The class's `__name__` (an async classmethod).
        #[classmethod]
        async fn class_name(cls: Py<PyAny>) -> PyResult<String> {
            YieldNow(false).await;
            Python::with_gil(|py| cls.bind(py).getattr("__name__")?.extract::<String>())
        }
        /// Adds `n` after `secs`, borrowing only inside `with_gil` (an owned receiver).
        async fn add_later(slf: Py<Self>, n: i64, secs: f64 = 0.0) -> PyResult<i64> {
            thread_sleep(secs).await;
            Python::with_gil(|py| -> PyResult<i64> {
                let mut this = slf.bind(py).borrow_mut()?;
                this.value += n;
                Ok(this.value)
            })
        }
        /// The value after `secs` (a shared borrow held until the coroutine ends).
        async fn peek(&self, secs: f64 = 0.0) -> i64 {
            let _flag = DropFlag;
            thread_sleep(secs).await;
            self.value
        }
        /// Adds `n` after `secs` (an exclusive borrow held until the coroutine ends).
        async fn bump(&mut self, n: i64, secs: f64 = 0.0) -> PyResult<i64> {
            let _flag = DropFlag;
            thread_sleep(secs).await;
            self.value = self.value.checked_add(n).ok_or_else(|| PyOverflowError::new_err("counter overflows i64"))?;
            Ok(self.value)
        }
        /// Sets the value to `n`, then raises `ValueError(msg)` after yielding once.
        async fn set_then_fail(&mut self, n: i64, msg: String) -> PyResult<()> {
            self.value = n;
            YieldNow(false).await;
            Err(PyValueError::new_err(msg))
        }
        /// `await aw` with the exclusive borrow held; returns its result plus the value.
        async fn await_holding(&mut self, aw: Py<PyAny>) -> PyResult<i64> {
            let _flag = DropFlag;
            let got = await_py_owned(aw).await?;
            let got = Python::with_gil(|py| got.bind(py).extract::<i64>())?;
            self.value += got;
            Ok(self.value)
        }
        /// A synchronous mutation (refused while an async `&self`/`&mut self` call runs).
        fn reset(&mut self) { self.value = 0; }
        fn __aiter__(slf: Py<Self>) -> Py<Self> { slf }
        /// Counts down: the value, decremented, until it reaches 0 (then StopAsyncIteration).
        async fn __anext__(&mut self) -> Option<i64> {
            YieldNow(false).await;
            if self.value <= 0 {
                return None;
            }
            self.value -= 1;
            Some(self.value)
        }
    }
}

limpet::function! {
    /// `a + b`, after a std thread slept `secs` and woke the coroutine.
    pub async fn sleep_then_add(a: i64, b: i64, secs: f64 = 0.01) -> PyResult<i64> {
        thread_sleep(secs).await;
        a.checked_add(b).ok_or_else(|| PyOverflowError::new_err("sum overflows i64"))
    }

    /// `value`, after `await asyncio.sleep(secs)` from Rust.
    pub async fn py_sleep(secs: f64, value: i64) -> PyResult<i64> {
        py_call(|py| py.import("asyncio")?.call_method1("sleep", (secs,)))?.await?;
        Ok(value)
    }

    /// `await aw`, from Rust: its result, or its exception raised again (the same object).
    pub async fn await_obj(aw: Py<PyAny>) -> PyResult<Py<PyAny>> {
        await_py_owned(aw).await
    }

    /// `await aw`, from Rust, catching an exception: `("ok", result)` or `("err", exception)`.
    pub async fn await_catch(aw: Py<PyAny>) -> (String, Py<PyAny>) {
        match await_py_owned(aw).await {
            Ok(v) => ("ok".to_owned(), v),
            Err(e) => Python::with_gil(|py| ("err".to_owned(), e.into_value(py).unbind())),
        }
    }

    /// Awaits `f()` then `g(result)`: the result of one Python awaitable feeds the next.
    pub async fn chain(f: Py<PyAny>, g: Py<PyAny>) -> PyResult<Py<PyAny>> {
        let first = py_call(|py| f.bind(py).call0())?.await?;
        py_call(|py| g.bind(py).call1((first,)))?.await
    }

    /// Raises `ValueError(msg)` after yielding to the loop once.
    pub async fn fail_later(msg: String) -> PyResult<i64> {
        YieldNow(false).await;
        Err(PyValueError::new_err(msg))
    }

    /// Yields to the loop `n` times (waking itself each time), then returns `n`.
    pub async fn yield_n(n: usize) -> usize {
        for _ in 0..n {
            YieldNow(false).await;
        }
        n
    }

    /// Holds a drop flag while a std thread sleeps `secs`; returns "done".
    pub async fn hold_and_sleep(secs: f64) -> String {
        let _flag = DropFlag;
        thread_sleep(secs).await;
        "done".to_owned()
    }

    /// Holds a drop flag while awaiting `aw`.
    pub async fn hold_and_await(aw: Py<PyAny>) -> PyResult<Py<PyAny>> {
        let _flag = DropFlag;
        await_py_owned(aw).await
    }

    /// Awaits `aw`; a `CancelledError` it raises is caught in Rust, which returns "rust saw cancel".
    pub async fn swallow_cancel(aw: Py<PyAny>) -> PyResult<String> {
        match await_py_owned(aw).await {
            Ok(_) => Ok("finished".to_owned()),
            Err(e) => {
                let cancelled = Python::with_gil(|py| -> PyResult<bool> {
                    let ty = py.import("asyncio")?.getattr("CancelledError")?;
                    py.import("builtins")?.getattr("issubclass")?.call1((e.get_type(py), ty))?.is_truthy()
                })?;
                if cancelled { Ok("rust saw cancel".to_owned()) } else { Err(e) }
            }
        }
    }

    /// Panics after yielding once.
    pub async fn panic_later() -> i64 {
        YieldNow(false).await;
        panic!("boom in a future")
    }

    /// Awaits `limptest.Waiter(n)` (a class with `__await__`) from Rust; returns its result.
    pub async fn await_waiter(n: usize) -> PyResult<Py<PyAny>> {
        py_call(|py| Waiter { n }.into_py(py))?.await
    }

    /// `async for x in it: total += x` from Rust, through `__anext__` (until StopAsyncIteration).
    pub async fn sum_async_iter(it: Py<PyAny>) -> PyResult<i64> {
        let mut total = 0;
        loop {
            let next = match py_call(|py| it.bind(py).call_method0("__anext__")) {
                Ok(next) => next.await,
                Err(e) => Err(e),
            };
            match next {
                Ok(v) => total += Python::with_gil(|py| v.bind(py).extract::<i64>())?,
                Err(e) if Python::with_gil(|py| e.is_instance_of::<PyStopAsyncIteration>(py)) => return Ok(total),
                Err(e) => return Err(e),
            }
        }
    }

    /// Awaits two Python awaitables at once inside one Rust future (unsupported: RuntimeError).
    pub async fn await_two(a: Py<PyAny>, b: Py<PyAny>) -> PyResult<Py<PyAny>> {
        let mut fa = Box::pin(await_py_owned(a));
        let mut fb = Box::pin(await_py_owned(b));
        std::future::poll_fn(|cx| {
            let ra = fa.as_mut().poll(cx);
            let rb = fb.as_mut().poll(cx);
            match (ra, rb) {
                (_, Poll::Ready(Err(e))) => Poll::Ready(Err(e)),
                (Poll::Ready(r), _) => Poll::Ready(r),
                _ => Poll::Pending,
            }
        })
        .await
    }

    /// The number of `DropFlag`s dropped so far.
    pub fn drop_count() -> usize {
        DROPS.load(Ordering::SeqCst)
    }

    /// A coroutine made by hand with `Coroutine::new` (qualname `Calc.add`).
    pub fn add_coro(a: i64, b: i64) -> Coroutine {
        Coroutine::new("add", async move {
            YieldNow(false).await;
            a + b
        })
        .with_qualname("Calc.add")
    }

    /// Polls `await_py` outside any coroutine: RuntimeError.
    pub fn await_outside(aw: Py<PyAny>) -> PyResult<Py<PyAny>> {
        let mut fut = Box::pin(await_py_owned(aw));
        let waker = Waker::from(Arc::new(NoopWake));
        match fut.as_mut().poll(&mut Context::from_waker(&waker)) {
            Poll::Ready(r) => r,
            Poll::Pending => Err(PyRuntimeError::new_err("pending")),
        }
    }
}

struct NoopWake;

impl std::task::Wake for NoopWake {
    fn wake(self: Arc<Self>) {}
}

fn await_py_owned(aw: Py<PyAny>) -> PyAwait {
    PyAwait::new(aw)
}
