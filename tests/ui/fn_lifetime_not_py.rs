// A function's one lifetime is the GIL lifetime `'py`: `<'a>` on borrowed parameters and a
// borrowed result is an error that says to return an owned value (it was "temporary value
// dropped while borrowed" across the whole block).
limpet::function! {
    fn longest<'a>(a: &'a str, b: &'a str) -> &'a str { if a.len() >= b.len() { a } else { b } }
}
fn main() {}
