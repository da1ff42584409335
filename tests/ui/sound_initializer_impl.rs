// `Initializer` is sealed: `new_for_subtype` trusts it to initialise the cells of the
// instance, so a type cannot supply one that leaves them uninitialised.
use limpet::class::{new_for_subtype, Initializer, PyClass};
use limpet::prelude::*;

limpet::class! {
    pub struct Foo { v: String }
}

pub struct Nothing;

impl Initializer<Foo> for Nothing {
    fn check(&self) -> PyResult<()> {
        Ok(())
    }
    fn write(self, _fresh: &limpet::class::Fresh) {}
    fn alone(self) -> Result<Foo, Self> {
        Err(self)
    }
}

fn main() {
    Python::with_gil(|py| {
        let ty = Foo::type_object(py).unwrap();
        let _ = new_for_subtype::<Foo, _>(&ty, Nothing); // a Foo whose String is zeroed memory
    });
}
