#![forbid(unsafe_code)]
// A `ClassDef` (layout, drop function and slots of a class) can only be built with the
// `unsafe` promise that `class!` makes; safe code cannot pair a layout with another type's
// dealloc (`Evil` instances would be dropped as `Foo`s).
use limpet::class::{cell_layout, dealloc, drop_cell, plain_clear, plain_traverse, ClassDef, ClassDefGuarantee, ClassOptions};

limpet::class! {
    pub struct Foo { v: String }
}

static EVIL: ClassDef = ClassDef {
    name: "Evil",
    doc: "",
    options: ClassOptions::parse(&[]),
    items: &[],
    cell_layout: cell_layout::<u8>(),
    drop_cell: drop_cell::<Foo>,
    dealloc: dealloc::<Foo>,
    plain_gc: (plain_traverse::<Foo>, plain_clear::<Foo>),
    state: std::sync::OnceLock::new(),
    base: None,
    guarantee: ClassDefGuarantee::new(),
};

fn main() {
    let _ = &EVIL;
}
