limpet::function! {
    fn f(a: i64 = 1, b: i64) -> i64 { a + b }
}
fn main() {}
