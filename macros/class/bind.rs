//! `__limpet_class_bind!`: in a method's body, bind the receiver (`@recv`: borrow, or
//! convert) and each parameter (`@param`).

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_bind {
    // @recv: borrow or convert the receiver.
    (@recv [] [$args:ident $recv:ident] $name:ident ref $s:ident) => {
        let $recv = $crate::class::RefGuard::<$name>::borrow($args.receiver()?)?;
    };
    (@recv [] [$args:ident $recv:ident] $name:ident mut $s:ident) => {
        let mut $recv = $crate::class::MutGuard::<$name>::borrow($args.receiver()?)?;
    };
    (@recv [] [$args:ident $recv:ident] $name:ident owned $s:ident ($t:ty)) => {
        let mut holder = $crate::__private::holder::<$t>();
        let $recv: $t = $crate::__private::FromPyArg::from_arg($args.receiver()?, &mut holder)?;
    };
    (@recv [] [$args:ident $recv:ident] $name:ident cls $s:ident ($t:ty)) => {
        let mut holder = $crate::__private::holder::<$t>();
        let $recv: $t = $crate::__private::FromPyArg::from_arg($args.receiver()?, &mut holder)?;
    };
    (@recv [] [$args:ident $recv:ident] $name:ident static) => { let $recv = (); };
    (@recv [] [$args:ident $recv:ident] $name:ident new) => { let $recv = (); };
    (@recv [] [$args:ident $recv:ident] $name:ident new_cls $s:ident ($t:ty)) => {
        let mut holder = $crate::__private::holder::<$t>();
        let $recv: $t = $crate::__private::FromPyArg::from_arg($args.receiver()?, &mut holder)?;
    };
    // ... of an async method: a borrow the future owns, or as above.
    (@recv [async] [$args:ident $recv:ident] $name:ident ref $s:ident) => {
        let $recv = $crate::__private::AsyncRef::<$name>::borrow($args.receiver()?)?;
    };
    (@recv [async] [$args:ident $recv:ident] $name:ident mut $s:ident) => {
        let mut $recv = $crate::__private::AsyncMut::<$name>::borrow($args.receiver()?)?;
    };
    (@recv [async] [$args:ident $recv:ident] $name:ident $($r:tt)*) => {
        $crate::__limpet_class_bind!{ @recv [] [$args $recv] $name $($r)* }
    };

    // @param: a parameter from the parsed arguments. An operand (`$op`: the method is a
    // binary, reflected or in-place numeric dunder or a rich comparison) that does not
    // convert gives `NotImplemented` (as a Python class's and PyO3's do), so Python tries the
    // other operand; a missing argument and a borrow conflict are raised as anywhere else.
    (@param [$py:ident $args:ident $op:ident] {slot $n:ident ($t:ty) [$($d:expr)?]}) => {
        // (The holder's type is inferred: one error for a type without a conversion.)
        let mut holder = $crate::__private::core::default::Default::default();
        let $n: $t = match $args.next() {
            ($crate::__private::core::option::Option::Some(obj), i) => {
                match $crate::__private::extract_param::<$t, _>(obj, &mut holder, $args.sig(), i) {
                    $crate::__private::core::result::Result::Ok(v) => v,
                    $crate::__private::core::result::Result::Err(err) if $op => return $crate::class::richcmp_unconverted($py, err),
                    $crate::__private::core::result::Result::Err(err) => return $crate::__private::core::result::Result::Err(err),
                }
            }
            ($crate::__private::core::option::Option::None, _i) => {
                $crate::__limpet_class_bind!(@missing $args _i $($d)?)
            }
        };
    };
    (@param [$py:ident $args:ident $op:ident] $e:tt) => { $crate::__limpet_function!{ @extract [$py $args] $e } };
    (@missing $args:ident $i:ident) => { return $crate::__private::core::result::Result::Err($args.missing($i)) };
    (@missing $args:ident $i:ident $d:expr) => { $d };
}
