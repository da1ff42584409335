use limpet::prelude::*;
limpet::function! {
    async fn f(obj: Bound<'static, PyAny>) -> usize { obj.len().unwrap_or(0) }
}
fn main() {}
