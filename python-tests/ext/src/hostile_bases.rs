//! Bases that lie about their layout (test_hostile_bases.py): `#[extends]` of an object that
//! only claims to be a type, and of a class whose metaclass fakes `__flags__`, `__itemsize__`
//! and `__basicsize__`. Both come from the module `limptest_hostile_bases`, which the test
//! puts in `sys.modules` before asking for the class.

use limpet::class::{ClassBase, PyClass, PyClassBase};
use limpet::prelude::*;

/// `limptest_hostile_bases.fake_type`: not a type, though `isinstance(it, type)` says so.
pub struct FakeTypeBase;
impl PyClassBase for FakeTypeBase {
    const BASE: ClassBase = ClassBase::Import("limptest_hostile_bases", "fake_type");
}
/// `limptest_hostile_bases.Lying`: a class whose metaclass misreports its layout.
pub struct LyingBase;
impl PyClassBase for LyingBase {
    const BASE: ClassBase = ClassBase::Import("limptest_hostile_bases", "Lying");
}

limpet::class! {
    #[extends(FakeTypeBase)]
    pub struct OnFakeType { v: u64 }
    impl OnFakeType {
        #[new]
        fn new() -> Self { OnFakeType { v: 7 } }
        fn v(&self) -> u64 { self.v }
    }
}
limpet::class! {
    #[extends(LyingBase)]
    pub struct OnLying { v: u64 }
    impl OnLying {
        #[new]
        fn new() -> Self { OnLying { v: 7 } }
        fn v(&self) -> u64 { self.v }
    }
}

limpet::function! {
    /// Create the class extending `which` (`"fake"` or `"lying"`) and one instance of it.
    pub fn hostile_base<'py>(py: Python<'py>, which: String) -> PyResult<Bound<'py, PyAny>> {
        let ty = if which == "fake" { OnFakeType::type_object(py)? } else { OnLying::type_object(py)? };
        let obj = ty.call0()?;
        obj.call_method0("v")?;
        Ok(obj)
    }
}
