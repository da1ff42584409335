#![forbid(unsafe_code)]
// A function's signature is not reachable from its description: its interned parameter names
// (which the argument parser matches keywords against) cannot be replaced from safe code.
use limpet::prelude::*;

limpet::function! {
    pub fn f(a: i64) -> i64 { a }
}

fn main() {
    Python::with_gil(|py| {
        let _ = __limpet_fn_f.sig.interned.set(Box::new([py.None().unbind()]));
    });
}
