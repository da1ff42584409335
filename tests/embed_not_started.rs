//! `Python::with_gil` in a program whose interpreter was never started panics instead of
//! calling into an uninitialised runtime (a crash). Its own test binary: nothing here may
//! start the interpreter.
#![cfg(feature = "embed")]

use limpet::prelude::*;

#[test]
fn with_gil_before_initialize_panics() {
    let r = std::panic::catch_unwind(|| Python::with_gil(|py| py.None().is_none()));
    let msg = r.expect_err("with_gil before initialize must panic");
    let msg = msg.downcast_ref::<&str>().copied().map(String::from).or_else(|| msg.downcast_ref::<String>().cloned());
    assert_eq!(
        msg.as_deref(),
        Some("limpet: Python::with_gil before the interpreter was started (limpet::embed::initialize)")
    );
}
