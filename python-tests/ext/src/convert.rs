//! Round trips through every conversion: `echo_T(x: T) -> T`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use limpet::prelude::*;

/// `echo_NAME(x: T) -> T { x }` for each `NAME: T`.
macro_rules! echoes {
    ($($name:ident: $t:ty;)*) => {
        limpet::function! {$(
            #[doc = concat!("Return `x` after a round trip through `", stringify!($t), "`.")]
            pub fn $name(x: $t) -> $t { x }
        )*}
    };
}

echoes! {
    echo_bool: bool;
    echo_i8: i8;
    echo_i16: i16;
    echo_i32: i32;
    echo_i64: i64;
    echo_isize: isize;
    echo_i128: i128;
    echo_u8: u8;
    echo_u16: u16;
    echo_u32: u32;
    echo_u64: u64;
    echo_usize: usize;
    echo_u128: u128;
    echo_f32: f32;
    echo_f64: f64;
    echo_str: &str;
    echo_string: String;
    echo_char: char;
    echo_bytes: &[u8];
    echo_vec_u8: Vec<u8>;
    echo_opt_i64: Option<i64>;
    echo_opt_str: Option<&str>;
    echo_opt_string: Option<String>;
    echo_vec_i64: Vec<i64>;
    echo_vec_string: Vec<String>;
    echo_vec_f64: Vec<f64>;
    echo_vec_opt: Vec<Option<i64>>;
    echo_tuple1: (i64,);
    echo_tuple_mixed: (i64, String, f64, bool, Option<i64>);
    echo_tuple12: (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, String);
    echo_hashmap: HashMap<String, i64>;
    echo_btreemap: BTreeMap<i64, String>;
    echo_hashset: HashSet<i64>;
    echo_btreeset: BTreeSet<String>;
    echo_nested: Vec<HashMap<String, Vec<i64>>>;
    echo_any: Bound<'_, PyAny>;
    echo_py: Py<PyAny>;
    echo_dict: Bound<'_, PyDict>;
    echo_list: Bound<'_, PyList>;
    echo_tuple_obj: Bound<'_, PyTuple>;
}

limpet::function! {
    /// A borrowed `&Bound` parameter, returned as a new `Py` reference.
    pub fn echo_any_ref(x: &Bound<'_, PyAny>) -> Py<PyAny> { x.clone().unbind() }

    /// Return nothing (None).
    pub fn unit() {}

    /// Return `()` explicitly.
    pub fn unit_explicit(x: i64) -> () { let _ = x; }

    /// A `str` built in Rust: non-BMP text out.
    pub fn make_text() -> String { String::from("a\u{e9}\u{4e2d}\u{1f600}") }

    /// Lengths of a `&str` in chars and UTF-8 bytes.
    pub fn str_lengths(x: &str) -> (usize, usize) { (x.chars().count(), x.len()) }

    /// Extremes of every integer type, from Rust.
    pub fn int_limits() -> Vec<(String, i128, u128)> {
        vec![
            (String::from("i8"), i8::MIN.into(), i8::MAX as u128),
            (String::from("i16"), i16::MIN.into(), i16::MAX as u128),
            (String::from("i32"), i32::MIN.into(), i32::MAX as u128),
            (String::from("i64"), i64::MIN.into(), i64::MAX as u128),
            (String::from("isize"), isize::MIN as i128, isize::MAX as u128),
            (String::from("i128"), i128::MIN, i128::MAX as u128),
            (String::from("u8"), 0, u8::MAX.into()),
            (String::from("u16"), 0, u16::MAX.into()),
            (String::from("u32"), 0, u32::MAX.into()),
            (String::from("u64"), 0, u64::MAX.into()),
            (String::from("usize"), 0, usize::MAX as u128),
            (String::from("u128"), 0, u128::MAX),
        ]
    }

    /// Special floats made in Rust.
    pub fn special_floats() -> (f64, f64, f64, f64, f32) {
        (f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, f32::MAX)
    }

    /// A nested container made in Rust.
    pub fn make_nested() -> Vec<HashMap<String, Vec<i64>>> {
        let mut m = HashMap::new();
        m.insert(String::from("a"), vec![1, 2]);
        m.insert(String::from("b"), vec![]);
        vec![m, HashMap::new()]
    }

    /// A `Vec<u8>` made in Rust becomes `bytes`.
    pub fn make_bytes(n: usize) -> Vec<u8> { (0..n).map(|i| (i % 256) as u8).collect() }
}
