use std::collections::HashMap;
limpet::function! {
    fn f(**kw: HashMap<String, i64>, a: i64) -> i64 { a }
}
fn main() {}
