limpet::class! {
    #[frozen]
    pub struct Fixed { v: i64 }
    impl Fixed {
        fn bump(&mut self) -> i64 { self.v += 1; self.v }
    }
}

fn main() {}
