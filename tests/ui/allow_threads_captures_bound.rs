use limpet::prelude::*;

fn work(py: Python<'_>, obj: Bound<'_, PyAny>) -> usize {
    // A GIL-bound handle cannot cross into code that runs without the GIL.
    py.allow_threads(|| obj.len().unwrap_or(0))
}

fn main() {}
