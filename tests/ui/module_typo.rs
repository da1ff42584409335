// A typo in module! names the user's item (`ad`), not a hidden one.
limpet::function! {
    pub fn add(a: i64, b: i64) -> i64 { a + b }
}
limpet::module! {
    mod m { fn ad; }
}
fn main() {}
