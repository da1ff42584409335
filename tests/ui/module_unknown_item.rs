limpet::module! {
    mod m { static X; }
}
fn main() {}
