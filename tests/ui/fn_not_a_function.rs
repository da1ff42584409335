// Not a function in function!: one error saying what it takes, without echoing the input.
limpet::function! {
    struct NotAFunction { a: i64 }
}
fn main() {}
