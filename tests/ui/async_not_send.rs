use std::rc::Rc;
limpet::function! {
    /// Holds an Rc (not Send) across an await.
    async fn f(n: i64) -> i64 {
        let shared = Rc::new(n);
        std::future::ready(()).await;
        *shared
    }
}
fn main() {}
