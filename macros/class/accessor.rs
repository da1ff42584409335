//! `__limpet_class_accessor!`: `#[getter]`, `#[setter]`, `#[deleter]` (properties, merged by
//! name at type creation) and `#[classattr]` (a class attribute made once): the user's
//! method plus its `ClassItem` static.

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_accessor {
    (getter { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block } & $s:ident $(,)?) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn $mname(&$s) $($ret)* $body
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__limpet_method_ $name __ $mname>]: $crate::class::ClassItem = $crate::class::ClassItem::Property {
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
                    fn hint() -> ::std::string::String { $crate::__limpet_class_item!(@ret_hint $mname [$($ret)*]) }
                    hint as fn() -> ::std::string::String
                }),
            };
        }
    };
    // `#[setter] fn set_x(&mut self, value: T)` (or `&self`): `obj.x = value`.
    (setter { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block }
        & mut $s:tt, $v:ident : $vt:ty $(,)?) => {
        $crate::__limpet_class_def! { @mut_receiver $name $mname $s }
        $crate::__limpet_class_accessor! { @setter $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body [&mut $s] $v ($vt) MutGuard [&mut *] }
    };
    (setter { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block }
        & $s:ident, $v:ident : $vt:ty $(,)?) => {
        $crate::__limpet_class_accessor! { @setter $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body [&$s] $v ($vt) RefGuard [&*] }
    };
    (@setter $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block
        [$($recv:tt)*] $v:ident ($vt:ty) $guard:ident [$($deref:tt)*]) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn $mname($($recv)*, $v: $vt) $($ret)* $body
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__limpet_method_ $name __ $mname>]: $crate::class::ClassItem = $crate::class::ClassItem::Property {
                name: $crate::__private::core::stringify!($mname),
                doc: "",
                get: $crate::__private::core::option::Option::None,
                set: $crate::__private::core::option::Option::Some({
                    #[allow(unused_mut)]
                    fn set<'py>(_: $crate::Python<'py>, slf: &$crate::Bound<'py, $crate::PyAny>, value: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<()> {
                        let mut holder = $crate::__private::holder::<$vt>();
                        let value: $vt = $crate::__private::FromPyArg::from_arg(value, &mut holder)?;
                        let mut target = $crate::class::$guard::<$name>::borrow(slf)?;
                        $crate::class::IntoUnit::into_unit(<$name>::$mname($($deref)* target, value))
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
    (deleter { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block } & mut $s:tt $(,)?) => {
        $crate::__limpet_class_def! { @mut_receiver $name $mname $s }
        $crate::__limpet_class_accessor! { @deleter $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body [&mut $s] MutGuard [&mut *] }
    };
    (deleter { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block } & $s:ident $(,)?) => {
        $crate::__limpet_class_accessor! { @deleter $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body [&$s] RefGuard [&*] }
    };
    (@deleter $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block [$($recv:tt)*] $guard:ident [$($deref:tt)*]) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn $mname($($recv)*) $($ret)* $body
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__limpet_method_ $name __ $mname>]: $crate::class::ClassItem = $crate::class::ClassItem::Deleter(
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
    // `#[classattr] fn X() -> T` or `fn X(py: Python<'_>) -> PyResult<T>`: made once, with the class.
    (classattr { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block }
        $p:ident : Python $(<$lt:lifetime>)? $(,)?) => {
        $crate::__limpet_class_accessor! { @classattr $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body [$p: $crate::Python<'_>] [py] }
    };
    (classattr { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block }) => {
        $crate::__limpet_class_accessor! { @classattr $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body [] [] }
    };
    (@classattr $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block
        [$($param:tt)*] [$($arg:ident)?]) => {
        impl $name {
            $($doc)* $($other)*
            #[allow(non_snake_case)]
            $mvis fn $mname($($param)*) $($ret)* $body
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__limpet_method_ $name __ $mname>]: $crate::class::ClassItem = $crate::class::ClassItem::ClassAttr(
                $crate::__private::core::stringify!($mname),
                {
                    fn make(py: $crate::Python<'_>) -> $crate::PyResult<$crate::Bound<'_, $crate::PyAny>> {
                        // `$arg` (the caller's name, hygiene) is the GIL token when the method takes it.
                        $( let $arg = py; )?
                        $crate::__private::IntoPyValue::into_value(<$name>::$mname($($arg)?), py)
                    }
                    make
                },
                {
                    fn hint() -> ::std::string::String { $crate::__limpet_class_item!(@ret_hint $mname [$($ret)*]) }
                    hint
                },
            );
        }
    };
    // The parameter an accessor does not take: an error there.
    // (The item's static stays, so that the error is the only one.)
    (getter {$($m:tt)*} & $s:ident , $bad:tt $($params:tt)*) => { $crate::__limpet_class_accessor! { @extra getter $bad {$($m)*} } };
    (getter {$($m:tt)*} $bad:tt : $($params:tt)*) => { $crate::__limpet_class_accessor! { @extra getter $bad {$($m)*} } };
    (setter {$($m:tt)*} & $(mut)? $s:ident , $v:ident : $vt:ty , $bad:tt $($params:tt)*) => {
        $crate::__limpet_class_accessor! { @extra setter $bad {$($m)*} }
    };
    (deleter {$($m:tt)*} & $(mut)? $s:ident , $bad:tt $($params:tt)*) => { $crate::__limpet_class_accessor! { @extra deleter $bad {$($m)*} } };
    (classattr {$($m:tt)*} $bad:tt $($params:tt)*) => { $crate::__limpet_class_accessor! { @extra classattr $bad {$($m)*} } };
    (@extra $kind:ident $bad:tt { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($m:tt)* }) => {
        $crate::__limpet_class_accessor! { @message $kind $bad }
        $crate::__limpet_class_item! { @placeholder $name $mname }
    };
    (@message getter $bad:tt) => {
        $crate::__limpet_error! { $bad GetterParameter [] "limpet::class!: a #[getter] takes only `&self`" "a #[getter] takes no `{Self}`" }
    };
    (@message setter $bad:tt) => {
        $crate::__limpet_error! { $bad SetterParameter [] "limpet::class!: a #[setter] takes `&mut self` (or `&self`) and the value: `fn set_x(&mut self, value: T)`" "a #[setter] takes no `{Self}`" }
    };
    (@message deleter $bad:tt) => {
        $crate::__limpet_error! { $bad DeleterParameter [] "limpet::class!: a #[deleter] takes only `&mut self` or `&self`" "a #[deleter] takes no `{Self}`" }
    };
    (@message classattr $bad:tt) => {
        $crate::__limpet_error! { $bad ClassAttrParameter [] "limpet::class!: a #[classattr] takes nothing or `py: Python<'_>` (no receiver: it is made once, with the class)" "a #[classattr] takes no `{Self}`" }
    };
    ($kind:ident { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($m:tt)* } $($params:tt)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::class!: #[", $crate::__private::core::stringify!($kind), "] `", $crate::__private::core::stringify!($mname),
            "` has an unsupported receiver or parameter list `(", $crate::__private::core::stringify!($($params)*), ")`; ",
            "#[getter] takes only `&self`; #[setter] takes `&mut self, value: T` (or `&self, value: T`); ",
            "#[deleter] takes only `&mut self` or `&self`; #[classattr] takes nothing or `py: Python<'_>`"
        ));
    };
}
