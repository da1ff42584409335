//! Issue 13 (a lean build): the shared tuple-to-fastcall adapter must own the keyword values
//! it lays out, since the body may empty the caller's kwargs dict.
use limpet::prelude::*;

limpet::function! {
    /// Call `clear()` (which may empty the caller's `**kwargs` dict), then return `value`.
    pub fn kw_after_callback<'py>(clear: &Bound<'py, PyAny>, *, value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        clear.call0()?;
        Ok(value.clone())
    }
}
