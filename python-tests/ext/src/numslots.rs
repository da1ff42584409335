//! Typed numeric, item and `__getattr__` slots (issue 12, test_slot_numeric.py): the same
//! methods on a final class (typed slots, `SLOT1BINFULL` reproduced) and on a `#[subclass]`
//! class (binary slots through CPython's own slot functions), compared with pure-Python twins.
//! Each dunder appends `(name, v)` to the shared `log` list and returns `(name, v,
//! repr(other..))`; a negative `v` or an operand `"ni"` makes it return `NotImplemented`,
//! `v == 13` or an operand `"raise"` raise.

use limpet::prelude::*;

fn ns_op(py: Python<'_>, log: &Py<PyAny>, name: &str, v: i64, args: &[&Bound<'_, PyAny>]) -> PyResult<Py<PyAny>> {
    log.bind(py).call_method1("append", ((name, v),))?;
    if v < 0 {
        return Ok(py.NotImplemented().unbind());
    }
    if v == 13 {
        return Err(PyValueError::new_err(format!("{name} raised by 13")));
    }
    let mut reprs = Vec::new();
    for a in args {
        if let Ok(s) = a.extract::<String>() {
            if s == "ni" {
                return Ok(py.NotImplemented().unbind());
            }
            if s == "raise" {
                return Err(PyValueError::new_err(format!("{name} raised")));
            }
        }
        reprs.push(a.repr()?.extract::<String>()?);
    }
    Ok((name, v, reprs).into_py(py)?.unbind())
}

macro_rules! ns_class {
    ($name:ident [$($attr:tt)*]) => {
        limpet::class! {
            /// Logs its dunders (see the module).
            $($attr)*
            pub struct $name {
                v: i64,
                log: Py<PyAny>,
            }
            impl $name {
                #[new]
                fn new(v: i64, log: Py<PyAny>) -> Self { $name { v, log } }
                #[getter]
                fn v(&self) -> i64 { self.v }
                fn __repr__(&self) -> String { format!("N({})", self.v) }
                fn __add__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    ns_op(py, &self.log, "__add__", self.v, &[other])
                }
                fn __radd__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    ns_op(py, &self.log, "__radd__", self.v, &[other])
                }
                /// No `__rsub__`.
                fn __sub__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    ns_op(py, &self.log, "__sub__", self.v, &[other])
                }
                /// No `__mul__`.
                fn __rmul__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    ns_op(py, &self.log, "__rmul__", self.v, &[other])
                }
                /// A typed operand: anything but an int gives `NotImplemented`.
                fn __truediv__(&self, py: Python<'_>, other: i64) -> PyResult<Py<PyAny>> {
                    if other == 0 {
                        return Err(PyZeroDivisionError::new_err("division by zero"));
                    }
                    Ok((self.v as f64 / other as f64).into_py(py)?.unbind())
                }
                fn __rtruediv__(&self, py: Python<'_>, other: i64) -> PyResult<Py<PyAny>> {
                    Ok((other as f64 / self.v as f64).into_py(py)?.unbind())
                }
                fn __pow__(&self, py: Python<'_>, other: &Bound<'_, PyAny>, modulo: Option<Bound<'_, PyAny>> = None) -> PyResult<Py<PyAny>> {
                    match modulo {
                        Some(m) => ns_op(py, &self.log, "__pow__", self.v, &[other, &m]),
                        None => ns_op(py, &self.log, "__pow__", self.v, &[other]),
                    }
                }
                fn __rpow__(&self, py: Python<'_>, other: &Bound<'_, PyAny>, modulo: Option<Bound<'_, PyAny>> = None) -> PyResult<Py<PyAny>> {
                    match modulo {
                        Some(m) => ns_op(py, &self.log, "__rpow__", self.v, &[other, &m]),
                        None => ns_op(py, &self.log, "__rpow__", self.v, &[other]),
                    }
                }
                /// Only `__rlshift__` with one parameter: `pow`-like three-argument calls do not reach it.
                fn __rlshift__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    ns_op(py, &self.log, "__rlshift__", self.v, &[other])
                }
                fn __iadd__(&mut self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    ns_op(py, &self.log, "__iadd__", self.v, &[other])
                }
                /// No `__mul__`: falls back to the other operand's `__rmul__` (or ours).
                fn __imul__(&mut self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    ns_op(py, &self.log, "__imul__", self.v, &[other])
                }
                fn __ipow__(&mut self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    ns_op(py, &self.log, "__ipow__", self.v, &[other])
                }
                fn __getitem__(&self, py: Python<'_>, key: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    if let Ok(i) = key.extract::<i64>() {
                        if !(-3..3).contains(&i) {
                            return Err(PyIndexError::new_err("N index out of range"));
                        }
                        return Ok((i * 10).into_py(py)?.unbind());
                    }
                    ns_op(py, &self.log, "__getitem__", self.v, &[key])
                }
                fn __setitem__(&mut self, py: Python<'_>, key: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
                    ns_op(py, &self.log, "__setitem__", self.v, &[key, value]).map(drop)
                }
                fn __getattr__(&self, py: Python<'_>, name: String) -> PyResult<Py<PyAny>> {
                    self.log.bind(py).call_method1("append", (("__getattr__", self.v),))?;
                    match name.strip_prefix("dyn_") {
                        Some(rest) => Ok(format!("dyn:{rest}").into_py(py)?.unbind()),
                        None if name == "boom" => Err(PyValueError::new_err("boom")),
                        None => Err(PyAttributeError::new_err(format!("no {name}"))),
                    }
                }
                fn __neg__(&self) -> i64 { -self.v }
                fn __abs__(&self) -> i64 { self.v.abs() }
                fn __invert__(&self) -> i64 { !self.v }
                fn __index__(&self) -> i64 { self.v }
                fn __float__(&self) -> f64 { self.v as f64 + 0.5 }
            }
        }
    };
}

ns_class!(NsFinal []);
ns_class!(NsSub [#[subclass]]);

limpet::class! {
    /// Both item dunders and a typed key: `__setitem__`/`__delitem__` share a slot.
    #[subclass]
    pub struct NsMap {
        items: std::collections::BTreeMap<String, i64>,
    }
    impl NsMap {
        #[new]
        fn new() -> Self { NsMap { items: Default::default() } }
        fn __getitem__(&self, key: &str) -> PyResult<i64> {
            self.items.get(key).copied().ok_or_else(|| PyKeyError::new_err(key.to_owned()))
        }
        fn __setitem__(&mut self, key: String, value: i64) { self.items.insert(key, value); }
        fn __delitem__(&mut self, key: &str) -> PyResult<()> {
            self.items.remove(key).map(drop).ok_or_else(|| PyKeyError::new_err(key.to_owned()))
        }
        fn __len__(&self) -> usize { self.items.len() }
    }
}

limpet::class! {
    /// A small value for the instruction counts: `c + 1`, `c[0]`, `c.attr`, `c += 1`.
    pub struct NsBench {
        v: i64,
    }
    impl NsBench {
        #[new]
        fn new(v: i64) -> Self { NsBench { v } }
        fn __add__(&self, other: i64) -> i64 { self.v + other }
        fn __radd__(&self, other: i64) -> i64 { other + self.v }
        fn __iadd__(&mut self, other: i64) { self.v += other; }
        fn __getitem__(&self, i: i64) -> i64 { self.v + i }
        fn __getattr__(&self, name: &str) -> PyResult<i64> {
            if name == "attr" { Ok(self.v) } else { Err(PyAttributeError::new_err(name.to_owned())) }
        }
        fn __neg__(&self) -> i64 { -self.v }
        fn __contains__(&self, x: i64) -> bool { x == self.v }
    }
}
