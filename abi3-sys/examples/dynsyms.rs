//! Print the symbols the runtime may resolve with `dlsym`, one `NAME MAJOR.MINOR` per line,
//! for the symbol check to compare with the Stable ABI manifest.
fn main() {
    for (name, (major, minor)) in abi3_sys::dynamic::DYNAMIC_SYMBOLS {
        println!("{name} {major}.{minor}");
    }
}
