// `PyClass` is an `unsafe trait`: its description is what instances are read through, so a
// type may not borrow another class's (here `Bar` would read `Foo`'s cells as its own).
use limpet::class::{ClassDef, PyClass};

limpet::class! {
    pub struct Foo { v: String }
}

pub struct Bar { v: Vec<u64> }

impl PyClass for Bar {
    fn class_def() -> &'static ClassDef {
        Foo::class_def()
    }
}

fn main() {}
