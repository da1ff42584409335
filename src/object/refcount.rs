//! Reference counting: `incref`/`decref`, inline or through functions (one switch).

use abi3_sys as ffi;

/// Whether reference counts are changed inline (`ob_refcnt` arithmetic, `_Py_Dealloc` at
/// zero) or through the `Py_IncRef`/`Py_DecRef` functions. THE one switch (issue 12).
///
/// Inline, because that is exactly what every C extension built against the 3.7 Limited API
/// does (its `Py_INCREF`/`Py_DECREF` are `ob_refcnt++` and `if (--ob_refcnt == 0)
/// _Py_Dealloc(op)`, `_Py_Dealloc` being exported on every version), and CPython keeps such
/// binaries working on every later GIL build:
/// - 3.12+ immortal objects (PEP 683, "Stable ABI" and "Accidental De-Immortalizing"): the
///   immortal count is chosen so that old-ABI inline arithmetic cannot reach zero. On 64-bit
///   3.12/3.13 it is `UINT_MAX` in the low 32 bits, and immortality is tested on the low 32
///   bits; an inline `++` can leave it momentarily "mortal" at 2^32, but then every decrement
///   (ours or CPython's) takes it back, and getting to zero would need ~4 billion unpaired
///   decrements. 3.14+ starts immortals at `3 << 30` precisely "so the refcount can be off by
///   ~1 billion" for stable-ABI extensions built against <= 3.11. The de-immortalizing risk
///   PEP 683 describes is for 32-bit builds, which limpet does not target (`ob_refcnt` here is
///   64-bit: see the `cfg` below).
/// - We never read a count for logic; we only add and subtract our own references.
///
/// Measured (benches/instructions.py, callgrind, `sum_list(1000)`: one incref/decref pair per
/// item): with `Py_IncRef`/`Py_DecRef` 70.4k instructions on 3.11 and 85.6k on 3.15, inline
/// 60.4k and 68.6k, i.e. the functions cost ~10 (3.11) and ~17 (3.15) instructions per pair
/// more (a call each, and immortality checks on 3.12+).
/// Free-threaded builds (3.13t+) use a different object header and never load an abi3 module;
/// the abi3t binary (feature `abi3t`, PEP 803: opaque `PyObject`, biased atomic counts on
/// free-threaded builds) always goes through the functions, and reads types with the
/// `Py_TYPE` function (abi3-sys declares it so under that feature): there the inline arm is
/// compiled out (the header has no `ob_refcnt` field to name).
#[cfg(not(feature = "abi3t"))]
const INLINE_REFCOUNT: bool = cfg!(target_pointer_width = "64");

/// Take a new strong reference to `op` (`Py_INCREF`).
///
/// # Safety
/// `op` is a valid, non-NULL object and the GIL is held.
#[inline(always)]
pub(crate) unsafe fn incref(op: *mut ffi::PyObject) {
    // SAFETY: one argument for both ways of counting: `op` is a valid object (contract) and
    // the GIL is held (abi3t: this thread attached). Inline: its header has a Py_ssize_t
    // ob_refcnt (Stable ABI `members` struct) and the GIL serializes every access to it;
    // wrapping, because the count is never near isize::MAX except on immortals, whose value
    // is irrelevant (see above). Otherwise CPython's own function does it.
    unsafe {
        #[cfg(not(feature = "abi3t"))]
        if INLINE_REFCOUNT {
            let rc = std::ptr::addr_of_mut!((*op).ob_refcnt);
            *rc = (*rc).wrapping_add(1);
            return;
        }
        ffi::Py_IncRef(op)
    }
}

/// Release a strong reference to `op` (`Py_DECREF`): deallocates at zero.
///
/// # Safety
/// `op` is a valid, non-NULL object whose reference the caller owns, and the GIL is held.
#[inline(always)]
pub(crate) unsafe fn decref(op: *mut ffi::PyObject) {
    // SAFETY: as in `incref`, for a reference the caller owns; at zero nobody else holds a
    // reference, and `_Py_Dealloc` is what CPython's own macro calls then (exported,
    // abi_only, on every version).
    unsafe {
        #[cfg(not(feature = "abi3t"))]
        if INLINE_REFCOUNT {
            let rc = std::ptr::addr_of_mut!((*op).ob_refcnt);
            let n = (*rc).wrapping_sub(1);
            *rc = n;
            if n == 0 {
                ffi::_Py_Dealloc(op);
            }
            return;
        }
        ffi::Py_DecRef(op)
    }
}
