// `IntoPyReturn` is sealed: what it returns goes back to CPython as the call's result, so a
// type cannot supply its own (here a pointer that is not an object).
use limpet::prelude::*;
use limpet::IntoPyReturn;

pub struct Evil;

impl IntoPyReturn for Evil {
    fn into_return(self, _py: Python<'_>) -> PyResult<*mut limpet::__private::PyObject> {
        Ok(16 as *mut _)
    }
    fn output_hint() -> String {
        "Evil".into()
    }
}

limpet::function! {
    fn evil() -> Evil { Evil }
}

fn main() {}
