//! The declarative front end: `function!`, `module!`, `class!`, `convert!` (and
//! `create_exception!` in `src/exceptions.rs`).
//!
//! How the macros work:
//! - Each public macro is a thin dispatcher: one arm matching the whole grammar with one
//!   `$( .. )*` repetition, fanning out to a hidden `__limpet_<area>!` per item, so the
//!   recursion depth is O(1) per item however many items there are. A second arm stops
//!   compilation with a message naming what it accepts.
//! - Munchers only where the input is bounded by one item: the parameter list of one
//!   function (`__limpet_params!`, which normalises `a: T`, `b: T = expr`, `/`, `*`,
//!   `*args: T`, `**kwargs: T` and `py: Python<'_>` into accumulators and hands them to the
//!   emitter it was given: `__limpet_function!` or `__limpet_class_method!`), the attributes
//!   of one class or method (`__limpet_class_attrs!`, `__limpet_method_attrs!`), of one
//!   `convert!` item or field, the doc comments of one item (`__limpet_doc!`), and the
//!   segments of one path (`__limpet_module!(@last ..)`, `add_module!`).
//! - `class!` is split by job into `macros/class/` (see its module comment); `convert!` the
//!   same way in `macros/convert.rs`. Per-name facts (which dunders take `NotImplemented`
//!   operands, which cannot be `async`) are data in the runtime (`class::dunder`), read by
//!   `const`s, not tables of macro arms.
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
