//! The test extension imported by the pytest suite on every interpreter.
use limpet::prelude::*;

limpet::function! {
    /// Add two integers.
    fn add(a: i64, b: i64 = 1, *, c: i64 = 0) -> i64 { a + b + c }
}

limpet::module! {
    /// The limpet test module.
    mod limptest { fn add; }
}
