//! `__limpet_class_async!`: the receivers an `async fn` may take (the future owns what it
//! uses: `&self`/`&mut self` become a borrow held by the future, `slf: Py<Self>` is moved
//! in), then the shared parameter muncher (through `__limpet_class_receiver!{@params}`).

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_async {
    (method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($m:tt)* } & mut $s:tt $(, $($rest:tt)*)?) => {
        $crate::__limpet_class_def! { @mut_receiver $name $mname $s }
        $crate::__limpet_class_receiver! { @params {[async] $name [$($doc)*] [$($other)*] $mvis $mname $($m)*} [mut $s] [&mut $s,] $($($rest)*)? }
    };
    (method {$($m:tt)*} & $s:ident $(, $($rest:tt)*)?) => {
        $crate::__limpet_class_receiver! { @params {[async] $($m)*} [ref $s] [&$s,] $($($rest)*)? }
    };
    ($kind:ident { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($x:tt)* } $s:tt : & $($rest:tt)*) => {
        $crate::__limpet_class_async! { @borrowed $name $mname $s }
    };
    ($kind:ident { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($x:tt)* } $s:tt : Bound $($rest:tt)*) => {
        $crate::__limpet_class_async! { @borrowed $name $mname $s }
    };
    ($kind:ident { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($x:tt)* } $s:tt : PyRef $($rest:tt)*) => {
        $crate::__limpet_class_async! { @borrowed $name $mname $s }
    };
    ($kind:ident { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($x:tt)* } $s:tt : PyRefMut $($rest:tt)*) => {
        $crate::__limpet_class_async! { @borrowed $name $mname $s }
    };
    (method {$($m:tt)*} $s:ident : $t:ty $(, $($rest:tt)*)?) => {
        $crate::__limpet_class_receiver! { @params {[async] $($m)*} [owned $s ($t)] [$s: $t,] $($($rest)*)? }
    };
    (classmethod {$($m:tt)*} $s:ident : $t:ty $(, $($rest:tt)*)?) => {
        $crate::__limpet_class_receiver! { @params {[async] $($m)*} [cls $s ($t)] [$s: $t,] $($($rest)*)? }
    };
    (staticmethod {$($m:tt)*} $($rest:tt)*) => {
        $crate::__limpet_class_receiver! { @params {[async] $($m)*} [static] [] $($rest)* }
    };
    ($kind:ident { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis $mname:ident $($m:tt)* } $($params:tt)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::class!: `async fn ", $crate::__private::core::stringify!($mname), "` (", $crate::__private::core::stringify!($kind),
            ") is not supported with `(", $crate::__private::core::stringify!($($params)*), ")`; an async method takes `&self`, ",
            "`&mut self` or `slf: Py<Self>` first, an async #[staticmethod] no receiver, an async #[classmethod] `cls: Py<PyAny>`; ",
            "#[new], #[getter], #[setter] and #[classattr] cannot be async"
        ));
    };
    (@borrowed $name:ident $mname:ident $s:tt) => {
        $crate::__limpet_class_item! { @placeholder $name $mname }
        $crate::__limpet_error! { $s AsyncReceiver []
            "limpet::class!: this receiver of an `async fn` borrows, but the coroutine outlives the call: take `&self` or `&mut self` (the coroutine holds the borrow until it finishes) or `slf: Py<Self>`; an async #[classmethod] takes `cls: Py<PyAny>`"
            "`{Self}` borrows" }
    };
}
