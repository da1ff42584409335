//! The test extension imported by the pytest suite on every interpreter (`limptest`).
//!
//! Areas: `params` (every parameter kind), `convert` (round trips), `errors` (exceptions,
//! panics, `?`), `calls` (calls into Python, runtime facts, submodule functions).
#![forbid(unsafe_code)] // the macros must not make users write (or expand to) unsafe code
#![allow(clippy::type_complexity)] // echo functions return wide tuples on purpose

mod asyncfx;
mod callpath;
mod calls;
mod classes;
mod convert;
mod errors;
mod extends;
mod heap;
mod hostile;
mod hostile2;
mod hostile_bases;
mod lean;
mod lifecycle;
mod modpaths;
mod numslots;
mod options;
mod params;
mod parity;
mod records;
mod reliability;
mod shutdown;
mod slotchecks;
mod slotcmp;
mod slotfast;
mod slotret;
mod soundness;
mod tuples;

use asyncfx::*;
use callpath::*;
use calls::*;
use classes::*;
use convert::*;
use errors::*;
use extends::*;
use heap::*;
use hostile::*;
use hostile2::*;
use hostile_bases::*;
use lean::*;
use lifecycle::*;
use modpaths::maths::mp_double;
use options::*;
use params::*;
use parity::*;
use records::*;
use reliability::*;
use shutdown::*;
use slotchecks::*;
use slotcmp::*;
use slotfast::*;
use slotret::*;
use soundness::*;
use tuples::*;

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
        fn kw_after_callback;
        fn call_with; fn call0; fn call_n; fn get_attr; fn set_attr; fn import_call; fn sum_calls;
        fn callconv; fn interpreter_version;
        // classes
        class Point; class NoCtor; class Frozen; class Sealed; class Reentrant; class Num; class EqOnly;
        class Bag; class BagIter; class Caller; class Dyn; class Desc; class Ctx; class Waiter; class WaitIter;
        class ACounter; class Node; class Base; class Panicky; class Many;
        /// Functions of the class tests.
        mod classfx {
            fn make_noctor; fn new_point; fn point_norm; fn point_shift; fn point_ref_x; fn point_refmut_set;
            fn point_py_x; fn point_bound_x; fn point_opt; fn point_copy_into; fn point_swap; fn frozen_mut;
            fn frozen_ref; fn reentrant_pair; fn node_drops; fn make_blob_class; fn make_dict_class; fn make_weakref_class;
            fn make_dictweak_class; fn make_weaknode_class; fn base_drops; fn base_value; fn base_bump;
        }
        /// Functions of the custom-conversion tests (test_records.py).
        mod records {
            fn rec_point; fn rec_point_fields; fn rec_config; fn rec_line; fn rec_pair; fn rec_triple; fn rec_meters;
            fn rec_number; fn rec_numbers; fn rec_report; fn rec_opts; fn rec_celsius; fn rec_extract;
        }
        // asyncio (test_asyncio.py; the class at top level for the stub checks)
        class AsyncCounter;
        /// Functions of the asyncio tests.
        mod asyncfx {
            fn sleep_then_add; fn py_sleep; fn await_obj; fn await_catch; fn chain; fn fail_later; fn yield_n;
            fn hold_and_sleep; fn hold_and_await; fn swallow_cancel; fn panic_later; fn await_waiter;
            fn sum_async_iter; fn await_two; fn drop_count; fn add_coro; fn await_outside;
        }
        // object lifecycle (test_lifecycle.py)
        class LcPanicDrop; class LcErrDrop; class LcGcChain; class LcChain; class LcChainBase; class LcChainSub;
        class LcDel; class LcPlainDel; class LcGcBase; class LcGcSub; class LcGcPanic; fn lc_drops;
        // reliability (test_reliability*.py, test_fuzz*.py)
        class Shared;
        // slot results and borrow conflicts (test_slot_results.py)
        class SlotRet; class SlotTyped; class CmpMut; class CmpRef; class CmpSmall; class OpMut; class HashNone;
        // typed slot shims (test_slot_fastpaths.py)
        class FastInt; class FastU64; class FastMut; class RetUnit; class RetOwned; class Rank; class Ranked;
        /// Functions of the reliability tests.
        mod reliability {
            fn rel_import_attr; fn rel_getattr; fn rel_setattr; fn rel_delattr; fn rel_call; fn rel_call_args;
            fn rel_call_method; fn rel_call_method0; fn rel_iter; fn rel_take; fn rel_compare; fn rel_hash;
            fn rel_isinstance; fn rel_items; fn rel_dict_items; fn rel_propagate; fn rel_catch; fn rel_wrap;
            fn rel_inspect_error; fn rel_sum_calls; fn rel_spin_nogil; fn rel_spin_gil; fn rel_sleep_nogil;
            fn rel_rust_threads_call; fn rel_spin_check_signals; fn rust_heap;
            // shutdown (test_shutdown.py)
            fn sd_nogil_sleep; fn sd_nogil_drop; fn sd_spawn_with_gil; fn sd_spawn_nested; fn sd_spawn_dropper;
            fn sd_drop_on_thread;
        }
        // soundness (test_soundness.py)
        class SoundHolder; fn sound_new_for;
        /// Functions of the hostile-input tests (test_hostile_input.py).
        mod hostile {
            fn hostile_vec_len; fn hostile_bytes_len; fn hostile_strings_len; fn hostile_maps; fn hostile_nested;
            fn hostile_star; fn hostile_tree_depth; fn hostile_keytree_depth; fn hostile_nest_depth;
            fn hostile_deep_list; fn hostile_deep_tree; fn hostile_panic_bomb;
        }
        /// Hostile tests, second round (test_hostile2.py).
        mod hostile2 {
            class H2Cell; fn h2_drop_bomb; fn h2_drop_bombs; fn h2_drop_bomb_map; fn h2_drop_bomb_tuple;
            fn h2_bomb_drops; fn h2_pairs; fn h2_strs; class H2Gc; fn h2_gc_drops;
        }
        /// PyO3 parity (test_parity.py).
        mod parity {
            class Vec2; class Countdown; class Nones; class Slot; class Shape; class LateDict; class LateBuffer;
            fn kw_opt; fn kw_map; fn echo_pathbuf; fn echo_osstring; fn path_str; fn echo_duration; fn duration_parts;
            fn make_duration; fn echo_systemtime; fn systemtime_secs; fn echo_ipaddr; fn echo_ipv4; fn echo_ipv6;
            fn echo_array3; fn echo_bytes4; fn echo_vecdeque; fn echo_box; fn echo_cow_bytes; fn echo_nonzero_i64;
            fn echo_nonzero_u8;
            #[init] fn parity_init;
        }
        /// Items named by path and through `use` (test_module_paths.py).
        mod modpaths {
            fn mp_double; fn modpaths::maths::mp_triple; fn crate::modpaths::maths::mp_quad;
            class modpaths::maths::MpBox; exception self::modpaths::maths::MpError;
            #[init] fn modpaths::maths::mp_init;
        }
        /// Tuple and unit struct classes, renamed classes' qualnames, #[dict]/#[weakref] on every
        /// version (test_parity_classes.py).
        mod tuples {
            class TPoint; class TPair; class Unit; class Bare; class DictBag; class DictBagChild; class WeakHolder;
            class WeakOnly; class PlainBase; class DictOnPlain; class RustQual;
            fn tpoint_sum; fn make_tpoint; fn tpair_first; fn make_bare; fn make_unit; fn make_bag; fn bag_n; fn bag_bump;
        }
        /// Typed numeric, item and __getattr__ slots (test_slot_numeric.py).
        mod numslots { class numslots::NsFinal; class numslots::NsSub; class numslots::NsMap; class numslots::NsBench; }
        /// Class options (test_class_options.py).
        mod options {
            class OptEq; class OptOrd; class OptHash; class OptText; class Renamed; fn pretty_v; fn make_pretty;
        }
        /// Classes extending builtin types (test_extends.py).
        mod extends {
            class CodedError; class HoldingError; class CountingDict; class FixedZone; class Animal; class Dog;
            class DetailedError; class Pt;
            fn raise_coded; fn catch_coded; fn bad_base; fn dotted_error; fn make_dog; fn make_dog_without_base;
            fn raise_detailed; fn pt_sum; fn pt_shift; fn pt_total;
            fn hostile_base;
        }
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
