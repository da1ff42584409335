//! The two attribute munchers of `class!` (bounded by the attributes of one item).
//!
//! `__limpet_class_attrs!`: sort a class's attributes into `[docs] [options] [others]
//! [base]`, then hand them to `__limpet_class_def!`.
//!
//! `__limpet_method_attrs!`: find a method's kind among its attributes, keeping `[docs]`
//! and `[others]`. The kind comes with the stage that reads the receiver: `method`,
//! `staticmethod`, `classmethod`, `new` and `new_cls` go to `__limpet_class_receiver!`, the
//! accessors (`getter`, `setter`, `deleter`, `classattr`) to `__limpet_class_accessor!`; an
//! `async fn` goes to `__limpet_class_async!` whatever its kind.

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_attrs {
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[doc = $d:expr] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)* #[doc = $d]] [$($opt)*] [$($other)*] [$($b)*] $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[extends($base:ident)] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)*] [$($other)*] [$base] $($rest)* }
    };
    // `#[subclass]`, `#[frozen]`, `#[dict]`, `#[weakref]`: the class options.
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[subclass] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)* subclass] [$($other)*] [$($b)*] $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[frozen] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)* frozen] [$($other)*] [$($b)*] $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[dict] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)* dict] [$($other)*] [$($b)*] $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[weakref] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)* weakref] [$($other)*] [$($b)*] $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[$($a:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)*] [$($other)* #[$($a)*]] [$($b)*] $($rest)* }
    };
    // Done: the struct and its class description.
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:ident)*] [$($other:tt)*] [$($base:ident)?]) => {
        $crate::__limpet_class_def! { @struct {$($ctx)*} [$($doc)*] [$($opt)*] [$($other)*] [$($base)?] }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_method_attrs {
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[doc = $d:expr] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [$kind $stage] [$($doc)* #[doc = $d]] [$($other)*] $($rest)* }
    };
    // `#[new]` with `#[classmethod]` (either order): the constructor receives the class.
    ({$($m:tt)*} [classmethod $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[new] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [new_cls $stage] [$($doc)*] [$($other)*] $($rest)* }
    };
    ({$($m:tt)*} [new $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[classmethod] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [new_cls $stage] [$($doc)*] [$($other)*] $($rest)* }
    };
    // The kinds a receiver stage reads ...
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[new] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [new __limpet_class_receiver] [$($doc)*] [$($other)*] $($rest)* }
    };
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[staticmethod] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [staticmethod __limpet_class_receiver] [$($doc)*] [$($other)*] $($rest)* }
    };
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[classmethod] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [classmethod __limpet_class_receiver] [$($doc)*] [$($other)*] $($rest)* }
    };
    // ... and the accessors (`#[getter]`, `#[setter]`, `#[deleter]`, `#[classattr]`).
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[getter] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [getter __limpet_class_accessor] [$($doc)*] [$($other)*] $($rest)* }
    };
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[setter] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [setter __limpet_class_accessor] [$($doc)*] [$($other)*] $($rest)* }
    };
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[deleter] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [deleter __limpet_class_accessor] [$($doc)*] [$($other)*] $($rest)* }
    };
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[classattr] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [classattr __limpet_class_accessor] [$($doc)*] [$($other)*] $($rest)* }
    };
    // Anything else is the user's (kept on the Rust method).
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[$($a:tt)*] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [$kind $stage] [$($doc)*] [$($other)* #[$($a)*]] $($rest)* }
    };
    // Done: the receiver stage of the kind.
    ({ [] $name:ident $mvis:vis $mname:ident ($($params:tt)*) [$($ret:tt)*] $body:block }
        [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*]) => {
        $crate::$stage! { $kind { $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body } $($params)* }
    };
    // An `async fn`: dunders Python calls for a value cannot be async (`class::dunder`).
    ({ [async] $name:ident $mvis:vis $mname:ident ($($params:tt)*) [$($ret:tt)*] $body:block }
        [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*]) => {
        const _: () = if $crate::class::dunder::is_value($crate::__private::core::stringify!($mname)) {
            $crate::__private::core::panic!($crate::__private::core::concat!(
                "limpet::class!: `", $crate::__private::core::stringify!($mname), "` cannot be an `async fn`: Python calls it for a value, ",
                "not an awaitable; only ordinary methods, #[staticmethod]s, #[classmethod]s, `__anext__`, `__aenter__`, `__aexit__` and ",
                "other dunders that return an awaitable can be async"
            ))
        };
        $crate::__limpet_class_async! { $kind { $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body } $($params)* }
    };
}
