//! Hygiene: every public macro, used in a crate without the implicit prelude, where `core`,
//! `std` and the prelude's names (`Option`, `Some`, `None`, `Result`, `Ok`, `Err`, `Box`, `Vec`,
//! `String`, `Into`, ...) are the user's own items, and where the user declares items named
//! like every internal name the expansions use (`body`, `fast`, `tuple`, `hints`, `SIG`,
//! `MODULE`, ...). It only has to compile (as bitflags' and pin-project-lite's hygiene tests).
//!
//! Nothing is left out: a case that did not compile used to sit behind
//! `cfg(limpet_hygiene_todo)` (never set); none does now (the last, create_exception!'s `Into`).
#![no_implicit_prelude]
#![allow(dead_code, non_camel_case_types, non_snake_case, non_upper_case_globals, unused_imports)]
#![allow(clippy::all)]

// The prelude and the std crates, shadowed by user items of the same names.
pub mod core {}
pub mod std {}
pub mod alloc {}
pub mod paste {}
pub mod limpet_shadow {}
pub struct Option;
pub struct Result;
pub struct Some;
pub struct None;
pub struct Ok;
pub struct Err;
pub struct Box;
pub struct Vec;
pub struct String;
pub struct Into;
pub struct From;
pub struct Default;
pub struct Clone;
pub struct Drop;
pub struct Send;
pub struct Sync;
pub struct Sized;
pub struct Fn;
pub struct ToString;
pub struct Iterator;

// Items named like the expansions' internal names (statics, consts, shims, helper fns).
pub fn body() {}
pub fn fast() {}
pub fn hints() {}
pub fn noargs() {}
pub fn make() -> i64 {
    7
}
/// Named like module!'s internal init shim: module! must call this one, not itself.
pub fn init(m: &::limpet::Bound<'_, ::limpet::PyAny>) -> ::limpet::PyResult<()> {
    m.setattr("INIT_RAN", true)
}
pub fn holder() {}
pub fn extract_arg() {}
pub fn concat() {}
pub fn stringify() {}
pub const SIG: () = ();
pub const PARAMS: () = ();
pub const POSONLY: () = ();
pub const POSITIONAL: () = ();
pub const INTERNED: () = ();
pub const DOC: () = ();
pub const NOARGS: () = ();
pub static MODULE: i64 = 4;
pub static SUB: i64 = 3;
pub const CELL: () = ();
pub const KIND: () = ();
pub const DEF: () = ();
pub static STATE: () = ();
pub struct Holder;
pub struct Fields;
pub struct Variants;
pub struct DictBuilder;
pub struct Missing;
pub struct ExceptionCell;
pub struct PyObject;
pub struct Python;
pub struct Bound;
pub struct PyAny;
pub struct PyResult;
pub struct PyErr;
pub struct FromPyObject;
pub struct IntoPy;
pub struct FromPyArg;

/// The user's module, with the names above in scope (as a `use super::*` user would have).
pub mod user {
    use super::*;
    // The GIL token spelled by its path, with the user's own `Python` in scope.
    ::limpet::function! {
        pub fn gil_by_path(py: ::limpet::Python<'_>) -> i64 { let _ = py; 1 }
        pub fn gil_by_prelude_path(py: ::limpet::prelude::Python<'_>, x: i64) -> i64 { let _ = py; x }
    }

    // create_exception! where the prelude's `Into` is the user's struct.
    ::limpet::create_exception!(hygiene, HyError, ::limpet::exceptions::PyValueError, "An error.");

    ::limpet::function! {
        /// Every parameter kind, with defaults that name the user's shadowed items.
        pub fn every(a: i64, /, b: i64 = 1, *rest: ::std::vec::Vec<i64>, c: bool = false,
                     **kw: ::std::collections::HashMap<::std::string::String, i64>) -> i64 {
            a + b + rest.len() as i64 + c as i64 + kw.len() as i64
        }
        /// Errors through `?` and a `PyResult`.
        pub fn fallible(text: &str) -> ::limpet::PyResult<i64> {
            ::std::result::Result::Ok(text.parse::<i64>()?)
        }
        /// `**kwargs` as an option spelled by its path, and the GIL token by its path.
        pub fn optional(py: ::limpet::Python<'_>, **kw: ::std::option::Option<::std::collections::HashMap<::std::string::String, i64>>) -> bool {
            let _ = py;
            kw.is_none()
        }
        /// The same through `core`.
        pub fn optional_core(**kw: ::core::option::Option<::std::collections::HashMap<::std::string::String, i64>>) -> bool {
            kw.is_none()
        }
        /// No parameters, no return value.
        pub fn nothing() {}
    }
    #[cfg(feature = "async")]
    ::limpet::function! {
        /// An `async fn`.
        pub async fn later(n: i64) -> i64 { n }
    }
    // (Without `async`, a stand-in of the same name for the module below.)
    #[cfg(not(feature = "async"))]
    ::limpet::function! { pub fn later() {} }

    #[cfg(feature = "records")]
    ::limpet::convert! {
        /// A record from attributes.
        pub struct Rec {
            pub x: i64,
            #[py(name = "yy", default)] pub y: i64,
            #[py(default = make())] pub z: i64, // the user's `make`, not an internal one
            pub label: ::std::option::Option<::std::string::String>,
        }
    }
    #[cfg(feature = "records")]
    ::limpet::convert! {
        /// A record from items.
        #[py(from = items)]
        pub struct Settings { pub name: ::std::string::String }
    }
    #[cfg(feature = "records")]
    ::limpet::convert! { pub struct Pair(pub i64, pub ::std::string::String); }
    #[cfg(feature = "records")]
    ::limpet::convert! { pub struct Meters(pub f64); }
    #[cfg(feature = "records")]
    ::limpet::convert! {
        /// Tried in order.
        pub enum Num { Int(i64), Text(::std::string::String), Rec(Rec) }
    }

    #[cfg(feature = "records")]
    ::limpet::function! {
        pub fn use_records(r: Rec, s: Settings, p: Pair, m: Meters, n: Num) -> Pair {
            let _ = (r.x, s.name, m.0, n);
            p
        }
    }
    // (Without `records`, a stand-in of the same name for the module below.)
    #[cfg(not(feature = "records"))]
    ::limpet::function! { pub fn use_records() {} }

    /// A hand-written conversion made a parameter type with `from_py_arg!`.
    pub struct Celsius(pub f64);
    impl<'py> ::limpet::FromPyObject<'py> for Celsius {
        fn extract(obj: &::limpet::Bound<'py, ::limpet::PyAny>) -> ::limpet::PyResult<Self> {
            ::std::result::Result::Ok(Celsius(obj.extract()?))
        }
    }
    ::limpet::from_py_arg!(Celsius);
    ::limpet::function! {
        pub fn warmer(t: Celsius) -> f64 { t.0 + 1.0 }
    }

    /// `#[init]` for the module below.
    pub fn setup(m: &::limpet::Bound<'_, ::limpet::PyAny>) -> ::limpet::PyResult<()> {
        m.setattr("READY", true)
    }
}

/// class!: properties, constructor, methods, static/class methods, class attributes, dunders,
/// inheritance, enums; methods named like the expansions' internal names.
pub mod classes {
    use super::*;
    ::limpet::class! {
        /// Properties, constructor, methods, static/class methods, class attributes, dunders.
        #[subclass]
        pub struct Counter {
            #[py(get, set)] pub value: i64,
            step: i64,
        }
        impl Counter {
            #[new]
            fn new(start: i64 = 0, *, step: i64 = 1) -> Self { Counter { value: start, step } }
            fn incr(&mut self) -> i64 { self.value += self.step; self.value }
            #[getter] fn step(&self) -> i64 { self.step }
            #[setter] fn set_step(&mut self, step: i64) { self.step = step; }
            #[staticmethod] fn zero() -> i64 { 0 }
            #[classmethod] fn kind(cls: &::limpet::Bound<'_, ::limpet::PyAny>) -> ::limpet::PyResult<::std::string::String> { cls.getattr("__name__")?.extract() }
            #[classattr] fn ORIGIN() -> i64 { 0 }
            fn __repr__(&self) -> ::std::string::String { ::std::format!("Counter({})", self.value) }
            fn __len__(&self) -> usize { 0 }
            fn __hash__(&self) -> i64 { self.value }
            fn __eq__(&self, other: &Counter) -> bool { self.value == other.value }
            fn __add__(&self, other: i64) -> i64 { self.value + other }
            fn __iter__(slf: ::limpet::Py<Self>) -> ::limpet::Py<Self> { slf }
            fn __next__(&mut self) -> ::std::option::Option<i64> { ::std::option::Option::None }
            fn __call__(&self, x: i64) -> i64 { x }
        }
    }
    ::limpet::class! {
        /// A subclass.
        #[extends(Counter)]
        pub struct Named { #[py(get)] pub name: ::std::string::String }
        impl Named {
            #[new]
            fn new(name: ::std::string::String) -> (Named, Counter) { (Named { name }, Counter { value: 0, step: 1 }) }
        }
    }
    ::limpet::class! {
        /// An enum.
        pub enum Color { Red, Green = 5, Blue }
    }
    ::limpet::class! {
        /// Methods and parameters named like the expansions' internal names.
        pub struct Names { #[py(get)] pub x: i64 }
        impl Names {
            #[new] fn new(x: i64) -> Self { Names { x } }
            fn tuple(&self) -> i64 { 1 }
            fn body(&self) -> i64 { 2 }
            fn fast(&self) -> i64 { 3 }
            fn hints(&self) -> i64 { 4 }
            fn noargs(&self) -> i64 { 5 }
            fn obj(&self, obj: i64, i: i64, holder: i64, slf: i64) -> i64 { obj + i + holder + slf }
            // A method named like the field's generated items (`field_x`, `x`'s getter).
            fn field_x(&self) -> i64 { self.x }
            fn get_x(&self) -> i64 { self.x }
        }
    }
    ::limpet::class! {
        /// Methods named like the generated statics and helpers of another method.
        pub struct Helpers { #[py(get, set)] pub a: i64 }
        impl Helpers {
            fn run(&self) -> i64 { self.a }
            fn run2(&self) -> i64 { 2 }
            fn limpet_check(&mut self) -> i64 { 3 }
            fn limpet_expects(&self) -> i64 { 4 }
        }
    }
}

/// Functions named like the internal items of function!'s expansion, and parameters named
/// like the expansion's locals.
pub mod names {
    ::limpet::function! {
        pub fn noargs() -> i64 { 0 }
        pub fn holder(a: i64) -> i64 { a }
        pub fn make(a: i64) -> i64 { a }
        pub fn init(a: i64) -> i64 { a }
        pub fn locals(obj: i64, i: i64, holder: i64, py: i64, args: i64, __py: i64, __args: i64) -> i64 {
            obj + i + holder + py + args + __py + __args
        }
    }
    // Functions named like the expansion's shims, and a parameter named like its function.
    ::limpet::function! {
        pub fn tuple(a: i64) -> i64 { a }
        pub fn body(a: i64) -> i64 { a }
        pub fn fast(a: i64) -> i64 { a }
        pub fn hints(a: i64) -> i64 { a }
        pub fn same(same: i64) -> i64 { same }
    }
}

::limpet::module! {
    /// The module: every kind of item, by name and by path.
    mod hygiene {
        fn user::every;
        fn user::fallible;
        fn user::optional;
        fn user::nothing;
        fn user::later;
        fn user::use_records;
        fn user::warmer;
        exception user::HyError;
        class classes::Counter; class classes::Named; class classes::Color; class classes::Names;
        fn names::noargs; fn names::holder; fn names::make; fn names::init; fn names::locals;
        fn names::tuple; fn names::body; fn names::fast; fn names::hints; fn names::same;
        fn user::gil_by_path; fn user::gil_by_prelude_path; fn user::optional_core;
        const ANSWER = 42;
        /// A submodule.
        mod sub { fn crate::user::every; const LEVEL = 1; const FROM_SUB = SUB; }
        #[init] fn user::setup;
        // Values and the init function named like module!'s internal items.
        const MADE = make();
        const FROM_MODULE = MODULE;
        #[init] fn init;
    }
}

/// The items are reachable by `use` too, and `add_module!` takes the module by path.
mod by_use {
    use super::user::{every, nothing, HyError};
    ::limpet::module! {
        pub mod hygiene_use { fn every; fn nothing; exception HyError; }
    }
}

#[cfg(feature = "embed")]
#[test]
fn hygiene_module_imports() {
    ::limpet::embed::add_module!(hygiene).expect("registered before start-up");
    ::limpet::embed::add_module!(by_use::hygiene_use).expect("registered before start-up");
    ::limpet::embed::initialize();
    ::limpet::Python::with_gil(|py| {
        let code = "import hygiene, hygiene_use\n\
                    failed = [c for c in [\n\
                        'hygiene.every(1) == 2',\n\
                        'hygiene.sub.every(1, 2, 3, c=True, d=4) == 6',\n\
                        \"hygiene.fallible('7') == 7\",\n\
                        'hygiene.nothing() is None',\n\
                        'hygiene.ANSWER == 42',\n\
                        'hygiene.sub.LEVEL == 1',\n\
                        'hygiene.READY is True',\n\
                        'issubclass(hygiene.HyError, ValueError)',\n\
                        'hygiene.warmer(1.5) == 2.5',\n\
                        'hygiene_use.every(2) == 3',\n\
                        'hygiene_use.HyError is hygiene.HyError',\n\
                        'hygiene.MADE == 7 and hygiene.FROM_MODULE == 4 and hygiene.sub.FROM_SUB == 3',\n\
                        'hygiene.INIT_RAN is True',\n\
                        'hygiene.Counter(1, step=2).incr() == 3 and hygiene.Counter.kind() == \"Counter\"',\n\
                        'hygiene.Named(\"n\").name == \"n\" and hygiene.Color.Green == hygiene.Color.Green',\n\
                        'hygiene.Names(0).fast() == 3 and hygiene.Names(0).obj(1, 2, 3, 4) == 10',\n\
                        'hygiene.make(5) == 5 and hygiene.init(6) == 6 and hygiene.locals(1, 1, 1, 1, 1, 1, 1) == 7',\n\
                        'hygiene.tuple(1) == 1 and hygiene.body(2) == 2 and hygiene.fast(3) == 3',\n\
                        'hygiene.hints(4) == 4 and hygiene.same(5) == 5',\n\
                        'hygiene.gil_by_path() == 1 and hygiene.gil_by_prelude_path(2) == 2',\n\
                        'hygiene.optional() is True and hygiene.optional(x=1) is False',\n\
                        'hygiene.optional_core() is True and hygiene.optional_core(x=1) is False',\n\
                    ] if not eval(c)]\n\
                    assert not failed, failed\n";
        ::limpet::embed::run(py, code, ::std::option::Option::None, ::std::option::Option::None)?;
        ::limpet::PyResult::Ok(())
    })
    .expect("the hygiene module works");
}

// ---- class!, module!, convert!: the cases that were behind `limpet_hygiene_todo` ----

/// class! without `From` in scope (its hints call `ToOwned::to_owned` by path), and a field
/// `x` with a getter next to a method `field_x` (the statics are `__limpet_field_C__x` and
/// `__limpet_method_C__field_x`: distinct).
pub mod collide {
    ::limpet::class! {
        pub struct Collide { #[py(get, set)] pub x: i64 }
        impl Collide {
            #[new] fn new() -> Self { Collide { x: 1 } }
            fn field_x(&self) -> i64 { 2 }
            fn __limpet_field_x(&self) -> i64 { 3 }
            #[getter] fn y(&self) -> i64 { 4 }
            #[classattr] fn Z() -> i64 { 5 }
            fn nothing(&self) {}
            fn __next__(&mut self) -> ::std::option::Option<i64> { ::std::option::Option::None }
        }
    }
    ::limpet::class! { pub enum Shade { Light, Dark } }
    // (Compiled, not imported: `hygiene_module_imports` owns the embedded interpreter's start.)
    ::limpet::module! { mod hygiene_collide { class Collide; class Shade; } }
}
