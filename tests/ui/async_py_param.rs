use limpet::prelude::*;
limpet::function! {
    async fn f(py: Python<'_>, n: i64) -> i64 { let _ = py; n }
}
fn main() {}
