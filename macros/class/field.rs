//! `__limpet_class_field!`: the property of one field (`#[py(get)]`, `#[py(set)]`, both
//! or neither), as a `ClassItem::Property` static; and a tuple struct's fields, numbered
//! (`@shape`, `@number`), whose properties need a Python name (`#[py(get, name = "x")]`).

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_field {
    ($name:ident $field:ident ($fty:ty) [$($fdoc:expr)*] [$($fopt:tt)*]) => {
        $crate::__limpet_class_field! { @opts $field $($fopt)* }
        $crate::__limpet_class_field! { @prop $name $field ($crate::__private::core::stringify!($field)) ($fty) [$($fdoc)*] [$($fopt)*] }
    };
    // @prop: the static of the field with key `$key` (its name, or its index in a tuple
    // struct), shown to Python as `$pyname`.
    (@prop $name:ident $key:tt ($pyname:expr) ($fty:ty) [$($fdoc:expr)*] [$($fopt:tt)*]) => {
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__limpet_field_ $name __ $key>]: $crate::class::ClassItem = $crate::class::ClassItem::Property {
                name: $pyname,
                doc: $crate::__private::core::concat!("" $(, $fdoc, "\n")*),
                // The hint first: a field type that does not convert is reported at the user's
                // type before the getter's call into it is.
                hint: $crate::__limpet_class_field!(@when_get [$($fopt)*] {{
                    fn hint() -> ::std::string::String { <$fty as $crate::IntoPy>::output_hint() }
                    $crate::__private::core::option::Option::Some(hint as fn() -> ::std::string::String)
                }}),
                get: $crate::__limpet_class_field!(@get $name $key [$($fopt)*]),
                set: $crate::__limpet_class_field!(@set $name $key ($fty) [$($fopt)*]),
            };
        }
    };

    // @shape: a tuple struct's fields in parentheses, or none (a unit struct); then the
    // class as for a struct with named fields.
    (@shape { $($ctx:tt)* }) => {
        $crate::__limpet_class_field! { @number [] [] [] unit { $($ctx)* } }
    };
    (@shape ( $( $(#[doc = $fdoc:expr])* $(#[py($($fopt:tt)*)])? $fvis:vis $fty:ty ),* $(,)? ) { $($ctx:tt)* }) => {
        $crate::__limpet_class_field! { @number
            [0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31] []
            [$( { [$($fdoc)*] [$($($fopt)*)?] $fvis $fty } )*] tuple { $($ctx)* } }
    };
    (@shape $($other:tt)*) => {
        $crate::__private::core::compile_error!(
            "limpet::class!: expected `struct NAME { FIELDS }`, `struct NAME(FIELDS);` or `struct NAME;`"
        );
    };
    // @number: give each field its index (a bounded walk: at most 32 fields).
    (@number [$i:tt $($is:tt)*] [$($acc:tt)*] [{ $($f:tt)* } $($rest:tt)*] $shape:ident $ctx:tt) => {
        $crate::__limpet_class_field! { @number [$($is)*] [$($acc)* ($i $($f)*)] [$($rest)*] $shape $ctx }
    };
    (@number [] [$($acc:tt)*] [{ $($f:tt)* } $($rest:tt)*] $shape:ident $ctx:tt) => {
        $crate::__private::core::compile_error!("limpet::class!: a tuple struct class has at most 32 fields");
    };
    (@number [$($is:tt)*] [$( ($i:tt [$($fdoc:tt)*] [$($fopt:tt)*] $fvis:vis $fty:ty) )*] [] $shape:ident
        { $vis:vis $name:ident [$($mname:ident)*] $($cattr:tt)* }) => {
        $crate::__limpet_class_attrs! {
            { $vis $name [$shape ( $( $i [$($fdoc)*] $fvis $fty ),* )] [$($mname)*] }
            [] [] [] []
            $($cattr)*
        }
        $( $crate::__limpet_class_field! { @tuple $name $i ($fty) [$($fdoc)*] [] [] $($fopt)* } )*
    };
    // @tuple: a tuple struct field's options: `get`, `set`, `name = "x"`; get/set need the name.
    (@tuple $name:ident $i:tt ($fty:ty) [$($fdoc:tt)*] [$($o:ident)*] [] name = $n:literal $(, $($rest:tt)*)?) => {
        $crate::__limpet_class_field! { @tuple $name $i ($fty) [$($fdoc)*] [$($o)*] [$n] $($($rest)*)? }
    };
    (@tuple $name:ident $i:tt ($fty:ty) [$($fdoc:tt)*] [$($o:ident)*] [$($n:literal)?] $kw:ident $(, $($rest:tt)*)?) => {
        $crate::__limpet_class_field! { @flag $kw $kw $name $i ($fty) [$($fdoc)*] [$($o)*] [$($n)?] $($($rest)*)? }
    };
    (@flag get $kw:ident $name:ident $i:tt ($fty:ty) [$($fdoc:tt)*] [$($o:ident)*] [$($n:literal)?] $($rest:tt)*) => {
        $crate::__limpet_class_field! { @tuple $name $i ($fty) [$($fdoc)*] [$($o)* $kw] [$($n)?] $($rest)* }
    };
    (@flag set $kw:ident $name:ident $i:tt ($fty:ty) [$($fdoc:tt)*] [$($o:ident)*] [$($n:literal)?] $($rest:tt)*) => {
        $crate::__limpet_class_field! { @tuple $name $i ($fty) [$($fdoc)*] [$($o)* $kw] [$($n)?] $($rest)* }
    };
    (@flag $other:ident $kw:ident $name:ident $i:tt ($fty:ty) [$($fdoc:tt)*] [$($o:ident)*] [$($n:literal)?] $($rest:tt)*) => {
        $crate::__limpet_class_field! { @unknown $name $i $kw }
    };
    (@tuple $name:ident $i:tt ($fty:ty) [$($fdoc:tt)*] [] [] ) => {
        $crate::__limpet_class_field! { @prop $name $i ("") ($fty) [$($fdoc)*] [] }
    };
    (@tuple $name:ident $i:tt ($fty:ty) [$($fdoc:tt)*] [$($o:ident)+] [$n:literal] ) => {
        $crate::__limpet_class_field! { @prop $name $i ($n) ($fty) [$($fdoc)*] [$($o)*] }
    };
    (@tuple $name:ident $i:tt ($fty:ty) [$($fdoc:tt)*] [$first:ident $($o:ident)*] [] ) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::class!: `", $crate::__private::core::stringify!($first), "` on field ", $crate::__private::core::stringify!($i),
            " of tuple struct `", $crate::__private::core::stringify!($name),
            "` needs a Python name for the property: `#[py(", $crate::__private::core::stringify!($first $(, $o)*), ", name = \"..\")]`"
        ));
    };
    (@tuple $name:ident $i:tt ($fty:ty) [$($fdoc:tt)*] [] [$n:literal] ) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::class!: `name = ", $crate::__private::core::stringify!($n), "` on field ", $crate::__private::core::stringify!($i),
            " of tuple struct `", $crate::__private::core::stringify!($name),
            "` names no property: add `get` and/or `set`"
        ));
    };
    (@tuple $name:ident $i:tt ($fty:ty) [$($fdoc:tt)*] [$($o:ident)*] [$($n:literal)?] $bad:tt $($rest:tt)*) => {
        $crate::__limpet_class_field! { @unknown $name $i $bad }
    };
    (@unknown $name:ident $i:tt $bad:tt) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::class!: unknown option `", $crate::__private::core::stringify!($bad), "` on field ", $crate::__private::core::stringify!($i),
            " of tuple struct `", $crate::__private::core::stringify!($name),
            "`; expected `#[py(get, name = \"..\")]`, `#[py(set, name = \"..\")]` or `#[py(get, set, name = \"..\")]`"
        ));
    };
    (@get $name:ident $field:tt [$($fopt:tt)*]) => {
        $crate::__limpet_class_field!(@when_get [$($fopt)*] {{
            fn get<'py>(py: $crate::Python<'py>, slf: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<*mut $crate::__private::PyObject> {
                let value = $crate::class::RefGuard::<$name>::borrow(slf)?;
                $crate::__private::IntoPyReturn::into_return($crate::__private::core::clone::Clone::clone(&value.$field), py)
            }
            $crate::__private::core::option::Option::Some(get as $crate::class::GetterFn)
        }})
    };
    (@set $name:ident $field:tt ($fty:ty) [$($fopt:tt)*]) => {
        $crate::__limpet_class_field!(@when_set [$($fopt)*] {{
            fn set<'py>(_: $crate::Python<'py>, slf: &$crate::Bound<'py, $crate::PyAny>, value: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<()> {
                let value: $fty = $crate::FromPyObject::extract(value)?;
                $crate::class::MutGuard::<$name>::borrow(slf)?.$field = value;
                $crate::__private::core::result::Result::Ok(())
            }
            $crate::__private::core::option::Option::Some(set as $crate::class::SetterFn)
        }})
    };
    // @opts: only `get` and `set` are field options.
    (@opts $field:ident) => {};
    (@opts $field:ident get $($rest:tt)*) => { $crate::__limpet_class_field! { @opts $field $($rest)* } };
    (@opts $field:ident set $($rest:tt)*) => { $crate::__limpet_class_field! { @opts $field $($rest)* } };
    (@opts $field:ident $bad:tt $($rest:tt)*) => {
        $crate::__limpet_error! { $bad FieldOption [get set]
            "limpet::class!: unknown field option; a field takes `#[py(get)]`, `#[py(set)]` or `#[py(get, set)]`"
            "`{Self}` is not a field option" }
    };
    // @when_get / @when_set: the block when the option list names it, else `None`.
    (@when_get [] $b:block) => { $crate::__private::core::option::Option::None };
    (@when_get [get $($o:tt)*] $b:block) => { $b };
    (@when_get [$x:tt $($o:tt)*] $b:block) => { $crate::__limpet_class_field!(@when_get [$($o)*] $b) };
    (@when_set [] $b:block) => { $crate::__private::core::option::Option::None };
    (@when_set [set $($o:tt)*] $b:block) => { $b };
    (@when_set [$x:tt $($o:tt)*] $b:block) => { $crate::__limpet_class_field!(@when_set [$($o)*] $b) };

}
