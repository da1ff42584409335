//! `__limpet_class_call!`: call the Rust method with the bound receiver and arguments, and
//! convert what it returns (`@ret`; `@aret` for the coroutine of an `async fn`).

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_call {
    // @call: call the Rust method and convert what it returns.
    (@call [] [$py:ident $args:ident $recv:ident $rt:tt] $name:ident $mname:ident [$($call:tt)*] ref $s:ident) => {
        $crate::__limpet_class_call!(@ret $mname $py $rt <$name>::$mname(&*$recv, $($call)*))
    };
    (@call [] [$py:ident $args:ident $recv:ident $rt:tt] $name:ident $mname:ident [$($call:tt)*] mut $s:ident) => {
        $crate::__limpet_class_call!(@ret $mname $py $rt <$name>::$mname(&mut *$recv, $($call)*))
    };
    (@call [] [$py:ident $args:ident $recv:ident $rt:tt] $name:ident $mname:ident [$($call:tt)*] owned $s:ident ($t:ty)) => {
        $crate::__limpet_class_call!(@ret $mname $py $rt <$name>::$mname($recv, $($call)*))
    };
    (@call [] [$py:ident $args:ident $recv:ident $rt:tt] $name:ident $mname:ident [$($call:tt)*] cls $s:ident ($t:ty)) => {
        $crate::__limpet_class_call!(@ret $mname $py $rt <$name>::$mname($recv, $($call)*))
    };
    (@call [] [$py:ident $args:ident $recv:ident $rt:tt] $name:ident $mname:ident [$($call:tt)*] static) => {{
        let _ = $recv;
        $crate::__limpet_class_call!(@ret $mname $py $rt <$name>::$mname($($call)*))
    }};
    (@call [] [$py:ident $args:ident $recv:ident $rt:tt] $name:ident $mname:ident [$($call:tt)*] new) => {{
        let _ = $recv;
        let init = $crate::class::NewReturn::into_init(<$name>::$mname($($call)*))?;
        $crate::class::new_for_subtype::<$name, _>($args.receiver()?, init).map($crate::Bound::into_ptr)
    }};
    (@call [] [$py:ident $args:ident $recv:ident $rt:tt] $name:ident $mname:ident [$($call:tt)*] new_cls $s:ident ($t:ty)) => {{
        let init = $crate::class::NewReturn::into_init(<$name>::$mname($recv, $($call)*))?;
        $crate::class::new_for_subtype::<$name, _>($args.receiver()?, init).map($crate::Bound::into_ptr)
    }};

    // ... of an async method: the future (holding the receiver's borrow) as a coroutine.
    (@call [async] [$py:ident $args:ident $recv:ident $rt:tt] $name:ident $mname:ident [$($call:tt)*] ref $s:ident) => {
        $crate::__limpet_class_call!(@aret $mname $py $name async move { <$name>::$mname(&*$recv, $($call)*).await })
    };
    (@call [async] [$py:ident $args:ident $recv:ident $rt:tt] $name:ident $mname:ident [$($call:tt)*] mut $s:ident) => {
        $crate::__limpet_class_call!(@aret $mname $py $name async move { <$name>::$mname(&mut *$recv, $($call)*).await })
    };
    (@call [async] [$py:ident $args:ident $recv:ident $rt:tt] $name:ident $mname:ident [$($call:tt)*] owned $s:ident ($t:ty)) => {
        $crate::__limpet_class_call!(@aret $mname $py $name <$name>::$mname($recv, $($call)*))
    };
    (@call [async] [$py:ident $args:ident $recv:ident $rt:tt] $name:ident $mname:ident [$($call:tt)*] cls $s:ident ($t:ty)) => {
        $crate::__limpet_class_call!(@aret $mname $py $name <$name>::$mname($recv, $($call)*))
    };
    (@call [async] [$py:ident $args:ident $recv:ident $rt:tt] $name:ident $mname:ident [$($call:tt)*] static) => {{
        let _ = $recv;
        $crate::__limpet_class_call!(@aret $mname $py $name <$name>::$mname($($call)*))
    }};
    // @aret: an async method's coroutine (`__qualname__` `PyName.method`); `async fn __anext__`
    // raises `StopAsyncIteration` from the await when its future gives `None`.
    (@aret __anext__ $py:ident $name:ident $e:expr) => {
        $crate::__private::IntoPyReturn::into_return($crate::__private::async_anext(
            "__anext__", $crate::__limpet_class_def!(@py_qualname $name __anext__), $e), $py)
    };
    (@aret $mname:ident $py:ident $name:ident $e:expr) => {
        $crate::__private::IntoPyReturn::into_return($crate::__private::async_method(
            $crate::__private::core::stringify!($mname),
            $crate::__limpet_class_def!(@py_qualname $name $mname),
            $e,
        ), $py)
    };

    // @ret: `__next__`/`__anext__` end the iteration on `None`; everything else converts.
    // A return type the user named converts through `return_value::<RET>`: a type without a
    // conversion is one error at that type.
    // (`[RET]` is what the method declared; without it, the value's type is inferred: the
    // form typed slot shims use.)
    (@ret __next__ $py:ident [$($rt:tt)*] $e:expr) => { $crate::class::iter_next($py, $e, false) };
    (@ret __anext__ $py:ident [$($rt:tt)*] $e:expr) => { $crate::class::iter_next($py, $e, true) };
    (@ret $mname:ident $py:ident [-> $r:ty] $e:expr) => { $crate::__private::return_value::<$r>($e, $py) };
    (@ret $mname:ident $py:ident [] $e:expr) => { $crate::__private::IntoPyReturn::into_return($e, $py) };
    (@ret __next__ $py:ident $e:expr) => { $crate::class::iter_next($py, $e, false) };
    (@ret __anext__ $py:ident $e:expr) => { $crate::class::iter_next($py, $e, true) };
    (@ret $mname:ident $py:ident $e:expr) => { $crate::__private::IntoPyReturn::into_return($e, $py) };

}
