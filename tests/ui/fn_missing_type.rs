limpet::function! {
    fn f(a) -> i64 { 1 }
}
fn main() {}
