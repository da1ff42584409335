//! `__limpet_class_protocol!`: the dunders that are protocols of the runtime, not methods:
//! `__traverse__`/`__clear__` (GC slots), `__richcmp__` (`tp_richcompare`), `__buffer__`
//! (the buffer protocol). Each is the user's method plus a trait impl and a `ClassItem`
//! static. Any other shape of these names is an ordinary method (`@plain` receiver).

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_protocol {
    (method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis __traverse__ [$($ret:tt)*] $body:block }
        & $s:ident, $v:ident : $vt:ty $(,)?) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn __traverse__(&$s, $v: $vt) $($ret)* $body
        }
        impl $crate::class::GcTraverse for $name {
            fn traverse(&self, visit: $crate::class::PyVisit<'_>) -> $crate::__private::core::result::Result<(), $crate::class::PyTraverseError> {
                <$name>::__traverse__(self, visit)
            }
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__limpet_method_ $name __ __traverse__>]: $crate::class::ClassItem = $crate::class::ClassItem::Traverse($crate::class::traverse::<$name>);
        }
    };
    (method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis __richcmp__ [$($ret:tt)*] $body:block }
        & $s:ident, $o:ident : $ot:ty, $op:ident : $opt:ty $(,)?) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn __richcmp__(&$s, $o: $ot, $op: $opt) $($ret)* $body
        }
        impl $crate::class::RichCompare for $name {
            fn richcmp<'py>(
                py: $crate::Python<'py>,
                slf: &$crate::Bound<'py, $crate::PyAny>,
                other: &$crate::Bound<'py, $crate::PyAny>,
                op: $crate::class::CompareOp,
            ) -> $crate::PyResult<*mut $crate::__private::PyObject> {
                let recv = $crate::class::RefGuard::<$name>::borrow(slf)?;
                let mut holder = $crate::__private::holder::<$ot>();
                match $crate::__private::FromPyArg::from_arg(other, &mut holder) {
                    $crate::__private::core::result::Result::Ok(other) => {
                        let other: $ot = other;
                        $crate::__private::IntoPyReturn::into_return(<$name>::__richcmp__(&*recv, other, op), py)
                    }
                    $crate::__private::core::result::Result::Err(err) => $crate::class::richcmp_unconverted(py, err),
                }
            }
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__limpet_method_ $name __ __richcmp__>]: $crate::class::ClassItem =
                $crate::class::ClassItem::RichCompare($crate::class::richcompare::<$name>);
        }
    };
    (method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis __buffer__ [$($ret:tt)*] $body:block } & $s:ident $(,)?) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn __buffer__(&$s) $($ret)* $body
        }
        impl $crate::class::BufferExport for $name {
            fn buffer(&self) -> &[u8] {
                <$name>::__buffer__(self)
            }
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__limpet_method_ $name __ __buffer__>]: $crate::class::ClassItem =
                $crate::class::ClassItem::Buffer($crate::class::getbuffer::<$name>, $crate::class::releasebuffer::<$name>);
        }
    };
    (method { $name:ident [$($doc:tt)*] [$($other:tt)*] $mvis:vis __clear__ [$($ret:tt)*] $body:block } & mut $s:ident $(,)?) => {
        impl $name {
            $($doc)* $($other)*
            $mvis fn __clear__(&mut $s) $($ret)* $body
        }
        impl $crate::class::GcClear for $name {
            fn clear(&mut self) {
                <$name>::__clear__(self)
            }
        }
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__limpet_method_ $name __ __clear__>]: $crate::class::ClassItem = $crate::class::ClassItem::Clear($crate::class::clear::<$name>);
        }
    };
    ($kind:ident {$($m:tt)*} $($params:tt)*) => {
        $crate::__limpet_class_receiver! { @plain $kind {$($m)*} $($params)* }
    };
}
