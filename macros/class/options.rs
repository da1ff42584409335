//! A class's options: `__limpet_class_option!` makes one a `class::ClassOption`;
//! `__limpet_class_conflicts!` checks them against each other and against the methods, each
//! error at the user's token (the option's name or the method's name).
//!
//! The checks that depend on the options are `const` conditions on traits of the runtime
//! (`src/checks.rs`): they run on every class. (A trait option whose trait the struct lacks,
//! `#[str]` without `Display`, is rustc's own error at the `class!` call: the bound of the
//! option's slot function.)

/// One class option as a `class::ClassOption` (the trait options name their generic slot
/// function, instantiated for the class: its trait bound checks the struct implements the
/// trait).
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_option {
    ($name:ident eq) => {
        $crate::class::ClassOption::Eq($crate::class::options::richcompare::<$name, $crate::class::options::ByEq>)
    };
    ($name:ident ord) => {
        $crate::class::ClassOption::Ord($crate::class::options::richcompare::<$name, $crate::class::options::ByOrd>)
    };
    ($name:ident hash) => {
        $crate::class::ClassOption::Hash($crate::class::options::unary::<$name, $crate::class::options::ByHash>)
    };
    ($name:ident str) => {
        $crate::class::ClassOption::Str($crate::class::options::unary::<$name, $crate::class::options::ByDisplay>)
    };
    ($name:ident repr) => {
        $crate::class::ClassOption::Repr($crate::class::options::unary::<$name, $crate::class::options::ByDebug>)
    };
    ($name:ident (name $n:literal)) => {
        $crate::class::ClassOption::Name($n)
    };
    ($name:ident (module $m:literal)) => {
        $crate::class::ClassOption::Module($m)
    };
    ($name:ident $flag:ident) => {
        $crate::class::ClassOption::Flag($crate::__private::core::stringify!($flag))
    };
}

/// `__limpet_class_conflicts!{ NAME [OPTIONS] [METHOD NAMES] }`: `#[ord]` needs `#[eq]`,
/// `#[hash]` needs `#[eq]` and `#[frozen]` (at the option); a method an option derives
/// (`__hash__`, `__str__`, `__repr__`, `__richcmp__` with `#[eq]`/`#[ord]`) is an error at
/// its name; and a class compares through one `tp_richcompare`: a typed comparison dunder
/// (`__eq__`, `__lt__`, ..) next to `__richcmp__`, `#[eq]` or `#[ord]` would never be called,
/// an error at its name; `@enum`: an enum class takes no `__richcmp__`.
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_conflicts {
    ($name:ident [$($opt:tt)*] [$($mname:tt)*]) => {
        $( $crate::__limpet_class_conflicts! { @option [$opt] $name $opt } )*
        $crate::__limpet_class_conflicts! { @methods $name [$($mname)*] [$($mname)*] }
    };
    (@methods $name:ident [$($m:tt)*] $all:tt) => {
        $( $crate::__limpet_class_conflicts! { @method [$m] $name $m $all } )*
    };
    (@option [ord] $name:ident $t:tt) => {
        $crate::__limpet_class_conflicts! { @check OrdNeedsEq ( <$name>::__LIMPET_OPTIONS.eq.is_some() ) $t }
    };
    (@option [hash] $name:ident $t:tt) => {
        $crate::__limpet_class_conflicts! {
            @check HashNeedsEqFrozen ( <$name>::__LIMPET_OPTIONS.eq.is_some() && <$name>::__LIMPET_OPTIONS.frozen ) $t
        }
    };
    (@option [$o:tt] $name:ident $t:tt) => {};
    (@method [__hash__] $name:ident $m:tt $all:tt) => {
        $crate::__limpet_class_conflicts! { @check DerivedByOption ( <$name>::__LIMPET_OPTIONS.hash.is_none() ) $m }
    };
    (@method [__str__] $name:ident $m:tt $all:tt) => {
        $crate::__limpet_class_conflicts! { @check DerivedByOption ( <$name>::__LIMPET_OPTIONS.str.is_none() ) $m }
    };
    (@method [__repr__] $name:ident $m:tt $all:tt) => {
        $crate::__limpet_class_conflicts! { @check DerivedByOption ( <$name>::__LIMPET_OPTIONS.repr.is_none() ) $m }
    };
    (@method [__richcmp__] $name:ident $m:tt $all:tt) => {
        $crate::__limpet_class_conflicts! {
            @check DerivedByOption ( <$name>::__LIMPET_OPTIONS.eq.is_none() && <$name>::__LIMPET_OPTIONS.ord.is_none() ) $m
        }
    };
    (@method [__eq__] $($r:tt)*) => { $crate::__limpet_class_conflicts! { @compare $($r)* } };
    (@method [__ne__] $($r:tt)*) => { $crate::__limpet_class_conflicts! { @compare $($r)* } };
    (@method [__lt__] $($r:tt)*) => { $crate::__limpet_class_conflicts! { @compare $($r)* } };
    (@method [__le__] $($r:tt)*) => { $crate::__limpet_class_conflicts! { @compare $($r)* } };
    (@method [__gt__] $($r:tt)*) => { $crate::__limpet_class_conflicts! { @compare $($r)* } };
    (@method [__ge__] $($r:tt)*) => { $crate::__limpet_class_conflicts! { @compare $($r)* } };
    (@method [$other:tt] $($r:tt)*) => {};
    // A typed comparison dunder: no `__richcmp__` among the methods, no `#[eq]`/`#[ord]`.
    (@compare $name:ident $m:tt [$($all:tt)*]) => {
        $crate::__limpet_class_conflicts! {
            @check OneRichCompare (
                !(false $(|| $crate::__limpet_class_conflicts!(@is_richcmp $all))*)
                    && <$name>::__LIMPET_OPTIONS.eq.is_none() && <$name>::__LIMPET_OPTIONS.ord.is_none()
            ) $m
        }
    };
    // An enum compares by variant (its generated `__eq__`): a `__richcmp__` would replace it.
    (@enum [$($m:tt)*]) => { $( $crate::__limpet_class_conflicts! { @enum_method [$m] $m } )* };
    (@enum_method [__richcmp__] $t:tt) => {
        $crate::__limpet_error! { $t EnumCompare []
            "limpet::class!: an enum class compares by variant (`==`, `!=` with the same variant or its integer), which a `__richcmp__` would replace: remove it (the orderings are `__lt__`, `__le__`, `__gt__`, `__ge__`)"
            "an enum compares by variant" }
    };
    (@enum_method [$o:tt] $t:tt) => {};
    (@is_richcmp __richcmp__) => { true };
    (@is_richcmp $other:tt) => { false };
    // The error at TOKEN (a unit struct named like it) unless CONDITION (`src/checks.rs`).
    (@check $trait:ident ($($cond:tt)*) $t:tt) => {
        const _: () = {
            #[allow(non_camel_case_types, dead_code)]
            struct $t;
            const fn limpet_expects<T: $crate::__private::$trait<{ $($cond)* }>>() {}
            limpet_expects::<$t>()
        };
    };
}
