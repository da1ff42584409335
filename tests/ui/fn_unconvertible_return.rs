limpet::function! {
    fn f() -> std::time::Instant { std::time::Instant::now() }
}
fn main() {}
