// PyO3's `#[pymodule]` on module!'s `mod`: one error, at the attribute (it was ignored).
limpet::function! { fn double(x: i64) -> i64 { x * 2 } }
limpet::module! {
    #[pymodule]
    mod m { fn double; }
}
fn main() {}
