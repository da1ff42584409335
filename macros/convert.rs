//! `convert!`: `FromPyObject`, `FromPyArg` and `IntoPy` for a user's struct or enum, declared
//! around the item (like `pin_project!`). The work is in `src/convert/record.rs`.
//!
//! Stages: `convert!` matches one item (named struct, tuple struct or enum) and hands it
//! to `__limpet_convert_attrs!`, which munches the item's attributes (bounded by their
//! number), taking `#[py(from = .., into = ..)]` out; then one emitter per item shape
//! (`__limpet_convert_named!`, `__limpet_convert_tuple!`, `__limpet_convert_enum!`)
//! re-emits the item and writes the impls. Fields and variants are one repetition each;
//! `__limpet_convert_field!` munches the options of one field; tuple structs zip their
//! fields with a fixed list of indices (at most 16 fields).

/// Derive conversions for a struct or enum, with the item declared inside the macro.
///
/// ```text
/// limpet::convert! {
///     /// Docs and other attributes (`#[derive(..)]`) are kept.
///     #[py(from = attributes, into = dict)]   // the defaults; see below
///     pub struct NAME {
///         /// Field docs.
///         #[py(name = "key", default)]        // options of a field, all optional
///         pub field: Type,
///     }
/// }
/// limpet::convert! { pub struct NAME(pub A, pub B); }        // from/into a tuple
/// limpet::convert! { pub struct NAME(pub A); }               // newtype: as A itself
/// limpet::convert! { pub enum NAME { Variant(A), Other(B) } } // first variant that converts
/// ```
///
/// Each implements [`FromPyObject`](crate::FromPyObject) (so the type is also a parameter
/// type, through [`FromPyArg`](crate::FromPyArg)) and [`IntoPy`](crate::IntoPy), with
/// stub hints.
///
/// - **Struct with named fields**: `from = attributes` (default) reads `obj.field` from any
///   object (an instance, `SimpleNamespace`, dataclass); `from = items` reads `obj["field"]`
///   from a dict or any `collections.abc.Mapping`. `into = dict` (default) returns
///   `{"field": value, ..}`. Field options: `name = "pyName"` (the attribute / key, both
///   ways), `default` (`Default::default()` when missing), `default = EXPR` (when missing).
///   An `Option<T>` field is `None` when missing or `None`.
/// - **Tuple struct**: from a `tuple` of exactly that length, into a `tuple`. With a single
///   field it is transparent (a newtype): converted as the field itself.
/// - **Enum** whose variants each hold one value: the first variant whose type converts
///   wins (so list `i64` before `f64`, narrower before wider); into: the held value.
/// - `from = none` / `into = none` leave out a direction (e.g. a field type that is not
///   `IntoPy`).
///
/// Errors: `TypeError: failed to extract field 'x' of Point: expected int, got str`
/// (other exceptions keep their type: `OverflowError: failed to extract field 'x' of Point:
/// ...`), `missing attribute 'x'` / `missing key 'x'`, `failed to extract Pair: expected a
/// tuple of length 2, got a tuple of length 3`, and for enums `failed to extract enum
/// Number ('int | str'):` followed by one line per variant tried.
///
/// Limitations (each has a compile-fail test, `tests/ui/convert_*.rs`): one item per
/// invocation; no generic types, no unit structs; a field carries doc comments and at most
/// one `#[py(..)]`, in that order, and no other attributes; a tuple struct has at most 16
/// fields; enum variants hold exactly one value (declare a struct with `convert!` for a
/// struct-like variant). A field type must convert both ways unless a direction is left out
/// (`into = none`); the error then names the field's type. For anything else,
/// implement [`FromPyObject`](crate::FromPyObject) and [`IntoPy`](crate::IntoPy) by hand
/// and add [`from_py_arg!`](crate::from_py_arg).
///
/// ```
/// use limpet::prelude::*;
///
/// limpet::convert! {
///     /// A point read from any object with `x` and `y` attributes.
///     #[derive(Debug, Clone, PartialEq)]
///     pub struct Point {
///         pub x: i64,
///         #[py(name = "yCoord", default)]
///         pub y: i64,
///         pub label: Option<String>,
///     }
/// }
/// limpet::convert! { pub struct Pair(pub i64, pub String); }
/// limpet::convert! { pub enum Number { Int(i64), Float(f64) } }
///
/// limpet::function! {
///     fn norm1(p: Point) -> i64 { p.x.abs() + p.y.abs() }
///     fn swap(p: Pair) -> (String, i64) { (p.1, p.0) }
///     fn half(n: Number) -> Number {
///         match n { Number::Int(i) => Number::Int(i / 2), Number::Float(f) => Number::Float(f / 2.0) }
///     }
/// }
/// # fn main() { assert_eq!(norm1(Point { x: -1, y: 2, label: None }), 3); }
/// ```
///
/// Extraction from Python, and its errors:
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::prelude::*;
/// limpet::convert! { #[derive(Debug)] pub struct Point { pub x: i64, #[py(default)] pub y: i64 } }
/// let ns = py.import("types")?.getattr("SimpleNamespace")?.call0()?;
/// ns.setattr("x", 3)?;
/// let p: Point = ns.extract()?;
/// assert_eq!((p.x, p.y), (3, 0));
/// ns.setattr("x", "three")?;
/// let err = ns.extract::<Point>().unwrap_err();
/// assert_eq!(err.to_string(), "TypeError: failed to extract field 'x' of Point: expected int, got str");
/// # Ok(()) });
/// ```
#[macro_export]
macro_rules! convert {
    (
        $(#[$($attr:tt)*])*
        $vis:vis struct $name:ident {
            $(
                $(#[doc = $fdoc:expr])*
                $(#[py($($fopt:tt)*)])?
                $fvis:vis $field:ident : $fty:ty
            ),* $(,)?
        }
    ) => {
        $crate::__limpet_convert_attrs! {
            { named $vis $name [$( [$($fdoc)*] [$($($fopt)*)?] $fvis $field ($fty) )*] }
            [] [] []
            $(#[$($attr)*])*
        }
    };
    (
        $(#[$($attr:tt)*])*
        $vis:vis struct $name:tt ( $( $(#[doc = $fdoc:expr])* $fvis:vis $fty:ty ),+ $(,)? );
    ) => {
        $crate::__limpet_convert_attrs! {
            { tuple $name $vis [$( [$($fdoc)*] $fvis ($fty) )*] }
            [] [] []
            $(#[$($attr)*])*
        }
    };
    (
        $(#[$($attr:tt)*])*
        $vis:vis enum $name:ident {
            $( $(#[doc = $vdoc:expr])* $variant:ident ( $vty:ty ) ),* $(,)?
        }
    ) => {
        $crate::__limpet_convert_attrs! {
            { enum $vis $name [$( [$($vdoc)*] $variant ($vty) )*] }
            [] [] []
            $(#[$($attr)*])*
        }
    };
    ($(#[$($attr:tt)*])* $vis:vis $kind:ident $name:tt < $($rest:tt)*) => {
        $crate::__limpet_error! { $name NotGeneric []
            "limpet::convert!: generic types are not supported: implement FromPyObject and IntoPy by hand and add `limpet::from_py_arg!`"
            "`{Self}` is generic" }
    };
    ($(#[$($attr:tt)*])* $vis:vis struct $name:tt $(())? ;) => {
        $crate::__limpet_error! { $name HasFields []
            "limpet::convert!: a unit struct has no fields to convert; expected `struct NAME { FIELDS }` or `struct NAME(TYPES);`"
            "`{Self}` has no fields" }
    };
    // Fields with an attribute other than docs and `#[py(..)]`: an error at that attribute;
    // else (attributes out of order, two `#[py(..)]`) the message below.
    (
        $(#[$($attr:tt)*])*
        $vis:vis struct $name:ident {
            $( $(#[$($fattr:tt)*])* $fvis:vis $field:ident : $fty:ty ),* $(,)?
        }
    ) => {
        $($( $crate::__limpet_convert_field! { @attr #[$($fattr)*] } )*)*
        // The struct without the conversions, so that the error above stays the only one.
        $vis struct $name { $( $fvis $field : $fty ),* }
        const _: () = if !(false $($( || $crate::__limpet_convert_field!(@bad #[$($fattr)*]) )*)*) {
            $crate::__private::core::panic!($crate::__private::core::concat!(
                "limpet::convert!: unsupported fields in `", $crate::__private::core::stringify!($name),
                "`; each field is `/// docs` then at most one `#[py(OPTIONS)]` then `[pub] name: Type`"
            ))
        };
    };
    ($(#[$($attr:tt)*])* $vis:vis struct $name:tt { $($body:tt)* }) => {
        $crate::__limpet_error! { $name ConvertFields []
            "limpet::convert!: unsupported fields; each field is `/// docs` then at most one `#[py(OPTIONS)]` then `[pub] name: Type` (no other field attributes)"
            "in the fields of `{Self}`" }
    };
    ($(#[$($attr:tt)*])* $vis:vis enum $name:tt { $($body:tt)* }) => {
        $crate::__limpet_error! { $name ConvertVariants []
            "limpet::convert!: unsupported variants; each variant holds exactly one value: `/// docs` `Variant(Type)` (wrap several values in a struct declared with convert!)"
            "in the variants of `{Self}`" }
    };
    ($($other:tt)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::convert!: expected one item: `[pub] struct NAME { FIELDS }`, `[pub] struct NAME(TYPES);` or ",
            "`[pub] enum NAME { Variant(Type), .. }`, with `/// docs`, `#[py(from = .., into = ..)]` and other attributes before it"
        ));
    };
}

/// `convert!` stage 1: sort the item's attributes into the `from` and `into` options and the
/// attributes kept on the item, then call the emitter of the item's shape.
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_convert_attrs {
    // Our option attribute: munch its options.
    ({$($item:tt)*} [$($from:tt)*] [$($into:tt)*] [$($kept:tt)*] #[py($($o:tt)*)] $($rest:tt)*) => {
        $crate::__limpet_convert_attrs! { @opt {$($item)*} [$($from)*] [$($into)*] [$($kept)*] ($($o)*) $($rest)* }
    };
    // Any other attribute (docs, derives, ...) stays on the item.
    ({$($item:tt)*} [$($from:tt)*] [$($into:tt)*] [$($kept:tt)*] #[$($a:tt)*] $($rest:tt)*) => {
        $crate::__limpet_convert_attrs! { {$($item)*} [$($from)*] [$($into)*] [$($kept)* #[$($a)*]] $($rest)* }
    };
    // Done: the emitter of the item's shape.
    ({named $($item:tt)*} [$($from:tt)*] [$($into:tt)*] [$($kept:tt)*]) => {
        $crate::__limpet_convert_named! { @emit {$($item)*} [$($from)*] [$($into)*] [$($kept)*] }
    };
    ({tuple $($item:tt)*} [$($from:tt)*] [$($into:tt)*] [$($kept:tt)*]) => {
        $crate::__limpet_convert_tuple! { @emit {$($item)*} [$($from)*] [$($into)*] [$($kept)*] }
    };
    ({enum $($item:tt)*} [$($from:tt)*] [$($into:tt)*] [$($kept:tt)*]) => {
        $crate::__limpet_convert_enum! { @emit {$($item)*} [$($from)*] [$($into)*] [$($kept)*] }
    };

    // @opt: one option of `#[py(..)]` at a time: `from = IDENT`, `into = IDENT`.
    (@opt {$($item:tt)*} [$($from:tt)*] [$($into:tt)*] [$($kept:tt)*] (from = $v:tt $(, $($o:tt)*)?) $($rest:tt)*) => {
        $crate::__limpet_convert_attrs! { @opt {$($item)*} [$v] [$($into)*] [$($kept)*] ($($($o)*)?) $($rest)* }
    };
    (@opt {$($item:tt)*} [$($from:tt)*] [$($into:tt)*] [$($kept:tt)*] (into = $v:tt $(, $($o:tt)*)?) $($rest:tt)*) => {
        $crate::__limpet_convert_attrs! { @opt {$($item)*} [$($from)*] [$v] [$($kept)*] ($($($o)*)?) $($rest)* }
    };
    (@opt {$($item:tt)*} [$($from:tt)*] [$($into:tt)*] [$($kept:tt)*] () $($rest:tt)*) => {
        $crate::__limpet_convert_attrs! { {$($item)*} [$($from)*] [$($into)*] [$($kept)*] $($rest)* }
    };
    (@opt {$($item:tt)*} [$($from:tt)*] [$($into:tt)*] [$($kept:tt)*] ($bad:tt $($o:tt)*) $($rest:tt)*) => {
        $crate::__limpet_error! { $bad ItemOption [from into]
            "limpet::convert!: unknown item option; expected `#[py(from = attributes | items | none, into = dict | none)]` on a struct with named fields, `#[py(from = tuple | none, into = tuple | none)]` on a tuple struct, `#[py(from = none)]` / `#[py(into = none)]` on an enum"
            "`{Self}` is not an item option" }
        $crate::__limpet_convert_attrs! { @opt {$($item)*} [$($from)*] [$($into)*] [$($kept)*] () $($rest)* }
    };
}

/// `convert!` stage 2 for a struct with named fields: the item, `FromPyObject` (+ `FromPyArg`)
/// from attributes or mapping items, `IntoPy` to a dict.
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_convert_named {
    // @emit: the struct itself, then the checks of the field options and the two directions.
    (@emit { $vis:vis $name:ident [$( [$($fdoc:expr)*] [$($fopt:tt)*] $fvis:vis $field:ident ($fty:ty) )*] }
        [$($from:tt)?] [$($into:tt)?] [$($kept:tt)*]) => {
        $($kept)*
        $vis struct $name {
            $( $(#[doc = $fdoc])* $fvis $field: $fty, )*
        }
        $( $crate::__limpet_convert_field! { @check $name $field $($fopt)* } )*
        $crate::__limpet_convert_named! { @from [$($from)?] $name [$( [$($fopt)*] $field ($fty) )*] }
        $crate::__limpet_convert_named! { @into [$($into)?] $name [$( [$($fopt)*] $field ($fty) )*] }
    };

    // @from: the mode (`attributes` by default) picks the `Fields` constructor and hint.
    (@from [] $($rest:tt)*) => { $crate::__limpet_convert_named! { @from_impl attributes attributes_hint $($rest)* } };
    (@from [attributes] $($rest:tt)*) => { $crate::__limpet_convert_named! { @from_impl attributes attributes_hint $($rest)* } };
    (@from [items] $($rest:tt)*) => { $crate::__limpet_convert_named! { @from_impl items items_hint $($rest)* } };
    (@from [none] $($rest:tt)*) => {};
    (@from [$bad:tt] $($rest:tt)*) => {
        $crate::__limpet_error! { $bad FromMode [attributes items none]
            "limpet::convert!: unknown `from` for a struct with named fields; expected `from = attributes`, `from = items` or `from = none`"
            "`from = {Self}`" }
    };
    (@from_impl $ctor:ident $hint:ident $name:ident [$( [$($fopt:tt)*] $field:ident ($fty:ty) )*]) => {
        impl<'py> $crate::FromPyObject<'py> for $name {
            fn extract(obj: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<Self> {
                let fields = $crate::__private::Fields::$ctor(obj, $crate::__private::core::stringify!($name))?;
                $crate::__private::core::result::Result::Ok($name {
                    $( $field: $crate::__limpet_convert_field!(@opts get {fields $field ($fty)} [] [] $($fopt)*)?, )*
                })
            }
            fn input_hint() -> ::std::string::String {
                $crate::__private::Fields::$hint()
            }
        }
        $crate::from_py_arg!($name);
    };

    // @into: a dict (default) or nothing.
    (@into [] $($rest:tt)*) => { $crate::__limpet_convert_named! { @into [dict] $($rest)* } };
    (@into [none] $($rest:tt)*) => {};
    (@into [dict] $name:ident [$( [$($fopt:tt)*] $field:ident ($fty:ty) )*]) => {
        impl $crate::IntoPy for $name {
            fn into_py(self, py: $crate::Python<'_>) -> $crate::PyResult<$crate::Bound<'_, $crate::PyAny>> {
                let dict = $crate::__private::DictBuilder::new(py)?;
                $( dict.set($crate::__limpet_convert_field!(@opts key {$field} [] [] $($fopt)*), self.$field)?; )*
                $crate::__private::core::result::Result::Ok(dict.finish())
            }
            fn output_hint() -> ::std::string::String {
                $crate::__private::DictBuilder::hint()
            }
        }
    };
    (@into [$bad:tt] $($rest:tt)*) => {
        $crate::__limpet_error! { $bad IntoMode [dict none]
            "limpet::convert!: unknown `into` for a struct with named fields; expected `into = dict` or `into = none`"
            "`into = {Self}`" }
    };
}

/// `convert!`: the options of one field, `#[py(name = "key", default, default = EXPR)]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_convert_field {
    // @check: report an unknown option once (the @opts users below stay silent).
    (@check $name:ident $field:ident) => {};
    (@check $name:ident $field:ident name = $k:literal $(, $($rest:tt)*)?) => {
        $crate::__limpet_convert_field! { @check $name $field $($($rest)*)? }
    };
    (@check $name:ident $field:ident default = $e:expr $(, $($rest:tt)*)?) => {
        $crate::__limpet_convert_field! { @check $name $field $($($rest)*)? }
    };
    (@check $name:ident $field:ident default $(, $($rest:tt)*)?) => {
        $crate::__limpet_convert_field! { @check $name $field $($($rest)*)? }
    };
    (@check $name:ident $field:ident $bad:tt $($rest:tt)*) => {
        $crate::__limpet_error! { $bad FieldOption [name default]
            "limpet::convert!: unknown field option; expected `#[py(name = \"key\")]`, `#[py(default)]` or `#[py(default = EXPR)]` (comma-separated)"
            "`{Self}` is not a field option" }
    };

    // @attr: an attribute convert! does not take on a field (read only when the grammar of
    // convert! did not match); @bad: whether it is one.
    (@attr #[doc $($x:tt)*]) => {};
    (@attr #[py $($x:tt)*]) => {};
    (@attr #[$a:tt $($x:tt)*]) => { $crate::__limpet_convert_field! { @attr_at [$a] $a } };
    (@attr_at [pyo3] $a:tt) => {
        $crate::__limpet_error! { $a FieldAttribute []
            "limpet::convert!: `#[pyo3(..)]` is PyO3's; a field's options are `#[py(name = \"key\")]`, `#[py(default)]` or `#[py(default = EXPR)]`"
            "PyO3's attribute: write `#[py(..)]`" }
    };
    (@attr_at [$x:tt] $a:tt) => {
        $crate::__limpet_error! { $a FieldAttribute []
            "limpet::convert!: a field takes only doc comments and one `#[py(..)]` (other attributes are not supported on convert! fields)"
            "not supported on a convert! field" }
    };
    (@bad #[doc $($x:tt)*]) => { false };
    (@bad #[py $($x:tt)*]) => { false };
    (@bad $($x:tt)*) => { true };

    // @opts: munch the options into [key] [default], then emit `get` or `key`.
    (@opts $cont:ident {$($ctx:tt)*} [$($key:tt)*] [$($def:tt)*] name = $k:literal $(, $($rest:tt)*)?) => {
        $crate::__limpet_convert_field!(@opts $cont {$($ctx)*} [$k] [$($def)*] $($($rest)*)?)
    };
    (@opts $cont:ident {$($ctx:tt)*} [$($key:tt)*] [$($def:tt)*] default = $e:expr $(, $($rest:tt)*)?) => {
        $crate::__limpet_convert_field!(@opts $cont {$($ctx)*} [$($key)*] [expr $e] $($($rest)*)?)
    };
    (@opts $cont:ident {$($ctx:tt)*} [$($key:tt)*] [$($def:tt)*] default $(, $($rest:tt)*)?) => {
        $crate::__limpet_convert_field!(@opts $cont {$($ctx)*} [$($key)*] [default] $($($rest)*)?)
    };
    (@opts get {$fields:ident $field:ident ($fty:ty)} [$($key:tt)*] [$($def:tt)*]) => {
        $fields.field::<$fty>(
            $crate::__private::core::stringify!($field),
            $crate::__limpet_convert_field!(@key_of $field $($key)*),
            || $crate::__limpet_convert_field!(@default ($fty) $($def)*),
        )
    };
    (@opts key {$field:ident} [$($key:tt)*] [$($def:tt)*]) => {
        $crate::__limpet_convert_field!(@key_of $field $($key)*)
    };
    // Unknown options: already reported by @check (the code goes on without them).
    (@opts $cont:ident {$($ctx:tt)*} [$($key:tt)*] [$($def:tt)*] $($bad:tt)*) => {
        $crate::__limpet_convert_field!(@opts $cont {$($ctx)*} [$($key)*] [$($def)*])
    };

    // @key_of: the Python name (the field's own name unless renamed).
    (@key_of $field:ident) => { $crate::__private::core::stringify!($field) };
    (@key_of $field:ident $k:literal) => { $k };

    // @default: the value of a missing field, `None` when it is required.
    (@default ($fty:ty)) => {{
        #[allow(unused_imports)]
        use $crate::__private::{MissingOptional as _, MissingRequired as _};
        (&&$crate::__private::Missing::<$fty>::NEW).value()
    }};
    (@default ($fty:ty) default) => {
        $crate::__private::core::option::Option::Some(<$fty as $crate::__private::core::default::Default>::default())
    };
    (@default ($fty:ty) expr $e:expr) => {
        $crate::__private::core::option::Option::Some::<$fty>($e)
    };
}

/// `convert!` stage 2 for a tuple struct: the item, then its fields zipped with indices,
/// then `FromPyObject` (+ `FromPyArg`) from a tuple and `IntoPy` to a tuple (a newtype:
/// as its one field).
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_convert_tuple {
    (@emit { $name:tt $vis:vis [$( [$($fdoc:expr)*] $fvis:vis ($fty:ty) )*] }
        [$($from:tt)?] [$($into:tt)?] [$($kept:tt)*]) => {
        $($kept)*
        $vis struct $name ( $( $(#[doc = $fdoc])* $fvis $fty, )* );
        $crate::__limpet_convert_tuple! { @zip {$name [$($from)?] [$($into)?]} []
            [0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15] [$( ($fty) )*] }
    };

    // @zip: pair each field type with its index (bounded: at most 16 fields).
    (@zip {$($ctx:tt)*} [$($done:tt)*] [$i:tt $($is:tt)*] [($t:ty) $($ts:tt)*]) => {
        $crate::__limpet_convert_tuple! { @zip {$($ctx)*} [$($done)* ($i $t)] [$($is)*] [$($ts)*] }
    };
    (@zip {$name:tt [$($from:tt)?] [$($into:tt)?]} [$($done:tt)*] [$($is:tt)*] []) => {
        $crate::__limpet_convert_tuple! { @from [$($from)?] $name [$($done)*] }
        $crate::__limpet_convert_tuple! { @into [$($into)?] $name [$($done)*] }
    };
    (@zip {$name:tt $($ctx:tt)*} [$($done:tt)*] [] [$($ts:tt)*]) => {
        $crate::__limpet_error! { $name TupleFields []
            "limpet::convert!: a tuple struct has at most 16 fields; use a struct with named fields"
            "`{Self}` has more than 16 fields" }
    };

    // @from: from a tuple (default), or nothing; a newtype converts as its field.
    (@from [] $($rest:tt)*) => { $crate::__limpet_convert_tuple! { @from [tuple] $($rest)* } };
    (@from [none] $($rest:tt)*) => {};
    (@from [tuple] $name:ident [(0 $t:ty)]) => {
        impl<'py> $crate::FromPyObject<'py> for $name {
            fn extract(obj: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<Self> {
                $crate::__private::core::result::Result::Ok($name(
                    $crate::__private::newtype_field::<$t>(obj, $crate::__private::core::stringify!($name))?,
                ))
            }
            fn input_hint() -> ::std::string::String {
                $crate::__private::hint_once::<Self>(false, || <$t as $crate::FromPyObject<'py>>::input_hint())
            }
        }
        $crate::from_py_arg!($name);
    };
    (@from [tuple] $name:ident [$(($i:tt $t:ty))*]) => {
        impl<'py> $crate::FromPyObject<'py> for $name {
            fn extract(obj: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<Self> {
                let name = $crate::__private::core::stringify!($name);
                let tuple = $crate::__private::tuple_of(obj, name, 0 $(+ $crate::__limpet_one!($i))*)?;
                $crate::__private::core::result::Result::Ok($name(
                    $( $crate::__private::tuple_field::<$t>(tuple, $i, name)?, )*
                ))
            }
            fn input_hint() -> ::std::string::String {
                $crate::__private::hint_once::<Self>(false, || {
                    $crate::__private::tuple_hint(&[$( <$t as $crate::FromPyObject<'py>>::input_hint() ),*])
                })
            }
        }
        $crate::from_py_arg!($name);
    };
    (@from [$bad:tt] $($rest:tt)*) => {
        $crate::__limpet_error! { $bad FromMode [tuple none]
            "limpet::convert!: unknown `from` for a tuple struct; expected `from = tuple` or `from = none`"
            "`from = {Self}`" }
    };

    // @into: a tuple (default), or nothing; a newtype converts as its field.
    (@into [] $($rest:tt)*) => { $crate::__limpet_convert_tuple! { @into [tuple] $($rest)* } };
    (@into [none] $($rest:tt)*) => {};
    (@into [tuple] $name:ident [(0 $t:ty)]) => {
        impl $crate::IntoPy for $name {
            fn into_py(self, py: $crate::Python<'_>) -> $crate::PyResult<$crate::Bound<'_, $crate::PyAny>> {
                <$t as $crate::IntoPy>::into_py(self.0, py)
            }
            fn output_hint() -> ::std::string::String {
                $crate::__private::hint_once::<Self>(true, || <$t as $crate::IntoPy>::output_hint())
            }
        }
    };
    (@into [tuple] $name:ident [$(($i:tt $t:ty))*]) => {
        impl $crate::IntoPy for $name {
            fn into_py(self, py: $crate::Python<'_>) -> $crate::PyResult<$crate::Bound<'_, $crate::PyAny>> {
                $crate::__private::tuple_from(py, ::std::vec![$( <$t as $crate::IntoPy>::into_py(self.$i, py)? ),*])
            }
            fn output_hint() -> ::std::string::String {
                $crate::__private::hint_once::<Self>(true, || {
                    $crate::__private::tuple_hint(&[$( <$t as $crate::IntoPy>::output_hint() ),*])
                })
            }
        }
    };
    (@into [$bad:tt] $($rest:tt)*) => {
        $crate::__limpet_error! { $bad IntoMode [tuple none]
            "limpet::convert!: unknown `into` for a tuple struct; expected `into = tuple` or `into = none`"
            "`into = {Self}`" }
    };
}

/// `convert!` stage 2 for an enum of one-value variants: the item, `FromPyObject`
/// (+ `FromPyArg`) trying each variant in order, `IntoPy` of the held value.
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_convert_enum {
    (@emit { $vis:vis $name:ident [$( [$($vdoc:expr)*] $variant:ident ($vty:ty) )*] }
        [$($from:tt)?] [$($into:tt)?] [$($kept:tt)*]) => {
        $($kept)*
        $vis enum $name {
            $( $(#[doc = $vdoc])* $variant($vty), )*
        }
        $crate::__limpet_convert_enum! { @from [$($from)?] $name [$( $variant ($vty) )*] }
        $crate::__limpet_convert_enum! { @into [$($into)?] $name [$( $variant ($vty) )*] }
    };

    (@from [] $name:ident [$( $variant:ident ($vty:ty) )*]) => {
        impl<'py> $crate::FromPyObject<'py> for $name {
            fn extract(obj: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<Self> {
                let mut variants = $crate::__private::Variants::new(obj, $crate::__private::core::stringify!($name));
                $(
                    if let $crate::__private::core::option::Option::Some(v) = variants.attempt::<$vty>(
                        $crate::__private::core::stringify!($variant),
                        $crate::__private::core::stringify!($vty),
                    )? {
                        return $crate::__private::core::result::Result::Ok($name::$variant(v));
                    }
                )*
                $crate::__private::core::result::Result::Err(variants.finish())
            }
            fn input_hint() -> ::std::string::String {
                $crate::__private::hint_once::<Self>(false, || {
                    $crate::__private::union_hint(&[$( <$vty as $crate::FromPyObject<'py>>::input_hint() ),*])
                })
            }
        }
        $crate::from_py_arg!($name);
    };
    (@from [none] $($rest:tt)*) => {};
    (@from [$bad:tt] $($rest:tt)*) => {
        $crate::__limpet_error! { $bad FromMode [none]
            "limpet::convert!: unknown `from` for an enum; expected `from = none` or no `from` (the first variant that converts)"
            "`from = {Self}`" }
    };

    (@into [] $name:ident [$( $variant:ident ($vty:ty) )*]) => {
        impl $crate::IntoPy for $name {
            fn into_py(self, py: $crate::Python<'_>) -> $crate::PyResult<$crate::Bound<'_, $crate::PyAny>> {
                match self {
                    $( $name::$variant(v) => <$vty as $crate::IntoPy>::into_py(v, py), )*
                }
            }
            fn output_hint() -> ::std::string::String {
                $crate::__private::hint_once::<Self>(true, || {
                    $crate::__private::union_hint(&[$( <$vty as $crate::IntoPy>::output_hint() ),*])
                })
            }
        }
    };
    (@into [none] $($rest:tt)*) => {};
    (@into [$bad:tt] $($rest:tt)*) => {
        $crate::__limpet_error! { $bad IntoMode [none]
            "limpet::convert!: unknown `into` for an enum; expected `into = none` or no `into` (the held value)"
            "`into = {Self}`" }
    };
}
