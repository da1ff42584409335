limpet::function! {
    async fn f(text: &str) -> usize { text.len() }
}
fn main() {}
