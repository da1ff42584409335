//! The declarative front end: `function!`, `module!`, `class!`, `convert!` (and
//! `create_exception!` in `src/exceptions.rs`).
//!
//! How the macros work:
//! - Each public macro is a thin dispatcher: one arm matching the whole grammar with one
//!   `$( .. )*` repetition, fanning out to a hidden `__limpet_<area>!` per item, so the
//!   recursion depth is O(1) per item however many items there are. A second arm stops
//!   compilation with a message naming what it accepts.
//! - A mistake in the user's input is one error at the offending token where the token reaches
//!   the error as a `tt` (`__limpet_error!`: an unsatisfied `#[diagnostic::on_unimplemented]`
//!   bound on a unit struct named like the token, since `compile_error!` can only point at the
//!   whole macro call; `self` is the argument of a call instead), else one `compile_error!`
//!   naming the accepted forms. Checks that depend on constants (a class's options, which
//!   dunders cannot be async) are bounds `Trait<{ CONDITION }>` on such a unit struct, with the
//!   traits in the runtime (`src/checks.rs`). A top-level arm that does not match does not echo
//!   the user's input back.
//! - Munchers only where the input is bounded by one item: the parameter list of one
//!   function (`__limpet_params!`, which normalises `a: T`, `b: T = expr`, `/`, `*`,
//!   `*args: T`, `**kwargs: T` and `py: Python<'_>` into accumulators and hands them to the
//!   emitter it was given: `__limpet_function!` or `__limpet_class_method!`), the attributes
//!   of one class, method or function (`__limpet_class_attrs!`, `__limpet_method_attrs!`,
//!   `__limpet_params_error!{@attrs}`), of one `convert!` item or field, the doc comments of
//!   one item (`__limpet_doc!`), and the
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
//!   the user. `scripts/macro_arms.py` (`make macro-arms-check`) counts every macro's arms.

mod class;
mod convert;
mod function;
mod module;
mod params;

/// A compile error at one token of the user's input, with limpet's message: one error where
/// the mistake is. (`compile_error!` under `macro_rules!` can only point at the whole macro
/// call, and a second error from a macro with no matching rule, which would point at the
/// token, says only "no rules expected".)
///
/// `__limpet_error!{ TOKEN Trait [ACCEPTED ..] "message" "label" }`: for an identifier, an
/// unsatisfied bound `TOKEN: Trait` on a unit struct named TOKEN, whose
/// `#[diagnostic::on_unimplemented]` gives the message and the label (`{Self}` in the label
/// is the token); the unit structs ACCEPTED (when the mistake is a wrong name) implement the
/// trait, so rustc lists them as the alternatives. The token must come from the user's
/// input as a `tt` all the way (an `$x:ident` capture loses its position: rustc then points
/// at the macro call, as for any other token). The keyword `self` (a receiver by value) is
/// an argument of a call in a method of its own (`fn check(self) { expects(self) }`), whose
/// bound fails at it. Other keywords, punctuation and groups get `compile_error!` with the
/// message and the token, at the macro call (callers point at a name next to them instead).
/// (In a crate under `#![no_implicit_prelude]`, which has no `diagnostic::` tool namespace,
/// the error is "cannot find module `diagnostic`" instead: still one error, without the
/// message. Valid input never expands to this macro; the checks that run on every class
/// name traits of the runtime instead, `src/checks.rs`.)
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_error {
    ($token:tt $trait:ident [$($ok:ident)*] $message:literal $label:literal) => {
        $crate::__limpet_error! { @kind [$token] $token $trait [$($ok)*] $message $label }
    };
    // `self` (a receiver by value): the argument of a call, in a method of its own.
    (@kind [self] $token:tt $trait:ident [$($ok:ident)*] $message:literal $label:literal) => {
        const _: () = {
            #[diagnostic::on_unimplemented(message = $message, label = $label)]
            trait $trait {}
            struct LimpetReceiver;
            trait LimpetCheck {
                fn limpet_check(self);
            }
            impl LimpetCheck for LimpetReceiver {
                fn limpet_check($token) {
                    limpet_expects($token)
                }
            }
            fn limpet_expects<T: $trait>(_: T) {}
        };
    };
    // Keywords a unit struct cannot be named (an `ident` matcher takes them too).
    (@kind [Self] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [super] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [crate] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [mut] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [fn] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [const] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [static] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [struct] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [enum] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [impl] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [mod] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [use] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [pub] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [type] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [async] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [unsafe] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@kind [$i:ident] $token:tt $trait:ident [$($ok:ident)*] $message:literal $label:literal) => {
        const _: () = {
            #[diagnostic::on_unimplemented(message = $message, label = $label)]
            trait $trait {}
            #[allow(non_camel_case_types, dead_code)]
            struct $token;
            $(
                #[allow(non_camel_case_types, dead_code)]
                struct $ok;
                impl $trait for $ok {}
            )*
            const fn limpet_expects<T: $trait>() {}
            limpet_expects::<$token>()
        };
    };
    (@kind [$other:tt] $($r:tt)*) => { $crate::__limpet_error! { @other $($r)* } };
    (@other $token:tt $trait:ident [$($ok:ident)*] $message:literal $label:literal) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            $message, " (at `", $crate::__private::core::stringify!($token), "`)"
        ));
    };
}
