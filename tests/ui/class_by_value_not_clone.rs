limpet::class! {
    pub struct Handle { id: u64 }
}
limpet::function! {
    fn consume(h: Handle) -> u64 { h.id }
}
fn main() {}
