//! docs/guide/06-embedding.md, compiled; the example program also runs (its own process: it
//! finalizes the interpreter). The chapter's build script is examples/embedding/build.rs itself
//! (scripts/check_guide.py).
#![cfg(feature = "embed")]
#![allow(dead_code)]

#[rustfmt::skip]
mod embedding {
use limpet::prelude::*;

limpet::function! {
    /// A Rust function of the host program, called from Python.
    fn vowels(word: &str) -> usize { word.chars().filter(|c| "aeiou".contains(*c)).count() }
}

limpet::module! {
    /// The program's own module: `import host` in the embedded interpreter.
    mod host { fn vowels; }
}

pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. Before start-up: register the program's limpet modules.
    limpet::embed::add_module!(host)?;
    // 2. Start (Python installs no signal handlers unless asked); no thread holds the GIL after.
    limpet::embed::Config::new().argv(["wordtool", "--fast"]).initialize()?;

    // 3. Run code and exchange values both ways; Python exceptions come back as PyErr.
    let best: String = Python::with_gil(|py| -> PyResult<String> {
        let ns = PyDict::new(py)?;
        ns.set_item("words".into_py(py)?, vec!["sky", "aurora", "tree"].into_py(py)?)?;
        limpet::embed::run(py, "import host\nbest = max(words, key=host.vowels)", Some(&ns), None)?;
        let err = limpet::embed::eval(py, "1 / 0", None, None).unwrap_err();
        assert!(err.is_instance_of::<PyZeroDivisionError>(py));
        limpet::embed::eval(py, "best", Some(&ns), None)?.extract()
    })?;
    assert_eq!(best, "aurora");

    // Several Rust threads, each taking the GIL when it needs Python.
    let threads: Vec<_> = (0..4u64)
        .map(|i| std::thread::spawn(move || -> PyResult<u64> {
            let n = Python::with_gil(|py| py.import("math")?.getattr("factorial")?.call1((i,))?.extract())?;
            Ok(n)
        }))
        .collect();
    let total: u64 = threads.into_iter().map(|t| t.join().expect("thread")).sum::<PyResult<u64>>()?;
    assert_eq!(total, 1 + 1 + 2 + 6);

    // 4. Shut down on the thread that started Python, once the other threads are done.
    limpet::embed::finalize()?;
    Ok(())
}
}

#[test]
fn the_embedding_example_runs() {
    embedding::main().expect("the guide's embedding example");
}
