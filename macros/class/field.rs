//! `__limpet_class_field!`: the property of one field (`#[py(get)]`, `#[py(set)]`, both
//! or neither), as a `ClassItem::Property` static.

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_field {
    ($name:ident $field:ident ($fty:ty) [$($fdoc:expr)*] [$($fopt:tt)*]) => {
        $crate::__limpet_class_field! { @opts $field $($fopt)* }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__limpet_field_ $name __ $field>]: $crate::class::ClassItem = $crate::class::ClassItem::Property {
                name: $crate::__private::core::stringify!($field),
                doc: $crate::__private::core::concat!("" $(, $fdoc, "\n")*),
                // The hint first: a field type that does not convert is reported at the user's
                // type before the getter's call into it is.
                hint: $crate::__limpet_class_field!(@when_get [$($fopt)*] {{
                    fn hint() -> ::std::string::String { <$fty as $crate::IntoPy>::output_hint() }
                    $crate::__private::core::option::Option::Some(hint as fn() -> ::std::string::String)
                }}),
                get: $crate::__limpet_class_field!(@get $name $field [$($fopt)*]),
                set: $crate::__limpet_class_field!(@set $name $field ($fty) [$($fopt)*]),
            };
        }
    };
    (@get $name:ident $field:ident [$($fopt:tt)*]) => {
        $crate::__limpet_class_field!(@when_get [$($fopt)*] {{
            fn get<'py>(py: $crate::Python<'py>, slf: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<*mut $crate::__private::PyObject> {
                let value = $crate::class::RefGuard::<$name>::borrow(slf)?;
                $crate::__private::IntoPyReturn::into_return($crate::__private::core::clone::Clone::clone(&value.$field), py)
            }
            $crate::__private::core::option::Option::Some(get as $crate::class::GetterFn)
        }})
    };
    (@set $name:ident $field:ident ($fty:ty) [$($fopt:tt)*]) => {
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
