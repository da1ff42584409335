//! Reliability: calling Python from Rust (attributes, calls, methods, iteration, comparison,
//! hashing, `isinstance`, errors that keep their identity, traceback and cause), the GIL
//! (`allow_threads`, `with_gil` from Rust threads, `check_signals`), and a class whose
//! `&mut self` method releases the GIL (concurrent calls must raise, not race).
//! Used by `test_reliability*.py`, `test_fuzz*.py` and the leak tests.

use std::time::{Duration, Instant};

use limpet::prelude::*;

/// A deterministic busy loop (no Python objects): `n` rounds of an xorshift.
fn spin_work(n: u64, seed: u64) -> u64 {
    let mut x = seed | 1;
    for _ in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    x
}

limpet::function! {
    /// `import module` and return `getattr(module, attr)` (attr may be dotted).
    pub fn rel_import_attr(py: Python<'_>, module: &str, attr: &str) -> PyResult<Py<PyAny>> {
        let mut obj = py.import(module)?;
        for part in attr.split('.').filter(|p| !p.is_empty()) {
            obj = obj.getattr(part)?;
        }
        Ok(obj.unbind())
    }

    /// `getattr(obj, name)`.
    pub fn rel_getattr(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Py<PyAny>> { Ok(obj.getattr(name)?.unbind()) }

    /// `setattr(obj, name, value)`; returns `hasattr(obj, name)` afterwards.
    pub fn rel_setattr(obj: &Bound<'_, PyAny>, name: &str, value: &Bound<'_, PyAny>) -> PyResult<bool> {
        obj.setattr(name, value)?;
        obj.hasattr(name)
    }

    /// `delattr(obj, name)`.
    pub fn rel_delattr(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<()> { obj.delattr(name) }

    /// `f(*args, **kwargs)` through `PyObject_Call` (tuple + dict).
    pub fn rel_call(f: &Bound<'_, PyAny>, *args: Bound<'_, PyTuple>, **kwargs: Option<Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
        Ok(f.call(args, kwargs.as_ref())?.unbind())
    }

    /// `f(*args)` through `call_args` (vectorcall on 3.12+, a tuple below).
    pub fn rel_call_args(f: &Bound<'_, PyAny>, *args: Vec<Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        Ok(f.call_args(&args)?.unbind())
    }

    /// `obj.name(*args, **kwargs)`.
    pub fn rel_call_method(obj: &Bound<'_, PyAny>, name: &str, *args: Bound<'_, PyTuple>, **kwargs: Option<Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
        Ok(obj.call_method(name, args, kwargs.as_ref())?.unbind())
    }

    /// `obj.name()`.
    pub fn rel_call_method0(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Py<PyAny>> { Ok(obj.call_method0(name)?.unbind()) }

    /// `list(iterable)`, item by item through the Rust iterator.
    pub fn rel_iter(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Py<PyAny>>> {
        let mut out = Vec::new();
        for item in obj.iter()? {
            out.push(item?.unbind());
        }
        Ok(out)
    }

    /// The first `n` items of an iterable (stops early: infinite iterators are fine).
    pub fn rel_take(obj: &Bound<'_, PyAny>, n: usize) -> PyResult<Vec<Py<PyAny>>> {
        obj.iter()?.take(n).map(|r| r.map(Bound::unbind)).collect()
    }

    /// `(a == b, a < b, ordering)` where ordering is -1/0/1 like `sorted` would see it.
    pub fn rel_compare(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<(bool, bool, i8)> {
        let ord = a.compare(b)? as i8;
        Ok((a.eq(b)?, a.lt(b)?, ord))
    }

    /// `hash(obj)`.
    pub fn rel_hash(obj: &Bound<'_, PyAny>) -> PyResult<isize> { obj.hash() }

    /// `isinstance(obj, ty)`.
    pub fn rel_isinstance(obj: &Bound<'_, PyAny>, ty: &Bound<'_, PyAny>) -> PyResult<bool> { obj.is_instance(ty) }

    /// `len(obj)`, `key in obj`, `obj[key]`.
    pub fn rel_items(obj: &Bound<'_, PyAny>, key: &Bound<'_, PyAny>) -> PyResult<(usize, bool, Py<PyAny>)> {
        Ok((obj.len()?, obj.contains(key)?, obj.get_item(key)?.unbind()))
    }

    /// `d.items()` of a dict, as a list of pairs.
    pub fn rel_dict_items(d: Bound<'_, PyDict>) -> Vec<(Py<PyAny>, Py<PyAny>)> {
        d.items().into_iter().map(|(k, v)| (k.unbind(), v.unbind())).collect()
    }

    /// Call `f()` and let its exception propagate unchanged (`?`).
    pub fn rel_propagate(f: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> { Ok(f.call0()?.unbind()) }

    /// Call `f()`; return the exception object it raised (or None), caught in Rust.
    pub fn rel_catch(py: Python<'_>, f: &Bound<'_, PyAny>) -> Py<PyAny> {
        match f.call0() {
            Ok(_) => py.None().unbind(),
            Err(e) => e.into_value(py).unbind(),
        }
    }

    /// Call `f()`; on error raise `RuntimeError(msg)` from it (the cause set in Rust).
    pub fn rel_wrap(py: Python<'_>, f: &Bound<'_, PyAny>, msg: String) -> PyResult<Py<PyAny>> {
        match f.call0() {
            Ok(v) => Ok(v.unbind()),
            Err(e) => {
                let mut outer = PyRuntimeError::new_err(msg);
                outer.set_cause(py, Some(e));
                Err(outer)
            }
        }
    }

    /// Call `f()`; return `(type name, message, has cause)` of its error, read in Rust.
    pub fn rel_inspect_error(py: Python<'_>, f: &Bound<'_, PyAny>) -> PyResult<Option<(String, String, bool)>> {
        match f.call0() {
            Ok(_) => Ok(None),
            Err(mut e) => {
                let name = e.get_type(py).getattr("__name__")?.extract::<String>()?;
                let has_cause = e.cause(py).is_some();
                Ok(Some((name, e.message(py), has_cause)))
            }
        }
    }

    /// Sum `f(i)` for i in 0..n with the GIL held (callbacks, for the leak tests).
    pub fn rel_sum_calls(f: &Bound<'_, PyAny>, n: i64) -> PyResult<i64> {
        let mut total = 0i64;
        for i in 0..n {
            total = total.wrapping_add(f.call1((i,))?.extract::<i64>()?);
        }
        Ok(total)
    }

    /// `n` rounds of pure Rust work with the GIL released.
    pub fn rel_spin_nogil(py: Python<'_>, n: u64, seed: u64 = 1) -> u64 { py.allow_threads(move || spin_work(n, seed)) }

    /// The same work with the GIL held (the reference for `rel_spin_nogil`).
    pub fn rel_spin_gil(n: u64, seed: u64 = 1) -> u64 { spin_work(n, seed) }

    /// Sleep `ms` milliseconds with the GIL released; returns `ms`.
    pub fn rel_sleep_nogil(py: Python<'_>, ms: u64) -> u64 {
        py.allow_threads(move || std::thread::sleep(Duration::from_millis(ms)));
        ms
    }

    /// Spawn `threads` Rust threads (std::thread, unknown to Python) that each call
    /// `f(thread, i)` for i in 0..n through `Python::with_gil`; the caller waits with the GIL
    /// released. Returns each thread's sum of results.
    pub fn rel_rust_threads_call(py: Python<'_>, f: Py<PyAny>, threads: usize = 1, n: i64 = 1) -> PyResult<Vec<i64>> {
        let f = std::sync::Arc::new(f);
        let results = py.allow_threads(move || {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let f = std::sync::Arc::clone(&f);
                    std::thread::spawn(move || -> Result<i64, String> {
                        let mut total = 0i64;
                        for i in 0..n {
                            let r = Python::with_gil(|py| -> PyResult<i64> {
                                f.bind(py).call1((t as i64, i))?.extract::<i64>()
                            });
                            total += r.map_err(|e| e.to_string())?;
                        }
                        Ok(total)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().map_err(|_| "thread panicked".to_string()).and_then(|r| r)).collect::<Vec<_>>()
        });
        results.into_iter().map(|r| r.map_err(PyRuntimeError::new_err)).collect()
    }

    /// Busy-loop for at most `max_ms` milliseconds calling `py.check_signals()` after every
    /// chunk of `every` rounds; returns the chunks done (only if no signal handler raised).
    /// With `release`, each chunk runs with the GIL released (so Python threads, e.g. a
    /// `threading.Timer` calling `_thread.interrupt_main()`, can run in between).
    pub fn rel_spin_check_signals(py: Python<'_>, max_ms: u64, every: u64 = 1000, release: bool = false) -> PyResult<u64> {
        let start = Instant::now();
        let limit = Duration::from_millis(max_ms);
        let mut rounds = 0u64;
        let mut x = 1u64;
        while start.elapsed() < limit {
            let n = every.max(1);
            x = if release { py.allow_threads(move || spin_work(n, x)) } else { spin_work(n, x) };
            rounds += 1;
            py.check_signals()?;
        }
        std::hint::black_box(x);
        Ok(rounds)
    }
}

limpet::class! {
    /// A counter whose methods release the GIL while they "work" (sleep).
    pub struct Shared {
        #[py(get)] pub value: i64,
        #[py(get)] pub calls: i64,
    }
    impl Shared {
        #[new]
        fn new(value: i64 = 0) -> Self { Shared { value, calls: 0 } }
        /// `&mut self` held across a GIL release: another thread calling any borrowing
        /// method meanwhile must get RuntimeError (already borrowed), not a data race.
        fn slow_add(&mut self, py: Python<'_>, k: i64, ms: u64 = 20) -> i64 {
            let before = self.value;
            py.allow_threads(move || std::thread::sleep(Duration::from_millis(ms)));
            self.value = before + k;
            self.calls += 1;
            self.value
        }
        /// `&self` across a GIL release: shared borrows may overlap.
        fn slow_read(&self, py: Python<'_>, ms: u64 = 20) -> i64 {
            let v = self.value;
            py.allow_threads(move || std::thread::sleep(Duration::from_millis(ms)));
            v
        }
        /// Pure Rust work with the GIL released, from a method.
        fn spin(&self, py: Python<'_>, n: u64) -> u64 { let seed = self.value as u64; py.allow_threads(move || spin_work(n, seed)) }
        fn add(&mut self, k: i64) -> i64 { self.value += k; self.calls += 1; self.value }
    }
}
