//! `class!`: a Rust struct and its methods as a Python class.
//!
//! The public macro only dispatches; each job has its own hidden macro, in its own file:
//!
//! | file | macro | job |
//! |---|---|---|
//! | `attrs.rs` | `__limpet_class_attrs!`, `__limpet_method_attrs!` | sort a class's / a method's attributes (the only munchers here: bounded by one item's attributes) |
//! | `attrs.rs` | `__limpet_class_check!` | the errors for attributes limpet does not take (PyO3's, ours misspelt) and `impl OTHER` |
//! | `options.rs` | `__limpet_class_option!`, `__limpet_class_conflicts!` | an option as a `ClassOption`; the errors between options and methods, at the user's token |
//! | `def.rs` | `__limpet_class_def!` | the struct or enum, its `PyClass` impl and `ClassDef` static |
//! | `field.rs` | `__limpet_class_field!` | a field's property (`#[py(get, set)]`) |
//! | `receiver.rs` | `__limpet_class_receiver!` | a method's receiver, then the shared parameter muncher |
//! | `accessor.rs` | `__limpet_class_accessor!` | `#[getter]`, `#[setter]`, `#[deleter]`, `#[classattr]` |
//! | `protocol.rs` | `__limpet_class_protocol!` | `__traverse__`, `__clear__`, `__richcmp__`, `__buffer__` (trait impls, no method) |
//! | `asyncs.rs` | `__limpet_class_async!` | the receivers an `async fn` may take |
//! | `method.rs` | `__limpet_class_method!` | a parsed method: the Rust fn, its body, its `ClassItem` static |
//! | `bind.rs` | `__limpet_class_bind!` | bind the receiver and the parameters in a body |
//! | `call.rs` | `__limpet_class_call!` | call the Rust method and convert its result |
//! | `item.rs` | `__limpet_class_item!` | the `ClassItem` of a method (kind, names, hints) |
//! | `slot.rs` | `__limpet_class_slot!` | typed slot shims and the `METH_NOARGS` shim of a method |
//! | `numslot.rs` | `__limpet_class_numslot!` | typed numeric, item and `__getattr__` slots (`class::numslot`) |
//!
//! State travels in fixed slots: a method is `{ [async] NAME [doc] [other attrs] VIS METHOD
//! [-> RET] BODY }` until its receiver is known, then the parameter muncher's accumulators.
//! Which dunders take a `NotImplemented` operand or refuse `async` is data in the runtime
//! (`class::dunder`), read by `const`s in the expansion, not a table of macro arms.

/// Declare a Python class: a struct and (optionally) one `impl` block.
///
/// ```text
/// limpet::class! {
///     /// Class docstring.
///     #[subclass]            // Python classes may inherit from it
///     #[frozen]              // immutable: &self only, no borrow flag
///     #[dict] #[weakref]     // instance __dict__ / weak references (every version; on
///                            // 3.7/3.8 not on a class extending a base without them)
///     #[extends(Base)]       // a limpet #[subclass] class as base; #[new] returns (Self, Base);
///                            // or PyException, PyValueError, .., PyDict, any PyClassBase type
///     pub struct NAME {
///         /// Field docstring.
///         #[py(get, set)] pub field: Type,   // a property (Clone + IntoPy / FromPyObject)
///         other: Type,
///     }
///     // or a tuple struct (a field is a property only with a Python name):
///     // pub struct NAME(#[py(get, set, name = "x")] pub Type, Type);   `self.0` in methods
///     // or a unit struct: pub struct NAME;
///     impl NAME {
///         #[new] fn new(PARAMS) -> Self { .. }           // or PyResult<Self>; tp_new
///         #[new] #[classmethod]                          // the class being constructed
///         fn new2(cls: &Bound<'_, PyAny>, PARAMS) -> Self { .. } // (a subclass, maybe)
///         fn method(&self, PARAMS) -> T { .. }           // &mut self, or `slf: Py<Self>`
///         #[staticmethod] fn s(PARAMS) -> T { .. }
///         #[classmethod] fn c(cls: &Bound<'_, PyAny>, PARAMS) -> T { .. }
///         #[getter] fn x(&self) -> T { .. }              // property `x` (also `get_x`)
///         #[setter] fn set_x(&mut self, value: T) { .. } // property `x`
///         #[deleter] fn del_x(&mut self) { .. }          // `del obj.x`
///         #[classattr] fn CONST() -> T { .. }            // a class attribute; may take
///                                                        // `py: Python<'_>`, return PyResult<T>
///         async fn fetch(&self, PARAMS) -> T { .. }      // awaitable: &self, &mut self,
///                                                        // slf: Py<Self>, static, class
///         fn __repr__(&self) -> String { .. }            // any dunder: __len__, __add__,
///                                                        // __radd__, __eq__, __iter__,
///                                                        // __next__ (None stops), __call__, ...
///         fn __buffer__(&self) -> &[u8] { .. }           // read-only buffer (3.11+)
///         fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> { .. }
///         fn __clear__(&mut self) { .. }
///         fn __del__(&self) { .. }                       // tp_finalize: once, before Drop
///     }
/// }
/// ```
/// PARAMS are as in [`function!`](macro@crate::function). Add the class to a module with
/// `class NAME;` in [`module!`](macro@crate::module).
///
/// Limitations (each with a compile-fail test under `tests/ui/class_*`): one `impl` block; a
/// field takes only doc comments and `#[py(..)]`; the receiver comes first.
///
/// `__traverse__`/`__clear__` of a class that `#[extends]` another run after those of the
/// base (each sees its own fields). `__del__` runs as a Python class's does (PEP 442): once
/// per object, when it is freed or when the GC collects its cycle, with the object alive (it
/// may store `slf` somewhere and survive); its exception is printed as unraisable. `Drop`
/// runs when the memory is freed; a panic there is printed as unraisable, naming the class.
///
/// An `async fn` method returns a coroutine (see [`coroutine`](crate::coroutine)), with
/// `__qualname__` `NAME.method` and owned parameters as in an `async fn` of `function!`.
/// With `&self` / `&mut self` the coroutine holds a shared / exclusive borrow of the object
/// from the call until it completes, fails or is dropped (a conflicting borrow meanwhile raises
/// `RuntimeError: Already borrowed (NAME)`), and `&self` needs `NAME: Sync`; with
/// `slf: Py<Self>` it holds only a reference, borrowed where the body says. Async
/// `#[staticmethod]`s take no receiver, async `#[classmethod]`s `cls: Py<PyAny>`; `async fn
/// __anext__` returning `Option<T>` ends the iteration on `None`. `#[new]`, getters, setters,
/// class attributes and dunders Python calls for a value (`__len__`, `__repr__`, ...) cannot be
/// async.
///
/// ```
/// use limpet::prelude::*;
///
/// limpet::class! {
///     pub struct Store {
///         items: Vec<String>,
///     }
///     impl Store {
///         #[new]
///         fn new() -> Self { Store { items: Vec::new() } }
///         /// `await store.put(item)`: the exclusive borrow lasts until it completes.
///         async fn put(&mut self, item: String) -> usize {
///             self.items.push(item);
///             self.items.len()
///         }
///         /// `await store.count()`: shared borrows overlap.
///         async fn count(&self) -> usize { self.items.len() }
///         /// `await Store.version()`.
///         #[staticmethod]
///         async fn version() -> &'static str { "1" }
///     }
/// }
/// # fn main() {}
/// ```
///
/// ```
/// use limpet::prelude::*;
///
/// limpet::class! {
///     /// A counter.
///     pub struct Counter {
///         #[py(get)] pub value: i64,
///     }
///     impl Counter {
///         #[new]
///         fn new(start: i64 = 0) -> Self { Counter { value: start } }
///         fn incr(&mut self, by: i64 = 1) -> i64 { self.value += by; self.value }
///         fn __repr__(&self) -> String { format!("Counter({})", self.value) }
///         fn __len__(&self) -> usize { self.value.max(0) as usize }
///     }
/// }
/// limpet::module! { mod counters { class Counter; } }
/// # fn main() { let mut c = Counter::new(1); assert_eq!(c.incr(2), 3); }
/// ```
#[macro_export]
macro_rules! class {
    (
        $(#[$($cattr:tt)*])*
        $vis:vis struct $name:ident {
            $(
                $(#[doc = $fdoc:expr])*
                $(#[py($($fopt:tt),* $(,)?)])?
                $fvis:vis $field:ident : $fty:ty
            ),* $(,)?
        }
        $(
            impl $iname:tt {
                $(
                    $(#[$($mattr:tt)*])*
                    $mvis:vis $(async $($am:lifetime)?)? fn $mname:tt ( $($mparams:tt)* ) $(-> $mret:ty)? $mbody:block
                )*
            }
        )?
    ) => {
        $crate::__limpet_class_attrs! {
            { $vis $name [$( [$(#[doc = $fdoc])*] $fvis $field : $fty ),*] [$($($mname)*)?] }
            [] [] [] []
            $(#[$($cattr)*])*
        }
        $(
            $crate::__limpet_class_field! { $name $field ($fty) [$($fdoc)*] [$($($fopt)*)?] }
        )*
        $( $crate::__limpet_class_check! { @impl_name $name $iname } )?
        $($(
            $crate::__limpet_method_attrs! { { [$(async $($am)?)?] $name $mvis $mname ($($mparams)*) [$(-> $mret)?] $mbody }
                [method __limpet_class_receiver] [] [] $(#[$($mattr)*])* }
        )*)?
    };
    // A tuple struct (or a unit struct): fields are numbered, then as above. A field is a
    // property only with a Python name: `#[py(get, set, name = "x")]`.
    (
        $(#[$($cattr:tt)*])*
        $vis:vis struct $name:ident $(( $($tfield:tt)* ))? ;
        $(
            impl $iname:tt {
                $(
                    $(#[$($mattr:tt)*])*
                    $mvis:vis $(async $($am:lifetime)?)? fn $mname:tt ( $($mparams:tt)* ) $(-> $mret:ty)? $mbody:block
                )*
            }
        )?
    ) => {
        $crate::__limpet_class_field! { @shape $(( $($tfield)* ))? { $vis $name [$($($mname)*)?] $(#[$($cattr)*])* } }
        $( $crate::__limpet_class_check! { @impl_name $name $iname } )?
        $($(
            $crate::__limpet_method_attrs! { { [$(async $($am)?)?] $name $mvis $mname ($($mparams)*) [$(-> $mret)?] $mbody }
                [method __limpet_class_receiver] [] [] $(#[$($mattr)*])* }
        )*)?
    };
    (
        $(#[$($cattr:tt)*])*
        $vis:vis enum $name:ident {
            $( $(#[doc = $vdoc:expr])* $variant:ident $(= $disc:expr)? ),* $(,)?
        }
        $(
            impl $iname:tt {
                $(
                    $(#[$($mattr:tt)*])*
                    $mvis:vis $(async $($am:lifetime)?)? fn $mname:tt ( $($mparams:tt)* ) $(-> $mret:ty)? $mbody:block
                )*
            }
        )?
    ) => {
        $crate::__limpet_class_def! { @enum $(#[$($cattr)*])* $vis enum $name { $( $(#[doc = $vdoc])* $variant $(= $disc)? ),* }
            [$($($mname)*)?] [$($variant)*] }
        $crate::__limpet_class_def! { @enum_methods $name [$($variant)*] }
        $crate::__limpet_class_conflicts! { @enum [$($($mname)*)?] }
        $( $crate::__limpet_class_check! { @impl_name $name $iname } )?
        $($(
            $crate::__limpet_method_attrs! { { [$(async $($am)?)?] $name $mvis $mname ($($mparams)*) [$(-> $mret)?] $mbody }
                [method __limpet_class_receiver] [] [] $(#[$($mattr)*])* }
        )*)?
    };
    // Not the grammar above: an attribute limpet does not take on a field or on the `impl`
    // block is an error at that attribute; else the message below (a const evaluated only then).
    (
        $(#[$($cattr:tt)*])*
        $vis:vis struct $name:ident {
            $( $(#[$($fattr:tt)*])* $fvis:vis $field:ident : $fty:ty ),* $(,)?
        }
        $( $(#[$($iattr:tt)*])* impl $($rest:tt)* )?
    ) => {
        $($( $crate::__limpet_class_check! { field #[$($fattr)*] } )*)*
        // The struct without the class, so that the error above stays the only one.
        $vis struct $name { $( $fvis $field : $fty ),* }
        $($( $crate::__limpet_class_check! { impl #[$($iattr)*] } )*)?
        const _: () = if !(false $($( || $crate::__limpet_class_check!(@bad field #[$($fattr)*]) )*)*
            $($( || $crate::__limpet_class_check!(@bad impl #[$($iattr)*]) )*)?)
        {
            $crate::__private::core::panic!($crate::__private::core::concat!(
                "limpet::class!: cannot read `", $crate::__private::core::stringify!($name), "`: a field is `/// docs`, at most one ",
                "`#[py(get)]`/`#[py(set)]`/`#[py(get, set)]`, then `[pub] name: Type`; the `impl ",
                $crate::__private::core::stringify!($name), " {{ .. }}` block holds only methods ",
                "(`#[attrs] [pub] [async] fn name(PARAMS) [-> T] {{ body }}`)"
            ))
        };
    };
    ($($other:tt)*) => {
        $crate::__private::core::compile_error!(
            "limpet::class!: expected `/// doc` `#[options]` `[pub] struct NAME { FIELDS }`, `[pub] struct NAME(FIELDS);`, `[pub] struct NAME;` or a fieldless `enum NAME { VARIANTS }`, and optionally `impl NAME { METHODS }`"
        );
    };
}

mod accessor;
mod asyncs;
mod attrs;
mod bind;
mod call;
mod def;
mod field;
mod item;
mod method;
mod numslot;
mod options;
mod protocol;
mod receiver;
mod slot;
