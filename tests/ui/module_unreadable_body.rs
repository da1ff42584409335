// A module body module! cannot read: one error listing the items it takes (the body is not
// echoed back).
limpet::module! {
    mod m { 42; }
}
fn main() {}
