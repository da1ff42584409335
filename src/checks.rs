//! Compile-time checks of `class!` that run on every class (valid input included): traits
//! whose unsatisfied bound is the error, at the user's token (`self`, an option's name), with
//! limpet's message. They live here, not in the expansion, because a crate under
//! `#![no_implicit_prelude]` has no `diagnostic::` attribute namespace (and no `Sized`).
//!
//! Each is `Trait<const OK: bool>`, implemented for every type with `OK` true: the expansion
//! requires `TOKEN: Trait<{ CONDITION }>` on a unit struct named like the user's token (or
//! the user's `self`), so a false condition is one error there.

/// `&mut self` in a `#[frozen]` class (`__limpet_class_def!{@mut_receiver}`).
#[diagnostic::on_unimplemented(
    message = "limpet::class!: `&mut self` needs a class that is not #[frozen] (a frozen class is immutable): take `&self` (with `Cell`/`Mutex` fields for what changes) or remove #[frozen]",
    label = "`&mut self` in a #[frozen] class"
)]
pub trait MutReceiver<const NOT_FROZEN: bool> {}
impl<T: ?Sized> MutReceiver<true> for T {}

/// `#[ord]` without `#[eq]` (`__limpet_class_conflicts!`).
#[diagnostic::on_unimplemented(
    message = "limpet::class!: #[ord] needs #[eq] (Python's ordering comparisons come with == and !=)",
    label = "#[ord] without #[eq]"
)]
pub trait OrdNeedsEq<const OK: bool> {}
impl<T: ?Sized> OrdNeedsEq<true> for T {}

/// `#[hash]` without `#[eq]` and `#[frozen]` (`__limpet_class_conflicts!`).
#[diagnostic::on_unimplemented(
    message = "limpet::class!: #[hash] needs #[eq] and #[frozen] (a hash from mutable fields would change while the object is in a set or a dict)",
    label = "#[hash] without #[eq] and #[frozen]"
)]
pub trait HashNeedsEqFrozen<const OK: bool> {}
impl<T: ?Sized> HashNeedsEqFrozen<true> for T {}

/// A method an option derives (`__limpet_class_conflicts!`).
#[diagnostic::on_unimplemented(
    message = "limpet::class!: this method is derived by a class option (#[hash]: `__hash__`; #[str]: `__str__`; #[repr]: `__repr__`; #[eq]/#[ord]: `__richcmp__`): remove the method or the option",
    label = "derived by a class option"
)]
pub trait DerivedByOption<const OK: bool> {}
impl<T: ?Sized> DerivedByOption<true> for T {}

/// A typed comparison dunder next to `__richcmp__`, `#[eq]` or `#[ord]`
/// (`__limpet_class_conflicts!`): a class has one `tp_richcompare`.
#[diagnostic::on_unimplemented(
    message = "limpet::class!: this comparison method would never be called: a class compares through one `tp_richcompare`, its `__richcmp__` or the one #[eq]/#[ord] derive (from `PartialEq`/`PartialOrd`); keep that and remove the method (with #[eq], add #[ord] for `<`, `<=`, `>`, `>=`), or remove it and write each comparison method by hand",
    label = "a second way to compare"
)]
pub trait OneRichCompare<const OK: bool> {}
impl<T: ?Sized> OneRichCompare<true> for T {}

/// An `async fn` dunder that Python calls for a value (`__len__`, `__repr__`, ..; see
/// `class::dunder::is_value`), `__limpet_method_attrs!`.
#[diagnostic::on_unimplemented(
    message = "limpet::class!: this method cannot be an `async fn`: Python calls it for a value, not an awaitable; only ordinary methods, #[staticmethod]s, #[classmethod]s, `__anext__`, `__aenter__`, `__aexit__` and other dunders that return an awaitable can be async",
    label = "Python calls it for a value"
)]
pub trait NotAsyncValue<const OK: bool> {}
impl<T: ?Sized> NotAsyncValue<true> for T {}
