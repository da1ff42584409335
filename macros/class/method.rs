//! `__limpet_class_method!`: emit one parsed method (the continuation `__limpet_params!`
//! calls): the user's method in an `impl` block of its own, its body (arguments bound from
//! `ArgSlots`), its hint table and its `ClassItem` static with the calling-convention shims
//! (`SIG`, `__limpet_fast`, `__limpet_tuple` from `__limpet_function!{@shims}`), the `METH_NOARGS` shim and the
//! typed slot shim (`__limpet_class_slot!`).

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_method {
    (@emit
        { @method [$($async:ident)?] $name:ident [$($recv:tt)*] [$($decl:tt)*] [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block }
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
            ) -> *mut $crate::__private::PyObject {
                let __args = &__args.local();
                // Operands of binary and comparison dunders convert or give `NotImplemented`
                // (a `const`: the arm folds away for every other method).
                const __OPERAND: bool = $crate::class::dunder::is_operand($crate::__private::core::stringify!($mname));
                $crate::__private::finish(__py, (|| -> $crate::PyResult<*mut $crate::__private::PyObject> {
                    $crate::__limpet_class_bind!{ @recv [$($async)?] [__args __recv] $name $($recv)* }
                    $( $crate::__limpet_class_bind!{ @param [__py __args __OPERAND] $ext } )*
                    $crate::__limpet_class_call!(@call [$($async)?] [__py __args __recv [$($ret)*]] $name $mname [$($call)*] $($recv)*)
                })())
            }
            #[doc(hidden)]
            #[allow(non_snake_case)]
            fn [<__limpet_hints_ $mname>]() -> $crate::__private::Hints {
                $crate::__private::Hints::from_table(
                    &[$( $crate::__limpet_function!(@hint $ext) ),*],
                    $crate::__limpet_class_method!(@ret_hint [$($async)?] $mname [$($ret)*]),
                )
            }
        }

            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__limpet_method_ $name __ $mname>]: $crate::class::ClassItem = {
                $crate::__limpet_function! {
                    @shims [$crate::__limpet_class_item!(@message_name $name $mname $($recv)*)] SIG BODY
                    [$($po)*] [$($pos)*] [$($va)*] [$($vk)*] [$($spec)*]
                }
                const BODY: $crate::__private::Body = <$name>::[<__limpet_body_ $mname>];
                $crate::__limpet_class_slot! { [$($async)?] $name $mname [$($recv)*] [$($spec)*] [$($va)*] [$($vk)*] [$($ext)*] [$($call)*] }
                const HINTS: fn() -> $crate::__private::Hints = <$name>::[<__limpet_hints_ $mname>];
                $crate::__limpet_class_item!(@item [__limpet_fast __limpet_tuple SIG HINTS] $mname [$($doc)*] $($recv)*)
            };
        }
    };

    // @ret_hint: the return hint's function (a generic function, one instance per type, not a
    // closure per method): what the method returns, its coroutine's for an async one;
    // `__next__`/`__anext__` return the item type.
    (@ret_hint [] __next__ [-> $r:ty]) => { $crate::__private::any_hint as $crate::__private::HintFn };
    (@ret_hint [] __anext__ [-> $r:ty]) => { $crate::__private::any_hint as $crate::__private::HintFn };
    (@ret_hint [] $mname:ident []) => { $crate::__private::none_hint as $crate::__private::HintFn };
    (@ret_hint [] $mname:ident [-> $r:ty]) => { $crate::__limpet_function!(@output_hint $r) };
    (@ret_hint [async] $mname:ident []) => {
        $crate::__private::async_output_hint_of::<()> as $crate::__private::HintFn
    };
    (@ret_hint [async] __anext__ [-> $r:ty]) => {
        $crate::__private::async_output_hint_of::<<$r as $crate::class::NextItem>::Item> as $crate::__private::HintFn
    };
    (@ret_hint [async] $mname:ident [-> $r:ty]) => {
        $crate::__private::async_output_hint_of::<$r> as $crate::__private::HintFn
    };
}
