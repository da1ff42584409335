//! Calling back into Python, the runtime facts, and the submodule's functions.

use limpet::prelude::*;
use limpet::runtime::{runtime, CallConv};

limpet::function! {
    /// `f(x)`.
    pub fn call_with(f: Bound<'_, PyAny>, x: i64) -> PyResult<Bound<'_, PyAny>> { f.call1((x,)) }

    /// `f()`.
    pub fn call0(f: Bound<'_, PyAny>) -> PyResult<Bound<'_, PyAny>> { f.call0() }

    /// `getattr(obj, name)`.
    pub fn get_attr(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Py<PyAny>> {
        Ok(obj.getattr(name)?.unbind())
    }

    /// `setattr(obj, name, value)`.
    pub fn set_attr(obj: &Bound<'_, PyAny>, name: &str, value: i64) -> PyResult<()> {
        obj.setattr(name, value)
    }

    /// `import module; module.func(x)` as a float.
    pub fn import_call(py: Python<'_>, module: &str, func: &str, x: f64) -> PyResult<f64> {
        py.import(module)?.getattr(func)?.call1((x,))?.extract::<f64>()
    }

    /// Sum `f(i)` for i in 0..n, extracting each result as i64.
    pub fn sum_calls(f: &Bound<'_, PyAny>, n: i64) -> PyResult<i64> {
        let mut total = 0i64;
        for i in 0..n {
            total += f.call1((i,))?.extract::<i64>()?;
        }
        Ok(total)
    }

    /// The calling convention chosen at import: "fastcall" or "varargs".
    pub fn callconv() -> &'static str {
        match runtime().callconv {
            CallConv::FastCall => "fastcall",
            CallConv::Tuple => "varargs",
        }
    }

    /// The interpreter version detected at import.
    pub fn interpreter_version() -> (u8, u8, u8) {
        let v = runtime().version;
        (v.major, v.minor, v.patch)
    }

    /// A function of the submodule.
    pub fn sub_hello(name: &str = "world") -> String { format!("hello {name}") }

    /// A function two submodules deep.
    pub fn deep_add(a: i64, b: i64) -> i64 { a + b }
}
