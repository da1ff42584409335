//! Compile-fail tests: every error path of the macros gives a message naming the problem
//! and the accepted forms (the `.stderr` files under tests/ui/ are the expected output;
//! regenerate with `TRYBUILD=overwrite cargo test --test compile_fail` and review the diff).
#[test]
fn macro_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
