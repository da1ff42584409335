//! `METH_NOARGS` methods returning `()` or `Result<(), E>` (issue 12: `None` is returned
//! inline, not through the conversion), and classes whose construction and dealloc take the
//! per-type cached slots (`class::lifecycle::TypeSlots`): test_slot_ret.py compares them with
//! pure-Python twins.

use limpet::prelude::*;

limpet::class! {
    /// Methods returning nothing, in every receiver kind and result shape.
    #[subclass]
    pub struct RetUnit {
        #[py(get)] pub n: i64,
    }
    impl RetUnit {
        #[new]
        fn new(n: i64) -> Self { RetUnit { n } }
        fn incr(&mut self) { self.n += 1; }
        fn peek(&self) {}
        fn check(&self) -> PyResult<()> {
            if self.n < 0 { Err(PyValueError::new_err("negative")) } else { Ok(()) }
        }
        fn check_mut(&mut self) -> Result<(), PyErr> {
            self.n -= 1;
            if self.n < 0 { Err(PyValueError::new_err("went negative")) } else { Ok(()) }
        }
        fn boom(&self) { panic!("boom in a unit method") }
        fn call(&self, f: Bound<'_, PyAny>) -> PyResult<()> { f.call0().map(drop) }
    }
}

limpet::class! {
    /// A value that needs dropping: never the plain dealloc.
    pub struct RetOwned {
        #[py(get)] pub s: String,
    }
    impl RetOwned {
        #[new]
        fn new(s: String) -> Self { RetOwned { s } }
        fn clear(&mut self) { self.s.clear(); }
    }
}
