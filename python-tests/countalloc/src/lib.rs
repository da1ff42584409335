//! A counting global allocator for the test extension (`limptest`), so the leak tests can
//! see the Rust heap exactly: live bytes and live allocations, updated with atomics on every
//! `alloc`/`dealloc`/`realloc` and otherwise forwarding to [`std::alloc::System`].
//!
//! It lives in a crate of its own because a `GlobalAlloc` implementation needs
//! `unsafe impl`, and the test extension is compiled under `#![forbid(unsafe_code)]` (it
//! proves that user code written with limpet's macros needs no `unsafe`); the extension
//! only installs it (`#[global_allocator] static A: Counting = Counting;`, safe code) and
//! reads [`live`].
//!
//! Python's own allocations (pymalloc, `PyMem_*`, libc `malloc`) do not go through it: it
//! counts exactly what Rust code in the extension (limpet included) keeps on the heap.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering::Relaxed};

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);
static LIVE_BLOCKS: AtomicIsize = AtomicIsize::new(0);

/// [`System`] plus two counters (see the crate documentation).
pub struct Counting;

/// `(live bytes, live allocations)` of the Rust heap now, as signed numbers (a leak test
/// subtracts two readings).
pub fn live() -> (isize, isize) {
    (LIVE_BYTES.load(Relaxed), LIVE_BLOCKS.load(Relaxed))
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged, so the
// `GlobalAlloc` contract (the layout rules, pointers from this allocator only) holds exactly
// as it does for `System`; the counters are plain atomics that never touch the memory and
// never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is `System::alloc`'s.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE_BYTES.fetch_add(layout.size() as isize, Relaxed);
            LIVE_BLOCKS.fetch_add(1, Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc_zeroed` is `System::alloc_zeroed`'s.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            LIVE_BYTES.fetch_add(layout.size() as isize, Relaxed);
            LIVE_BLOCKS.fetch_add(1, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator (i.e. from `System`) with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        LIVE_BYTES.fetch_sub(layout.size() as isize, Relaxed);
        LIVE_BLOCKS.fetch_sub(1, Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from `System` with `layout`; `new_size` obeys the caller's contract.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // the old block is gone and a new one (same count) holds `new_size` bytes
            LIVE_BYTES.fetch_add(new_size as isize - layout.size() as isize, Relaxed);
        }
        p
    }
}
