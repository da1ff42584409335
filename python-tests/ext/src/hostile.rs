//! Hostile input (`test_hostile_input.py`): lying or huge lengths, deep and self-referential
//! nesting in both directions, a panic payload whose `Drop` panics.

use std::collections::{BTreeMap, HashMap, HashSet};

use limpet::prelude::*;

limpet::function! {
    /// How many items a `Vec` parameter received.
    pub fn hostile_vec_len(v: Vec<i64>) -> usize { v.len() }
}

limpet::function! {
    /// How many bytes a `Vec<u8>` parameter received.
    pub fn hostile_bytes_len(v: Vec<u8>) -> usize { v.len() }
}

limpet::function! {
    /// How many strings a `Vec<String>` parameter received.
    pub fn hostile_strings_len(v: Vec<String>) -> usize { v.len() }
}

limpet::function! {
    /// Sizes of a map, an ordered map and a set.
    pub fn hostile_maps(a: HashMap<String, i64>, b: BTreeMap<i64, u8>, c: HashSet<i64>) -> (usize, usize, usize) {
        (a.len(), b.len(), c.len())
    }
}

limpet::function! {
    /// A nested `Vec` parameter, its total item count.
    pub fn hostile_nested(v: Vec<Vec<u8>>) -> usize { v.iter().map(Vec::len).sum() }
}

limpet::function! {
    /// `*args` and `**kwargs` collected into Rust containers.
    pub fn hostile_star(*args: Vec<i64>, **kwargs: HashMap<String, i64>) -> (usize, usize) { (args.len(), kwargs.len()) }
}

limpet::convert! {
    /// A recursive record read from attributes, returned as a dict.
    #[derive(Debug, Default)]
    pub struct Tree {
        pub value: i64,
        #[py(default)]
        pub children: Vec<Tree>,
    }
}

limpet::convert! {
    /// A recursive record read from a mapping.
    #[py(from = items, into = none)]
    #[derive(Debug)]
    pub struct KeyTree {
        pub value: i64,
        #[py(default)]
        pub children: Vec<KeyTree>,
    }
}

limpet::convert! {
    /// A recursive enum: an int or a list of them.
    #[derive(Debug)]
    pub enum Nest {
        Int(i64),
        List(Vec<Nest>),
    }
}

fn tree_depth(t: &Tree) -> usize {
    1 + t.children.iter().map(tree_depth).max().unwrap_or(0)
}

fn nest_depth(n: &Nest) -> usize {
    match n {
        Nest::Int(_) => 0,
        Nest::List(v) => 1 + v.iter().map(nest_depth).max().unwrap_or(0),
    }
}

limpet::function! {
    /// The depth of a `Tree` argument.
    pub fn hostile_tree_depth(t: Tree) -> usize { tree_depth(&t) }
}

limpet::function! {
    /// The depth of a `KeyTree` argument.
    pub fn hostile_keytree_depth(t: KeyTree) -> usize {
        fn depth(t: &KeyTree) -> usize { 1 + t.children.iter().map(depth).max().unwrap_or(0) }
        depth(&t)
    }
}

limpet::function! {
    /// The list depth of a `Nest` argument.
    pub fn hostile_nest_depth(n: Nest) -> usize { nest_depth(&n) }
}

/// A chain of nested lists built in Rust, `depth` levels: `[[[...]]]`. Its `Drop` is
/// iterative, so only the conversion can recurse.
#[derive(Default)]
pub struct Deep {
    inner: Vec<Deep>,
}

impl Drop for Deep {
    fn drop(&mut self) {
        let mut pending = std::mem::take(&mut self.inner);
        while let Some(mut d) = pending.pop() {
            pending.append(&mut d.inner);
        }
    }
}

impl IntoPy for Deep {
    fn into_py(mut self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        std::mem::take(&mut self.inner).into_py(py)
    }
}

limpet::function! {
    /// `depth` nested lists, made in Rust and converted by `Vec<T>: IntoPy`.
    pub fn hostile_deep_list(depth: usize) -> Deep {
        let mut d = Deep::default();
        for _ in 0..depth {
            d = Deep { inner: vec![d] };
        }
        d
    }
}

limpet::function! {
    /// A `Tree` `depth` levels deep, returned as nested dicts.
    pub fn hostile_deep_tree(depth: usize) -> Tree {
        let mut t = Tree::default();
        for i in 0..depth {
            t = Tree { value: i as i64, children: vec![t] };
        }
        t
    }
}

/// A panic payload whose own `Drop` panics.
pub struct Bomb;

impl Drop for Bomb {
    fn drop(&mut self) {
        panic!("the payload's drop panicked too");
    }
}

limpet::function! {
    /// Panic with a `Bomb` payload.
    pub fn hostile_panic_bomb() { std::panic::panic_any(Bomb) }
}
