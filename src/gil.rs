//! The GIL token.
//!
//! A [`Python<'py>`] value proves that the current thread holds the GIL for `'py`. Handles
//! bound to it ([`crate::Bound`]) cannot outlive it or leave the thread.
//!
//! In the abi3t binary (feature `abi3t`) on a free-threaded CPython there is no GIL: the same
//! token then means "this thread is attached to the interpreter" (it has an active thread
//! state), `with_gil` attaches and `allow_threads` detaches, and other attached threads run
//! at the same time. Nothing in limpet relies on the GIL serialising threads: limpet-global
//! state is `OnceLock`s and atomics, instance borrow flags are atomic there, and list/dict
//! reads take strong references.
//!
//! ```
//! # limpet::__private::doctest(|py| {
//! use limpet::prelude::*;
//! fn answer(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
//!     42.into_py(py) // making an object needs the token
//! }
//! assert_eq!(answer(py)?.extract::<i64>()?, 42);
//! # Ok(()) });
//! ```

use std::cell::Cell;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::LazyLock;
use std::time::Duration;

use abi3_sys as ffi;

use crate::args::Signature;
use crate::builtin::{builtin, Builtin};
use crate::err::PyResult;
use crate::function::FunctionDef;
use crate::object::{Bound, PyAny, Singleton};

/// Set once `limpet::embed::finalize` has shut the interpreter down: no GIL can be taken again,
/// [`Python::with_gil`] panics and dropping a [`crate::Py`] leaks its (dead) object.
static FINALIZED: AtomicBool = AtomicBool::new(false);

/// Whether an embedding program has finalized the interpreter (never true in an extension).
pub(crate) fn finalized() -> bool {
    FINALIZED.load(Ordering::Acquire)
}

/// Called by `embed::finalize` once `Py_FinalizeEx` has returned.
#[cfg(feature = "embed-api")]
pub(crate) fn mark_finalized() {
    FINALIZED.store(true, Ordering::Release);
}

// Interpreter shutdown. When the main thread finishes, CPython finalizes the interpreter while
// other threads may still run. Before 3.14 a thread that then takes the GIL is ended with
// `pthread_exit` from inside `take_gil`: a forced unwind, which aborts the process when it
// meets Rust frames (`catch_unwind` in std's thread entry or in our trampolines: "FATAL:
// exception not rethrown"). 3.14+ hang such a thread instead, but `PyGILState_Ensure` racing
// with the end of finalization still crashes there (seen on 3.14.10). So limpet never lets a
// thread start waiting for the GIL once finalization may have begun:
//
// - an `atexit` callback (registered by the first module's exec, or by `embed`; atexit
//   callbacks run before CPython marks the runtime as finalizing, on 3.7..3.15) sets
//   `FINALIZING` in `SHUTDOWN`, then releases the GIL until no thread is between deciding to
//   take the GIL and having it (the count in the other bits of `SHUTDOWN`): every such thread
//   gets the GIL while the interpreter is intact;
// - every GIL acquisition that may block (`with_gil`, the end of `allow_threads`, dropping a
//   `Py`) counts itself in `SHUTDOWN` first, and once `FINALIZING` is set, a thread that does
//   not hold the GIL never asks for it: `with_gil` and `allow_threads` hang the thread forever
//   (what CPython 3.14+ does with its own threads; the process exits around it), dropping a
//   `Py` leaks the object.
//
// Python code that a thread runs under the GIL (called from Rust) may release and retake the
// GIL itself after finalization began: CPython's own `take_gil` then ends the thread with
// `pthread_exit` through our frames (3.7..3.13). Every `catch_unwind` of limpet's that can
// have Python code below it is `trampoline::catch`, which parks such a thread (`hang`) when
// that unwind reaches it instead of letting `catch_unwind` meet it. Rust frames between the
// Python code and that catch run their cleanups first (as for any unwind).

/// Bit of [`SHUTDOWN`] set by the atexit callback; the other bits count the threads about to
/// take the GIL.
const FINALIZING: usize = 1 << (usize::BITS - 1);
static SHUTDOWN: AtomicUsize = AtomicUsize::new(0);
/// Whether the atexit callback is registered (once per process).
static HOOKED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Whether this thread released the GIL in `allow_threads` (and did not take it back
    /// with `with_gil` since): then it surely does not hold the GIL.
    static RELEASED: Cell<bool> = const { Cell::new(false) };
    /// Whether this thread finalizes the interpreter (it ran the atexit callback): CPython
    /// lets it take the GIL until the end.
    static FINALIZER: Cell<bool> = const { Cell::new(false) };
}

/// May this thread start taking the GIL?
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gate {
    /// Yes, and it is counted in [`SHUTDOWN`] until it has the GIL ([`leave_acquire`]).
    Counted,
    /// Yes: the interpreter is finalizing, on this very thread.
    Finalizer,
    /// Not if it does not hold the GIL already: the interpreter is finalizing.
    Closed,
}

fn enter_acquire() -> Gate {
    if SHUTDOWN.fetch_add(1, Ordering::AcqRel) & FINALIZING == 0 {
        return Gate::Counted;
    }
    SHUTDOWN.fetch_sub(1, Ordering::AcqRel);
    if FINALIZER.get() {
        Gate::Finalizer
    } else {
        Gate::Closed
    }
}

/// This thread has the GIL now: stop counting it.
fn leave_acquire(gate: Gate) {
    if gate == Gate::Counted {
        SHUTDOWN.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Whether this thread has no Python thread state: a thread Python never ran, or whose state
/// was deleted (or every thread, once the interpreter is gone); then it does not hold the GIL.
fn no_thread_state() -> bool {
    // (It returns NULL once finalization deleted the states.)
    crate::ffi_safe::PyGILState_GetThisThreadState().is_null()
}

/// Stop this thread for good: the interpreter is going away and the thread needs it.
pub(crate) fn hang() -> ! {
    loop {
        std::thread::park();
    }
}

/// Mark the interpreter as finalizing and wait, with the GIL released, until every thread
/// that was about to take the GIL has it. Runs as an atexit callback (GIL held), before
/// CPython marks its runtime as finalizing.
fn begin_finalizing(py: Python<'_>) {
    FINALIZER.set(true);
    if SHUTDOWN.fetch_or(FINALIZING, Ordering::AcqRel) & !FINALIZING == 0 {
        return;
    }
    // The GIL is taken back through the `Finalizer` gate (this thread finalizes).
    py.allow_threads(|| {
        while SHUTDOWN.load(Ordering::Acquire) & !FINALIZING != 0 {
            std::thread::sleep(Duration::from_micros(200));
        }
    });
}

/// In a child process made by `os.fork()` (by the thread that held the GIL): the threads
/// counted in [`SHUTDOWN`] stayed in the parent, so none is about to take the GIL.
fn forked_child() {
    SHUTDOWN.fetch_and(FINALIZING, Ordering::AcqRel);
}

/// Register [`begin_finalizing`] with `atexit`, and [`forked_child`] with
/// `os.register_at_fork` (once per process).
pub(crate) fn install_shutdown_hook(py: Python<'_>) -> PyResult<()> {
    if HOOKED.swap(true, Ordering::AcqRel) {
        return Ok(());
    }
    let registered = (|| {
        let hook = SHUTDOWN_HOOK.create(py, &py.None(), &py.None())?;
        py.import("atexit")?.call_method1("register", (&hook,))?;
        let forked = py.import("functools")?.call_method1("partial", (&hook, true))?;
        let kwargs = crate::types::PyDict::new(py)?;
        kwargs.set_item(crate::IntoPy::into_py("after_in_child", py)?, forked)?;
        let no_args = crate::types::PyTuple::new(py, Vec::new())?;
        py.import("os")?.getattr("register_at_fork")?.call(no_args, Some(&kwargs)).map(drop)
    })();
    if registered.is_err() {
        HOOKED.store(false, Ordering::Release);
    }
    registered
}

static SHUTDOWN_SIG: Signature = Signature {
    name: "__limpet_shutdown__",
    params: &[crate::args::Param { name: "forked", default: Some("False") }],
    posonly: 0,
    positional: 1,
    varargs: None,
    varkw: None,
    min_positional: 0,
    kwonly_required: false,
    fast_arity: crate::args::fast_arity(0, 1, true),
    interned: &SHUTDOWN_NAMES,
};
static SHUTDOWN_NAMES: std::sync::OnceLock<Box<[crate::object::Py]>> = std::sync::OnceLock::new();

/// `__limpet_shutdown__(forked=False)`: the atexit callback (marks the interpreter as
/// finalizing for limpet's threads), or (`forked=True`) the after-fork callback of a child
/// process.
struct Shutdown;

impl Builtin for Shutdown {
    const DOC: &'static str = " limpet: the interpreter is shutting down; threads stop taking the GIL.";
    fn sig() -> &'static Signature {
        &SHUTDOWN_SIG
    }
    fn body<'py>(py: Python<'py>, args: &crate::args::ArgSlots<'_, 'py>) -> PyResult<Bound<'py, PyAny>> {
        match args.next().0 {
            Some(flag) if flag.is_truthy()? => forked_child(),
            _ => begin_finalizing(py),
        }
        Ok(py.None())
    }
}

static SHUTDOWN_HOOK: LazyLock<FunctionDef> = LazyLock::new(builtin::<Shutdown>);

/// Run `f` with the GIL, or `None` when the interpreter is finalizing (or was finalized by
/// `limpet::embed::finalize`) and this thread does not hold the GIL: then it must not be
/// taken.
pub(crate) fn try_with_gil<R>(f: impl for<'a> FnOnce(Python<'a>) -> R) -> Option<R> {
    struct Release(ffi::PyGILState_STATE, bool);
    impl Drop for Release {
        fn drop(&mut self) {
            RELEASED.set(self.1);
            // SAFETY: releases exactly the state obtained by the matching Ensure below,
            // on the same thread (this guard is neither Send nor moved across threads).
            unsafe { ffi::PyGILState_Release(self.0) }
        }
    }
    if finalized() {
        return None;
    }
    if !HOOKED.load(Ordering::Acquire) {
        // No module of ours ran and `embed::initialize` was not called: unless the program
        // started Python some other way, there is no interpreter to take a GIL from.
        assert!(
            crate::runtime::interpreter_running(),
            "limpet: Python::with_gil before the interpreter was started (limpet::embed::initialize)"
        );
    }
    let gate = enter_acquire();
    let refuse = match gate {
        Gate::Counted => false,
        // after the interpreter is gone (e.g. a thread-local destroyed at process exit)
        Gate::Finalizer => no_thread_state(),
        Gate::Closed => RELEASED.get() || no_thread_state(),
    };
    if refuse {
        return None;
    }
    // SAFETY: the interpreter is initialised and either not finalizing (Counted: the atexit
    // callback waits for us to get the GIL before CPython starts finalizing), or finalizing
    // on this thread (never ended by CPython), or this thread holds the GIL already (Ensure
    // does not wait for it). The GIL is then held until `_guard` drops (after `f` returns,
    // or when `f` panics).
    let (state, py) = unsafe { (ffi::PyGILState_Ensure(), Python::assume_gil_acquired()) };
    leave_acquire(gate);
    let _guard = Release(state, RELEASED.replace(false));
    Some(f(py))
}

/// Proof that the GIL is held for `'py`. `Copy`, zero-sized, not `Send`.
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// let s = PyString::new(py, "made with the token")?;
/// let token: Python<'_> = s.py(); // every handle gives its token back
/// assert!(token.None().is_none());
/// # Ok(()) });
/// ```
#[derive(Clone, Copy)]
pub struct Python<'py>(PhantomData<(&'py (), *mut ())>);

impl<'py> Python<'py> {
    /// Assume the GIL is held.
    ///
    /// # Safety
    /// The current thread must hold the GIL for all of `'py`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// // e.g. a C callback that CPython only calls with the GIL held
    /// extern "C" fn callback() -> bool {
    ///     // SAFETY: the caller holds the GIL for the whole call.
    ///     let py = unsafe { Python::assume_gil_acquired() };
    ///     py.None().is_none()
    /// }
    /// assert!(callback()); // the example holds the GIL here
    /// # Ok(()) });
    /// ```
    #[inline]
    pub unsafe fn assume_gil_acquired() -> Python<'py> {
        Python(PhantomData)
    }

    /// Run `f` with the GIL held, acquiring it (with `PyGILState_Ensure`) if this thread does
    /// not hold it. Works from threads Python did not create.
    ///
    /// Once the interpreter shuts down (its `atexit` callbacks have started), a thread that
    /// does not hold the GIL never gets it again: `with_gil` does not return, the thread
    /// sleeps until the process exits (what CPython 3.14+ does with its own threads).
    /// Panics after `limpet::embed::finalize()` (the interpreter is gone) and, in a program
    /// that embeds Python, before `limpet::embed::initialize()`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// // A Rust thread takes the GIL itself ...
    /// let worker = std::thread::spawn(|| {
    ///     Python::with_gil(|py| py.import("math")?.getattr("factorial")?.call1((5,))?.extract::<i64>())
    /// });
    /// // ... while this thread, which holds it, lets go of it until the worker is done.
    /// let n = py.allow_threads(move || worker.join().unwrap())?;
    /// assert_eq!(n, 120);
    /// # Ok(()) });
    /// ```
    pub fn with_gil<R>(f: impl for<'a> FnOnce(Python<'a>) -> R) -> R {
        assert!(!finalized(), "limpet: Python::with_gil after limpet::embed::finalize(): the interpreter is gone");
        match try_with_gil(f) {
            Some(r) => r,
            None => hang(),
        }
    }

    /// `None`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// assert!(py.None().is_none());
    /// assert_eq!(py.None().type_name(), "NoneType");
    /// # Ok(()) });
    /// ```
    #[allow(non_snake_case)]
    pub fn None(self) -> Bound<'py, PyAny> {
        Singleton::None.bind(self)
    }

    /// `NotImplemented`.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let ni = py.NotImplemented();
    /// assert_eq!(ni.repr()?.extract::<String>()?, "NotImplemented");
    /// # Ok(()) });
    /// ```
    #[allow(non_snake_case)]
    pub fn NotImplemented(self) -> Bound<'py, PyAny> {
        Singleton::NotImplemented.bind(self)
    }

    /// Import a module by its dotted name.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let json = py.import("json")?;
    /// let text: String = json.call_method1("dumps", (vec![1, 2],))?.extract()?;
    /// assert_eq!(text, "[1, 2]");
    /// assert!(py.import("os.path")?.hasattr("join")?);
    /// assert!(py.import("no_such_module").unwrap_err().is_instance_of::<PyModuleNotFoundError>(py));
    /// # Ok(()) });
    /// ```
    pub fn import(self, name: &str) -> crate::PyResult<Bound<'py, PyAny>> {
        let name = crate::types::PyString::new(self, name)?;
        crate::ffi_safe::PyImport_Import(&name)
    }

    /// Release the GIL while `f` runs, so other Python threads can run meanwhile. `f` must be
    /// `Send`: it cannot capture `Python`, `Bound` or anything else tied to the GIL (the
    /// compiler refuses), and it must not call into Python. The GIL is taken back when `f`
    /// returns or panics; if the interpreter has started shutting down meanwhile, it is not:
    /// the thread sleeps until the process exits (see [`Python::with_gil`]).
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::function! {
    ///     /// Sum of squares below `n`, computed while other Python threads run.
    ///     pub fn squares(py: Python<'_>, n: u64) -> u64 {
    ///         py.allow_threads(|| (0..n).map(|i| i * i).sum())
    ///     }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// assert_eq!(squares(py, 4), 14);
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn allow_threads<T, F>(self, f: F) -> T
    where
        F: Send + FnOnce() -> T,
        T: Send,
    {
        struct Restore(*mut ffi::PyThreadState, bool);
        impl Drop for Restore {
            fn drop(&mut self) {
                let gate = enter_acquire();
                if gate == Gate::Closed {
                    hang(); // the interpreter is finalizing: never take the GIL again
                }
                // SAFETY: restores the thread state saved below, on the same thread; not
                // finalizing (Counted: the atexit callback waits for us to get the GIL
                // before CPython starts finalizing) or finalizing on this very thread, so
                // CPython does not end the thread inside.
                unsafe { ffi::PyEval_RestoreThread(self.0) }
                leave_acquire(gate);
                RELEASED.set(self.1);
            }
        }
        let released = RELEASED.replace(true);
        // SAFETY: the GIL is held (self proves it); the guard restores it on every exit.
        let _restore = Restore(unsafe { ffi::PyEval_SaveThread() }, released);
        f()
    }

    /// Run pending signal handlers; `Err(KeyboardInterrupt)` after Ctrl-C. Long Rust loops
    /// call this now and then so that Ctrl-C interrupts them.
    ///
    /// ```
    /// use limpet::prelude::*;
    /// limpet::function! {
    ///     /// Count up to `n`; Ctrl-C stops it with KeyboardInterrupt.
    ///     pub fn count(py: Python<'_>, n: u64) -> PyResult<u64> {
    ///         let mut i = 0;
    ///         while i < n {
    ///             if i % 1_000_000 == 0 {
    ///                 py.check_signals()?; // Err(KeyboardInterrupt) after Ctrl-C
    ///             }
    ///             i += 1;
    ///         }
    ///         Ok(i)
    ///     }
    /// }
    /// # fn main() {
    /// # limpet::__private::doctest(|py| {
    /// assert_eq!(count(py, 10)?, 10);
    /// # Ok(()) });
    /// # }
    /// ```
    pub fn check_signals(self) -> crate::PyResult<()> {
        crate::ffi_safe::PyErr_CheckSignals(self)
    }

    /// The running interpreter's version.
    ///
    /// ```
    /// # limpet::__private::doctest(|py| {
    /// use limpet::prelude::*;
    /// let v = py.version();
    /// assert!(v.at_least(3, 7));
    /// let minor: u8 = py.import("sys")?.getattr("version_info")?.getattr("minor")?.extract()?;
    /// assert_eq!(v.minor, minor);
    /// # Ok(()) });
    /// ```
    pub fn version(self) -> crate::runtime::Version {
        crate::runtime::runtime().version
    }
}
