limpet::function! {
    fn f(self) -> i64 { 0 }
}
fn main() {}
