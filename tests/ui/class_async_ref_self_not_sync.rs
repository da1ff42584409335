use std::cell::Cell;
limpet::class! {
    pub struct Ticker { ticks: Cell<u64> }
    impl Ticker {
        async fn tick(&self) -> u64 { self.ticks.set(self.ticks.get() + 1); self.ticks.get() }
    }
}
fn main() {}
