//! `__limpet_class_def!`: the user's struct or enum and what makes it a class: the
//! `PyClass` impl with its `ClassDef` static (listing every item's static), the type check
//! and `IntoPy`. An enum also gets `repr`, equality, hash and int conversion.

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_def {
    // @struct: the struct as written (minus `#[py(..)]`), `PyClass`, type check, `IntoPy`.
    (@struct { $vis:vis $name:ident [$( [$($fdoc:tt)*] $fvis:vis $field:ident : $fty:ty ),*] [$($mname:ident)*] }
        [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($base:ident)?]) => {
        $($other)*
        $($doc)*
        $vis struct $name {
            $( $($fdoc)* $fvis $field : $fty ),*
        }
        $crate::__limpet_class_def! { @class { $name [$($field)*] [$($mname)*] } [$($doc)*] [$($opt)*] [$($base)?] }
    };
    // A tuple struct: its fields are numbered (`__limpet_class_field!`'s `@number`).
    (@struct { $vis:vis $name:ident [tuple ( $( $i:tt [$($fdoc:tt)*] $fvis:vis $fty:ty ),* )] [$($mname:ident)*] }
        [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($base:ident)?]) => {
        $($other)*
        $($doc)*
        $vis struct $name ( $( $( #[doc = $fdoc] )* $fvis $fty ),* );
        $crate::__limpet_class_def! { @class { $name [$($i)*] [$($mname)*] } [$($doc)*] [$($opt)*] [$($base)?] }
    };
    // A unit struct.
    (@struct { $vis:vis $name:ident [unit ()] [$($mname:ident)*] }
        [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($base:ident)?]) => {
        $($other)*
        $($doc)*
        $vis struct $name;
        $crate::__limpet_class_def! { @class { $name [] [$($mname)*] } [$($doc)*] [$($opt)*] [$($base)?] }
    };
    // @class: the struct's `PyClass` impl, type check and conversions (fields by their key:
    // the name, or the index of a tuple struct's field).
    (@class { $name:ident [$($field:tt)*] [$($mname:ident)*] } [$($doc:tt)*] [$($opt:tt)*] [$($base:ident)?]) => {
        impl $name {
            #[doc(hidden)]
            const __LIMPET_OPTIONS: $crate::class::ClassOptions =
                $crate::class::ClassOptions::from_options(&[$($crate::__limpet_class_option!($name $opt)),*]);
        }

        $crate::__private::paste! {
            $crate::__limpet_class_def! { @pyclass $name
                [<$name>::__LIMPET_OPTIONS.py_name($crate::__private::core::stringify!($name))]
                [$crate::__limpet_doc!(@acc [] $($doc)*)]
                [$( &[<__limpet_field_ $name __ $field>], )* $( &[<__limpet_method_ $name __ $mname>], )*]
                [$crate::__limpet_class_def!(@base $($base)?)]
            }
        }

        impl $crate::types::PyTypeCheck for $name {
            const NAME: &'static str = <$name>::__LIMPET_OPTIONS.py_name($crate::__private::core::stringify!($name));
            fn type_check(obj: &$crate::Bound<'_, $crate::PyAny>) -> bool {
                <$name as $crate::class::PyClass>::class_def().is_instance(obj)
            }
        }

        impl $crate::IntoPy for $name {
            fn into_py(self, py: $crate::Python<'_>) -> $crate::PyResult<$crate::Bound<'_, $crate::PyAny>> {
                $crate::class::new_instance(py, self)
            }
            fn output_hint() -> ::std::string::String {
                ::std::borrow::ToOwned::to_owned(<Self as $crate::types::PyTypeCheck>::NAME)
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
                ::std::borrow::ToOwned::to_owned(<Self as $crate::types::PyTypeCheck>::NAME)
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
                ::std::borrow::ToOwned::to_owned(<Self as $crate::types::PyTypeCheck>::NAME)
            }
        }
    };

    // @pyclass: the `PyClass` impl of a struct or enum: its description, whose layout fields
    // (cell layout, drop, dealloc, GC slots) are all made here for `$name`.
    (@pyclass $name:ident [$py_name:expr] [$doc:expr] [$($item:expr,)*] [$base:expr]) => {
        // SAFETY: the description is this type's own: every layout field below is made for
        // `$name` by this expansion (the contract of `PyClass` and of `ClassDefGuarantee`).
        unsafe impl $crate::class::PyClass for $name {
            fn class_def() -> &'static $crate::class::ClassDef {
                static DEF: $crate::class::ClassDef = $crate::class::ClassDef {
                    name: $py_name,
                    doc: $doc,
                    options: <$name>::__LIMPET_OPTIONS,
                    items: &[$($item,)*],
                    cell_layout: $crate::class::cell_layout::<$name>(),
                    drop_cell: $crate::class::drop_cell::<$name>,
                    dealloc: $crate::class::dealloc::<$name>,
                    plain_gc: ($crate::class::plain_traverse::<$name>, $crate::class::plain_clear::<$name>),
                    state: $crate::__private::OnceLock::new(),
                    // SAFETY: as for the impl: every field above was made for `$name`.
                    guarantee: unsafe { $crate::class::ClassDefGuarantee::new() },
                    base: $base,
                };
                &DEF
            }
        }
    };

    // @enum: a fieldless enum as a frozen class with one class attribute per variant.
    (@enum $(#[$($cattr:tt)*])* $vis:vis enum $name:ident { $($body:tt)* } [$($mname:ident)*] [$($variant:ident)*]) => {
        $(#[$($cattr)*])*
        $vis enum $name { $($body)* }
        impl $name {
            #[doc(hidden)]
            const __LIMPET_OPTIONS: $crate::class::ClassOptions = $crate::class::ClassOptions::parse(&["frozen"]);
        }

        $crate::__private::paste! {
            $crate::__limpet_class_def! { @pyclass $name
                [$crate::__private::core::stringify!($name)]
                [$crate::__limpet_doc!(@acc [] $(#[$($cattr)*])*)]
                [
                    $( &[<__limpet_variant_ $name __ $variant>], )*
                    &[<__limpet_method_ $name __ __repr__>], &[<__limpet_method_ $name __ __eq__>], &[<__limpet_method_ $name __ __hash__>],
                    &[<__limpet_method_ $name __ __int__>], &[<__limpet_method_ $name __ __index__>],
                    $( &[<__limpet_method_ $name __ $mname>], )*
                ]
                [$crate::__private::core::option::Option::None]
            }
            $(
                #[doc(hidden)]
                #[allow(non_upper_case_globals)]
                static [<__limpet_variant_ $name __ $variant>]: $crate::class::ClassItem = $crate::class::ClassItem::ClassAttr(
                    $crate::__private::core::stringify!($variant),
                    {
                        fn make(py: $crate::Python<'_>) -> $crate::PyResult<$crate::Bound<'_, $crate::PyAny>> {
                            $crate::IntoPy::into_py($name::$variant, py)
                        }
                        make
                    },
                    {
                        fn hint() -> ::std::string::String { ::std::borrow::ToOwned::to_owned($crate::__private::core::stringify!($name)) }
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
                ::std::borrow::ToOwned::to_owned($crate::__private::core::stringify!($name))
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
        $crate::__limpet_method_attrs! {{ [] $name pub(crate) __repr__ (&self) [-> &'static str] {
            match self { $( $name::$variant => $crate::__private::core::concat!(
                $crate::__private::core::stringify!($name), ".", $crate::__private::core::stringify!($variant)), )* }
        } } [method __limpet_class_receiver] [] [] }
        $crate::__limpet_method_attrs! {{ [] $name pub(crate) __eq__ (&self, other: &$crate::Bound<'_, $crate::PyAny>) [-> bool] {
            match $crate::class::RefGuard::<$name>::borrow(other) {
                $crate::__private::core::result::Result::Ok(o) => o.__limpet_discriminant() == self.__limpet_discriminant(),
                $crate::__private::core::result::Result::Err(_) => other.extract::<isize>().map_or(false, |v| v == self.__limpet_discriminant()),
            }
        } } [method __limpet_class_receiver] [] [] }
        $crate::__limpet_method_attrs! {{ [] $name pub(crate) __hash__ (&self) [-> isize] { self.__limpet_discriminant() } } [method __limpet_class_receiver] [] [] }
        $crate::__limpet_method_attrs! {{ [] $name pub(crate) __int__ (&self) [-> isize] { self.__limpet_discriminant() } } [method __limpet_class_receiver] [] [] }
        $crate::__limpet_method_attrs! {{ [] $name pub(crate) __index__ (&self) [-> isize] { self.__limpet_discriminant() } } [method __limpet_class_receiver] [] [] }
    };

    // @py_qualname: `PyName.method` (`&'static str`, in a constant) with the class's Python
    // name (`#[name = ".."]` or the Rust name); @py_name: that name.
    (@py_name $name:ident) => {
        <$name>::__LIMPET_OPTIONS.py_name($crate::__private::core::stringify!($name))
    };
    (@py_qualname $name:ident $mname:ident) => {{
        const PARTS: &[&str] = &[
            $crate::__limpet_class_def!(@py_name $name), ".", $crate::__private::core::stringify!($mname),
        ];
        const BYTES: [u8; $crate::class::concat_len(PARTS)] = $crate::class::concat_bytes(PARTS);
        const QUALNAME: &str = match $crate::__private::core::str::from_utf8(&BYTES) {
            $crate::__private::core::result::Result::Ok(s) => s,
            $crate::__private::core::result::Result::Err(_) => $crate::__private::core::panic!("a class or method name is not UTF-8"),
        };
        QUALNAME
    }};

    // @base: the `base` field of a `ClassDef`.
    (@base) => { $crate::__private::core::option::Option::None };
    (@base $base:ident) => {
        $crate::__private::core::option::Option::Some(<$base as $crate::class::PyClassBase>::BASE)
    };

    // @mut_receiver: `&mut self` needs a class that is not `#[frozen]` (checked where the
    // class is compiled, not when the method is called), an error at `self` otherwise.
    (@mut_receiver $name:ident $mname:ident $s:tt) => {
        const _: () = {
            trait LimpetCheck {
                fn limpet_check(&mut self);
            }
            impl LimpetCheck for $name {
                fn limpet_check(&mut $s) {
                    limpet_expects($s)
                }
            }
            fn limpet_expects<T: $crate::__private::MutReceiver<{ !<$name>::__LIMPET_OPTIONS.frozen }>>(_: T) {}
        };
    };
}
