//! docs/guide/05-async.md, compiled (its ```rust blocks, verbatim; `scripts/check_guide.py`
//! checks that every guide block is in a tests/guide*.rs file).
#![cfg(feature = "async")] // async fn and `limpet::coroutine` are the `async` feature's
#![allow(dead_code)]

#[rustfmt::skip]
mod aio {
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use limpet::coroutine::{await_py, Coroutine};
use limpet::prelude::*;

/// Run `f` on a new thread; the future completes when it returns (a stand-in for the
/// runtime you already have: e.g. a tokio `JoinHandle` is awaited the same way).
fn on_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> impl Future<Output = T> + Send {
    struct Job<T>(Arc<Mutex<(Option<T>, Option<Waker>)>>);
    impl<T> Future for Job<T> {
        type Output = T;
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
            let mut slot = self.0.lock().unwrap();
            match slot.0.take() {
                Some(value) => Poll::Ready(value),
                None => { slot.1 = Some(cx.waker().clone()); Poll::Pending }
            }
        }
    }
    let shared = Arc::new(Mutex::new((None, None)));
    let job = Job(shared.clone());
    std::thread::spawn(move || {
        let value = f();
        let waker = { let mut slot = shared.lock().unwrap(); slot.0 = Some(value); slot.1.take() };
        if let Some(waker) = waker { waker.wake(); }
    });
    job
}

limpet::function! {
    /// `await checksum(data)`: hashed on another thread while the event loop runs on.
    /// Parameters of an async fn are owned ('static) types: `Vec<u8>`, not `&[u8]`.
    pub async fn checksum(data: Vec<u8>) -> u64 {
        on_thread(move || data.iter().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(*b as u64))).await
    }

    /// Await Python from Rust: `asyncio.sleep`, then `then()` (e.g. an `async def`).
    /// The GIL is not held across `.await`: take it with `Python::with_gil` in between.
    pub async fn after(delay: f64, then: Py<PyAny>) -> PyResult<Py<PyAny>> {
        let sleep = Python::with_gil(|py| -> PyResult<_> {
            Ok(await_py(py.import("asyncio")?.call_method1("sleep", (delay,))?))
        })?;
        sleep.await?;
        // Exceptions come back as Err(PyErr) (the same exception object): handle or `?` them.
        Python::with_gil(|py| then.bind(py).call0().map(await_py))?.await
    }

    /// Without `async fn`: return a `Coroutine` built from any `Send + 'static` future.
    pub fn later(value: i64) -> Coroutine {
        Coroutine::new("later", async move { Ok::<i64, PyErr>(value * 2) })
    }
}

limpet::module! {
    mod aio { fn checksum; fn after; fn later; }
}

/// The chapter's Python snippet, run in an embedded interpreter (`--features embed`).
#[cfg(feature = "embed")]
#[test]
fn readme_example_runs_under_asyncio() {
    limpet::embed::add_module!(aio).expect("registered before start-up");
    limpet::embed::initialize();
    let code = r#"
import asyncio, aio

async def main():
    async def answer():
        return 42
    assert await aio.checksum(b"abc") == 96354
    assert await aio.after(0.01, answer) == 42
    assert await asyncio.gather(aio.later(1), aio.later(2)) == [2, 4]
    task = asyncio.ensure_future(aio.after(10, answer))
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        return "cancelled"

assert asyncio.run(main()) == "cancelled"
"#;
    Python::with_gil(|py| limpet::embed::run(py, code, None, None)).expect("the guide example runs");
}
}

// `async fn` methods (the chapter's class example).
#[rustfmt::skip]
mod methods_async {
use limpet::coroutine::await_py;
use limpet::prelude::*;

limpet::class! {
    /// A counter whose methods are awaited.
    pub struct Tally {
        #[py(get)] pub value: i64,
    }
    impl Tally {
        #[new]
        fn new() -> Self { Tally { value: 0 } }

        /// `await tally.add(n)`: holds an exclusive borrow until it finishes.
        async fn add(&mut self, n: i64) -> i64 {
            self.value += n;
            self.value
        }

        /// `await tally.read()`: a shared borrow; reads may overlap.
        async fn read(&self) -> i64 {
            self.value
        }

        /// Sleeps without holding a borrow, then borrows to update.
        async fn add_after(slf: Py<Self>, delay: f64, n: i64) -> PyResult<i64> {
            let sleep = Python::with_gil(|py| -> PyResult<_> {
                Ok(await_py(py.import("asyncio")?.call_method1("sleep", (delay,))?))
            })?;
            sleep.await?;
            Python::with_gil(|py| {
                let mut this = slf.bind(py).borrow_mut()?;
                this.value += n;
                Ok(this.value)
            })
        }

        /// `await Tally.zero()`.
        #[staticmethod]
        async fn zero() -> i64 { 0 }
    }
}

#[test]
fn async_method_stub_hints_are_coroutines() {
    let hints = Tally::__limpet_hints_add();
    assert_eq!(hints.ret, "typing.Coroutine[typing.Any, typing.Any, int]");
    assert_eq!(hints.params, vec![("n", "int".to_string())]);
    let hints = Tally::__limpet_hints_add_after();
    assert_eq!(hints.ret, "typing.Coroutine[typing.Any, typing.Any, int]");
    let hints = Tally::__limpet_hints_zero();
    assert_eq!(hints.ret, "typing.Coroutine[typing.Any, typing.Any, int]");
}

/// The chapter's async-method snippet, run in an embedded interpreter (`--features embed`).
#[cfg(feature = "embed")]
#[test]
fn readme_async_methods_run_under_asyncio() {
    use limpet::class::PyClass;
    limpet::embed::initialize();
    let code = r#"
import asyncio

async def main():
    tally = Tally()
    assert await tally.add(2) == 2
    assert await asyncio.gather(tally.add_after(0.01, 1), tally.add_after(0.01, 1)) == [3, 4]
    assert await asyncio.gather(tally.read(), tally.read()) == [4, 4]
    try:
        await asyncio.gather(tally.add(1), tally.add(1))
    except RuntimeError as e:
        assert str(e) == "Already borrowed (Tally)", e
    else:
        raise AssertionError("no RuntimeError")
    assert await Tally.zero() == 0
    c = tally.add(1)
    assert c.__qualname__ == "Tally.add"
    assert await c == 5

asyncio.run(main())
"#;
    Python::with_gil(|py| -> PyResult<()> {
        let globals = PyDict::new(py)?;
        globals.set_item("Tally".into_py(py)?, Tally::type_object(py)?)?;
        limpet::embed::run(py, code, Some(&globals), None)
    })
    .expect("the guide example runs");
}
}

/// Async methods on a fieldless enum class (frozen: `&self` takes no borrow flag).
mod enum_methods {
    limpet::class! {
        pub enum Level { Low, High }
        impl Level {
            #[staticmethod]
            async fn lowest() -> Level { Level::Low }
            async fn is_high(&self) -> bool { matches!(self, Level::High) }
        }
    }

    #[test]
    fn enum_async_method_hints() {
        assert_eq!(Level::__limpet_hints_lowest().ret, "typing.Coroutine[typing.Any, typing.Any, Level]");
        assert_eq!(Level::__limpet_hints_is_high().ret, "typing.Coroutine[typing.Any, typing.Any, bool]");
    }

    #[cfg(feature = "embed")]
    #[test]
    fn enum_async_methods_run() {
        use limpet::class::PyClass;
        use limpet::prelude::*;
        limpet::embed::initialize();
        Python::with_gil(|py| -> PyResult<()> {
            let globals = PyDict::new(py)?;
            globals.set_item("Level".into_py(py)?, Level::type_object(py)?)?;
            let code = "import asyncio\nassert asyncio.run(Level.lowest()) == Level.Low\n\
                        assert asyncio.run(Level.High.is_high()) is True\n";
            limpet::embed::run(py, code, Some(&globals), None)
        })
        .expect("async enum methods run");
    }
}

#[test]
fn async_fns_stay_callable_from_rust() {
    // The Rust `async fn` is emitted as written: drive it with a minimal executor.
    let fut = aio::checksum(b"abc".to_vec());
    let mut fut = std::pin::pin!(fut);
    struct Noop;
    impl std::task::Wake for Noop {
        fn wake(self: std::sync::Arc<Self>) {}
    }
    let waker = std::task::Waker::from(std::sync::Arc::new(Noop));
    let mut cx = std::task::Context::from_waker(&waker);
    let value = loop {
        if let std::task::Poll::Ready(v) = std::future::Future::poll(fut.as_mut(), &mut cx) {
            break v;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    };
    assert_eq!(value, 96354);
}

#[test]
fn async_fn_stub_hints_are_coroutines() {
    let hints = (aio::__limpet_fn_checksum.hints)();
    assert_eq!(hints.ret, "typing.Coroutine[typing.Any, typing.Any, int]");
    assert_eq!(hints.params, vec![("data", "bytes".to_string())]);
    let hints = (aio::__limpet_fn_after.hints)();
    assert_eq!(hints.ret, "typing.Coroutine[typing.Any, typing.Any, typing.Any]");
    let hints = (aio::__limpet_fn_later.hints)();
    assert_eq!(hints.ret, "typing.Coroutine[typing.Any, typing.Any, typing.Any]");
}
