//! The declarative front end: `function!`, `module!`, `class!`, `convert!` (and
//! `create_exception!` in `src/exceptions.rs`).
//!
//! How the macros work:
//! - Each public macro is a thin dispatcher: one arm matching the whole grammar with one
//!   `$( .. )*` repetition, fanning out to a hidden `__limpet_<area>!` per item, so the
//!   recursion depth is O(1) per item however many items there are. A second arm stops
//!   compilation with a message naming what it accepts.
//! - The only muncher is the parameter list of one function (`__limpet_params!`): bounded by
//!   the number of parameters. It normalises `a: T`, `b: T = expr`, `/`, `*`, `*args: T`,
//!   `**kwargs: T` and `py: Python<'_>` into accumulators, then hands them to the emitter.
//! - Expansions emit data and glue only: a `static` descriptor (`Signature`, `FunctionDef`,
//!   `ModuleDef`) and tiny `extern "C"` shims that call non-generic runtime functions in
//!   `src/`. The user's function stays an ordinary Rust function (minus the Python-only
//!   markers), callable from Rust.
//! - Every path goes through `$crate::__private` (the one door, not public API). Names that
//!   generated statements share with user code (argument names) come from the user's tokens;
//!   names the expansion needs across helper macros (`__py`, `__args`) are passed along.

mod class;
mod convert;
mod function;
mod module;
mod params;
