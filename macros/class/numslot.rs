//! `__limpet_class_numslot!`: the typed slot of a binary, reflected or in-place numeric
//! dunder, of `__getitem__`/`__setitem__`/`__delitem__` and of `__getattr__`, taking `&self`
//! or `&mut self` and positional parameters (`class::numslot`, issue 12): a local type
//! implementing `class::numslot::Dunder`, whose body borrows the receiver, converts the
//! arguments and calls the method; the C shims are `class::numslot`'s generic ones (no
//! `unsafe` here). Other names go back to `__limpet_class_slot!{@nonum ..}`.

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_numslot {
    (__add__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __add__ $m } };
    (__radd__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __radd__ $m } };
    (__iadd__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __iadd__ $m } };
    (__sub__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __sub__ $m } };
    (__rsub__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __rsub__ $m } };
    (__isub__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __isub__ $m } };
    (__mul__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __mul__ $m } };
    (__rmul__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __rmul__ $m } };
    (__imul__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __imul__ $m } };
    (__matmul__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __matmul__ $m } };
    (__rmatmul__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __rmatmul__ $m } };
    (__imatmul__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __imatmul__ $m } };
    (__truediv__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __truediv__ $m } };
    (__rtruediv__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __rtruediv__ $m } };
    (__itruediv__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __itruediv__ $m } };
    (__floordiv__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __floordiv__ $m } };
    (__rfloordiv__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __rfloordiv__ $m } };
    (__ifloordiv__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __ifloordiv__ $m } };
    (__mod__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __mod__ $m } };
    (__rmod__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __rmod__ $m } };
    (__imod__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __imod__ $m } };
    (__divmod__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __divmod__ $m } };
    (__rdivmod__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __rdivmod__ $m } };
    (__lshift__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __lshift__ $m } };
    (__rlshift__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __rlshift__ $m } };
    (__ilshift__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __ilshift__ $m } };
    (__rshift__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __rshift__ $m } };
    (__rrshift__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __rrshift__ $m } };
    (__irshift__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __irshift__ $m } };
    (__and__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __and__ $m } };
    (__rand__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __rand__ $m } };
    (__iand__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __iand__ $m } };
    (__xor__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __xor__ $m } };
    (__rxor__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __rxor__ $m } };
    (__ixor__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __ixor__ $m } };
    (__or__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __or__ $m } };
    (__ror__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __ror__ $m } };
    (__ior__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __ior__ $m } };
    (__pow__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __pow__ $m } };
    (__rpow__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __rpow__ $m } };
    (__ipow__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __ipow__ $m } };
    (__contains__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __contains__ $m } };
    (__getitem__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __getitem__ $m } };
    (__setitem__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __setitem__ $m } };
    (__delitem__ $m:tt) => { $crate::__limpet_class_numslot!{ @emit __delitem__ $m } };
    ($other:ident {$($orig:tt)*}) => { $crate::__limpet_class_slot!{ @nonum $($orig)* } };

    (@emit $mname:ident {[] $name:ident $mn:ident [$k:ident $s:ident] [$($spec:tt)*] [] [] [$($ext:tt)*] [$($call:tt)*]}) => {
        $crate::__limpet_function! { @noargs BODY [$($spec)*] [] [] }
        #[allow(non_camel_case_types)]
        struct __limpet_dunder;
        impl $crate::class::numslot::Dunder for __limpet_dunder {
            type Class = $name;
            const NAME: &'static str = $crate::__private::core::stringify!($mname);
            #[inline(always)]
            fn sig() -> &'static $crate::__private::Signature {
                &SIG
            }
            fn partner() -> &'static $crate::__private::OnceLock<$crate::class::numslot::Partner> {
                static PARTNER: $crate::__private::OnceLock<$crate::class::numslot::Partner> = $crate::__private::OnceLock::new();
                &PARTNER
            }
            #[inline(always)]
            #[allow(unused_assignments, unused_mut, clippy::needless_lifetimes)]
            fn call<'a, 'py>(
                __py: $crate::Python<'py>,
                __slf: &'a $crate::Bound<'py, $crate::PyAny>,
                __args: &'a [&'a $crate::Bound<'py, $crate::PyAny>],
            ) -> $crate::PyResult<$crate::Bound<'py, $crate::PyAny>> {
                const __OPERAND: bool = $crate::class::dunder::is_operand($crate::__private::core::stringify!($mname));
                let mut __recv = $crate::__limpet_class_numslot!(@borrow $k $name __slf)?;
                let mut __i = 0usize;
                $( $crate::__limpet_class_numslot!{ @param [__py __args __i __OPERAND] $ext } )*
                $crate::class::numslot::ret(__py, <$name>::$mname($crate::__limpet_class_numslot!(@deref $k __recv), $($call)*))
            }
        }
        #[allow(dead_code)]
        const SLOT: $crate::__private::core::option::Option<$crate::class::SlotFn> =
            $crate::class::numslot::slot::<__limpet_dunder>();
    };
    (@deref ref $g:ident) => { &*$g };
    (@deref mut $g:ident) => { &mut *$g };
    (@borrow ref $name:ident $slf:ident) => { $crate::class::RefGuard::<$name>::borrow($slf) };
    (@borrow mut $name:ident $slf:ident) => { $crate::class::MutGuard::<$name>::borrow($slf) };
    // A positional parameter: converted (an operand that does not convert gives
    // `NotImplemented`, as in the method's body), or its default when not passed.
    (@param [$py:ident $args:ident $i:ident $op:ident] {slot $n:ident ($t:ty) [$($d:expr)?]}) => {
        let mut holder = $crate::__private::holder::<$t>();
        let $n: $t = match $args.get($i) {
            $crate::__private::core::option::Option::Some(obj) => {
                match $crate::__private::extract_arg::<$t>(obj, &mut holder, &SIG, $i) {
                    $crate::__private::core::result::Result::Ok(v) => v,
                    $crate::__private::core::result::Result::Err(err) if $op => return $crate::class::numslot::unconverted($py, err),
                    $crate::__private::core::result::Result::Err(err) => return $crate::__private::core::result::Result::Err(err),
                }
            }
            $crate::__private::core::option::Option::None => $crate::__limpet_class_numslot!(@missing $($d)?),
        };
        $i += 1;
    };
    (@param [$py:ident $args:ident $i:ident $op:ident] {py $n:ident}) => { let $n = $py; };
    (@missing) => { return $crate::__private::core::result::Result::Err($crate::class::numslot::missing()) };
    (@missing $d:expr) => { $d };
}
