//! The call path's fast paths (issue 12), each checked against the general path by
//! python-tests/test_callpath.py.

use limpet::prelude::*;

limpet::function! {
    /// `f(*args)` through `Bound::call_args` (an argument array on the stack up to four
    /// arguments, a tuple above).
    pub fn call_n<'py>(f: &Bound<'py, PyAny>, *args: Vec<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        f.call_args(&args)
    }
}
