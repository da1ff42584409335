//! The Rust waker of a coroutine's future: completes the asyncio future the coroutine waits on.

use super::*;

/// The waker given to each poll: records the wake-up, or completes the asyncio future the
/// coroutine waits on (from any thread, taking the GIL).
pub(super) struct WakeState {
    pub(super) inner: Mutex<WakeInner>,
}

pub(super) struct WakeInner {
    pub(super) woken: bool,
    /// The running loop and the future to complete.
    pub(super) target: Option<(Py<PyAny>, Py<PyAny>)>,
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
