//! `__limpet_class_receiver!`: take the receiver off a method's parameter list, by kind
//! (`method`, `staticmethod`, `classmethod`, `new`, `new_cls`), then normalise the rest with
//! the shared muncher `__limpet_params!`, which hands its result to `__limpet_class_method!`
//! (the continuation is passed in, see `@params`). The protocol dunders go to
//! `__limpet_class_protocol!` first.

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_receiver {
    // The protocol dunders (a shape they do not take comes back as `@plain`).
    (method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis __traverse__ $($m:tt)* } $($params:tt)*) => {
        $crate::__limpet_class_protocol! { method { $name [$($doc)*] [$($other)*] $mvis __traverse__ $($m)* } $($params)* }
    };
    (method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis __richcmp__ $($m:tt)* } $($params:tt)*) => {
        $crate::__limpet_class_protocol! { method { $name [$($doc)*] [$($other)*] $mvis __richcmp__ $($m)* } $($params)* }
    };
    (method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis __buffer__ $($m:tt)* } $($params:tt)*) => {
        $crate::__limpet_class_protocol! { method { $name [$($doc)*] [$($other)*] $mvis __buffer__ $($m)* } $($params)* }
    };
    (method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis __clear__ $($m:tt)* } $($params:tt)*) => {
        $crate::__limpet_class_protocol! { method { $name [$($doc)*] [$($other)*] $mvis __clear__ $($m)* } $($params)* }
    };
    // Methods: `&mut self`, `&self`, `slf: T` (`Py<Self>`, `PyRef<Self>`, `&Bound<..>`).
    ($(@$plain:ident)? method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($m:tt)* } & mut $s:tt $(, $($rest:tt)*)?) => {
        $crate::__limpet_class_def! { @mut_receiver $name $mname $s }
        $crate::__limpet_class_receiver! { @params { $name [$($doc)*] [$($other)*] $mvis $mname $($m)* } [mut $s] [&mut $s,] $($($rest)*)? }
    };
    ($(@$plain:ident)? method {$($m:tt)*} & $s:ident $(, $($rest:tt)*)?) => {
        $crate::__limpet_class_receiver! { @params {$($m)*} [ref $s] [&$s,] $($($rest)*)? }
    };
    ($(@$plain:ident)? method {$($m:tt)*} $s:ident : $t:ty $(, $($rest:tt)*)?) => {
        $crate::__limpet_class_receiver! { @params {$($m)*} [owned $s ($t)] [$s: $t,] $($($rest)*)? }
    };
    (classmethod {$($m:tt)*} $s:ident : $t:ty $(, $($rest:tt)*)?) => {
        $crate::__limpet_class_receiver! { @params {$($m)*} [cls $s ($t)] [$s: $t,] $($($rest)*)? }
    };
    (staticmethod {$($m:tt)*} $($rest:tt)*) => {
        $crate::__limpet_class_receiver! { @params {$($m)*} [static] [] $($rest)* }
    };
    (new {$($m:tt)*} $($rest:tt)*) => {
        $crate::__limpet_class_receiver! { @params {$($m)*} [new] [] $($rest)* }
    };
    (new_cls {$($m:tt)*} $s:ident : $t:ty $(, $($rest:tt)*)?) => {
        $crate::__limpet_class_receiver! { @params {$($m)*} [new_cls $s ($t)] [$s: $t,] $($($rest)*)? }
    };
    // @params: normalise the Python parameters with the shared muncher, which calls
    // `__limpet_class_method!{@emit ..}` when done.
    (@params { $([$async:ident])? $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident [$($ret:tt)*] $body:block } [$($recv:tt)*] [$($decl:tt)*] $($params:tt)*) => {
        $crate::__limpet_params! {
            @munch __limpet_class_method
            { @method [$($async)?] $name [$($recv)*] [$($decl)*] [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body }
            [_] [] [] [] [] [] [] [] []
            $($params)*
        }
    };

    // Anything else: one error at the receiver (`self` by value, or the first token when it is
    // a name), with the method's static in place so that the error is the only one.
    ($(@$plain:ident)? $kind:ident { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($m:tt)* } $($params:tt)*) => {
        $crate::__limpet_class_item! { @placeholder $name $mname }
        $crate::__limpet_class_receiver! { @unsupported [$($params)*] $($params)* }
    };
    (@unsupported []) => {
        $crate::__private::core::compile_error!(
            "limpet::class!: a method takes `&self`, `&mut self` or `slf: Py<Self>` first (a function of the class without a receiver is a #[staticmethod])"
        );
    };
    (@unsupported [mut $($x:tt)*] $m:tt $($rest:tt)*) => {
        $crate::__limpet_class_receiver! { @unsupported [$($x)*] $($rest)* }
    };
    (@unsupported [self $($x:tt)*] $s:tt $($rest:tt)*) => {
        $crate::__limpet_error! { $s ReceiverByValue []
            "limpet::class!: a method cannot take `self` by value: Python shares the object, so the method cannot own it; take `&self` or `&mut self` (or `slf: Py<Self>`, a reference to the Python object; or clone the fields it needs)"
            "`self` by value" }
    };
    (@unsupported [$($x:tt)*] $($first:tt $($rest:tt)*)?) => {
        $crate::__limpet_error! { $($first)? UnsupportedReceiver []
            "limpet::class!: unsupported receiver or parameter list; methods take `&self`, `&mut self` or `slf: Py<Self>` first; #[classmethod] takes `cls: &Bound<'_, PyAny>` first; #[getter] takes only `&self`; #[setter] takes `&mut self, value: T`; #[deleter] takes only `&mut self` or `&self`; #[new] #[classmethod] takes `cls: &Bound<'_, PyAny>` first; #[classattr] takes nothing or `py: Python<'_>`"
            "unsupported here" }
    };
}
