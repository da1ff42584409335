//! The test extension imported by the pytest suite on every interpreter (`limptest`).
//!
//! Areas: `params` (every parameter kind), `convert` (round trips), `errors` (exceptions,
//! panics, `?`), `calls` (calls into Python, runtime facts, submodule functions).
#![allow(clippy::type_complexity)] // echo functions return wide tuples on purpose

mod calls;
mod convert;
mod errors;
mod params;

use calls::*;
use convert::*;
use errors::*;
use params::*;

limpet::function! {
    /// Add two integers.
    pub fn add(a: i64, b: i64 = 1, *, c: i64 = 0) -> i64 { a + b + c }
}

limpet::module! {
    /// The limpet test module.
    ///
    /// Second paragraph.
    mod limptest {
        fn add;
        // params
        fn no_params; fn undocumented; fn documented; fn one; fn two; fn defaults; fn posonly; fn posonly_defaults;
        fn kwonly; fn kwonly_only; fn varargs_vec; fn varargs_tuple; fn varargs_kwonly;
        fn varkw_map; fn varkw_dict; fn posonly_varkw; fn everything; fn mixed;
        fn py_first; fn py_middle; fn py_last; fn many; fn sixteen; fn many_kw;
        // convert
        fn echo_bool; fn echo_i8; fn echo_i16; fn echo_i32; fn echo_i64; fn echo_isize;
        fn echo_i128; fn echo_u8; fn echo_u16; fn echo_u32; fn echo_u64; fn echo_usize;
        fn echo_u128; fn echo_f32; fn echo_f64; fn echo_str; fn echo_string; fn echo_char;
        fn echo_bytes; fn echo_vec_u8; fn echo_opt_i64; fn echo_opt_str; fn echo_opt_string;
        fn echo_vec_i64; fn echo_vec_string; fn echo_vec_f64; fn echo_vec_opt; fn echo_tuple1;
        fn echo_tuple_mixed; fn echo_tuple12; fn echo_hashmap; fn echo_btreemap;
        fn echo_hashset; fn echo_btreeset; fn echo_nested; fn echo_any; fn echo_any_ref;
        fn echo_py; fn echo_dict; fn echo_list; fn echo_tuple_obj;
        fn unit; fn unit_explicit; fn make_text; fn str_lengths; fn int_limits;
        fn special_floats; fn make_nested; fn make_bytes;
        // errors
        fn raise_my_error; fn raise_my_child; fn raise_builtin; fn parse_int; fn parse_float;
        fn to_u8; fn read_file; fn io_error; fn panics; fn panics_any; fn panics_in_default;
        exception MyError;
        exception MyChildError;
        // calls
        fn call_with; fn call0; fn get_attr; fn set_attr; fn import_call; fn sum_calls;
        fn callconv; fn interpreter_version;
        // constants
        const VERSION = "1.0";
        const ANSWER = 42;
        const BIG = u64::MAX;
        const PAIR = (1, "two", 3.5);
        const NOTHING = ();
        const LIMITS = vec![i64::MIN, i64::MAX];
        /// The submodule.
        mod sub {
            fn sub_hello;
            fn add;
            const LEVEL = 1;
            /// Two levels down.
            mod deeper {
                fn deep_add;
                const LEVEL = 2;
            }
        }
    }
}
