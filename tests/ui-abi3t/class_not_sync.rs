// abi3t: free-threaded builds run `&self` methods of one object in several threads at once,
// so a class must be `Sync`: a `Cell` field is refused at the class, not raced at run time.
use std::cell::Cell;

limpet::class! {
    pub struct Counter { n: Cell<i64> }
    impl Counter {
        fn bump(&self) -> i64 {
            self.n.set(self.n.get() + 1);
            self.n.get()
        }
    }
}

fn main() {}
