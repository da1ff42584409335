//! The Rust heap, counted exactly for the leak tests: the extension's global allocator is
//! `countalloc::Counting` (`System` plus atomic counters of live bytes and allocations; a
//! crate of its own because `GlobalAlloc` needs `unsafe impl` and this crate forbids
//! unsafe code). Python's allocators do not go through it, so a leaked `String`, `Box`,
//! `Vec` or `Arc` of limpet or of this extension shows up here and nowhere else.

#[global_allocator]
static HEAP: countalloc::Counting = countalloc::Counting;

limpet::function! {
    /// `(live bytes, live allocations)` of the extension's Rust heap now.
    pub fn rust_heap() -> (i64, i64) {
        let (bytes, blocks) = countalloc::live();
        (bytes as i64, blocks as i64)
    }
}
