//! Running Python inside a Rust program (feature `embed`, or `embed-api` when the program links
//! `libpython` itself).
//!
//! Extension modules never need this: the interpreter that imports them is already running.
//! A program that embeds Python goes through four steps, all without `unsafe`:
//!
//! 1. optionally register its own limpet modules with [`add_module!`], so that `import NAME`
//!    works in the embedded interpreter (before start-up only);
//! 2. start the interpreter with [`initialize`] (or [`Config`] for `sys.argv` and signal
//!    handlers); afterwards no thread holds the GIL;
//! 3. from any number of Rust threads, take the GIL with [`Python::with_gil`], run code with
//!    [`run`] / [`eval`], exchange values with `IntoPy` / `extract`, and release the GIL around
//!    long Rust work with [`Python::allow_threads`];
//! 4. shut down with [`finalize`] on the thread that started the interpreter, once every other
//!    thread is done with Python.
//!
//! After [`finalize`] the interpreter cannot be started again (limpet's type objects and
//! exception classes live in process-wide statics): [`initialize`] and [`Python::with_gil`]
//! panic, and dropping a [`Py`](crate::Py) kept past finalization leaks it without touching
//! the dead interpreter.
//!
//! ```no_run
//! use limpet::prelude::*;
//! limpet::function! { fn twice(x: i64) -> i64 { 2 * x } }
//! limpet::module! { mod tools { fn twice; } }
//!
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     limpet::embed::add_module!(tools)?;
//!     limpet::embed::initialize();
//!     let n: i64 = Python::with_gil(|py| limpet::embed::eval(py, "__import__('tools').twice(21)", None, None)?.extract())?;
//!     assert_eq!(n, 42);
//!     limpet::embed::finalize()?;
//!     Ok(())
//! }
//! ```

use std::ffi::{CStr, CString};
use std::fmt;
use std::sync::{Mutex, MutexGuard};
use std::thread::ThreadId;

use abi3_sys as ffi;

use crate::err::PyResult;
use crate::gil::Python;
use crate::object::{Bound, PyAny};
use crate::types::PyDict;

pub use crate::module::ModuleInit;

/// Why an embedding call was refused.
///
/// ```
/// use limpet::embed::EmbedError;
///
/// // finalize() before start-up is refused, not undefined behaviour
/// assert_eq!(limpet::embed::finalize(), Err(EmbedError::NotStarted));
/// limpet::embed::initialize();
/// let err = limpet::embed::Config::new().initialize().unwrap_err();
/// assert_eq!(err, EmbedError::AlreadyStarted);
/// assert!(err.to_string().contains("already running"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmbedError {
    /// [`add_module!`] or [`Config::initialize`] after the interpreter started.
    AlreadyStarted,
    /// The interpreter was finalized; it cannot be used or restarted.
    Finalized,
    /// [`finalize`] before the interpreter started.
    NotStarted,
    /// [`finalize`] on another thread than the one that started the interpreter.
    WrongThread,
    /// [`finalize`] while this thread holds the GIL (inside [`Python::with_gil`]).
    GilHeld,
    /// [`finalize`] of an interpreter this program did not start with limpet.
    NotOwner,
    /// [`add_module!`] with a name registered before, or that is not a valid C string.
    BadModuleName(String),
    /// `PyImport_AppendInittab` failed (out of memory).
    InittabFailed(String),
    /// `Py_FinalizeEx` returned this status (-1: flushing buffered data failed); the
    /// interpreter is finalized anyway.
    FinalizeStatus(i32),
}

impl fmt::Display for EmbedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmbedError::AlreadyStarted => f.write_str(
                "the Python interpreter is already running: register modules and configure it before start-up",
            ),
            EmbedError::Finalized => f.write_str("the Python interpreter was finalized and cannot be used again"),
            EmbedError::NotStarted => f.write_str("the Python interpreter is not running"),
            EmbedError::WrongThread => {
                f.write_str("finalize() must run on the thread that started the Python interpreter")
            }
            EmbedError::GilHeld => {
                f.write_str("finalize() called while this thread holds the GIL (inside Python::with_gil)")
            }
            EmbedError::NotOwner => f.write_str("the Python interpreter was not started by limpet::embed"),
            EmbedError::BadModuleName(name) => write!(f, "cannot register module {name:?}: duplicate or invalid name"),
            EmbedError::InittabFailed(name) => write!(f, "PyImport_AppendInittab failed for module {name:?}"),
            EmbedError::FinalizeStatus(status) => write!(f, "Py_FinalizeEx returned {status}"),
        }
    }
}

impl std::error::Error for EmbedError {}

/// The interpreter's life: never started, started by us (thread and thread state kept for
/// `finalize`), started by someone else, or finalized.
enum State {
    NotStarted { modules: Vec<&'static str> },
    Running { thread: ThreadId, tstate: usize },
    Foreign,
    Finalized,
}

static STATE: Mutex<State> = Mutex::new(State::NotStarted { modules: Vec::new() });

fn state() -> MutexGuard<'static, State> {
    // A panic while holding the lock leaves a consistent value (every transition is one store).
    STATE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Register a limpet module, named `name`, as a built-in module of the interpreter this
/// program will start, so that `import name` works. Only before start-up. Use the
/// [`add_module!`] macro, which names the init function `limpet::module!` defines.
///
/// ```
/// use limpet::embed::EmbedError;
/// use limpet::prelude::*;
///
/// limpet::function! { fn twice(x: i64) -> i64 { 2 * x } }
/// limpet::module! { mod tools { fn twice; } }
///
/// limpet::embed::add_module!(tools).unwrap(); // calls add_module("tools", <its init>)
/// assert_eq!(limpet::embed::add_module!(tools), Err(EmbedError::BadModuleName("tools".into())));
/// limpet::embed::initialize();
/// let n: i64 = Python::with_gil(|py| py.import("tools")?.call_method1("twice", (21,))?.extract()).unwrap();
/// assert_eq!(n, 42);
/// assert_eq!(limpet::embed::add_module!(tools), Err(EmbedError::AlreadyStarted));
/// ```
pub fn add_module(name: &'static str, init: ModuleInit) -> Result<(), EmbedError> {
    let mut st = state();
    let State::NotStarted { modules } = &mut *st else {
        return Err(match *st {
            State::Finalized => EmbedError::Finalized,
            _ => EmbedError::AlreadyStarted,
        });
    };
    if modules.contains(&name) {
        return Err(EmbedError::BadModuleName(name.to_string()));
    }
    let c_name = CString::new(name).map_err(|_| EmbedError::BadModuleName(name.to_string()))?;
    // CPython keeps the pointer in its inittab for the life of the process.
    let c_name: &'static CStr = Box::leak(c_name.into_boxed_c_str());
    // SAFETY: the interpreter is not initialised (checked under the state lock, which
    // initialize also takes), which is when PyImport_AppendInittab may be called; the name is
    // a leaked, NUL-terminated string; `init` is a module init function.
    if unsafe { ffi::PyImport_AppendInittab(c_name.as_ptr(), Some(init.0)) } != 0 {
        return Err(EmbedError::InittabFailed(name.to_string()));
    }
    modules.push(name);
    Ok(())
}

/// Register a module declared with [`limpet::module!`](crate::module) before the interpreter
/// starts, so that Python code can `import` it; returns `Result<(), EmbedError>`
/// ([`EmbedError::AlreadyStarted`] once the interpreter runs). The argument is the module's
/// name, or a path to it (`crate::tools::mymod`) when the `module!` is elsewhere (declare it
/// `pub mod mymod` there).
///
/// ```no_run
/// use limpet::prelude::*;
/// limpet::function! { fn greet(name: String) -> String { format!("hello {name}") } }
/// limpet::module! { mod greeter { fn greet; } }
///
/// limpet::embed::add_module!(greeter).expect("before start-up");
/// limpet::embed::initialize();
/// Python::with_gil(|py| limpet::embed::run(py, "import greeter; print(greeter.greet('you'))", None, None))
///     .expect("ran");
/// ```
#[doc(inline)]
pub use crate::__limpet_embed_add_module as add_module;

/// Implementation of [`add_module!`](crate::embed::add_module!).
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_embed_add_module {
    // @path: munch `a :: b :: ` into the prefix; the last segment names the module.
    (@path [$($prefix:tt)*] $name:ident) => {
        $crate::__private::paste! {
            $crate::embed::add_module($crate::__private::core::stringify!($name), $($prefix)* [<__limpet_init_ $name>])
        }
    };
    (@path [$($prefix:tt)*] $seg:ident :: $($rest:tt)+) => {
        $crate::__limpet_embed_add_module!(@path [$($prefix)* $seg ::] $($rest)+)
    };
    ($name:ident) => {
        $crate::__limpet_embed_add_module!(@path [] $name)
    };
    ($seg:ident :: $($rest:tt)+) => {
        $crate::__limpet_embed_add_module!(@path [$seg ::] $($rest)+)
    };
    ($($other:tt)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::embed::add_module!: expected the name of a `limpet::module!` module (or a path to it), got `",
            $crate::__private::core::stringify!($($other)*), "`"
        ))
    };
}

/// How to start the interpreter: [`Config::new`], options, then [`Config::initialize`].
///
/// ```no_run
/// limpet::embed::Config::new().argv(["myprog", "--verbose"]).initialize().expect("started once");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Config {
    signal_handlers: bool,
    argv: Option<Vec<String>>,
}

impl Config {
    /// Defaults: no Python signal handlers (Ctrl-C stays the program's), `sys.argv == ['']`.
    ///
    /// ```
    /// use limpet::prelude::*;
    ///
    /// limpet::embed::Config::new().initialize().unwrap();
    /// let argv: Vec<String> = Python::with_gil(|py| py.import("sys")?.getattr("argv")?.extract()).unwrap();
    /// assert_eq!(argv, [""]);
    /// ```
    pub fn new() -> Config {
        Config::default()
    }

    /// Install Python's signal handlers (`SIGINT` raises `KeyboardInterrupt`, ...), as
    /// `Py_InitializeEx(1)` does.
    ///
    /// ```
    /// use limpet::prelude::*;
    ///
    /// limpet::embed::Config::new().signal_handlers(true).initialize().unwrap();
    /// let installed = Python::with_gil(|py| -> PyResult<bool> {
    ///     let signal = py.import("signal")?;
    ///     let handler = signal.call_method1("getsignal", (signal.getattr("SIGINT")?,))?;
    ///     handler.eq(signal.getattr("default_int_handler")?)
    /// })
    /// .unwrap();
    /// assert!(installed);
    /// ```
    pub fn signal_handlers(mut self, install: bool) -> Config {
        self.signal_handlers = install;
        self
    }

    /// Set `sys.argv` (set after start-up: the program name does not change where Python
    /// looks for its standard library, which comes from the linked `libpython`).
    ///
    /// ```
    /// use limpet::prelude::*;
    ///
    /// limpet::embed::Config::new().argv(["tool", "--fast"]).initialize().unwrap();
    /// let argv: Vec<String> = Python::with_gil(|py| py.import("sys")?.getattr("argv")?.extract()).unwrap();
    /// assert_eq!(argv, ["tool", "--fast"]);
    /// ```
    pub fn argv<S: Into<String>>(mut self, argv: impl IntoIterator<Item = S>) -> Config {
        self.argv = Some(argv.into_iter().map(Into::into).collect());
        self
    }

    /// Start the interpreter, then release the GIL so that any thread can take it with
    /// [`Python::with_gil`]. `Err` if it already runs or was finalized (a failed start-up
    /// is a fatal error inside CPython). An error setting `sys.argv` is printed to stderr.
    ///
    /// ```
    /// use limpet::embed::{Config, EmbedError};
    ///
    /// Config::new().initialize().unwrap();
    /// assert_eq!(Config::new().initialize(), Err(EmbedError::AlreadyStarted));
    /// limpet::embed::finalize().unwrap();
    /// assert_eq!(Config::new().initialize(), Err(EmbedError::Finalized));
    /// ```
    pub fn initialize(self) -> Result<(), EmbedError> {
        let mut st = state();
        match *st {
            State::NotStarted { .. } => {}
            State::Finalized => return Err(EmbedError::Finalized),
            State::Running { .. } | State::Foreign => return Err(EmbedError::AlreadyStarted),
        }
        // (Not Finalized, checked above: `is_initialized` is Py_IsInitialized.)
        if is_initialized() {
            *st = State::Foreign;
            return Err(EmbedError::AlreadyStarted);
        }
        // SAFETY: not initialised yet (checked under the lock every start-up path takes);
        // Py_InitializeEx leaves this thread holding the GIL (until PyEval_SaveThread below).
        let py = unsafe {
            ffi::Py_InitializeEx(self.signal_handlers.into());
            Python::assume_gil_acquired()
        };
        {
            // 3.8+ default to [''] themselves; 3.7 leaves sys.argv unset.
            let argv = self.argv.unwrap_or_else(|| vec![String::new()]);
            let set = crate::IntoPy::into_py(argv, py).and_then(|list| py.import("sys")?.setattr("argv", list));
            if let Err(err) = set {
                err.print(py);
            }
            // Threads stop taking the GIL when the interpreter shuts down (see `gil`).
            if let Err(err) = crate::gil::install_shutdown_hook(py) {
                err.print(py);
            }
        }
        // SAFETY: releases the GIL this thread holds; the thread state is kept for finalize.
        let tstate = unsafe { ffi::PyEval_SaveThread() };
        *st = State::Running { thread: std::thread::current().id(), tstate: tstate as usize };
        Ok(())
    }
}

/// Start the interpreter with the default [`Config`] if it is not running yet, and release
/// the GIL. Idempotent and callable from any thread; panics after [`finalize`].
///
/// ```no_run
/// use limpet::prelude::*;
/// limpet::embed::initialize();
/// let pi: f64 = Python::with_gil(|py| py.import("math")?.getattr("pi")?.extract()).unwrap();
/// ```
pub fn initialize() {
    match Config::new().initialize() {
        Ok(()) | Err(EmbedError::AlreadyStarted) => {}
        Err(e) => panic!("limpet::embed::initialize: {e}"),
    }
}

/// Whether the interpreter is running (started by this program or not).
///
/// ```
/// assert!(!limpet::embed::is_initialized());
/// limpet::embed::initialize();
/// assert!(limpet::embed::is_initialized());
/// limpet::embed::finalize().unwrap();
/// assert!(!limpet::embed::is_initialized());
/// ```
pub fn is_initialized() -> bool {
    !crate::gil::finalized() && crate::runtime::interpreter_running()
}

/// Start the interpreter if needed ([`initialize`]) and run `f` with the GIL.
///
/// ```no_run
/// let n: usize = limpet::embed::with_embedded(|py| py.import("sys")?.getattr("maxsize")?.extract()).unwrap();
/// ```
pub fn with_embedded<R>(f: impl for<'py> FnOnce(Python<'py>) -> R) -> R {
    initialize();
    Python::with_gil(f)
}

/// Shut the interpreter down (`Py_FinalizeEx`): runs `atexit` handlers, waits for non-daemon
/// Python threads, flushes `sys.stdout`. Call it on the thread that started the interpreter,
/// outside [`Python::with_gil`] (and outside its [`Python::allow_threads`]), once every other
/// Rust thread is done with Python.
///
/// Afterwards the interpreter is gone for good: [`initialize`] and [`Python::with_gil`] panic
/// with a clear message, and a [`Py`](crate::Py) still held is leaked when dropped (never
/// touched). `Err(EmbedError::FinalizeStatus(-1))` when flushing buffered data failed.
///
/// ```no_run
/// limpet::embed::initialize();
/// // ... use Python ...
/// limpet::embed::finalize().expect("clean shutdown");
/// ```
pub fn finalize() -> Result<(), EmbedError> {
    let mut st = state();
    let tstate = match *st {
        State::Running { thread, tstate } if thread == std::thread::current().id() => tstate,
        State::Running { .. } => return Err(EmbedError::WrongThread),
        State::NotStarted { .. } => return Err(EmbedError::NotStarted),
        State::Foreign => return Err(EmbedError::NotOwner),
        State::Finalized => return Err(EmbedError::Finalized),
    };
    if holds_gil() {
        return Err(EmbedError::GilHeld);
    }
    // SAFETY: this thread started the interpreter and does not hold the GIL (checked above);
    // PyEval_RestoreThread re-attaches the thread state saved by `initialize`, after which
    // Py_FinalizeEx may run. Nothing uses the interpreter afterwards (mark_finalized).
    let status = unsafe {
        ffi::PyEval_RestoreThread(tstate as *mut ffi::PyThreadState);
        ffi::Py_FinalizeEx()
    };
    crate::gil::mark_finalized();
    *st = State::Finalized;
    if status == 0 {
        Ok(())
    } else {
        Err(EmbedError::FinalizeStatus(status))
    }
}

/// Whether this thread is inside `Python::with_gil`: `PyGILState_Ensure` returns
/// `PyGILState_LOCKED` when the GIL was already held by this thread.
fn holds_gil() -> bool {
    // SAFETY: the interpreter runs; the state is released right away on the same thread.
    unsafe {
        let s = ffi::PyGILState_Ensure();
        ffi::PyGILState_Release(s);
        s == ffi::PyGILState_LOCKED
    }
}

/// Execute statements, like `exec(code, globals, locals)`: `globals` defaults to the
/// `__main__` module's namespace (what `python -c` uses) and gets `__builtins__` if it has
/// none; `locals` defaults to `globals`. A Python exception comes back as `Err(PyErr)` (a
/// `SyntaxError` for bad source).
///
/// ```no_run
/// use limpet::prelude::*;
/// limpet::embed::with_embedded(|py| -> PyResult<()> {
///     let ns = PyDict::new(py)?;
///     limpet::embed::run(py, "def area(r):\n    return 3 * r * r\nx = area(2)", Some(&ns), None)?;
///     let x: i64 = limpet::embed::eval(py, "x", Some(&ns), None)?.extract()?;
///     assert_eq!(x, 12);
///     Ok(())
/// })
/// .unwrap();
/// ```
pub fn run<'py>(
    py: Python<'py>,
    code: &str,
    globals: Option<&Bound<'py, PyDict>>,
    locals: Option<&Bound<'py, PyDict>>,
) -> PyResult<()> {
    exec_code(py, code, crate::ffi_safe::StartSymbol::File, globals, locals).map(drop)
}

/// Evaluate one expression and return its value, like `eval(expr, globals, locals)`; the
/// defaults are those of [`run`].
///
/// ```no_run
/// use limpet::prelude::*;
/// let v: Vec<i64> =
///     limpet::embed::with_embedded(|py| limpet::embed::eval(py, "[i * i for i in range(4)]", None, None)?.extract()).unwrap();
/// assert_eq!(v, [0, 1, 4, 9]);
/// ```
pub fn eval<'py>(
    py: Python<'py>,
    expr: &str,
    globals: Option<&Bound<'py, PyDict>>,
    locals: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    exec_code(py, expr, crate::ffi_safe::StartSymbol::Eval, globals, locals)
}

fn exec_code<'py>(
    py: Python<'py>,
    code: &str,
    start: crate::ffi_safe::StartSymbol,
    globals: Option<&Bound<'py, PyDict>>,
    locals: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let globals = match globals {
        Some(g) => g.clone(),
        None => py.import("__main__")?.getattr("__dict__")?.downcast_into::<PyDict>()?,
    };
    let builtins_key = crate::IntoPy::into_py("__builtins__", py)?;
    if globals.get_item(&builtins_key)?.is_none() {
        globals.set_item(builtins_key, py.import("builtins")?)?;
    }
    let locals = locals.unwrap_or(&globals);
    crate::module::run_source(py, code, c"<string>", start, &globals, locals)
}
