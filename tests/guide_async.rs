//! The README's asyncio section, compiled (`/tmp/limpet-readme/async.md` while drafted; the
//! lead merges it into README.md; `scripts/check_guide.py` checks the blocks are here).
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

/// The README's Python snippet, run in an embedded interpreter (`--features embed`).
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
    Python::with_gil(|py| limpet::embed::run(py, code, None, None)).expect("the README example runs");
}
}

#[rustfmt::skip]
mod methods {
use limpet::coroutine::Coroutine;
use limpet::prelude::*;

limpet::class! {
    /// A counter whose `add` is awaited.
    pub struct Tally {
        #[py(get)] pub value: i64,
    }
    impl Tally {
        #[new]
        fn new() -> Self { Tally { value: 0 } }
        fn add(slf: Py<Self>, n: i64) -> Coroutine {
            Coroutine::new("add", async move {
                Python::with_gil(|py| -> PyResult<i64> {
                    let tally = slf.bind(py);
                    let mut this = tally.borrow_mut()?;
                    this.value += n;
                    Ok(this.value)
                })
            })
            .with_qualname("Tally.add")
        }
    }
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
