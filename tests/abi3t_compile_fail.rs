//! Compile-fail tests of the abi3t binary (`cargo test -p limpet-abi3 --features abi3t --test
//! abi3t_compile_fail`, run by `make abi3t-symbols`): what free-threaded builds refuse.
#![cfg(feature = "abi3t")]

#[test]
fn abi3t_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui-abi3t/*.rs");
}
