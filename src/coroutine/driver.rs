//! The Python object a [`Coroutine`] becomes (`limpet.Coroutine`) and what
//! drives its future: `send`, `throw`, `close`, delegation to a Python awaitable.

use super::*;

/// Where a coroutine stands.
pub(super) enum State {
    /// Not running: the future, and the Python iterator it is delegating to, if any.
    Suspended { future: BoxFuture, delegate: Option<Delegate>, started: bool },
    /// Inside `send`/`throw` (re-entering is an error).
    Running,
    /// Returned, raised, closed or cancelled.
    Done,
}

/// The Python iterator a coroutine currently delegates to, and who gets its result.
pub(super) struct Delegate {
    iter: Py<PyAny>,
    to: Route,
}

pub(super) enum Route {
    /// A `PyAwait` of the Rust future.
    Await(Slot),
    /// The asyncio future a Rust waker completes: its result only means "poll again".
    Waker,
}

/// What the coroutine receives.
pub(super) enum Input {
    Send(Py<PyAny>),
    Throw(PyErr),
}

/// What one `send`/`throw` ends with.
pub(super) enum Step {
    Yield(Py<PyAny>),
    Return(Py<PyAny>),
    Raise(PyErr),
}

/// The Python class; private: users see it only as the objects [`Coroutine`] becomes.
// The class! expansion builds its stub hint list with pushes (lint aimed at hand-written code).
#[allow(clippy::vec_init_then_push)]
pub(super) mod imp {
    use super::*;

    crate::class! {
        /// A Rust future as a Python coroutine (see `limpet::coroutine`).
        #[frozen]
        pub struct Coroutine {
            pub(in crate::coroutine) name: String,
            pub(in crate::coroutine) qualname: String,
            pub(in crate::coroutine) state: Mutex<State>,
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
        let step = crate::trampoline::catch(|| drive(py, &mut future, &mut delegate, input));
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
pub(super) fn drop_future(future: BoxFuture) {
    if let Err(payload) = crate::trampoline::catch(move || drop(future)) {
        // Never unwind into the interpreter; the panic's message is printed as unraisable.
        if let Err(second) = catch_unwind(AssertUnwindSafe(|| {
            Python::with_gil(|py| PanicException::from_panic(payload).print(py));
        })) {
            crate::exceptions::drop_panic_payload(second);
        }
    }
}

/// `StopIteration(value)` (a tuple value stays one argument, as CPython does).
pub(super) fn stop_iteration(py: Python<'_>, value: Py<PyAny>) -> PyErr {
    let value = value.into_bound(py);
    match PyStopIteration::type_object(py).call1((value,)) {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// The exception `throw(typ, val, tb)` raises (the rules of `generator.throw`).
pub(super) fn make_exception(
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

pub(super) fn is_exception_class(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let builtins = py.import("builtins")?;
    if !obj.is_instance(&builtins.getattr("type")?)? {
        return Ok(false);
    }
    let base = PyBaseException::type_object(py);
    builtins.getattr("issubclass")?.call1((obj, base))?.is_truthy()
}

/// Outcome of stepping a delegated-to iterator.
pub(super) enum Outcome {
    Yielded(Py<PyAny>),
    Finished(PyResult<Py<PyAny>>),
}

/// `next(iter)` or `iter.send(value)`.
pub(super) fn step_iter(py: Python<'_>, iter: &Bound<'_, PyAny>, value: Py<PyAny>) -> Outcome {
    let value = value.into_bound(py);
    let result = if value.is_none() { iter.call_method0("__next__") } else { iter.call_method1("send", (value,)) };
    outcome(py, result)
}

/// `iter.throw(exc)` (after closing it for `GeneratorExit`, as `yield from` does).
pub(super) fn throw_iter(py: Python<'_>, iter: &Bound<'_, PyAny>, mut err: PyErr) -> Outcome {
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

pub(super) fn close_iter(iter: &Bound<'_, PyAny>) -> PyResult<()> {
    match iter.getattr("close") {
        Ok(close) => close.call0().map(drop),
        Err(e) if e.is_instance_of::<PyAttributeError>(iter.py()) => Ok(()),
        Err(e) => Err(e),
    }
}

pub(super) fn outcome(py: Python<'_>, result: PyResult<Bound<'_, PyAny>>) -> Outcome {
    match result {
        Ok(y) => Outcome::Yielded(y.unbind()),
        Err(mut e) if e.is_instance_of::<PyStopIteration>(py) => {
            Outcome::Finished(e.value(py).getattr("value").map(Bound::unbind))
        }
        Err(e) => Outcome::Finished(Err(e)),
    }
}

/// Pops the frame pushed for one poll, also when the poll panics.
pub(super) struct FrameGuard;

impl Drop for FrameGuard {
    fn drop(&mut self) {
        let _ = FRAMES.try_with(|f| f.borrow_mut().pop());
    }
}

/// Feed `input` to the delegate (if any), poll the future when it is owed a poll, repeat
/// until something must go back to the event loop.
pub(super) fn drive(
    py: Python<'_>,
    future: &mut BoxFuture,
    delegate: &mut Option<Delegate>,
    input: Input,
) -> PyResult<Step> {
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
