//! A Rust program that embeds CPython with limpet. `make embed-matrix` builds and runs it once
//! per interpreter with a shared libpython; any failed check panics (exit status 101).
//!
//! It registers a limpet module before start-up, starts the interpreter, runs code, exchanges
//! values both ways, raises exceptions both ways, calls Python from several Rust threads while
//! Python threads call back into Rust, and finalizes (status 0).
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};

use limpet::embed::{self, EmbedError};
use limpet::exceptions::{PySyntaxError, PyValueError, PyZeroDivisionError};
use limpet::prelude::*;

limpet::create_exception!(host, HostError, PyException, "Raised by the host program.");

limpet::function! {
    /// Add two integers (called from Python).
    fn add(a: i64, b: i64) -> i64 { a + b }
}

limpet::function! {
    /// Square root; HostError for a negative number.
    fn checked_sqrt(x: f64) -> PyResult<f64> {
        if x < 0.0 { Err(HostError::new_err("negative")) } else { Ok(x.sqrt()) }
    }
}

limpet::function! {
    /// Sum of 0..n, computed without the GIL (called from Python threads).
    fn work(py: Python<'_>, n: u64) -> u64 { py.allow_threads(|| (0..n).sum()) }
}

/// Set from Python during `finalize`: by a non-daemon thread it waits for, then by atexit.
static LATE_THREAD_RAN: AtomicBool = AtomicBool::new(false);
static ATEXIT_RAN: AtomicBool = AtomicBool::new(false);

limpet::function! {
    /// Record that a Python thread or an atexit handler ran ("thread" / "atexit").
    fn mark(what: &str) -> PyResult<()> {
        let flag = match what {
            "thread" => &LATE_THREAD_RAN,
            "atexit" => &ATEXIT_RAN,
            _ => return Err(PyValueError::new_err(format!("unknown mark {what:?}"))),
        };
        flag.store(true, Ordering::SeqCst);
        Ok(())
    }
}

limpet::class! {
    /// A running total.
    pub struct Tally { #[py(get)] pub total: i64 }
    impl Tally {
        #[new] fn new() -> Self { Tally { total: 0 } }
        fn add(&mut self, n: i64) -> i64 { self.total += n; self.total }
    }
}

limpet::module! {
    /// The host program's own module, importable by the embedded interpreter.
    mod host { fn add; fn checked_sqrt; fn work; fn mark; class Tally; exception HostError; }
}

const RUST_THREADS: i64 = 4;
const PY_THREADS: u64 = 3;

fn main() {
    embed::add_module!(host).expect("registering before start-up works");
    assert_eq!(embed::add_module!(host), Err(EmbedError::BadModuleName("host".into())));
    embed::Config::new().argv(["limpet-embedding", "--flag"]).initialize().expect("the interpreter starts");
    assert_eq!(embed::add_module!(host), Err(EmbedError::AlreadyStarted), "too late after start-up");
    assert_eq!(embed::Config::new().initialize(), Err(EmbedError::AlreadyStarted));
    embed::initialize(); // idempotent
    assert!(embed::is_initialized());

    let version = Python::with_gil(|py| single_thread_checks(py).unwrap_or_else(|e| panic!("{e}")));
    threads();

    // finalize only on the starting thread, outside with_gil.
    assert_eq!(std::thread::spawn(embed::finalize).join().unwrap(), Err(EmbedError::WrongThread));
    assert_eq!(Python::with_gil(|_| embed::finalize()), Err(EmbedError::GilHeld));
    // finalize runs atexit handlers and waits for non-daemon Python threads (which call back
    // into Rust: the interpreter is still alive for them).
    let code = "import atexit, threading, time, host\natexit.register(host.mark, 'atexit')\n\
                def late():\n    time.sleep(0.05)\n    host.mark('thread')\n\
                threading.Thread(target=late).start()\n";
    Python::with_gil(|py| embed::run(py, code, None, None)).expect("atexit handler and late thread");
    let kept: Py<PyAny> = Python::with_gil(|py| embed::eval(py, "[1, 2, 3]", None, None).unwrap().unbind());
    assert_eq!(embed::finalize(), Ok(()), "Py_FinalizeEx status 0");
    assert!(LATE_THREAD_RAN.load(Ordering::SeqCst), "finalize waited for the Python thread");
    assert!(ATEXIT_RAN.load(Ordering::SeqCst), "finalize ran the atexit handler");

    // After finalize: nothing touches the dead interpreter.
    drop(kept); // leaked, never decref'd
    assert!(!embed::is_initialized());
    assert_eq!(embed::Config::new().initialize(), Err(EmbedError::Finalized));
    assert_eq!(embed::finalize(), Err(EmbedError::Finalized));
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    assert!(std::panic::catch_unwind(|| Python::with_gil(|_| ())).is_err(), "with_gil panics");
    assert!(std::panic::catch_unwind(embed::initialize).is_err(), "no restart");
    std::panic::set_hook(hook);
    println!("embedding OK: Python {version}");
}

fn single_thread_checks(py: Python<'_>) -> PyResult<String> {
    let sys = py.import("sys")?;
    assert_eq!(sys.getattr("argv")?.extract::<Vec<String>>()?, ["limpet-embedding", "--flag"]);
    let builtins: Vec<String> = sys.getattr("builtin_module_names")?.extract()?;
    assert!(builtins.iter().any(|m| m == "host"), "host is a built-in module");

    // Code in __main__, then a private namespace.
    embed::run(py, "x = 6 * 7", None, None)?;
    assert_eq!(embed::eval(py, "x", None, None)?.extract::<i64>()?, 42);
    assert_eq!(py.import("__main__")?.getattr("x")?.extract::<i64>()?, 42);
    let ns = PyDict::new(py)?;
    ns.set_item("name".into_py(py)?, "Rust".into_py(py)?)?;
    ns.set_item("data".into_py(py)?, vec![1i64, 2, 3].into_py(py)?)?;
    ns.set_item("words".into_py(py)?, vec!["a", "bb", "ccc"].into_py(py)?)?;
    let code = "greeting = 'hello ' + name\nnums = [n * 2 for n in data]\ntable = {w: len(w) for w in words}\n\
                def scale(a, b=10):\n    return a * b\n";
    embed::run(py, code, Some(&ns), None)?;
    let get = |key: &str| -> PyResult<Bound<'_, PyAny>> { Ok(ns.get_item(&key.into_py(py)?)?.expect(key)) };
    assert_eq!(get("greeting")?.extract::<String>()?, "hello Rust");
    assert_eq!(get("nums")?.extract::<Vec<i64>>()?, [2, 4, 6]);
    let table: HashMap<String, usize> = get("table")?.extract()?;
    assert_eq!(table, HashMap::from([("a".into(), 1), ("bb".into(), 2), ("ccc".into(), 3)]));
    assert!(ns.get_item(&"__builtins__".into_py(py)?)?.is_some(), "globals get __builtins__");

    // Separate locals: assignments land there.
    let locals = PyDict::new(py)?;
    embed::run(py, "y = len(words)", Some(&ns), Some(&locals))?;
    assert_eq!(locals.get_item(&"y".into_py(py)?)?.expect("y").extract::<i64>()?, 3);
    assert!(ns.get_item(&"y".into_py(py)?)?.is_none());

    // A Python callable called from Rust, with and without the default.
    let scale = get("scale")?;
    assert_eq!(scale.call1((4,))?.extract::<i64>()?, 40);
    assert_eq!(scale.call1((4, 3))?.extract::<i64>()?, 12);
    let lambda = embed::eval(py, "lambda s: s.upper() + '!'", None, None)?;
    assert_eq!(lambda.call1(("hi",))?.extract::<String>()?, "HI!");

    // The standard library.
    let dumps = py.import("json")?.getattr("dumps")?;
    assert_eq!(dumps.call1((vec![1, 2],))?.extract::<String>()?, "[1, 2]");

    // The registered limpet module: functions, a class, an exception.
    let code = "import host\nr = host.add(2, 3)\nt = host.Tally()\nt.add(5)\nt.add(6)\n\
                try:\n    host.checked_sqrt(-1.0)\nexcept host.HostError as e:\n    caught = str(e)\n";
    embed::run(py, code, Some(&ns), None)?;
    assert_eq!(get("r")?.extract::<i64>()?, 5);
    assert_eq!(embed::eval(py, "t.total", Some(&ns), None)?.extract::<i64>()?, 11);
    assert_eq!(get("caught")?.extract::<String>()?, "negative", "a Rust error seen in Python");
    let host = py.import("host")?;
    assert_eq!(host.getattr("checked_sqrt")?.call1((9.0,))?.extract::<f64>()?, 3.0);
    let err = host.getattr("checked_sqrt")?.call1((-1.0,)).unwrap_err();
    assert!(err.is_instance_of::<HostError>(py) && err.message(py) == "negative");

    // Python exceptions seen in Rust.
    let err = embed::eval(py, "1 / 0", None, None).unwrap_err();
    assert!(err.is_instance_of::<PyZeroDivisionError>(py));
    let err = embed::run(py, "raise ValueError('bad value')", None, None).unwrap_err();
    assert!(err.is_instance_of::<PyValueError>(py) && err.message(py) == "bad value");
    assert!(embed::run(py, "def (", None, None).unwrap_err().is_instance_of::<PySyntaxError>(py));
    let err = embed::run(py, "a\0b", None, None).unwrap_err();
    assert_eq!(err.message(py), "source code string cannot contain null bytes");
    // A Rust error raised into Python code, caught there.
    let raise = embed::eval(py, "lambda f: f()", None, None)?;
    let err = raise.call1((host.getattr("Tally")?.getattr("add")?,)).unwrap_err();
    assert!(err.is_instance_of::<limpet::exceptions::PyTypeError>(py));

    Ok(format!("{}.{}.{}", py.version().major, py.version().minor, py.version().patch))
}

/// Rust threads call into Python concurrently while Python threads call back into Rust.
fn threads() {
    // Python threads, started from Rust, each calling a limpet function that releases the GIL.
    let code = "import threading, host\nresults = []\n\
                def worker(i):\n    for _ in range(20):\n        results.append(host.work(1000 + i))\n\
                py_threads = [threading.Thread(target=worker, args=(i,)) for i in range(PY_THREADS)]\n\
                for t in py_threads:\n    t.start()\n"
        .replace("PY_THREADS", &PY_THREADS.to_string());
    Python::with_gil(|py| embed::run(py, &code, None, None)).expect("Python threads start");

    let barrier = Arc::new(Barrier::new(RUST_THREADS as usize));
    let handles: Vec<_> = (0..RUST_THREADS)
        .map(|i| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                let mut sum = 0;
                for k in 0..50 {
                    sum += Python::with_gil(|py| -> PyResult<i64> {
                        let add = py.import("host")?.getattr("add")?;
                        let v: i64 =
                            embed::eval(py, "lambda a, b: a * 1000 + b", None, None)?.call1((i, k))?.extract()?;
                        add.call1((v, 0))?.extract()
                    })
                    .expect("Python call from a Rust thread");
                    // Rust work without the GIL: the other threads run Python meanwhile.
                    Python::with_gil(|py| py.allow_threads(std::thread::yield_now));
                }
                sum
            })
        })
        .collect();
    for (i, h) in handles.into_iter().enumerate() {
        let want: i64 = (0..50).map(|k| i as i64 * 1000 + k).sum();
        assert_eq!(h.join().expect("Rust thread"), want);
    }

    Python::with_gil(|py| -> PyResult<()> {
        embed::run(py, "for t in py_threads:\n    t.join()\n", None, None)?;
        let mut results: Vec<u64> = embed::eval(py, "results", None, None)?.extract()?;
        results.sort_unstable();
        results.dedup();
        let want: Vec<u64> = (0..PY_THREADS).map(|i| (0..1000 + i).sum()).collect();
        assert_eq!(results, want);
        assert_eq!(embed::eval(py, "len(results)", None, None)?.extract::<u64>()?, 20 * PY_THREADS);
        Ok(())
    })
    .expect("Python threads called back into Rust");
}
