// A method parameter or return type without a conversion: one E0277 each, naming the type.
limpet::class! {
    pub struct C { v: i64 }
    impl C {
        fn open(&self, file: std::fs::File) -> i64 { drop(file); self.v }
        fn now(&self) -> std::time::Instant { std::time::Instant::now() }
    }
}
fn main() {}
