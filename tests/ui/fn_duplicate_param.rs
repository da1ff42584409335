limpet::function! {
    fn f(a: i64, *, a: i64) -> i64 { a }
}
fn main() {}
