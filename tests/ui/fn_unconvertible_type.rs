limpet::function! {
    fn f(file: std::fs::File) -> i64 { drop(file); 0 }
}
fn main() {}
