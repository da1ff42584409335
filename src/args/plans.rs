//! Keyword plans: how one call site's keywords bind, remembered (issue 12).
//!
//! A call `kw(1, 2, c=3)` passes CPython's `kwnames` tuple, a constant of the calling code:
//! every call from that site passes the same tuple object. Where the keyword binder
//! (`bind.rs`) placed each of its names depends only on the signature, the number of
//! positional arguments and the names, so the next call from the same site can skip the
//! name comparisons: a small table maps (signature, tuple, count) to the parameter index of
//! each keyword value.
//!
//! Soundness of the identity test: an entry holds a strong reference to its tuple, so that
//! address cannot be reused by another tuple while the entry names it (tuples are immutable:
//! the same object has the same names). The plan's indexes are checked against the call's own
//! sizes before use, so even a plan that did not belong to the call could only bind within
//! the arguments CPython passed. Only complete, valid bindings are stored; anything else takes
//! the binder (and its errors) as before.
//!
//! GIL builds only: the entries are read and written with the GIL held (relaxed atomics are
//! plain loads and stores); the abi3t binary, which may run free-threaded, has no table.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

use abi3_sys as ffi;

use super::{Signature, INLINE_SLOTS};
use crate::gil::Python;
use crate::object::{Bound, Py, PyAny};

/// Keywords a plan can hold (one byte each, after the two counts).
pub(super) const MAX_KEYWORDS: usize = 6;

/// Entries in the table (a power of two: indexed by the signature's address).
const ENTRIES: usize = 64;

/// Where each keyword of one call binds: byte 0 the positional count, byte 1 the keyword
/// count, byte 2 + k the parameter index of keyword k. Never 0 for a stored plan (the
/// keyword count of a stored plan is at least 1).
#[derive(Clone, Copy)]
pub(super) struct Plan(u64);

impl Plan {
    /// A plan for `nargs` positional values, no keyword yet.
    #[inline]
    pub(super) fn new(nargs: usize) -> Plan {
        Plan(nargs as u64)
    }

    /// Record that keyword number `k` (< [`MAX_KEYWORDS`]) binds parameter `index` (< 16).
    #[inline]
    pub(super) fn set(&mut self, k: usize, index: usize) {
        self.0 |= (index as u64) << (8 * (2 + k));
        self.0 = (self.0 & !0xff00) | (((k + 1) as u64) << 8);
    }

    /// The positional count.
    #[inline(always)]
    pub(super) fn nargs(self) -> usize {
        (self.0 & 0xff) as usize
    }

    #[inline(always)]
    fn nkw(self) -> usize {
        ((self.0 >> 8) & 0xff) as usize
    }

    /// The parameter index of keyword `k`.
    #[inline(always)]
    pub(super) fn index(self, k: usize) -> usize {
        ((self.0 >> (8 * (2 + k))) & 0xff) as usize
    }

    /// How many values the call passes (positional and keyword).
    #[inline(always)]
    pub(super) fn len(self) -> usize {
        self.nargs() + self.nkw()
    }
}

struct Entry {
    /// The signature's address (0: empty).
    sig: AtomicUsize,
    /// The address of the tuple that `owner` holds.
    names: AtomicUsize,
    plan: AtomicU64,
    /// The strong reference to the tuple (touched only when the entry changes).
    owner: Mutex<Option<Py>>,
}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Entry =
    Entry { sig: AtomicUsize::new(0), names: AtomicUsize::new(0), plan: AtomicU64::new(0), owner: Mutex::new(None) };

static TABLE: [Entry; ENTRIES] = [EMPTY; ENTRIES];

#[inline(always)]
fn entry(sig: &'static Signature) -> &'static Entry {
    &TABLE[(sig as *const Signature as usize >> 4) % ENTRIES]
}

/// The plan stored for this signature, keyword tuple (of `nkw` names) and positional count,
/// if any.
#[inline(always)]
pub(super) fn lookup(sig: &'static Signature, kwnames: *mut ffi::PyObject, nargs: usize, nkw: usize) -> Option<Plan> {
    let e = entry(sig);
    if e.sig.load(Relaxed) == sig as *const Signature as usize && e.names.load(Relaxed) == kwnames as usize {
        let plan = Plan(e.plan.load(Relaxed));
        if plan.nargs() == nargs && plan.nkw() == nkw && nkw > 0 {
            return Some(plan);
        }
    }
    None
}

/// Remember `plan` for calls of `sig` with the tuple `kwnames` (a complete, valid binding).
#[cold]
#[inline(never)]
pub(super) fn store(py: Python<'_>, sig: &'static Signature, kwnames: &Bound<'_, PyAny>, plan: Plan) {
    debug_assert!(plan.nkw() > 0 && plan.nkw() <= MAX_KEYWORDS && sig.params.len() <= INLINE_SLOTS);
    let e = entry(sig);
    let old = {
        // Poisoned only by a panic in the few lines below, which cannot panic: recover.
        let mut owner = e.owner.lock().unwrap_or_else(|p| p.into_inner());
        let old = if e.names.load(Relaxed) == kwnames.as_ptr() as usize {
            None
        } else {
            owner.replace(kwnames.clone().unbind())
        };
        e.sig.store(sig as *const Signature as usize, Relaxed);
        e.names.store(kwnames.as_ptr() as usize, Relaxed);
        e.plan.store(plan.0, Relaxed);
        old
    };
    // Released last, outside the lock: a str subclass key's `__del__` may call us again.
    drop(old.map(|t| t.into_bound(py)));
}
