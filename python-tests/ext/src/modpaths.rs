//! `module!` items named by path and brought in with `use` (test_module_paths.py).

/// Declarations in a nested module: lib.rs lists them by path or after a `use`.
pub mod maths {
    use limpet::prelude::*;

    limpet::function! {
        /// Listed after `use modpaths::maths::mp_double`.
        pub fn mp_double(x: i64) -> i64 { x * 2 }
        /// Listed by a relative path.
        pub fn mp_triple(x: i64) -> i64 { x * 3 }
        /// Listed by a `crate::` path.
        pub fn mp_quad(x: i64) -> i64 { x * 4 }
    }

    limpet::create_exception!(limptest, MpError, PyValueError, "An exception listed by path.");

    limpet::class! {
        /// A class listed by path.
        pub struct MpBox { #[py(get)] pub v: i64 }
        impl MpBox {
            #[new]
            fn new(v: i64) -> Self { MpBox { v } }
        }
    }

    /// An `#[init]` function listed by path.
    pub fn mp_init(m: &Bound<'_, PyAny>) -> PyResult<()> {
        m.setattr("INIT_BY_PATH", true)
    }
}
