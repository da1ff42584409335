//! The benchmark module, PyO3 version. Same Python API as the limpet and C versions.
use pyo3::prelude::*;

/// Do nothing.
#[pyfunction]
fn noop() {}

/// a + b
#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// a + b for two str.
#[pyfunction]
fn concat(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len());
    s.push_str(a);
    s.push_str(b);
    s
}

/// a + b + c
#[pyfunction]
#[pyo3(signature = (a, b = 1, *, c = 2))]
fn kw(a: i64, b: i64, c: i64) -> i64 {
    a.wrapping_add(b).wrapping_add(c)
}

/// Sum of a list of ints.
#[pyfunction]
fn sum_list(xs: Vec<i64>) -> i64 {
    xs.iter().fold(0i64, |s, x| s.wrapping_add(*x))
}

/// Sum of f(x) for x in xs: a Python function called from Rust per element.
#[pyfunction]
fn apply(f: &Bound<'_, PyAny>, xs: Vec<Bound<'_, PyAny>>) -> PyResult<i64> {
    let mut s = 0i64;
    for x in xs {
        s = s.wrapping_add(f.call1((x,))?.extract::<i64>()?);
    }
    Ok(s)
}

/// A counter.
#[pyclass]
struct Counter {
    #[pyo3(get)]
    value: i64,
}

#[pymethods]
impl Counter {
    #[new]
    fn new(start: i64) -> Self {
        Counter { value: start }
    }
    fn incr(&mut self) {
        self.value += 1;
    }
    fn __repr__(&self) -> String {
        format!("Counter({})", self.value)
    }
    fn __len__(&self) -> usize {
        self.value.max(0) as usize
    }
}

#[pymodule]
fn bench_pyo3_latest(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(noop, m)?)?;
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(concat, m)?)?;
    m.add_function(wrap_pyfunction!(kw, m)?)?;
    m.add_function(wrap_pyfunction!(sum_list, m)?)?;
    m.add_function(wrap_pyfunction!(apply, m)?)?;
    m.add_class::<Counter>()?;
    Ok(())
}
