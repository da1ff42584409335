limpet::function! {
    fn f(*a: Vec<i64>, *b: Vec<i64>) -> i64 { 0 }
}
fn main() {}
