//! Soundness of what a user crate can reach without `unsafe` (issue 14): the hidden
//! `class::new_for_subtype` checks the type it is given before writing a cell into it.
use limpet::prelude::*;

limpet::class! {
    /// A subclassable class holding one integer.
    #[subclass]
    pub struct SoundHolder {
        #[py(get)] pub value: i64,
    }
    impl SoundHolder {
        #[new]
        fn new(value: i64 = 0) -> Self { SoundHolder { value } }
    }
}

limpet::function! {
    /// `class::new_for_subtype::<SoundHolder, _>(cls, ..)` with any object as `cls`.
    pub fn sound_new_for<'py>(cls: Bound<'py, PyAny>, value: i64) -> PyResult<Bound<'py, PyAny>> {
        limpet::class::new_for_subtype::<SoundHolder, _>(&cls, SoundHolder { value })
    }
}
