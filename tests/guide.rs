//! The README's guide, compiled (kept in step by hand; `make test` builds it).
#![allow(dead_code)]

use limpet::prelude::*;
use std::collections::HashMap;

// A Python exception class `mymod.ParseError`, a subclass of ValueError.
limpet::create_exception!(mymod, ParseError, PyValueError, "Raised on malformed input.");

limpet::function! {
    /// Add numbers. Doc comments become __doc__; inspect.signature works on every version.
    pub fn add(a: i64, b: i64 = 1, *, c: i64 = 0) -> i64 { a + b + c }

    /// Every parameter kind: positional-only before `/`, keyword-only after `*` or `*args`,
    /// defaults are any Rust expression, `py: Python<'_>` is the GIL token (anywhere).
    pub fn describe(py: Python<'_>, x: &str, /, y: Option<f64> = None, *rest: Vec<i64>,
                    flag: bool = false, **extra: HashMap<String, i64>) -> PyResult<String> {
        let _ = py;
        Ok(format!("{x} {y:?} {rest:?} {flag} {}", extra.len()))
    }

    /// Errors: return PyResult<T> or Result<T, E: Into<PyErr>>; `?` converts std errors
    /// (ParseIntError -> ValueError, io::Error -> OSError subclasses, TryFromIntError ->
    /// OverflowError). A panic becomes limpet.PanicException, never a crash.
    pub fn parse(text: &str) -> PyResult<u8> {
        let n: i64 = text.trim().parse().map_err(|_| ParseError::new_err(format!("not a number: {text:?}")))?;
        Ok(u8::try_from(n)?)
    }
}

limpet::module! {
    /// Module docstring.
    mod mymod {
        fn add;
        fn describe;
        fn parse;
        exception ParseError;
        const VERSION = "1.0";
        /// Submodule docstring: `import mymod.tools` works after `import mymod`.
        mod tools { fn add; }
    }
}

#[test]
fn guide_functions_work_from_rust() {
    assert_eq!(add(1, 2, 3), 6);
}
