// A `#[py(get)]` field whose type does not convert to Python: one E0277 naming the type.
pub struct Opaque;
#[derive(Clone)]
pub struct CloneOpaque;
limpet::class! {
    pub struct C {
        #[py(get)] pub handle: CloneOpaque,
    }
}
fn main() { let _ = Opaque; }
