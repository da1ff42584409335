// Only `fn`, `class` and `exception` items may be paths: `const` and `mod` take a name.
limpet::module! {
    mod m { const a::B = 1; }
}
fn main() {}
