//! Interpreter shutdown while Rust threads still use Python (issue 11, items 4 and 5): every
//! function here starts work that outlives the Python code calling it, so that it meets the
//! interpreter while it finalizes. Used by `test_shutdown.py`, each scenario in a subprocess
//! whose exit status must be 0.

use std::time::Duration;

use limpet::prelude::*;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

limpet::function! {
    /// Release the GIL for `ms` milliseconds (a daemon Python thread calls this in a loop).
    pub fn sd_nogil_sleep(py: Python<'_>, ms: u64) -> u64 {
        py.allow_threads(move || std::thread::sleep(self::ms(ms)));
        ms
    }

    /// Release the GIL, sleep `ms` milliseconds, then drop `obj` without the GIL.
    pub fn sd_nogil_drop(py: Python<'_>, obj: Py<PyAny>, ms: u64) {
        py.allow_threads(move || {
            std::thread::sleep(self::ms(ms));
            drop(obj);
        });
    }

    /// Start `threads` Rust threads that each, every `every` milliseconds and forever, take the
    /// GIL with `Python::with_gil` and make a few objects (`every = 0`: no pause at all).
    pub fn sd_spawn_with_gil(threads: usize = 1, every: u64 = 5) {
        for t in 0..threads {
            std::thread::spawn(move || loop {
                if every > 0 {
                    std::thread::sleep(ms(every));
                }
                Python::with_gil(|py| {
                    let n = (t as i64).into_py(py).and_then(|n| n.repr()).map(|r| r.len());
                    let _ = n;
                });
            });
        }
    }

    /// Start a Rust thread that takes the GIL every `every` milliseconds and, holding it,
    /// releases it again for `nogil` milliseconds with `allow_threads` (a thread that has a
    /// Python thread state while it waits).
    pub fn sd_spawn_nested(every: u64 = 5, nogil: u64 = 5) {
        std::thread::spawn(move || loop {
            std::thread::sleep(ms(every));
            Python::with_gil(|py| {
                py.allow_threads(|| std::thread::sleep(ms(nogil)));
                let _ = py.None().repr();
            });
        });
    }

    /// Start a Rust thread that holds `objs` and drops one every `every` milliseconds
    /// (without the GIL: each drop takes it), then waits forever holding nothing.
    pub fn sd_spawn_dropper(objs: Vec<Py<PyAny>>, every: u64 = 5) {
        std::thread::spawn(move || {
            for obj in objs {
                std::thread::sleep(ms(every));
                drop(obj);
            }
        });
    }

    /// Drop `obj` on a new Rust thread (which does not hold the GIL) and wait for it, with the
    /// GIL released: the reference must be released as usual.
    pub fn sd_drop_on_thread(py: Python<'_>, obj: Py<PyAny>) -> bool {
        py.allow_threads(move || std::thread::spawn(move || drop(obj)).join().is_ok())
    }
}
