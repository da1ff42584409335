// `#[str]` derives `__str__` from `Display`: a hand-written `__str__` too is one error, at
// the method's name.
limpet::class! {
    #[str]
    pub struct C { v: i64 }
    impl C {
        fn __str__(&self) -> String { self.v.to_string() }
    }
}
impl std::fmt::Display for C {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "{}", self.v) }
}
fn main() {}
