//! Object lifecycle (issue 11, "never a crash"): panicking `Drop`, a `Drop` that leaves an
//! error set, long chains freed without overflowing the C stack, `__del__`, GC slots of a
//! class that extends another, panicking `__traverse__`/`__clear__` (test_lifecycle.py).

use std::sync::atomic::{AtomicUsize, Ordering};

use limpet::exceptions::PyValueError;
use limpet::prelude::*;

static DROPS: [AtomicUsize; 12] = [const { AtomicUsize::new(0) }; 12];

fn dropped(i: usize) {
    DROPS[i].fetch_add(1, Ordering::SeqCst);
}

/// A panic payload whose own `Drop` panics.
struct BadPayload;

impl Drop for BadPayload {
    fn drop(&mut self) {
        panic!("panic while dropping the panic payload");
    }
}

// ---------------------------------------------------------------------------------------
// Drop that panics or leaves an error set.

limpet::class! {
    /// `Drop` panics (mode 0: a string payload; 1: a payload whose Drop panics too).
    pub struct LcPanicDrop {
        mode: i64,
    }
    impl LcPanicDrop {
        #[new]
        fn new(mode: i64 = 0) -> Self { LcPanicDrop { mode } }
    }
}

impl Drop for LcPanicDrop {
    fn drop(&mut self) {
        dropped(0);
        if self.mode == 1 {
            std::panic::panic_any(BadPayload);
        }
        panic!("panic in LcPanicDrop::drop");
    }
}

limpet::class! {
    /// `Drop` leaves a ValueError set.
    pub struct LcErrDrop {}
    impl LcErrDrop {
        #[new]
        fn new() -> Self { LcErrDrop {} }
    }
}

impl Drop for LcErrDrop {
    fn drop(&mut self) {
        dropped(1);
        Python::with_gil(|py| PyValueError::new_err("error left set by LcErrDrop::drop").restore(py));
    }
}

// ---------------------------------------------------------------------------------------
// Long chains.

limpet::class! {
    /// A GC linked-list node (the README's `Node` pattern).
    pub struct LcGcChain {
        next: Option<Py<PyAny>>,
    }
    impl LcGcChain {
        #[new]
        fn new(next: Option<Py<PyAny>> = None) -> Self { LcGcChain { next } }
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> { visit.call_opt(self.next.as_ref()) }
        fn __clear__(&mut self) { self.next = None; }
    }
}

impl Drop for LcGcChain {
    fn drop(&mut self) {
        dropped(2);
    }
}

limpet::class! {
    /// A non-GC linked-list node.
    pub struct LcChain {
        next: Option<Py<PyAny>>,
    }
    impl LcChain {
        #[new]
        fn new(next: Option<Py<PyAny>> = None) -> Self { LcChain { next } }
    }
}

impl Drop for LcChain {
    fn drop(&mut self) {
        dropped(3);
    }
}

limpet::class! {
    /// A base class holding the next link.
    #[subclass]
    pub struct LcChainBase {
        next: Option<Py<PyAny>>,
    }
    impl LcChainBase {
        #[new]
        fn new(next: Option<Py<PyAny>> = None) -> Self { LcChainBase { next } }
    }
}

impl Drop for LcChainBase {
    fn drop(&mut self) {
        dropped(4);
    }
}

limpet::class! {
    /// A class that extends `LcChainBase` (the link is in the base part).
    #[extends(LcChainBase)]
    pub struct LcChainSub {
        #[py(get)] pub tag: i64,
    }
    impl LcChainSub {
        #[new]
        fn new(next: Option<Py<PyAny>> = None, tag: i64 = 0) -> (LcChainSub, LcChainBase) {
            (LcChainSub { tag }, LcChainBase { next })
        }
    }
}

// ---------------------------------------------------------------------------------------
// __del__.

limpet::class! {
    /// `__del__` counts its runs; `mode` 1 raises, 2 resurrects into `sink`.
    #[subclass]
    pub struct LcDel {
        mode: i64,
        sink: Option<Py<PyAny>>,
        link: Option<Py<PyAny>>,
    }
    impl LcDel {
        #[new]
        fn new(mode: i64 = 0, sink: Option<Py<PyAny>> = None) -> Self { LcDel { mode, sink, link: None } }
        fn set_link(&mut self, link: Option<Py<PyAny>>) { self.link = link }
        fn __del__(slf: Py<Self>, py: Python<'_>) -> PyResult<()> {
            dropped(5);
            let bound = slf.bind(py);
            let this = bound.borrow()?;
            match this.mode {
                1 => Err(PyValueError::new_err("raised in LcDel.__del__")),
                2 => {
                    if let Some(sink) = &this.sink {
                        sink.bind(py).call_method1("append", (slf.clone_ref(py),))?;
                    }
                    Ok(())
                }
                _ => Ok(()),
            }
        }
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
            visit.call_opt(self.sink.as_ref())?;
            visit.call_opt(self.link.as_ref())
        }
        fn __clear__(&mut self) { self.sink = None; self.link = None; }
    }
}

impl Drop for LcDel {
    fn drop(&mut self) {
        dropped(6);
    }
}

limpet::class! {
    /// `__del__` on a non-GC class.
    pub struct LcPlainDel {}
    impl LcPlainDel {
        #[new]
        fn new() -> Self { LcPlainDel {} }
        fn __del__(&self) { dropped(5); }
    }
}

// ---------------------------------------------------------------------------------------
// GC slots along #[extends].

limpet::class! {
    /// A GC base whose link the subclass's own slots must not hide.
    #[subclass]
    pub struct LcGcBase {
        a: Option<Py<PyAny>>,
    }
    impl LcGcBase {
        #[new]
        fn new() -> Self { LcGcBase { a: None } }
        fn set_a(&mut self, v: Option<Py<PyAny>>) { self.a = v }
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> { visit.call_opt(self.a.as_ref()) }
        fn __clear__(&mut self) { self.a = None; }
    }
}

impl Drop for LcGcBase {
    fn drop(&mut self) {
        dropped(7);
    }
}

limpet::class! {
    /// Extends `LcGcBase` with slots of its own.
    #[extends(LcGcBase)]
    pub struct LcGcSub {
        b: Option<Py<PyAny>>,
    }
    impl LcGcSub {
        #[new]
        fn new() -> (LcGcSub, LcGcBase) { (LcGcSub { b: None }, LcGcBase { a: None }) }
        fn set_b(&mut self, v: Option<Py<PyAny>>) { self.b = v }
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> { visit.call_opt(self.b.as_ref()) }
        fn __clear__(&mut self) { self.b = None; }
    }
}

// ---------------------------------------------------------------------------------------
// Panicking GC slots.

limpet::class! {
    /// `__traverse__` (mode 1) or `__clear__` (mode 2) panics.
    pub struct LcGcPanic {
        mode: i64,
        next: Option<Py<PyAny>>,
    }
    impl LcGcPanic {
        #[new]
        fn new(mode: i64) -> Self { LcGcPanic { mode, next: None } }
        fn set_next(&mut self, v: Option<Py<PyAny>>) { self.next = v }
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
            if self.mode == 1 {
                panic!("panic in LcGcPanic.__traverse__");
            }
            visit.call_opt(self.next.as_ref())
        }
        fn __clear__(&mut self) {
            if self.mode == 2 {
                panic!("panic in LcGcPanic.__clear__");
            }
            self.next = None;
        }
    }
}

impl Drop for LcGcPanic {
    fn drop(&mut self) {
        dropped(8);
    }
}

limpet::function! {
    /// How many values of each lifecycle class were dropped (index: see `dropped` calls).
    pub fn lc_drops(i: usize) -> usize { DROPS[i].load(Ordering::SeqCst) }
}
