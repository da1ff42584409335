//! Rust-side tests of the runtime against a real interpreter (needs `--features embed`).
#![cfg(feature = "embed")]

use std::collections::{BTreeMap, HashMap, HashSet};

use limpet::embed::{self, EmbedError};
use limpet::exceptions::{PyExceptionType, PyOverflowError, PyTypeError, PyValueError};
use limpet::prelude::*;

limpet::function! {
    /// Called back from Python threads: releases the GIL for the Rust work.
    fn triangle(py: Python<'_>, n: u64) -> u64 { py.allow_threads(|| (0..=n).sum()) }
}

limpet::module! {
    /// Registered before start-up by `start`.
    mod embedded_helpers { fn triangle; }
}

/// Every test starts the interpreter through here: the first one registers the module.
fn start() {
    static START: std::sync::Once = std::sync::Once::new();
    START.call_once(|| {
        embed::add_module!(embedded_helpers).expect("registered before any test starts Python");
        embed::initialize();
    });
}

fn with_embedded<R>(f: impl for<'py> FnOnce(Python<'py>) -> R) -> R {
    start();
    Python::with_gil(f)
}

fn eval<'py>(py: Python<'py>, expr: &str) -> Bound<'py, PyAny> {
    let builtins = py.import("builtins").unwrap();
    builtins.getattr("eval").unwrap().call1((expr, PyDict::new(py).unwrap())).unwrap()
}

fn roundtrip<T>(value: T) -> T
where
    T: IntoPy + for<'py> FromPyObject<'py> + Clone,
{
    with_embedded(|py| value.into_py(py).unwrap().extract::<T>().unwrap())
}

#[test]
fn version_detection_matches_sys() {
    with_embedded(|py| {
        let info: (u8, u8, u8) = eval(py, "__import__('sys').version_info[:3]").extract().unwrap();
        let v = py.version();
        assert_eq!((v.major, v.minor, v.patch), info);
        assert!(!limpet::runtime::runtime().free_threaded);
    });
}

#[test]
fn integer_boundaries_round_trip() {
    assert_eq!(roundtrip(i64::MIN), i64::MIN);
    assert_eq!(roundtrip(u64::MAX), u64::MAX);
    assert_eq!(roundtrip(i128::MIN), i128::MIN);
    assert_eq!(roundtrip(i128::MAX), i128::MAX);
    assert_eq!(roundtrip(u128::MAX), u128::MAX);
    assert_eq!(roundtrip(-1i8), -1);
    with_embedded(|py| {
        assert_eq!(eval(py, "2**127 - 1").extract::<i128>().unwrap(), i128::MAX);
        assert_eq!(eval(py, "-2**127").extract::<i128>().unwrap(), i128::MIN);
        assert_eq!(eval(py, "2**128 - 1").extract::<u128>().unwrap(), u128::MAX);
        assert_eq!(
            i128::MAX.into_py(py).unwrap().repr().unwrap().extract::<String>().unwrap(),
            (2i128.pow(126) - 1 + 2i128.pow(126)).to_string()
        );
    });
}

fn error_of<T: for<'py> FromPyObject<'py>>(expr: &str) -> (String, String) {
    with_embedded(|py| {
        let err = eval(py, expr).extract::<T>().map(|_| ()).unwrap_err();
        let name = err.get_type(py).getattr("__name__").unwrap().extract::<String>().unwrap();
        (name, err.message(py))
    })
}

#[test]
fn integer_errors_are_clear() {
    assert_eq!(error_of::<u8>("256"), ("OverflowError".into(), "Python int too large to convert to u8".into()));
    assert_eq!(error_of::<u8>("-1"), ("OverflowError".into(), "can't convert negative int to unsigned".into()));
    assert_eq!(error_of::<u64>("-2**70"), ("OverflowError".into(), "can't convert negative int to unsigned".into()));
    assert_eq!(error_of::<u128>("2**128"), ("OverflowError".into(), "Python int too large to convert to u128".into()));
    assert_eq!(
        error_of::<i128>("-2**127 - 1"),
        ("OverflowError".into(), "Python int too large to convert to i128".into())
    );
    assert_eq!(
        error_of::<i32>("1.5"),
        ("TypeError".into(), "'float' object cannot be interpreted as an integer".into())
    );
    assert_eq!(error_of::<i64>("'3'"), ("TypeError".into(), "'str' object cannot be interpreted as an integer".into()));
}

#[test]
fn index_protocol_is_honoured() {
    with_embedded(|py| {
        let obj = eval(py, "type('I', (), {'__index__': lambda self: 7})()");
        assert_eq!(obj.extract::<u16>().unwrap(), 7);
        assert_eq!(eval(py, "True").extract::<i64>().unwrap(), 1);
        assert_eq!(eval(py, "3").extract::<f64>().unwrap(), 3.0);
    });
}

#[test]
fn strings_and_bytes() {
    assert_eq!(roundtrip(String::from("h\u{e9}llo \u{1F600}")), "h\u{e9}llo \u{1F600}");
    assert_eq!(roundtrip('\u{1F600}'), '\u{1F600}');
    assert_eq!(roundtrip(vec![0u8, 255, 10]), vec![0u8, 255, 10]);
    with_embedded(|py| {
        assert!(vec![1u8, 2].into_py(py).unwrap().downcast::<PyBytes>().is_ok(), "Vec<u8> becomes bytes");
        assert_eq!(eval(py, "bytearray(b'ab')").extract::<Vec<u8>>().unwrap(), b"ab");
        let err = eval(py, "'\\ud800'").extract::<String>().unwrap_err();
        assert!(err.is_instance_of::<limpet::exceptions::PyUnicodeEncodeError>(py));
        let err = eval(py, "'ab'").extract::<char>().unwrap_err();
        assert_eq!(err.message(py), "expected a character, but string of length 2 found");
        let err = eval(py, "'abc'").extract::<Vec<String>>().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(py));
    });
}

#[test]
fn containers_round_trip() {
    let nested: Vec<HashMap<String, Vec<i64>>> = vec![HashMap::from([("a".to_string(), vec![1, 2])])];
    assert_eq!(roundtrip(nested.clone()), nested);
    let tree: BTreeMap<i32, (bool, f64)> = BTreeMap::from([(1, (true, 0.5)), (2, (false, -1.0))]);
    assert_eq!(roundtrip(tree.clone()), tree);
    let set: HashSet<String> = HashSet::from(["x".to_string(), "y".to_string()]);
    assert_eq!(roundtrip(set.clone()), set);
    let t12 = (1u8, 2u16, 3u32, 4u64, 5i8, 6i16, 7i32, 8i64, 9usize, 10isize, "11".to_string(), 12.0f64);
    assert_eq!(roundtrip(t12.clone()), t12);
    assert_eq!(roundtrip(Some(3i64)), Some(3));
    assert_eq!(roundtrip(None::<i64>), None);
    with_embedded(|py| {
        let err = eval(py, "(1, 2, 3)").extract::<(i64, i64)>().unwrap_err();
        assert_eq!(err.message(py), "expected a tuple of length 2, got a tuple of length 3");
        let err = eval(py, "[1]").extract::<HashMap<String, i64>>().unwrap_err();
        assert_eq!(err.message(py), "expected dict, got list");
    });
}

#[test]
fn errors_keep_type_message_and_cause() {
    with_embedded(|py| {
        let code = "def f():\n    try:\n        1/0\n    except ZeroDivisionError as e:\n        raise ValueError('outer') from e\n";
        let ns = PyDict::new(py).unwrap();
        let builtins = py.import("builtins").unwrap();
        builtins.getattr("exec").unwrap().call1((code, ns.clone())).unwrap();
        let f = ns.get_item(&"f".into_py(py).unwrap()).unwrap().unwrap();
        let mut err = f.call0().unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(py));
        assert_eq!(err.message(py), "outer");
        let cause = err.cause(py).expect("raise ... from keeps __cause__");
        assert!(cause.is_instance_of::<limpet::exceptions::PyZeroDivisionError>(py));
        // Restored and fetched again, the same exception object comes back.
        let value = err.value(py);
        err.restore(py);
        let mut again = PyErr::fetch(py);
        assert!(again.value(py).is(&value));
    });
}

#[test]
fn rust_errors_convert_with_question_mark() {
    fn parse(s: &str) -> PyResult<i64> {
        Ok(s.parse::<i64>()?)
    }
    fn narrow(v: i64) -> PyResult<u8> {
        Ok(u8::try_from(v)?)
    }
    with_embedded(|py| {
        assert!(parse("x").unwrap_err().is_instance_of::<PyValueError>(py));
        assert!(narrow(300).unwrap_err().is_instance_of::<PyOverflowError>(py));
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        assert!(PyErr::from(io).is_instance_of::<limpet::exceptions::PyFileNotFoundError>(py));
    });
}

limpet::create_exception!(embedded, CustomError, PyValueError, "A custom error.");

#[test]
fn user_exceptions_have_name_doc_and_base() {
    with_embedded(|py| {
        let ty = CustomError::type_object(py);
        assert_eq!(ty.getattr("__name__").unwrap().extract::<String>().unwrap(), "CustomError");
        assert_eq!(ty.getattr("__module__").unwrap().extract::<String>().unwrap(), "embedded");
        assert_eq!(ty.getattr("__doc__").unwrap().extract::<String>().unwrap(), "A custom error.");
        let err = CustomError::new_err("boom");
        assert!(err.is_instance_of::<PyValueError>(py));
        assert!(CustomError::type_object(py).is(&ty), "created once");
    });
}

#[test]
fn gil_from_a_thread_python_did_not_create() {
    start();
    let handle = std::thread::spawn(|| Python::with_gil(|py| eval(py, "6 * 7").extract::<i64>().unwrap()));
    assert_eq!(handle.join().unwrap(), 42);
}

#[test]
fn calling_python_from_rust() {
    with_embedded(|py| {
        let kw = PyDict::new(py).unwrap();
        kw.set_item("sep".into_py(py).unwrap(), "-".into_py(py).unwrap()).unwrap();
        let join = eval(py, "lambda *a, sep=' ': sep.join(a)");
        assert_eq!(join.call(("a", "b"), Some(&kw)).unwrap().extract::<String>().unwrap(), "a-b");
        assert_eq!(join.call0().unwrap().extract::<String>().unwrap(), "");
        let args = vec!["x".into_py(py).unwrap(), "y".into_py(py).unwrap()];
        assert_eq!(join.call_args(&args).unwrap().extract::<String>().unwrap(), "x y");
        let s = "Hello".into_py(py).unwrap();
        assert_eq!(s.call_method0("upper").unwrap().extract::<String>().unwrap(), "HELLO");
        assert_eq!(s.call_method1("count", ("l",)).unwrap().extract::<i64>().unwrap(), 2);
        let items: Vec<i64> = eval(py, "range(4)").iter().unwrap().map(|x| x.unwrap().extract().unwrap()).collect();
        assert_eq!(items, vec![0, 1, 2, 3]);
        let broken = eval(py, "(1 // x for x in [1, 0])");
        let results: Vec<bool> = broken.iter().unwrap().map(|r| r.is_ok()).collect();
        assert_eq!(results, vec![true, false], "an error inside iteration is an Err item");
        let one = 1.into_py(py).unwrap();
        assert_eq!(one.compare(&2.into_py(py).unwrap()).unwrap(), std::cmp::Ordering::Less);
        assert!(eval(py, "float('nan')").compare(&one).is_err());
        assert_eq!("a".into_py(py).unwrap().hash().unwrap(), eval(py, "hash('a')").extract::<isize>().unwrap());
        assert!(eval(py, "[]").hash().is_err());
        let list = eval(py, "[1, 2]");
        list.set_item(0, 5).unwrap();
        assert_eq!(list.get_item(0).unwrap().extract::<i64>().unwrap(), 5);
        assert!(list.contains(2).unwrap() && !list.contains(9).unwrap());
        assert!(one.is_instance(&eval(py, "int")).unwrap());
        assert!(join.is_callable() && !one.is_callable());
    });
}

#[test]
fn allow_threads_releases_the_gil() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    start();
    let started = Arc::new(AtomicBool::new(false));
    let flag = started.clone();
    // While this thread is inside allow_threads, another thread can take the GIL.
    let other = std::thread::spawn(move || {
        while !flag.load(Ordering::SeqCst) {
            std::thread::yield_now();
        }
        Python::with_gil(|py| eval(py, "1 + 1").extract::<i64>().unwrap())
    });
    let out = Python::with_gil(|py| {
        py.allow_threads(|| {
            started.store(true, Ordering::SeqCst);
            other.join().unwrap()
        })
    });
    assert_eq!(out, 2);
}

#[test]
fn run_and_eval_with_namespaces() {
    with_embedded(|py| {
        let ns = PyDict::new(py).unwrap();
        ns.set_item("n".into_py(py).unwrap(), 5.into_py(py).unwrap()).unwrap();
        embed::run(py, "sq = [i * i for i in range(n)]\ndef f(x):\n    return x + n\n", Some(&ns), None).unwrap();
        assert_eq!(embed::eval(py, "sq", Some(&ns), None).unwrap().extract::<Vec<i64>>().unwrap(), [0, 1, 4, 9, 16]);
        assert_eq!(embed::eval(py, "f(1)", Some(&ns), None).unwrap().extract::<i64>().unwrap(), 6);
        let locals = PyDict::new(py).unwrap();
        embed::run(py, "local_only = n * 2", Some(&ns), Some(&locals)).unwrap();
        assert!(locals.get_item(&"local_only".into_py(py).unwrap()).unwrap().is_some());
        assert!(ns.get_item(&"local_only".into_py(py).unwrap()).unwrap().is_none());
        // No globals: __main__'s namespace, shared between calls.
        embed::run(py, "embedded_marker = 'here'", None, None).unwrap();
        let main = py.import("__main__").unwrap();
        assert_eq!(main.getattr("embedded_marker").unwrap().extract::<String>().unwrap(), "here");
        // Errors: Python's exception types and messages.
        let err = embed::run(py, "x = (", None, None).unwrap_err();
        assert!(err.is_instance_of::<limpet::exceptions::PySyntaxError>(py));
        let err = embed::eval(py, "undefined_name", Some(&ns), None).unwrap_err();
        assert!(err.is_instance_of::<limpet::exceptions::PyNameError>(py));
        assert_eq!(err.message(py), "name 'undefined_name' is not defined");
        let err = embed::eval(py, "x = 1", None, None).unwrap_err();
        assert!(err.is_instance_of::<limpet::exceptions::PySyntaxError>(py), "eval takes an expression");
        let err = embed::run(py, "pass\0", None, None).unwrap_err();
        assert!(err.is_instance_of::<PyValueError>(py));
        assert_eq!(err.message(py), "source code string cannot contain null bytes");
    });
}

#[test]
fn registration_and_shutdown_rules() {
    start();
    assert!(embed::is_initialized());
    assert_eq!(embed::add_module!(embedded_helpers), Err(EmbedError::AlreadyStarted));
    assert_eq!(embed::Config::new().initialize(), Err(EmbedError::AlreadyStarted));
    // A thread that did not start the interpreter cannot finalize it.
    assert_eq!(std::thread::spawn(embed::finalize).join().unwrap(), Err(EmbedError::WrongThread));
    assert!(EmbedError::GilHeld.to_string().contains("with_gil"));
    with_embedded(|py| {
        let argv: Vec<String> = py.import("sys").unwrap().getattr("argv").unwrap().extract().unwrap();
        assert_eq!(argv, [""], "the default sys.argv, on 3.7 too");
        let names: Vec<String> = py.import("sys").unwrap().getattr("builtin_module_names").unwrap().extract().unwrap();
        assert!(names.iter().any(|n| n == "embedded_helpers"));
        let m = py.import("embedded_helpers").unwrap();
        assert_eq!(m.getattr("triangle").unwrap().call1((4,)).unwrap().extract::<u64>().unwrap(), 10);
    });
}

#[test]
fn rust_and_python_threads_share_the_interpreter() {
    start();
    // Python threads calling back into Rust (a limpet function that releases the GIL) ...
    let ns: Py<PyDict> = with_embedded(|py| -> PyResult<Py<PyDict>> {
        let ns = PyDict::new(py)?;
        let code = "import threading, embedded_helpers\nout = []\n\
                    def work(i):\n    out.extend(embedded_helpers.triangle(i * 100 + k) for k in range(30))\n\
                    ts = [threading.Thread(target=work, args=(i,)) for i in range(3)]\n\
                    for t in ts:\n    t.start()\n";
        embed::run(py, code, Some(&ns), None)?;
        Ok(ns.unbind())
    })
    .unwrap();
    // ... while Rust threads call Python.
    let handles: Vec<_> = (0..4i64)
        .map(|i| {
            std::thread::spawn(move || {
                (0..40i64)
                    .map(|k| {
                        let v = Python::with_gil(|py| {
                            embed::eval(py, "lambda a, b: a * b", None, None)
                                .unwrap()
                                .call1((i, k))
                                .unwrap()
                                .extract::<i64>()
                                .unwrap()
                        });
                        Python::with_gil(|py| py.allow_threads(std::thread::yield_now));
                        v
                    })
                    .sum::<i64>()
            })
        })
        .collect();
    for (i, h) in handles.into_iter().enumerate() {
        assert_eq!(h.join().unwrap(), (0..40).map(|k| i as i64 * k).sum::<i64>());
    }
    with_embedded(|py| {
        let ns = &ns.bind(py);
        embed::run(py, "for t in ts:\n    t.join()\n", Some(ns), None).unwrap();
        let mut out: Vec<u64> = embed::eval(py, "out", Some(ns), None).unwrap().extract().unwrap();
        out.sort_unstable();
        let mut want: Vec<u64> =
            (0..3u64).flat_map(|i| (0..30).map(move |k| (i * 100 + k) * (i * 100 + k + 1) / 2)).collect();
        want.sort_unstable();
        assert_eq!(out, want);
    });
}

mod plugins {
    limpet::function! { fn ping() -> String { "pong".to_string() } }
    limpet::module! {
        /// Declared in another module: registered by path.
        pub mod embedded_plugin { fn ping; }
    }
}

/// `add_module!` takes a path to a `module!` declared elsewhere (compile check: the
/// interpreter is already running when tests run, so this returns `Err(AlreadyStarted)`).
#[test]
fn add_module_by_path() {
    start();
    assert_eq!(embed::add_module!(crate::plugins::embedded_plugin), Err(EmbedError::AlreadyStarted));
    assert_eq!(embed::add_module!(plugins::embedded_plugin), Err(EmbedError::AlreadyStarted));
}
