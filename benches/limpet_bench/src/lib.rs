//! The benchmark module, limpet version (`bench_limpet.abi3.so`). Same Python API as the
//! PyO3 and C versions: see benches/README.md.
use limpet::prelude::*;

limpet::function! {
    /// Do nothing.
    pub fn noop() {}

    /// a + b
    pub fn add(a: i64, b: i64) -> i64 { a.wrapping_add(b) }

    /// a + b for two str.
    pub fn concat(a: &str, b: &str) -> String {
        let mut s = String::with_capacity(a.len() + b.len());
        s.push_str(a);
        s.push_str(b);
        s
    }

    /// a + b + c
    pub fn kw(a: i64, b: i64 = 1, *, c: i64 = 2) -> i64 { a.wrapping_add(b).wrapping_add(c) }

    /// Sum of a list of ints.
    pub fn sum_list(xs: Vec<i64>) -> i64 { xs.iter().fold(0i64, |s, x| s.wrapping_add(*x)) }

    /// Sum of f(x) for x in xs: a Python function called from Rust per element.
    pub fn apply<'py>(f: &Bound<'py, PyAny>, xs: Vec<Bound<'py, PyAny>>) -> PyResult<i64> {
        let mut s = 0i64;
        for x in xs {
            s = s.wrapping_add(f.call_args(&[x])?.extract::<i64>()?);
        }
        Ok(s)
    }
}

limpet::class! {
    /// A counter.
    pub struct Counter {
        #[py(get)] pub value: i64,
    }
    impl Counter {
        #[new]
        fn new(start: i64) -> Self { Counter { value: start } }
        fn incr(&mut self) { self.value += 1; }
        fn __repr__(&self) -> String { format!("Counter({})", self.value) }
        fn __len__(&self) -> usize { self.value.max(0) as usize }
    }
}

limpet::module! {
    /// limpet benchmark module.
    mod bench_limpet {
        fn noop;
        fn add;
        fn concat;
        fn kw;
        fn sum_list;
        fn apply;
        class Counter;
    }
}
