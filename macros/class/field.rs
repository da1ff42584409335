//! `__limpet_class_field!`: the property of one field (`#[py(get)]`, `#[py(set)]`, both
//! or neither), as a `ClassItem::Property` static.

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_field {
    ($name:ident $field:ident ($fty:ty) [$($fdoc:expr)*] [$($fopt:ident)*]) => {
        $crate::__limpet_class_field! { @opts $field $($fopt)* }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__limpet_field_ $name __ $field>]: $crate::class::ClassItem = $crate::class::ClassItem::Property {
                name: $crate::__private::core::stringify!($field),
                doc: $crate::__private::core::concat!("" $(, $fdoc, "\n")*),
                get: $crate::__limpet_class_field!(@get $name $field [$($fopt)*]),
                set: $crate::__limpet_class_field!(@set $name $field ($fty) [$($fopt)*]),
                hint: $crate::__limpet_class_field!(@when_get [$($fopt)*] {{
                    fn hint() -> ::std::string::String { <$fty as $crate::IntoPy>::output_hint() }
                    $crate::__private::core::option::Option::Some(hint as fn() -> ::std::string::String)
                }}),
            };
        }
    };
    (@get $name:ident $field:ident [$($fopt:ident)*]) => {
        $crate::__limpet_class_field!(@when_get [$($fopt)*] {{
            fn get<'py>(py: $crate::Python<'py>, slf: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<*mut $crate::__private::PyObject> {
                let value = $crate::class::RefGuard::<$name>::borrow(slf)?;
                $crate::__private::IntoPyReturn::into_return($crate::__private::core::clone::Clone::clone(&value.$field), py)
            }
            $crate::__private::core::option::Option::Some(get as $crate::class::GetterFn)
        }})
    };
    (@set $name:ident $field:ident ($fty:ty) [$($fopt:ident)*]) => {
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
    (@opts $field:ident get $($rest:ident)*) => { $crate::__limpet_class_field! { @opts $field $($rest)* } };
    (@opts $field:ident set $($rest:ident)*) => { $crate::__limpet_class_field! { @opts $field $($rest)* } };
    (@opts $field:ident $bad:ident $($rest:ident)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::class!: unknown option `", $crate::__private::core::stringify!($bad), "` on field `",
            $crate::__private::core::stringify!($field), "`; expected `#[py(get)]`, `#[py(set)]` or `#[py(get, set)]`"
        ));
        $crate::__limpet_point_at!($bad);
    };
    // @when_get / @when_set: the block when the option list names it, else `None`.
    (@when_get [] $b:block) => { $crate::__private::core::option::Option::None };
    (@when_get [get $($o:ident)*] $b:block) => { $b };
    (@when_get [$x:ident $($o:ident)*] $b:block) => { $crate::__limpet_class_field!(@when_get [$($o)*] $b) };
    (@when_set [] $b:block) => { $crate::__private::core::option::Option::None };
    (@when_set [set $($o:ident)*] $b:block) => { $b };
    (@when_set [$x:ident $($o:ident)*] $b:block) => { $crate::__limpet_class_field!(@when_set [$($o)*] $b) };

}
