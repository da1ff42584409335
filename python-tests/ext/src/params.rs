//! Every parameter kind, alone and combined. Each function returns what it bound so the
//! tests can compare it with a Python function of the same signature.

use std::collections::HashMap;

use limpet::prelude::*;

limpet::function! {
    /// No parameters.
    pub fn no_params() -> &'static str { "none" }

    pub fn undocumented(x: i64 = 0) -> i64 { x }

    /// First line.
    ///
    /// Details, with "quotes", 'apostrophes', a backslash \ and unicode: é😀.
    ///     indented code
    /// Last.
    pub fn documented(s: &str = "it's", t: &str = "plain", u: u8 = 7u8, v: f64 = 2.) -> String {
        format!("{s}{t}{u}{v}")
    }

    /// One parameter.
    pub fn one(a: i64) -> i64 { a }

    /// Two positional-or-keyword parameters.
    pub fn two(a: i64, b: i64) -> (i64, i64) { (a, b) }

    /// Defaults: literal and non-literal Rust expressions.
    pub fn defaults(
        a: i64,
        b: i64 = 2,
        c: String = String::from("x"),
        d: Vec<i64> = vec![],
        e: &str = "lit",
        f: f64 = 1.5,
        g: bool = true,
        h: Option<i64> = None,
        i: i64 = -3,
        j: i64 = 1_000,
    ) -> (i64, i64, String, Vec<i64>, String, f64, bool, Option<i64>, i64, i64) {
        (a, b, c, d, e.to_owned(), f, g, h, i, j)
    }

    /// Positional-only parameters.
    pub fn posonly(a: i64, b: i64, /, c: i64) -> (i64, i64, i64) { (a, b, c) }

    /// Positional-only parameters with defaults.
    pub fn posonly_defaults(a: i64, b: i64 = 5, /, c: i64 = 6) -> (i64, i64, i64) { (a, b, c) }

    /// Keyword-only parameters after a bare `*`.
    pub fn kwonly(a: i64, *, b: i64, c: i64 = 3) -> (i64, i64, i64) { (a, b, c) }

    /// Only keyword-only parameters.
    pub fn kwonly_only(*, x: i64, y: i64) -> (i64, i64) { (x, y) }

    /// `*args` as a `Vec<i64>`.
    pub fn varargs_vec(a: i64, *args: Vec<i64>) -> (i64, Vec<i64>) { (a, args) }

    /// `*args` as the tuple itself.
    pub fn varargs_tuple(*args: Bound<'_, PyTuple>) -> Bound<'_, PyTuple> { args }

    /// `*args` followed by a required keyword-only parameter.
    pub fn varargs_kwonly(*args: Vec<i64>, k: i64, m: i64 = 9) -> (Vec<i64>, i64, i64) { (args, k, m) }

    /// `**kwargs` as a `HashMap<String, i64>`.
    pub fn varkw_map(a: i64, **kwargs: HashMap<String, i64>) -> (i64, HashMap<String, i64>) { (a, kwargs) }

    /// `**kwargs` as the dict itself.
    pub fn varkw_dict(**kwargs: Bound<'_, PyDict>) -> Bound<'_, PyDict> { kwargs }

    /// A positional-only name may also arrive in `**kwargs`.
    pub fn posonly_varkw(a: i64, /, **kwargs: HashMap<String, i64>) -> (i64, HashMap<String, i64>) { (a, kwargs) }

    /// Every kind at once.
    pub fn everything(
        a: i64, b: i64 = 2, /, c: i64 = 3, *args: Vec<i64>, d: i64, e: i64 = 5,
        **kwargs: HashMap<String, i64>
    ) -> (i64, i64, i64, Vec<i64>, i64, i64, HashMap<String, i64>) {
        (a, b, c, args, d, e, kwargs)
    }

    /// Every kind but `*args`/`**kwargs`.
    pub fn mixed(a: i64, /, b: i64, c: i64 = 3, *, d: i64, e: i64 = 5) -> (i64, i64, i64, i64, i64) {
        (a, b, c, d, e)
    }

    /// The GIL token first.
    pub fn py_first(py: Python<'_>, x: i64) -> (i64, bool) { (x, py.version().major == 3) }

    /// The GIL token between parameters.
    pub fn py_middle(a: i64, py: Python<'_>, b: i64 = 1) -> (i64, i64, bool) { (a, b, py.version().major == 3) }

    /// The GIL token last.
    pub fn py_last(a: i64, *, b: i64 = 2, py: Python<'_>) -> (i64, i64, bool) { (a, b, py.version().major == 3) }

    /// More than 16 parameters (the parser's inline buffer), the last ones with defaults.
    pub fn many(
        a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64,
        a9: i64, a10: i64, a11: i64, a12: i64, a13: i64, a14: i64, a15: i64, a16: i64,
        a17: i64 = 17, a18: i64 = 18, a19: i64 = 19,
    ) -> Vec<i64> {
        vec![a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19]
    }

    /// Exactly 16 parameters: the inline buffer full.
    pub fn sixteen(
        a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64,
        *, k0: i64, k1: i64, k2: i64, k3: i64, k4: i64, k5: i64, k6: i64, k7: i64 = 7,
    ) -> Vec<i64> {
        vec![a0, a1, a2, a3, a4, a5, a6, a7, k0, k1, k2, k3, k4, k5, k6, k7]
    }

    /// Many keyword-only parameters beyond the inline buffer, with `*args`/`**kwargs`.
    pub fn many_kw(
        a0: i64, a1: i64 = 1, /, *args: Vec<i64>,
        k0: i64, k1: i64, k2: i64, k3: i64, k4: i64, k5: i64, k6: i64, k7: i64, k8: i64,
        k9: i64, k10: i64, k11: i64, k12: i64, k13: i64, k14: i64, k15: i64 = 15, k16: i64 = 16,
        **kwargs: HashMap<String, i64>
    ) -> (Vec<i64>, Vec<i64>, HashMap<String, i64>) {
        (
            vec![a0, a1, k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, k12, k13, k14, k15, k16],
            args,
            kwargs,
        )
    }
}
