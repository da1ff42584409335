//! `class!`: a Rust struct and its methods as a Python class.

/// Declare a Python class: a struct and (optionally) one `impl` block.
///
/// ```text
/// limpet::class! {
///     /// Class docstring.
///     #[subclass]            // Python classes may inherit from it
///     #[frozen]              // immutable: &self only, no borrow flag
///     #[dict] #[weakref]     // instance __dict__ / weak references (CPython 3.9+)
///     #[extends(Base)]       // a limpet #[subclass] class as base; #[new] returns (Self, Base);
///                            // or PyException, PyValueError, .., PyDict, any PyClassBase type
///     pub struct NAME {
///         /// Field docstring.
///         #[py(get, set)] pub field: Type,   // a property (Clone + IntoPy / FromPyObject)
///         other: Type,
///     }
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
                $(#[py($($fopt:ident),* $(,)?)])?
                $fvis:vis $field:ident : $fty:ty
            ),* $(,)?
        }
        $(
            impl $iname:ident {
                $(
                    $(#[$($mattr:tt)*])*
                    $mvis:vis $(async $($am:lifetime)?)? fn $mname:ident ( $($mparams:tt)* ) $(-> $mret:ty)? $mbody:block
                )*
            }
        )?
    ) => {
        $crate::__limpet_class! { @class_attrs
            { $vis $name [$( [$(#[doc = $fdoc])*] $fvis $field : $fty ),*] [$($($mname)*)?] }
            [] [] [] []
            $(#[$($cattr)*])*
        }
        $(
            $crate::__limpet_class! { @field $name $field ($fty) [$($fdoc)*] [$($($fopt)*)?] }
        )*
        $($(
            $crate::__limpet_class! { @method_attrs { [$(async $($am)?)?] $name $mvis $mname ($($mparams)*) [$(-> $mret)?] $mbody } [method] [] []
                $(#[$($mattr)*])* }
        )*)?
    };
    (
        $(#[$($cattr:tt)*])*
        $vis:vis enum $name:ident {
            $( $(#[doc = $vdoc:expr])* $variant:ident $(= $disc:expr)? ),* $(,)?
        }
        $(
            impl $iname:ident {
                $(
                    $(#[$($mattr:tt)*])*
                    $mvis:vis $(async $($am:lifetime)?)? fn $mname:ident ( $($mparams:tt)* ) $(-> $mret:ty)? $mbody:block
                )*
            }
        )?
    ) => {
        $crate::__limpet_class! { @enum_def $(#[$($cattr)*])* $vis enum $name { $( $(#[doc = $vdoc])* $variant $(= $disc)? ),* }
            [$($($mname)*)?] [$($variant)*] }
        $crate::__limpet_class! { @enum_methods $name [$($variant)*] }
        $($(
            $crate::__limpet_class! { @method_attrs { [$(async $($am)?)?] $name $mvis $mname ($($mparams)*) [$(-> $mret)?] $mbody } [method] [] []
                $(#[$($mattr)*])* }
        )*)?
    };
    ($($other:tt)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::class!: expected `/// doc` `#[options]` `[pub] struct NAME { FIELDS }` or a fieldless `enum NAME { VARIANTS }`, and optionally ",
            "`impl NAME { METHODS }`; got `", $crate::__private::core::stringify!($($other)*), "`"
        ));
    };
}

/// The stages of `class!`; see `macros/mod.rs`.
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class {
    // @class_attrs: sort the class's attributes into [docs] [options] [other attributes].
    (@class_attrs {$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[doc = $d:expr] $($rest:tt)*) => {
        $crate::__limpet_class! { @class_attrs {$($ctx)*} [$($doc)* #[doc = $d]] [$($opt)*] [$($other)*] [$($b)*] $($rest)* }
    };
    (@class_attrs {$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[extends($base:ident)] $($rest:tt)*) => {
        $crate::__limpet_class! { @class_attrs {$($ctx)*} [$($doc)*] [$($opt)*] [$($other)*] [$base] $($rest)* }
    };
    (@class_attrs {$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[subclass] $($rest:tt)*) => {
        $crate::__limpet_class! { @class_attrs {$($ctx)*} [$($doc)*] [$($opt)* subclass] [$($other)*] [$($b)*] $($rest)* }
    };
    (@class_attrs {$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[frozen] $($rest:tt)*) => {
        $crate::__limpet_class! { @class_attrs {$($ctx)*} [$($doc)*] [$($opt)* frozen] [$($other)*] [$($b)*] $($rest)* }
    };
    (@class_attrs {$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[dict] $($rest:tt)*) => {
        $crate::__limpet_class! { @class_attrs {$($ctx)*} [$($doc)*] [$($opt)* dict] [$($other)*] [$($b)*] $($rest)* }
    };
    (@class_attrs {$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[weakref] $($rest:tt)*) => {
        $crate::__limpet_class! { @class_attrs {$($ctx)*} [$($doc)*] [$($opt)* weakref] [$($other)*] [$($b)*] $($rest)* }
    };
    (@class_attrs {$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[$($a:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class! { @class_attrs {$($ctx)*} [$($doc)*] [$($opt)*] [$($other)* #[$($a)*]] [$($b)*] $($rest)* }
    };
    (@class_attrs { $vis:vis $name:ident [$( [$($fdoc:tt)*] $fvis:vis $field:ident : $fty:ty ),*] [$($mname:ident)*] }
        [$($doc:tt)*] [$($opt:ident)*] [$($other:tt)*] [$($base:ident)?]) => {
        $($other)*
        $($doc)*
        $vis struct $name {
            $( $($fdoc)* $fvis $field : $fty ),*
        }

        $crate::__private::paste! {
            // SAFETY: the description is this type's own, built just below from `$name`.
            unsafe impl $crate::class::PyClass for $name {
                fn class_def() -> &'static $crate::class::ClassDef {
                    static DEF: $crate::class::ClassDef = $crate::class::ClassDef {
                        name: $crate::__private::core::stringify!($name),
                        doc: $crate::__limpet_doc!(@acc [] $($doc)*),
                        options: $crate::class::ClassOptions::parse(&[$($crate::__private::core::stringify!($opt)),*]),
                        items: &[
                            $( &[<__LIMPET_ $name _field_ $field>], )*
                            $( &[<__LIMPET_ $name _ $mname>], )*
                        ],
                        cell_layout: $crate::class::cell_layout::<$name>(),
                        drop_cell: $crate::class::drop_cell::<$name>,
                        dealloc: $crate::class::dealloc::<$name>,
                        plain_gc: ($crate::class::plain_traverse::<$name>, $crate::class::plain_clear::<$name>),
                        state: $crate::__private::OnceLock::new(),
                        // SAFETY: every field above was made for `$name` by this expansion.
                        guarantee: unsafe { $crate::class::ClassDefGuarantee::new() },
                        base: $crate::__limpet_class!(@base $($base)?),
                    };
                    &DEF
                }
            }
        }

        impl $crate::types::PyTypeCheck for $name {
            const NAME: &'static str = $crate::__private::core::stringify!($name);
            fn type_check(obj: &$crate::Bound<'_, $crate::PyAny>) -> bool {
                <$name as $crate::class::PyClass>::class_def().is_instance(obj)
            }
        }

        impl $crate::IntoPy for $name {
            fn into_py(self, py: $crate::Python<'_>) -> $crate::PyResult<$crate::Bound<'_, $crate::PyAny>> {
                $crate::class::new_instance(py, self)
            }
            fn output_hint() -> ::std::string::String {
                ::std::string::String::from($crate::__private::core::stringify!($name))
            }
        }

        // By value when `Clone` (the bound is checked where it is taken by value).
        impl<'py> $crate::FromPyObject<'py> for $name
        where
            $crate::class::ByValue<'py, $name>: $crate::class::CloneClass<'py, Class = $name>,
        {
            fn extract(obj: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<Self> {
                <$crate::class::ByValue<'py, $name> as $crate::class::CloneClass<'py>>::extract(obj)
            }
            fn input_hint() -> ::std::string::String {
                ::std::string::String::from($crate::__private::core::stringify!($name))
            }
        }
        impl<'a, 'py> $crate::FromPyArg<'a, 'py> for $name
        where
            $crate::class::ByValue<'py, $name>: $crate::class::CloneClass<'py, Class = $name>,
        {
            type Holder = ();
            fn from_arg(obj: &'a $crate::Bound<'py, $crate::PyAny>, _: &'a mut ()) -> $crate::PyResult<Self> {
                <$crate::class::ByValue<'py, $name> as $crate::class::CloneClass<'py>>::extract(obj)
            }
            fn input_hint() -> ::std::string::String {
                ::std::string::String::from($crate::__private::core::stringify!($name))
            }
        }
    };

    // @enum_def: a fieldless enum as a frozen class with one class attribute per variant.
    (@enum_def $(#[$($cattr:tt)*])* $vis:vis enum $name:ident { $($body:tt)* } [$($mname:ident)*] [$($variant:ident)*]) => {
        $(#[$($cattr)*])*
        $vis enum $name { $($body)* }

        $crate::__private::paste! {
            // SAFETY: the description is this type's own, built just below from `$name`.
            unsafe impl $crate::class::PyClass for $name {
                fn class_def() -> &'static $crate::class::ClassDef {
                    static DEF: $crate::class::ClassDef = $crate::class::ClassDef {
                        name: $crate::__private::core::stringify!($name),
                        doc: $crate::__limpet_doc!(@acc [] $(#[$($cattr)*])*),
                        options: $crate::class::ClassOptions::parse(&["frozen"]),
                        items: &[
                            $( &[<__LIMPET_ $name _variant_ $variant>], )*
                            &[<__LIMPET_ $name ___repr__>], &[<__LIMPET_ $name ___eq__>], &[<__LIMPET_ $name ___hash__>],
                            &[<__LIMPET_ $name ___int__>], &[<__LIMPET_ $name ___index__>],
                            $( &[<__LIMPET_ $name _ $mname>], )*
                        ],
                        cell_layout: $crate::class::cell_layout::<$name>(),
                        drop_cell: $crate::class::drop_cell::<$name>,
                        dealloc: $crate::class::dealloc::<$name>,
                        plain_gc: ($crate::class::plain_traverse::<$name>, $crate::class::plain_clear::<$name>),
                        state: $crate::__private::OnceLock::new(),
                        // SAFETY: every field above was made for `$name` by this expansion.
                        guarantee: unsafe { $crate::class::ClassDefGuarantee::new() },
                        base: $crate::__private::core::option::Option::None,
                    };
                    &DEF
                }
            }
            $(
                #[doc(hidden)]
                #[allow(non_upper_case_globals)]
                static [<__LIMPET_ $name _variant_ $variant>]: $crate::class::ClassItem = $crate::class::ClassItem::ClassAttr(
                    $crate::__private::core::stringify!($variant),
                    {
                        fn make(py: $crate::Python<'_>) -> $crate::PyResult<$crate::Bound<'_, $crate::PyAny>> {
                            $crate::IntoPy::into_py($name::$variant, py)
                        }
                        make
                    },
                    {
                        fn hint() -> ::std::string::String { ::std::string::String::from($crate::__private::core::stringify!($name)) }
                        hint
                    },
                );
            )*
        }

        impl $crate::types::PyTypeCheck for $name {
            const NAME: &'static str = $crate::__private::core::stringify!($name);
            fn type_check(obj: &$crate::Bound<'_, $crate::PyAny>) -> bool {
                <$name as $crate::class::PyClass>::class_def().is_instance(obj)
            }
        }

        impl $crate::IntoPy for $name {
            fn into_py(self, py: $crate::Python<'_>) -> $crate::PyResult<$crate::Bound<'_, $crate::PyAny>> {
                $crate::class::new_instance(py, self)
            }
            fn output_hint() -> ::std::string::String {
                ::std::string::String::from($crate::__private::core::stringify!($name))
            }
        }
    };
    // @enum_methods: `repr` as `Name.Variant`, equality with the same variant or its integer,
    // hash and int conversion by discriminant.
    (@enum_methods $name:ident [$($variant:ident)*]) => {
        impl $name {
            #[doc(hidden)]
            fn __limpet_discriminant(&self) -> isize {
                match self { $( $name::$variant => $name::$variant as isize, )* }
            }
        }
        $crate::__limpet_class! { @method_attrs { [] $name pub(crate) __repr__ (&self) [-> &'static str] {
            match self { $( $name::$variant => $crate::__private::core::concat!(
                $crate::__private::core::stringify!($name), ".", $crate::__private::core::stringify!($variant)), )* }
        } } [method] [] [] }
        $crate::__limpet_class! { @method_attrs { [] $name pub(crate) __eq__ (&self, other: &$crate::Bound<'_, $crate::PyAny>) [-> bool] {
            match $crate::class::RefGuard::<$name>::borrow(other) {
                $crate::__private::core::result::Result::Ok(o) => o.__limpet_discriminant() == self.__limpet_discriminant(),
                $crate::__private::core::result::Result::Err(_) => other.extract::<isize>().map_or(false, |v| v == self.__limpet_discriminant()),
            }
        } } [method] [] [] }
        $crate::__limpet_class! { @method_attrs { [] $name pub(crate) __hash__ (&self) [-> isize] { self.__limpet_discriminant() } } [method] [] [] }
        $crate::__limpet_class! { @method_attrs { [] $name pub(crate) __int__ (&self) [-> isize] { self.__limpet_discriminant() } } [method] [] [] }
        $crate::__limpet_class! { @method_attrs { [] $name pub(crate) __index__ (&self) [-> isize] { self.__limpet_discriminant() } } [method] [] [] }
    };

    // @base: the `base` field of a `ClassDef`.
    (@base) => { $crate::__private::core::option::Option::None };
    (@base $base:ident) => {
        $crate::__private::core::option::Option::Some(<$base as $crate::class::PyClassBase>::BASE)
    };

    // @field: the property item of one field (`#[py(get)]`, `#[py(set)]`, both or neither).
    (@field $name:ident $field:ident ($fty:ty) [$($fdoc:expr)*] [$($fopt:ident)*]) => {
        $crate::__limpet_class! { @field_opts $field $($fopt)* }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__LIMPET_ $name _field_ $field>]: $crate::class::ClassItem = $crate::class::ClassItem::Property {
                name: $crate::__private::core::stringify!($field),
                doc: $crate::__private::core::concat!("" $(, $fdoc, "\n")*),
                get: $crate::__limpet_class!(@field_get $name $field [$($fopt)*]),
                set: $crate::__limpet_class!(@field_set $name $field ($fty) [$($fopt)*]),
                hint: $crate::__limpet_class!(@when_get [$($fopt)*] {{
                    fn hint() -> ::std::string::String { <$fty as $crate::IntoPy>::output_hint() }
                    $crate::__private::core::option::Option::Some(hint as fn() -> ::std::string::String)
                }}),
            };
        }
    };
    (@field_get $name:ident $field:ident [$($fopt:ident)*]) => {
        $crate::__limpet_class!(@when_get [$($fopt)*] {{
            fn get<'py>(py: $crate::Python<'py>, slf: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<*mut $crate::__private::PyObject> {
                let value = $crate::class::RefGuard::<$name>::borrow(slf)?;
                $crate::__private::IntoPyReturn::into_return($crate::__private::core::clone::Clone::clone(&value.$field), py)
            }
            $crate::__private::core::option::Option::Some(get as $crate::class::GetterFn)
        }})
    };
    (@field_set $name:ident $field:ident ($fty:ty) [$($fopt:ident)*]) => {
        $crate::__limpet_class!(@when_set [$($fopt)*] {{
            fn set<'py>(_: $crate::Python<'py>, slf: &$crate::Bound<'py, $crate::PyAny>, value: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<()> {
                let value: $fty = $crate::FromPyObject::extract(value)?;
                $crate::class::MutGuard::<$name>::borrow(slf)?.$field = value;
                $crate::__private::core::result::Result::Ok(())
            }
            $crate::__private::core::option::Option::Some(set as $crate::class::SetterFn)
        }})
    };
    // @field_opts: only `get` and `set` are field options.
    (@field_opts $field:ident) => {};
    (@field_opts $field:ident get $($rest:ident)*) => { $crate::__limpet_class! { @field_opts $field $($rest)* } };
    (@field_opts $field:ident set $($rest:ident)*) => { $crate::__limpet_class! { @field_opts $field $($rest)* } };
    (@field_opts $field:ident $bad:ident $($rest:ident)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::class!: unknown option `", $crate::__private::core::stringify!($bad), "` on field `",
            $crate::__private::core::stringify!($field), "`; expected `#[py(get)]`, `#[py(set)]` or `#[py(get, set)]`"
        ));
        $crate::__limpet_point_at!($bad);
    };
    // @when_get / @when_set: the block when the option list names it, else `None`.
    (@when_get [] $b:block) => { $crate::__private::core::option::Option::None };
    (@when_get [get $($o:ident)*] $b:block) => { $b };
    (@when_get [$x:ident $($o:ident)*] $b:block) => { $crate::__limpet_class!(@when_get [$($o)*] $b) };
    (@when_set [] $b:block) => { $crate::__private::core::option::Option::None };
    (@when_set [set $($o:ident)*] $b:block) => { $b };
    (@when_set [$x:ident $($o:ident)*] $b:block) => { $crate::__limpet_class!(@when_set [$($o)*] $b) };

    // @method_attrs: find the method's kind among its attributes; keep docs and others.
    (@method_attrs {$($m:tt)*} [$kind:ident] [$($doc:tt)*] [$($other:tt)*] #[doc = $d:expr] $($rest:tt)*) => {
        $crate::__limpet_class! { @method_attrs {$($m)*} [$kind] [$($doc)* #[doc = $d]] [$($other)*] $($rest)* }
    };
    // `#[new]` with `#[classmethod]` (either order): the constructor receives the class.
    (@method_attrs {$($m:tt)*} [classmethod] [$($doc:tt)*] [$($other:tt)*] #[new] $($rest:tt)*) => {
        $crate::__limpet_class! { @method_attrs {$($m)*} [new_cls] [$($doc)*] [$($other)*] $($rest)* }
    };
    (@method_attrs {$($m:tt)*} [new] [$($doc:tt)*] [$($other:tt)*] #[classmethod] $($rest:tt)*) => {
        $crate::__limpet_class! { @method_attrs {$($m)*} [new_cls] [$($doc)*] [$($other)*] $($rest)* }
    };
    (@method_attrs {$($m:tt)*} [$kind:ident] [$($doc:tt)*] [$($other:tt)*] #[new] $($rest:tt)*) => {
        $crate::__limpet_class! { @method_attrs {$($m)*} [new] [$($doc)*] [$($other)*] $($rest)* }
    };
    (@method_attrs {$($m:tt)*} [$kind:ident] [$($doc:tt)*] [$($other:tt)*] #[staticmethod] $($rest:tt)*) => {
        $crate::__limpet_class! { @method_attrs {$($m)*} [staticmethod] [$($doc)*] [$($other)*] $($rest)* }
    };
    (@method_attrs {$($m:tt)*} [$kind:ident] [$($doc:tt)*] [$($other:tt)*] #[classmethod] $($rest:tt)*) => {
        $crate::__limpet_class! { @method_attrs {$($m)*} [classmethod] [$($doc)*] [$($other)*] $($rest)* }
    };
    (@method_attrs {$($m:tt)*} [$kind:ident] [$($doc:tt)*] [$($other:tt)*] #[getter] $($rest:tt)*) => {
        $crate::__limpet_class! { @method_attrs {$($m)*} [getter] [$($doc)*] [$($other)*] $($rest)* }
    };
    (@method_attrs {$($m:tt)*} [$kind:ident] [$($doc:tt)*] [$($other:tt)*] #[setter] $($rest:tt)*) => {
        $crate::__limpet_class! { @method_attrs {$($m)*} [setter] [$($doc)*] [$($other)*] $($rest)* }
    };
    (@method_attrs {$($m:tt)*} [$kind:ident] [$($doc:tt)*] [$($other:tt)*] #[deleter] $($rest:tt)*) => {
        $crate::__limpet_class! { @method_attrs {$($m)*} [deleter] [$($doc)*] [$($other)*] $($rest)* }
    };
    (@method_attrs {$($m:tt)*} [$kind:ident] [$($doc:tt)*] [$($other:tt)*] #[classattr] $($rest:tt)*) => {
        $crate::__limpet_class! { @method_attrs {$($m)*} [classattr] [$($doc)*] [$($other)*] $($rest)* }
    };
    (@method_attrs {$($m:tt)*} [$kind:ident] [$($doc:tt)*] [$($other:tt)*] #[$($a:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class! { @method_attrs {$($m)*} [$kind] [$($doc)*] [$($other)* #[$($a)*]] $($rest)* }
    };
    (@method_attrs { [] $name:ident $mvis:vis $mname:ident ($($params:tt)*) [$($ret:tt)*] $body:block }
        [$kind:ident] [$($doc:tt)*] [$($other:tt)*]) => {
        $crate::__limpet_class! { @receiver $kind { $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body } $($params)* }
    };
    (@method_attrs { [async] $name:ident $mvis:vis $mname:ident ($($params:tt)*) [$($ret:tt)*] $body:block }
        [$kind:ident] [$($doc:tt)*] [$($other:tt)*]) => {
        $crate::__limpet_class! { @async_name $mname
            { @async_receiver $kind { $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body } $($params)* } }
    };

    // @async_name: dunders Python calls for a value (slots, iterators, GC, buffers) cannot be
    // `async fn`; any other name continues with the tokens in braces.
    (@async_name __new__ $k:tt) => { $crate::__limpet_class! { @async_refuse __new__ } };
    (@async_name __init__ $k:tt) => { $crate::__limpet_class! { @async_refuse __init__ } };
    (@async_name __len__ $k:tt) => { $crate::__limpet_class! { @async_refuse __len__ } };
    (@async_name __hash__ $k:tt) => { $crate::__limpet_class! { @async_refuse __hash__ } };
    (@async_name __bool__ $k:tt) => { $crate::__limpet_class! { @async_refuse __bool__ } };
    (@async_name __repr__ $k:tt) => { $crate::__limpet_class! { @async_refuse __repr__ } };
    (@async_name __str__ $k:tt) => { $crate::__limpet_class! { @async_refuse __str__ } };
    (@async_name __contains__ $k:tt) => { $crate::__limpet_class! { @async_refuse __contains__ } };
    (@async_name __iter__ $k:tt) => { $crate::__limpet_class! { @async_refuse __iter__ } };
    (@async_name __next__ $k:tt) => { $crate::__limpet_class! { @async_refuse __next__ } };
    (@async_name __aiter__ $k:tt) => { $crate::__limpet_class! { @async_refuse __aiter__ } };
    (@async_name __await__ $k:tt) => { $crate::__limpet_class! { @async_refuse __await__ } };
    (@async_name __richcmp__ $k:tt) => { $crate::__limpet_class! { @async_refuse __richcmp__ } };
    (@async_name __traverse__ $k:tt) => { $crate::__limpet_class! { @async_refuse __traverse__ } };
    (@async_name __clear__ $k:tt) => { $crate::__limpet_class! { @async_refuse __clear__ } };
    (@async_name __buffer__ $k:tt) => { $crate::__limpet_class! { @async_refuse __buffer__ } };
    (@async_name $mname:ident { $($k:tt)* }) => { $crate::__limpet_class! { $($k)* } };
    (@async_refuse $mname:ident) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::class!: `", $crate::__private::core::stringify!($mname), "` cannot be an `async fn`: Python calls it for a value, ",
            "not an awaitable; only ordinary methods, #[staticmethod]s, #[classmethod]s, `__anext__`, `__aenter__`, `__aexit__` and ",
            "other dunders that return an awaitable can be async"
        ));
        $crate::__limpet_point_at!($mname);
    };

    // @async_receiver: the receivers an `async fn` may take (the future owns what it uses:
    // `&self`/`&mut self` become a borrow held by the future, `slf: Py<Self>` is moved in).
    (@async_receiver method {$($m:tt)*} & mut $s:ident $(, $($rest:tt)*)?) => {
        $crate::__limpet_class! { @params {[async] $($m)*} [mut $s] [&mut $s,] $($($rest)*)? }
    };
    (@async_receiver method {$($m:tt)*} & $s:ident $(, $($rest:tt)*)?) => {
        $crate::__limpet_class! { @params {[async] $($m)*} [ref $s] [&$s,] $($($rest)*)? }
    };
    (@async_receiver $kind:ident { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($x:tt)* } $s:ident : & $($rest:tt)*) => {
        $crate::__limpet_class!(@async_borrowed_receiver $mname $s);
    };
    (@async_receiver $kind:ident { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($x:tt)* } $s:ident : Bound $($rest:tt)*) => {
        $crate::__limpet_class!(@async_borrowed_receiver $mname $s);
    };
    (@async_receiver $kind:ident { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($x:tt)* } $s:ident : PyRef $($rest:tt)*) => {
        $crate::__limpet_class!(@async_borrowed_receiver $mname $s);
    };
    (@async_receiver $kind:ident { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($x:tt)* } $s:ident : PyRefMut $($rest:tt)*) => {
        $crate::__limpet_class!(@async_borrowed_receiver $mname $s);
    };
    (@async_receiver method {$($m:tt)*} $s:ident : $t:ty $(, $($rest:tt)*)?) => {
        $crate::__limpet_class! { @params {[async] $($m)*} [owned $s ($t)] [$s: $t,] $($($rest)*)? }
    };
    (@async_receiver classmethod {$($m:tt)*} $s:ident : $t:ty $(, $($rest:tt)*)?) => {
        $crate::__limpet_class! { @params {[async] $($m)*} [cls $s ($t)] [$s: $t,] $($($rest)*)? }
    };
    (@async_receiver staticmethod {$($m:tt)*} $($rest:tt)*) => {
        $crate::__limpet_class! { @params {[async] $($m)*} [static] [] $($rest)* }
    };
    (@async_receiver $kind:ident { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($m:tt)* } $($params:tt)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::class!: `async fn ", $crate::__private::core::stringify!($mname), "` (", $crate::__private::core::stringify!($kind),
            ") is not supported with `(", $crate::__private::core::stringify!($($params)*), ")`; an async method takes `&self`, ",
            "`&mut self` or `slf: Py<Self>` first, an async #[staticmethod] no receiver, an async #[classmethod] `cls: Py<PyAny>`; ",
            "#[new], #[getter], #[setter] and #[classattr] cannot be async"
        ));
        $crate::__limpet_point_at!($mname);
    };
    (@async_borrowed_receiver $mname:ident $s:ident) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::class!: the receiver `", $crate::__private::core::stringify!($s), "` of `async fn ",
            $crate::__private::core::stringify!($mname), "` borrows, but the coroutine outlives the call: take `&self` or ",
            "`&mut self` (the coroutine holds the borrow until it finishes) or `slf: Py<Self>`; an async #[classmethod] takes `cls: Py<PyAny>`"
        ));
        $crate::__limpet_point_at!($s);
    };

    // @receiver: take the receiver off the parameter list, by kind, then normalise the rest.
    // `__traverse__` and `__clear__` are GC slots, not methods.
    (@receiver method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis __traverse__ [$($ret:tt)*] $body:block }
        & $s:ident, $v:ident : $vt:ty $(,)?) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn __traverse__(&$s, $v: $vt) $($ret)* $body
        }
        impl $crate::class::GcTraverse for $name {
            fn traverse(&self, visit: $crate::class::PyVisit<'_>) -> $crate::__private::core::result::Result<(), $crate::class::PyTraverseError> {
                <$name>::__traverse__(self, visit)
            }
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__LIMPET_ $name ___traverse__>]: $crate::class::ClassItem = $crate::class::ClassItem::Traverse($crate::class::traverse::<$name>);
        }
    };
    (@receiver method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis __richcmp__ [$($ret:tt)*] $body:block }
        & $s:ident, $o:ident : $ot:ty, $op:ident : $opt:ty $(,)?) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn __richcmp__(&$s, $o: $ot, $op: $opt) $($ret)* $body
        }
        impl $crate::class::RichCompare for $name {
            fn richcmp<'py>(
                py: $crate::Python<'py>,
                slf: &$crate::Bound<'py, $crate::PyAny>,
                other: &$crate::Bound<'py, $crate::PyAny>,
                op: $crate::class::CompareOp,
            ) -> $crate::PyResult<*mut $crate::__private::PyObject> {
                let recv = $crate::class::RefGuard::<$name>::borrow(slf)?;
                let mut holder = $crate::__private::holder::<$ot>();
                match $crate::__private::FromPyArg::from_arg(other, &mut holder) {
                    $crate::__private::core::result::Result::Ok(other) => {
                        let other: $ot = other;
                        $crate::__private::IntoPyReturn::into_return(<$name>::__richcmp__(&*recv, other, op), py)
                    }
                    $crate::__private::core::result::Result::Err(err) => $crate::class::richcmp_unconverted(py, err),
                }
            }
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__LIMPET_ $name ___richcmp__>]: $crate::class::ClassItem =
                $crate::class::ClassItem::RichCompare($crate::class::richcompare::<$name>);
        }
    };
    (@receiver method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis __buffer__ [$($ret:tt)*] $body:block } & $s:ident $(,)?) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn __buffer__(&$s) $($ret)* $body
        }
        impl $crate::class::BufferExport for $name {
            fn buffer(&self) -> &[u8] {
                <$name>::__buffer__(self)
            }
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__LIMPET_ $name ___buffer__>]: $crate::class::ClassItem =
                $crate::class::ClassItem::Buffer($crate::class::getbuffer::<$name>, $crate::class::releasebuffer::<$name>);
        }
    };
    (@receiver method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis __clear__ [$($ret:tt)*] $body:block } & mut $s:ident $(,)?) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn __clear__(&mut $s) $($ret)* $body
        }
        impl $crate::class::GcClear for $name {
            fn clear(&mut self) {
                <$name>::__clear__(self)
            }
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__LIMPET_ $name ___clear__>]: $crate::class::ClassItem = $crate::class::ClassItem::Clear($crate::class::clear::<$name>);
        }
    };
    (@receiver method {$($m:tt)*} & mut $s:ident $(, $($rest:tt)*)?) => {
        $crate::__limpet_class! { @params {$($m)*} [mut $s] [&mut $s,] $($($rest)*)? }
    };
    (@receiver method {$($m:tt)*} & $s:ident $(, $($rest:tt)*)?) => {
        $crate::__limpet_class! { @params {$($m)*} [ref $s] [&$s,] $($($rest)*)? }
    };
    (@receiver method {$($m:tt)*} $s:ident : $t:ty $(, $($rest:tt)*)?) => {
        $crate::__limpet_class! { @params {$($m)*} [owned $s ($t)] [$s: $t,] $($($rest)*)? }
    };
    (@receiver classmethod {$($m:tt)*} $s:ident : $t:ty $(, $($rest:tt)*)?) => {
        $crate::__limpet_class! { @params {$($m)*} [cls $s ($t)] [$s: $t,] $($($rest)*)? }
    };
    (@receiver staticmethod {$($m:tt)*} $($rest:tt)*) => {
        $crate::__limpet_class! { @params {$($m)*} [static] [] $($rest)* }
    };
    (@receiver new {$($m:tt)*} $($rest:tt)*) => {
        $crate::__limpet_class! { @params {$($m)*} [new] [] $($rest)* }
    };
    (@receiver new_cls {$($m:tt)*} $s:ident : $t:ty $(, $($rest:tt)*)?) => {
        $crate::__limpet_class! { @params {$($m)*} [new_cls $s ($t)] [$s: $t,] $($($rest)*)? }
    };
    (@receiver getter { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block } & $s:ident $(,)?) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn $mname(&$s) $($ret)* $body
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__LIMPET_ $name _ $mname>]: $crate::class::ClassItem = $crate::class::ClassItem::Property {
                name: $crate::__private::core::stringify!($mname),
                doc: $crate::__limpet_doc!(@acc [] $($doc)*),
                get: $crate::__private::core::option::Option::Some({
                    fn get<'py>(py: $crate::Python<'py>, slf: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<*mut $crate::__private::PyObject> {
                        let value = $crate::class::RefGuard::<$name>::borrow(slf)?;
                        $crate::__private::IntoPyReturn::into_return(<$name>::$mname(&*value), py)
                    }
                    get as $crate::class::GetterFn
                }),
                set: $crate::__private::core::option::Option::None,
                hint: $crate::__private::core::option::Option::Some({
                    fn hint() -> ::std::string::String { $crate::__limpet_class!(@ret_hint $mname [$($ret)*]) }
                    hint as fn() -> ::std::string::String
                }),
            };
        }
    };
    (@receiver setter { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block }
        & mut $s:ident, $v:ident : $vt:ty $(,)?) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn $mname(&mut $s, $v: $vt) $($ret)* $body
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__LIMPET_ $name _ $mname>]: $crate::class::ClassItem = $crate::class::ClassItem::Property {
                name: $crate::__private::core::stringify!($mname),
                doc: "",
                get: $crate::__private::core::option::Option::None,
                set: $crate::__private::core::option::Option::Some({
                    fn set<'py>(_: $crate::Python<'py>, slf: &$crate::Bound<'py, $crate::PyAny>, value: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<()> {
                        let mut holder = $crate::__private::holder::<$vt>();
                        let value: $vt = $crate::__private::FromPyArg::from_arg(value, &mut holder)?;
                        let mut target = $crate::class::MutGuard::<$name>::borrow(slf)?;
                        $crate::class::IntoUnit::into_unit(<$name>::$mname(&mut *target, value))
                    }
                    set as $crate::class::SetterFn
                }),
                hint: $crate::__private::core::option::Option::Some({
                    fn hint() -> ::std::string::String { $crate::__private::input_hint_of::<$vt>() }
                    hint as fn() -> ::std::string::String
                }),
            };
        }
    };
    (@receiver setter { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block }
        & $s:ident, $v:ident : $vt:ty $(,)?) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn $mname(&$s, $v: $vt) $($ret)* $body
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__LIMPET_ $name _ $mname>]: $crate::class::ClassItem = $crate::class::ClassItem::Property {
                name: $crate::__private::core::stringify!($mname),
                doc: "",
                get: $crate::__private::core::option::Option::None,
                set: $crate::__private::core::option::Option::Some({
                    fn set<'py>(_: $crate::Python<'py>, slf: &$crate::Bound<'py, $crate::PyAny>, value: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<()> {
                        let mut holder = $crate::__private::holder::<$vt>();
                        let value: $vt = $crate::__private::FromPyArg::from_arg(value, &mut holder)?;
                        let target = $crate::class::RefGuard::<$name>::borrow(slf)?;
                        $crate::class::IntoUnit::into_unit(<$name>::$mname(&*target, value))
                    }
                    set as $crate::class::SetterFn
                }),
                hint: $crate::__private::core::option::Option::Some({
                    fn hint() -> ::std::string::String { $crate::__private::input_hint_of::<$vt>() }
                    hint as fn() -> ::std::string::String
                }),
            };
        }
    };
    // `#[deleter] fn del_x(&mut self)` (or `&self`): `del obj.x`.
    (@receiver deleter { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block } & mut $s:ident $(,)?) => {
        $crate::__limpet_class! { @deleter $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body [&mut $s] MutGuard [&mut *] }
    };
    (@receiver deleter { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block } & $s:ident $(,)?) => {
        $crate::__limpet_class! { @deleter $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body [&$s] RefGuard [&*] }
    };
    (@deleter $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block [$($recv:tt)*] $guard:ident [$($deref:tt)*]) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn $mname($($recv)*) $($ret)* $body
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__LIMPET_ $name _ $mname>]: $crate::class::ClassItem = $crate::class::ClassItem::Deleter(
                $crate::__private::core::stringify!($mname),
                {
                    #[allow(unused_mut)]
                    fn del<'py>(_: $crate::Python<'py>, slf: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<()> {
                        let mut target = $crate::class::$guard::<$name>::borrow(slf)?;
                        $crate::class::IntoUnit::into_unit(<$name>::$mname($($deref)* target))
                    }
                    del as $crate::class::DeleterFn
                },
            );
        }
    };
    // `#[classattr] fn X(py: Python<'_>) -> PyResult<T>`: made with the GIL token.
    (@receiver classattr { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block }
        $p:ident : Python $(<$lt:lifetime>)? $(,)?) => {
        impl $name {
            $($doc)* $($other)*
            #[allow(non_snake_case)]
            $mvis fn $mname($p: $crate::Python<'_>) $($ret)* $body
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__LIMPET_ $name _ $mname>]: $crate::class::ClassItem = $crate::class::ClassItem::ClassAttr(
                $crate::__private::core::stringify!($mname),
                {
                    fn make(py: $crate::Python<'_>) -> $crate::PyResult<$crate::Bound<'_, $crate::PyAny>> {
                        $crate::__private::IntoPyValue::into_value(<$name>::$mname(py), py)
                    }
                    make
                },
                {
                    fn hint() -> ::std::string::String { $crate::__limpet_class!(@ret_hint $mname [$($ret)*]) }
                    hint
                },
            );
        }
    };
    (@receiver classattr { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block }) => {
        impl $name {
            $($doc)* $($other)*
            #[allow(non_snake_case)]
            $mvis fn $mname() $($ret)* $body
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__LIMPET_ $name _ $mname>]: $crate::class::ClassItem = $crate::class::ClassItem::ClassAttr(
                $crate::__private::core::stringify!($mname),
                {
                    fn make(py: $crate::Python<'_>) -> $crate::PyResult<$crate::Bound<'_, $crate::PyAny>> {
                        $crate::__private::IntoPyValue::into_value(<$name>::$mname(), py)
                    }
                    make
                },
                {
                    fn hint() -> ::std::string::String { $crate::__limpet_class!(@ret_hint $mname [$($ret)*]) }
                    hint
                },
            );
        }
    };
    (@receiver $kind:ident { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($m:tt)* } $($params:tt)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::class!: method `", $crate::__private::core::stringify!($mname), "` (", $crate::__private::core::stringify!($kind),
            ") has an unsupported receiver or parameter list `(", $crate::__private::core::stringify!($($params)*), ")`; methods take ",
            "`&self`, `&mut self` or `slf: Py<Self>` first; #[classmethod] takes `cls: &Bound<'_, PyAny>` first; ",
            "#[getter] takes only `&self`; #[setter] takes `&mut self, value: T`; #[deleter] takes only `&mut self` or `&self`; ",
            "#[new] #[classmethod] takes `cls: &Bound<'_, PyAny>` first; #[classattr] takes nothing or `py: Python<'_>`"
        ));
        $crate::__limpet_point_at!($mname);
    };

    // @params: normalise the Python parameters with the shared muncher; it calls back @emit.
    (@params { $([$async:ident])? $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block } [$($recv:tt)*] [$($decl:tt)*] $($params:tt)*) => {
        $crate::__limpet_params! {
            @munch { @method [$($async)?] $name [$($recv)*] [$($decl)*] [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body }
            [pos] [] [] [] [] [] [] [] []
            $($params)*
        }
    };

    // @emit: the method in an `impl` block of its own and its `ClassItem` static.
    (@emit
        { [$($async:ident)?] $name:ident [$($recv:tt)*] [$($decl:tt)*] [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block }
        [$($po:tt)*] [$($pos:tt)*] [$($va:tt)*] [$($vk:tt)*]
        [$($fnp:tt)*] [$($spec:tt)*] [$($ext:tt)*] [$($call:tt)*]
    ) => {
        impl $name {
            $($doc)* $($other)*
            #[allow(clippy::too_many_arguments)]
            $mvis $($async)? fn $mname($($decl)* $($fnp)*) $($ret)* $body
        }
        $crate::__private::paste! {
        impl $name {
        #[doc(hidden)]
        #[allow(non_snake_case, clippy::needless_lifetimes)]
        fn [<__limpet_body_ $mname>]<'a, 'py>(
                __py: $crate::Python<'py>,
                __args: &$crate::__private::ArgSlots<'a, 'py>,
            ) -> $crate::PyResult<*mut $crate::__private::PyObject> {
                $crate::__limpet_class!{ @recv_bind [$($async)?] [__args __recv] $name $($recv)* }
                $( $crate::__limpet_class!{ @extract $mname [__py __args] $ext } )*
                $crate::__limpet_class!(@call [$($async)?] [__py __args __recv] $name $mname [$($call)*] $($recv)*)
            }
            #[doc(hidden)]
            #[allow(non_snake_case)]
            fn [<__limpet_hints_ $mname>]() -> $crate::__private::Hints {
                $crate::__private::Hints::from_table(
                    &[$( $crate::__limpet_function!(@hint $ext) ),*],
                    || $crate::__limpet_class!(@method_hint [$($async)?] $mname [$($ret)*]),
                )
            }
        }

            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__LIMPET_ $name _ $mname>]: $crate::class::ClassItem = {
                $crate::__limpet_function! {
                    @shims [$crate::__limpet_class!(@message_name $name $mname $($recv)*)] BODY
                    [$($po)*] [$($pos)*] [$($va)*] [$($vk)*] [$($spec)*]
                }
                const BODY: $crate::__private::Body = <$name>::[<__limpet_body_ $mname>];
                $crate::__limpet_function! { @noargs BODY [$($spec)*] [$($va)*] [$($vk)*] }
                const HINTS: fn() -> $crate::__private::Hints = <$name>::[<__limpet_hints_ $mname>];
                $crate::__limpet_class!(@item [fast tuple SIG HINTS] $mname [$($doc)*] $($recv)*)
            };
        }
    };

    // @extract: bind one parameter. The operands of binary, reflected and in-place numeric
    // dunders and of rich comparisons convert or give `NotImplemented` (as a Python class's
    // and PyO3's do), so Python tries the other operand's method; errors of the body, a
    // missing argument and a borrow conflict are raised as anywhere else.
    (@extract __add__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __radd__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __iadd__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __sub__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __rsub__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __isub__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __mul__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __rmul__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __imul__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __matmul__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __rmatmul__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __imatmul__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __truediv__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __rtruediv__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __itruediv__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __floordiv__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __rfloordiv__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __ifloordiv__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __mod__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __rmod__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __imod__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __divmod__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __rdivmod__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __pow__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __rpow__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __ipow__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __lshift__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __rlshift__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __ilshift__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __rshift__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __rrshift__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __irshift__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __and__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __rand__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __iand__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __xor__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __rxor__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __ixor__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __or__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __ror__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __ior__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __lt__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __le__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __eq__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __ne__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __gt__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract __ge__ $a:tt $e:tt) => { $crate::__limpet_class!{ @extract_operand $a $e } };
    (@extract $mname:ident $a:tt $e:tt) => { $crate::__limpet_function!{ @extract $a $e } };
    (@extract_operand [$py:ident $args:ident] {slot $n:ident ($t:ty) [$($d:expr)?]}) => {
        let mut holder = $crate::__private::holder::<$t>();
        let $n: $t = match $args.next() {
            ($crate::__private::core::option::Option::Some(obj), i) => {
                match $crate::__private::extract_arg::<$t>(obj, &mut holder, $args.sig(), i) {
                    $crate::__private::core::result::Result::Ok(v) => v,
                    $crate::__private::core::result::Result::Err(err) => return $crate::class::richcmp_unconverted($py, err),
                }
            }
            ($crate::__private::core::option::Option::None, i) => {
                $crate::__limpet_class!(@operand_missing $args i $($d)?)
            }
        };
    };
    (@extract_operand $a:tt $e:tt) => { $crate::__limpet_function!{ @extract $a $e } };
    (@operand_missing $args:ident $i:ident) => { return $crate::__private::core::result::Result::Err($args.missing($i)) };
    (@operand_missing $args:ident $i:ident $d:expr) => { $d };

    // @recv_bind: borrow or convert the receiver.
    (@recv_bind [] [$args:ident $recv:ident] $name:ident ref $s:ident) => {
        let $recv = $crate::class::RefGuard::<$name>::borrow($args.receiver()?)?;
    };
    (@recv_bind [] [$args:ident $recv:ident] $name:ident mut $s:ident) => {
        let mut $recv = $crate::class::MutGuard::<$name>::borrow($args.receiver()?)?;
    };
    (@recv_bind [] [$args:ident $recv:ident] $name:ident owned $s:ident ($t:ty)) => {
        let mut holder = $crate::__private::holder::<$t>();
        let $recv: $t = $crate::__private::FromPyArg::from_arg($args.receiver()?, &mut holder)?;
    };
    (@recv_bind [] [$args:ident $recv:ident] $name:ident cls $s:ident ($t:ty)) => {
        let mut holder = $crate::__private::holder::<$t>();
        let $recv: $t = $crate::__private::FromPyArg::from_arg($args.receiver()?, &mut holder)?;
    };
    (@recv_bind [] [$args:ident $recv:ident] $name:ident static) => { let $recv = (); };
    (@recv_bind [] [$args:ident $recv:ident] $name:ident new) => { let $recv = (); };
    (@recv_bind [] [$args:ident $recv:ident] $name:ident new_cls $s:ident ($t:ty)) => {
        let mut holder = $crate::__private::holder::<$t>();
        let $recv: $t = $crate::__private::FromPyArg::from_arg($args.receiver()?, &mut holder)?;
    };
    // ... of an async method: a borrow the future owns, or as above.
    (@recv_bind [async] [$args:ident $recv:ident] $name:ident ref $s:ident) => {
        let $recv = $crate::__private::AsyncRef::<$name>::borrow($args.receiver()?)?;
    };
    (@recv_bind [async] [$args:ident $recv:ident] $name:ident mut $s:ident) => {
        let mut $recv = $crate::__private::AsyncMut::<$name>::borrow($args.receiver()?)?;
    };
    (@recv_bind [async] [$args:ident $recv:ident] $name:ident $($r:tt)*) => {
        $crate::__limpet_class!{ @recv_bind [] [$args $recv] $name $($r)* }
    };

    // @call: call the Rust method and convert what it returns.
    (@call [] [$py:ident $args:ident $recv:ident] $name:ident $mname:ident [$($call:tt)*] ref $s:ident) => {
        $crate::__limpet_class!(@ret $mname $py <$name>::$mname(&*$recv, $($call)*))
    };
    (@call [] [$py:ident $args:ident $recv:ident] $name:ident $mname:ident [$($call:tt)*] mut $s:ident) => {
        $crate::__limpet_class!(@ret $mname $py <$name>::$mname(&mut *$recv, $($call)*))
    };
    (@call [] [$py:ident $args:ident $recv:ident] $name:ident $mname:ident [$($call:tt)*] owned $s:ident ($t:ty)) => {
        $crate::__limpet_class!(@ret $mname $py <$name>::$mname($recv, $($call)*))
    };
    (@call [] [$py:ident $args:ident $recv:ident] $name:ident $mname:ident [$($call:tt)*] cls $s:ident ($t:ty)) => {
        $crate::__limpet_class!(@ret $mname $py <$name>::$mname($recv, $($call)*))
    };
    (@call [] [$py:ident $args:ident $recv:ident] $name:ident $mname:ident [$($call:tt)*] static) => {{
        let _ = $recv;
        $crate::__limpet_class!(@ret $mname $py <$name>::$mname($($call)*))
    }};
    (@call [] [$py:ident $args:ident $recv:ident] $name:ident $mname:ident [$($call:tt)*] new) => {{
        let _ = $recv;
        let init = $crate::class::NewReturn::into_init(<$name>::$mname($($call)*))?;
        $crate::class::new_for_subtype::<$name, _>($args.receiver()?, init).map($crate::Bound::into_ptr)
    }};
    (@call [] [$py:ident $args:ident $recv:ident] $name:ident $mname:ident [$($call:tt)*] new_cls $s:ident ($t:ty)) => {{
        let init = $crate::class::NewReturn::into_init(<$name>::$mname($recv, $($call)*))?;
        $crate::class::new_for_subtype::<$name, _>($args.receiver()?, init).map($crate::Bound::into_ptr)
    }};

    // ... of an async method: the future (holding the receiver's borrow) as a coroutine.
    (@call [async] [$py:ident $args:ident $recv:ident] $name:ident $mname:ident [$($call:tt)*] ref $s:ident) => {
        $crate::__limpet_class!(@aret $mname $py $name async move { <$name>::$mname(&*$recv, $($call)*).await })
    };
    (@call [async] [$py:ident $args:ident $recv:ident] $name:ident $mname:ident [$($call:tt)*] mut $s:ident) => {
        $crate::__limpet_class!(@aret $mname $py $name async move { <$name>::$mname(&mut *$recv, $($call)*).await })
    };
    (@call [async] [$py:ident $args:ident $recv:ident] $name:ident $mname:ident [$($call:tt)*] owned $s:ident ($t:ty)) => {
        $crate::__limpet_class!(@aret $mname $py $name <$name>::$mname($recv, $($call)*))
    };
    (@call [async] [$py:ident $args:ident $recv:ident] $name:ident $mname:ident [$($call:tt)*] cls $s:ident ($t:ty)) => {
        $crate::__limpet_class!(@aret $mname $py $name <$name>::$mname($recv, $($call)*))
    };
    (@call [async] [$py:ident $args:ident $recv:ident] $name:ident $mname:ident [$($call:tt)*] static) => {{
        let _ = $recv;
        $crate::__limpet_class!(@aret $mname $py $name <$name>::$mname($($call)*))
    }};
    // @aret: an async method's coroutine (`__qualname__` `Class.method`); `async fn __anext__`
    // raises `StopAsyncIteration` from the await when its future gives `None`.
    (@aret __anext__ $py:ident $name:ident $e:expr) => {
        $crate::__private::IntoPyReturn::into_return($crate::__private::async_anext(
            "__anext__", $crate::__private::core::concat!($crate::__private::core::stringify!($name), ".__anext__"), $e), $py)
    };
    (@aret $mname:ident $py:ident $name:ident $e:expr) => {
        $crate::__private::IntoPyReturn::into_return($crate::__private::async_method(
            $crate::__private::core::stringify!($mname),
            $crate::__private::core::concat!($crate::__private::core::stringify!($name), ".", $crate::__private::core::stringify!($mname)),
            $e,
        ), $py)
    };

    // @ret: `__next__`/`__anext__` end the iteration on `None`; everything else converts.
    (@ret __next__ $py:ident $e:expr) => { $crate::class::iter_next($py, $e, false) };
    (@ret __anext__ $py:ident $e:expr) => { $crate::class::iter_next($py, $e, true) };
    (@ret $mname:ident $py:ident $e:expr) => { $crate::__private::IntoPyReturn::into_return($e, $py) };

    // @message_name: the name argument errors show (`Counter.incr`, `Counter` for `__new__`).
    (@message_name $name:ident $mname:ident new) => { $crate::__private::core::stringify!($name) };
    (@message_name $name:ident $mname:ident new_cls $($r:tt)*) => { $crate::__private::core::stringify!($name) };
    (@message_name $name:ident $mname:ident $($recv:tt)*) => {
        $crate::__private::core::concat!($crate::__private::core::stringify!($name), ".", $crate::__private::core::stringify!($mname))
    };

    // @item: the `ClassItem` for a method of each kind (GC methods become slots).
    (@item [$fast:ident $tuple:ident $sig:ident $hints:ident] $mname:ident [$($doc:tt)*] new_cls $($r:tt)*) => {
        $crate::__limpet_class!(@item [$fast $tuple $sig $hints] $mname [$($doc)*] new)
    };
    // (The shims named here are the ones `@emit` generated for this method's SIG and BODY.)
    (@item [$fast:ident $tuple:ident $sig:ident $hints:ident] $mname:ident [$($doc:tt)*] new) => {{
        const DOC: &str = $crate::__limpet_doc!(@acc [] $($doc)*);
        const KIND: $crate::__private::FnKind = $crate::__private::FnKind::Static;
        // `tp_new` is called with a tuple on every construction: its own inlined binding, not
        // the shared adapter (one per class).
        unsafe extern "C" fn tp_new(
            slf: *mut $crate::__private::PyObject,
            args: *mut $crate::__private::PyObject,
            kwargs: *mut $crate::__private::PyObject,
        ) -> *mut $crate::__private::PyObject {
            $crate::__private::call_tuple(&$sig, slf, args, kwargs, |py, a| BODY(py, a))
        }
        // SAFETY: the method's own shims (see above).
        $crate::class::ClassItem::New(unsafe { $crate::__private::FunctionDef::method(KIND, "__new__", &$sig, DOC, $fast, tp_new) }.with_hints($hints))
    }};
    (@item [$fast:ident $tuple:ident $sig:ident $hints:ident] $mname:ident [$($doc:tt)*] $($recv:tt)*) => {{
        const DOC: &str = $crate::__limpet_doc!(@acc [] $($doc)*);
        const NAME: &str = $crate::__private::core::stringify!($mname);
        const KIND: $crate::__private::FnKind = $crate::__limpet_class!(@kind $($recv)*);
        let slot = $crate::__limpet_class!(@slot $sig $mname);
        // SAFETY: the method's own shims (see above), and its slot shim if any.
        let def = unsafe { $crate::__private::FunctionDef::method(KIND, NAME, &$sig, DOC, $fast, $tuple).with_noargs(NOARGS).with_slot(slot) };
        $crate::class::ClassItem::Method(def.with_hints($hints))
    }};
    // @slot: the hot unary dunders and `__contains__` fill their type slot directly (the
    // method stays callable too; `class::slot` checks the result as CPython's slot function
    // checks a Python dunder's: bool, int, sign); the others get CPython's slot functions when the type
    // re-sets them (see src/class.rs): `__getitem__` must also fill `sq_item`, and `__call__`
    // keeps its signature and doc that way.
    // The shims are `unsafe`: CPython calls each as its slot of this class, with an instance
    // (and, for `sq_contains`, an object), which is the contract of `class::slot`.
    (@slot $sig:ident __len__) => {{
        unsafe extern "C" fn len(slf: *mut $crate::__private::PyObject) -> isize {
            $crate::class::slot::len(&$sig, slf, BODY)
        }
        $crate::__private::core::option::Option::Some($crate::class::SlotFn::Len(len))
    }};
    (@slot $sig:ident __hash__) => {{
        unsafe extern "C" fn hash(slf: *mut $crate::__private::PyObject) -> isize {
            $crate::class::slot::hash(&$sig, slf, BODY)
        }
        $crate::__private::core::option::Option::Some($crate::class::SlotFn::Hash(hash))
    }};
    (@slot $sig:ident __bool__) => {{
        unsafe extern "C" fn truth(slf: *mut $crate::__private::PyObject) -> ::std::os::raw::c_int {
            $crate::class::slot::truth(&$sig, slf, BODY)
        }
        $crate::__private::core::option::Option::Some($crate::class::SlotFn::Bool(truth))
    }};
    (@slot $sig:ident __repr__) => { $crate::__limpet_class!(@unary $sig Py_tp_repr) };
    (@slot $sig:ident __str__) => { $crate::__limpet_class!(@unary $sig Py_tp_str) };
    (@slot $sig:ident __iter__) => { $crate::__limpet_class!(@unary $sig Py_tp_iter) };
    (@slot $sig:ident __next__) => { $crate::__limpet_class!(@unary $sig Py_tp_iternext) };
    (@slot $sig:ident __contains__) => {{
        unsafe extern "C" fn contains(slf: *mut $crate::__private::PyObject, item: *mut $crate::__private::PyObject) -> ::std::os::raw::c_int {
            $crate::class::slot::contains(&$sig, slf, item, BODY)
        }
        $crate::__private::core::option::Option::Some($crate::class::SlotFn::Contains(contains))
    }};
    (@slot $sig:ident $mname:ident) => { $crate::__private::core::option::Option::None };
    (@unary $sig:ident $id:ident) => {{
        unsafe extern "C" fn unary(slf: *mut $crate::__private::PyObject) -> *mut $crate::__private::PyObject {
            $crate::class::slot::unary(&$sig, slf, BODY)
        }
        $crate::__private::core::option::Option::Some($crate::class::SlotFn::Unary($crate::__private::ffi_slot::$id, unary))
    }};
    // @method_hint: the return hint of a method, a coroutine's for an async one.
    (@method_hint [] $mname:ident [$($ret:tt)*]) => { $crate::__limpet_class!(@ret_hint $mname [$($ret)*]) };
    (@method_hint [async] $mname:ident []) => { $crate::__private::async_output_hint_of::<()>() };
    (@method_hint [async] __anext__ [-> $r:ty]) => {
        $crate::__private::async_output_hint_of::<<$r as $crate::class::NextItem>::Item>()
    };
    (@method_hint [async] $mname:ident [-> $r:ty]) => { $crate::__private::async_output_hint_of::<$r>() };
    // @ret_hint: what a method returns, for stubs (`__next__` returns the item type).
    (@ret_hint $mname:ident []) => { ::std::string::String::from("None") };
    (@ret_hint __next__ [-> $r:ty]) => { ::std::string::String::from("typing.Any") };
    (@ret_hint __anext__ [-> $r:ty]) => { ::std::string::String::from("typing.Any") };
    (@ret_hint $mname:ident [-> $r:ty]) => { $crate::__private::output_hint_of::<$r>() };
    (@kind static) => { $crate::__private::FnKind::Static };
    (@kind cls $($r:tt)*) => { $crate::__private::FnKind::Class };
    (@kind $($r:tt)*) => { $crate::__private::FnKind::Method };

    ($($other:tt)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet internal error in __limpet_class!: unexpected `", $crate::__private::core::stringify!($($other)*), "`"
        ));
    };
}
