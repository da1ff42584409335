#![forbid(unsafe_code)]
// A class's type state (where its cell lives) cannot be made outside limpet: safe code cannot
// set one into a class's description before its type exists and so misplace every borrow.
use limpet::class::{PyClass, TypeState};
use limpet::prelude::*;

limpet::class! {
    pub struct Foo { v: String }
}

fn main() {
    Python::with_gil(|py| {
        let _ = Foo::class_def().state.set(TypeState {
            ty: py.None().unbind(),
            cell_offset: 1 << 20,
            dict_offset: 0,
            weaklist_offset: 0,
            gc: false,
            spec_name: c"x",
            members_addr: 0,
        });
    });
}
