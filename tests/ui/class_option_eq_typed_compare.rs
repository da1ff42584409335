// `#[eq]` installs the class's one `tp_richcompare` (== and != from `PartialEq`): a typed
// `__lt__` next to it would never be called (PyO3 rejects it too).
limpet::class! {
    #[eq]
    #[derive(PartialEq)]
    pub struct C { v: i64 }
    impl C {
        fn __lt__(&self, other: &C) -> bool { self.v < other.v }
    }
}
fn main() {}
