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
    // `#[subclass]`, `#[frozen]`, `#[dict]`, `#[weakref]`: the class options (`ClassOption::Flag`).
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
    // The options derived from Rust traits (`class::options`): `#[eq]` (`PartialEq`), `#[ord]`
    // (`PartialOrd`), `#[hash]` (`Hash`), `#[str]` (`Display`), `#[repr]` (`Debug`; Rust's
    // `#[repr(C)]` is kept on the struct).
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[eq] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)* eq] [$($other)*] [$($b)*] $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[ord] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)* ord] [$($other)*] [$($b)*] $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[hash] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)* hash] [$($other)*] [$($b)*] $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[str] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)* str] [$($other)*] [$($b)*] $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[repr] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)* repr] [$($other)*] [$($b)*] $($rest)* }
    };
    // `#[name = "PyName"]`, `#[module = "pkg.mod"]`.
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[name = $n:literal] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)* (name $n)] [$($other)*] [$($b)*] $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[module = $m:literal] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)* (module $m)] [$($other)*] [$($b)*] $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[$($a:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)*] [$($other)* #[$($a)*]] [$($b)*] $($rest)* }
    };
    // Done: the struct and its class description, and the check that no method is one an
    // option derives.
    ({ $vis:vis $name:ident [$($fields:tt)*] [$($mname:ident)*] } [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($base:ident)?]) => {
        $crate::__limpet_class_def! { @struct { $vis $name [$($fields)*] [$($mname)*] } [$($doc)*] [$($opt)*] [$($other)*] [$($base)?] }
        $crate::__limpet_class_option! { @conflicts $name [$($opt)*] [$($mname)*] }
    };
}

/// One class option as a `class::ClassOption` (the trait options name their generic slot
/// function, instantiated for the class: its trait bound checks the struct implements the
/// trait); and `@conflicts`: a method the class defines that an option derives is a compile
/// error, at the method's name.
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_option {
    ($name:ident eq) => { $crate::class::ClassOption::Eq($crate::class::options::richcompare::<$name, $crate::class::options::ByEq>) };
    ($name:ident ord) => { $crate::class::ClassOption::Ord($crate::class::options::richcompare::<$name, $crate::class::options::ByOrd>) };
    ($name:ident hash) => { $crate::class::ClassOption::Hash($crate::class::options::unary::<$name, $crate::class::options::ByHash>) };
    ($name:ident str) => { $crate::class::ClassOption::Str($crate::class::options::unary::<$name, $crate::class::options::ByDisplay>) };
    ($name:ident repr) => { $crate::class::ClassOption::Repr($crate::class::options::unary::<$name, $crate::class::options::ByDebug>) };
    ($name:ident (name $n:literal)) => { $crate::class::ClassOption::Name($n) };
    ($name:ident (module $m:literal)) => { $crate::class::ClassOption::Module($m) };
    ($name:ident $flag:ident) => { $crate::class::ClassOption::Flag($crate::__private::core::stringify!($flag)) };

    (@conflicts $name:ident $opts:tt [$($mname:ident)*]) => {
        $( $crate::__limpet_class_option! { @method $name $mname $opts } )*
    };
    (@method $name:ident $mname:ident [$($opt:tt)*]) => {
        $( $crate::__limpet_class_option! { @pair $opt $mname $mname $name } )*
    };
    (@pair eq __eq__ $m:ident $name:ident) => { $crate::__limpet_class_option! { @error eq $m $name } };
    (@pair eq __ne__ $m:ident $name:ident) => { $crate::__limpet_class_option! { @error eq $m $name } };
    (@pair eq __richcmp__ $m:ident $name:ident) => { $crate::__limpet_class_option! { @error eq $m $name } };
    (@pair ord __lt__ $m:ident $name:ident) => { $crate::__limpet_class_option! { @error ord $m $name } };
    (@pair ord __le__ $m:ident $name:ident) => { $crate::__limpet_class_option! { @error ord $m $name } };
    (@pair ord __gt__ $m:ident $name:ident) => { $crate::__limpet_class_option! { @error ord $m $name } };
    (@pair ord __ge__ $m:ident $name:ident) => { $crate::__limpet_class_option! { @error ord $m $name } };
    (@pair ord __richcmp__ $m:ident $name:ident) => { $crate::__limpet_class_option! { @error ord $m $name } };
    (@pair hash __hash__ $m:ident $name:ident) => { $crate::__limpet_class_option! { @error hash $m $name } };
    (@pair str __str__ $m:ident $name:ident) => { $crate::__limpet_class_option! { @error str $m $name } };
    (@pair repr __repr__ $m:ident $name:ident) => { $crate::__limpet_class_option! { @error repr $m $name } };
    (@pair $opt:tt $other:ident $m:ident $name:ident) => {};
    // The message, and a second definition of the user's method name, so that the compiler
    // also points at the method ("duplicate definitions").
    (@error $opt:ident $m:ident $name:ident) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::class!: `", $crate::__private::core::stringify!($m), "` of `", $crate::__private::core::stringify!($name),
            "` is derived by #[", $crate::__private::core::stringify!($opt), "]: remove the method or the option"
        ));
        impl $name {
            #[allow(dead_code, non_snake_case)]
            fn $m() {}
        }
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
