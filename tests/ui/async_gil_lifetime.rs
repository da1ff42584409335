use limpet::prelude::*;
limpet::function! {
    async fn f<'py>(n: i64) -> i64 { n }
}
fn main() {}
