limpet::module! {
    mod m { fn not_declared; }
}
fn main() {}
