//! Tuple and unit structs as classes (`limptest.tuples`), and the Python name of a renamed
//! class in its methods' `__qualname__`.

limpet::class! {
    /// A frozen point, compared, hashed and shown from its Rust traits.
    #[frozen]
    #[eq]
    #[ord]
    #[hash]
    #[repr]
    #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct TPoint(
        /// The x coordinate.
        #[py(get, name = "x")] pub i64,
        #[py(get, name = "y")] pub i64,
        pub String,
    );
    impl TPoint {
        #[new]
        fn new(x: i64, y: i64, tag: String = String::new()) -> Self { TPoint(x, y, tag) }
        /// The hidden third field.
        fn tag(&self) -> String { self.2.clone() }
        fn norm1(&self) -> i64 { self.0.abs() + self.1.abs() }
        #[staticmethod]
        fn origin() -> TPoint { TPoint(0, 0, String::from("origin")) }
    }
}

limpet::class! {
    /// A mutable tuple struct: a read-write field, a write-only field, a hidden one.
    #[derive(Clone)]
    pub struct TPair(
        #[py(get, set, name = "first")] pub i64,
        #[py(set, name = "second")] pub String,
        Vec<u8>,
    );
    impl TPair {
        #[new]
        fn new(first: i64, second: String) -> Self { TPair(first, second, vec![1, 2, 3]) }
        fn total(&self) -> usize { self.0 as usize + self.1.len() + self.2.len() }
        fn bump(&mut self, by: i64 = 1) -> i64 { self.0 += by; self.0 }
        fn __repr__(&self) -> String { format!("TPair({}, {:?})", self.0, self.1) }
    }
}

limpet::class! {
    /// A unit struct.
    #[derive(Clone)]
    pub struct Unit;
    impl Unit {
        #[new]
        fn new() -> Self { Unit }
        fn hello(&self) -> &'static str { "hello" }
    }
}

limpet::class! {
    /// A tuple struct without methods (no constructor).
    pub struct Bare(#[py(get, name = "value")] pub u8);
}

limpet::function! {
    /// Takes a `TPoint` by reference (its Python name in errors and stubs).
    pub fn tpoint_sum(p: &TPoint) -> i64 { p.0 + p.1 }
    /// A `TPoint` made in Rust.
    pub fn make_tpoint(x: i64, y: i64) -> TPoint { TPoint(x, y, String::from("rust")) }
    /// A `TPair` taken by value (it is `Clone`).
    pub fn tpair_first(p: TPair) -> i64 { p.0 }
    /// A `Bare` made in Rust.
    pub fn make_bare(v: u8) -> Bare { Bare(v) }
    /// A `Unit` made in Rust.
    pub fn make_unit() -> Unit { Unit }
}
