//! The declarative front end: `function!`, `module!`, `class!`, `convert!` (and
//! `create_exception!` in `src/exceptions.rs`).
//!
//! How the macros work:
//! - Each public macro is a thin dispatcher: one arm matching the whole grammar with one
//!   `$( .. )*` repetition, fanning out to a hidden `__limpet_<area>!` per item, so the
//!   recursion depth is O(1) per item however many items there are. A second arm stops
//!   compilation with a message naming what it accepts.
//! - Munchers are bounded by one item: the attributes of one item (`__limpet_doc!`), the
//!   segments of one path (`__limpet_module!(@last ..)`, `add_module!`), and the parameter
//!   list of one function (`__limpet_params!`), bounded by the number of parameters, which
//!   normalises `a: T`, `b: T = expr`, `/`, `*`, `*args: T`,
//!   `**kwargs: T` and `py: Python<'_>` into accumulators, then hands them to the emitter.
//! - Expansions emit data and glue only: a `static` descriptor (`Signature`, `FunctionDef`,
//!   `ModuleDef`) and tiny `extern "C"` shims that call non-generic runtime functions in
//!   `src/`. The user's function stays an ordinary Rust function (minus the Python-only
//!   markers), callable from Rust.
//! - Every path goes through `$crate::__private` (the one door, not public API). Names that
//!   generated statements share with user code (argument names) come from the user's tokens;
//!   names the expansion needs across helper macros (`__py`, `__args`) are passed along.
//! - Items an expansion declares next to user expressions are named `__limpet_*` /
//!   `__LIMPET_*` (items, unlike locals, are not hygienic in `macro_rules!`), and paths into
//!   std go through `$crate::__private::core`: tests/hygiene.rs uses every public macro under
//!   `#![no_implicit_prelude]` with the prelude's names and the internal names declared by
//!   the user, and lists what does not compile yet behind `cfg(limpet_hygiene_todo)`.

mod class;
mod convert;
mod function;
mod module;
mod params;
