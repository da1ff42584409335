//! Bounds for conversions driven by untrusted input: nesting depth and allocation sizes.
//!
//! Conversions of containers and records recurse (a `Vec<Tree>` field holds `Tree`s), so a
//! deeply nested or self-referential input, or a deeply nested Rust value returned, would
//! overflow the stack. Every recursive step enters a [`Nested`] guard: a thread-local depth
//! counter limited by `sys.getrecursionlimit()` (read when the outermost conversion starts)
//! and by the thread's stack (what is left of it, found once per thread; where that is
//! unknown, 2 MiB from the outermost conversion), raising `RecursionError` as CPython does. It is
//! limpet's own counter, the same on every version, rather than `Py_EnterRecursiveCall`:
//! that is no function before 3.9, and from 3.12 it counts against a C limit (up to
//! 10000 levels on 3.13) sized for CPython's frames, not for a conversion's.
//!
//! Lengths Python supplies (`__len__`, a container's size) are never trusted for an
//! infallible allocation: reservations go through `try_reserve`, a failure is `MemoryError`.

use std::cell::Cell;

use abi3_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyMemoryError, PyRecursionError};

/// The stack kept free below the deepest conversion: room for the Python code a conversion
/// calls (`__index__`, `__getattr__`) and for raising the error.
const STACK_MARGIN: usize = 256 << 10;

/// Where the thread's stack bounds are unknown: the most stack a nest of conversions may
/// use (a thread's default stack is 8 MiB on Linux).
const STACK_BUDGET: usize = 2 << 20;

struct State {
    depth: Cell<u32>,
    limit: Cell<u32>,
    /// No level may start below this address (0: not computed yet on this thread).
    floor: Cell<usize>,
    /// The lowest address of this thread's stack plus the margin (0: unknown or not probed).
    stack_floor: Cell<Option<usize>>,
}

thread_local! {
    static STATE: State = const {
        State { depth: Cell::new(0), limit: Cell::new(0), floor: Cell::new(0), stack_floor: Cell::new(None) }
    };
}

/// The address of a local: where the stack is now.
#[inline(always)]
fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// The lowest usable address of this thread's stack plus a margin, 0 if unknown.
#[cold]
fn probe_stack_floor() -> usize {
    match ffi::pthread_np::current_thread_stack() {
        // A small stack (`threading.stack_size(256 << 10)`) keeps a quarter of itself free.
        Some((low, size)) => low + STACK_MARGIN.min(size / 4),
        None => 0,
    }
}

/// One level of a recursive conversion; leaving it (drop, on every path) restores the depth.
pub(crate) struct Nested(());

impl Nested {
    /// Enter one level, or raise `RecursionError: maximum recursion depth exceeded while
    /// {what}` when the nesting is too deep.
    #[inline]
    pub(crate) fn enter(py: crate::gil::Python<'_>, what: &'static str) -> PyResult<Nested> {
        STATE.with(|s| {
            let depth = s.depth.get();
            let here = stack_position();
            if depth == 0 {
                let limit = crate::ffi_safe::Py_GetRecursionLimit(py);
                s.limit.set(u32::try_from(limit).unwrap_or(0).max(1));
                let stack_floor = match s.stack_floor.get() {
                    Some(floor) => floor,
                    None => {
                        let floor = probe_stack_floor();
                        s.stack_floor.set(Some(floor));
                        floor
                    }
                };
                s.floor.set(if stack_floor != 0 { stack_floor } else { here.saturating_sub(STACK_BUDGET) });
            } else if depth >= s.limit.get() || here < s.floor.get() {
                return Err(too_deep(what));
            }
            s.depth.set(depth + 1);
            Ok(Nested(()))
        })
    }
}

impl Drop for Nested {
    #[inline]
    fn drop(&mut self) {
        STATE.with(|s| s.depth.set(s.depth.get().saturating_sub(1)));
    }
}

#[cold]
fn too_deep(what: &'static str) -> PyErr {
    PyRecursionError::new_err(format!("maximum recursion depth exceeded while {what}"))
}

/// `MemoryError()`, as `PyErr_NoMemory` raises it.
#[cold]
pub(crate) fn no_memory() -> PyErr {
    PyErr::new_empty::<PyMemoryError>()
}

/// An empty `Vec` with room for `n` items, or `MemoryError` (never an abort).
#[inline]
pub(crate) fn vec_with_capacity<T>(n: usize) -> PyResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| no_memory())?;
    Ok(v)
}

/// `v.push(item)`, growing fallibly: `MemoryError` instead of an abort.
#[inline]
pub(crate) fn push<T>(v: &mut Vec<T>, item: T) -> PyResult<()> {
    if v.len() == v.capacity() {
        v.try_reserve(1).map_err(|_| no_memory())?;
    }
    v.push(item);
    Ok(())
}

/// A copy of `data`, or `MemoryError`.
#[inline]
pub(crate) fn copy_slice<T: Copy>(data: &[T]) -> PyResult<Vec<T>> {
    let mut v = vec_with_capacity(data.len())?;
    v.extend_from_slice(data);
    Ok(v)
}
