//! Safe API given objects of the wrong kind: an error or a documented fallback, never a raw
//! read of a layout the object does not have (needs `--features embed`).
#![cfg(feature = "embed")]

use limpet::exceptions::PyTypeError;
use limpet::prelude::*;

/// `PyErr::from_value` of an object that is not an exception (here a big `int`, whose digits
/// sit where an exception keeps its traceback and cause): a `TypeError`, as `raise 1` gives.
#[test]
fn from_value_of_a_non_exception_is_a_type_error() {
    limpet::embed::with_embedded(|py| -> PyResult<()> {
        let big = py.import("builtins")?.getattr("pow")?.call1((7, 300))?;
        let mut err = PyErr::from_value(big);
        assert!(err.is_instance_of::<PyTypeError>(py));
        assert_eq!(err.message(py), "exceptions must derive from BaseException");
        assert!(err.cause(py).is_none());
        err.set_cause(py, Some(PyErr::from_value(py.None())));
        err.restore(py);
        let again = PyErr::take(py).expect("restored");
        assert!(again.is_instance_of::<PyTypeError>(py));
        Ok(())
    })
    .unwrap();
}
