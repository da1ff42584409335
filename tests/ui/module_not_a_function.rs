// `fn NAME;` of something that is not a function! (a plain Rust function, a class) says so.
fn plain(a: i64) -> i64 { a }
limpet::class! {
    pub struct Counter { value: i64 }
    impl Counter {}
}
limpet::module! {
    mod m { fn plain; fn Counter; }
}
fn main() { let _ = plain(1); let _ = Counter { value: 0 }.value; }
