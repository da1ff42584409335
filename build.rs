//! Build script: does nothing unless the `embed` feature is on.
//!
//! Extension modules never link `libpython` (their symbols resolve when the interpreter
//! loads them), so building an extension needs no interpreter at all. Only programs that
//! *embed* Python (and this crate's own Rust tests, which start an interpreter) need one:
//! with `--features embed`, the interpreter named by `LIMPET_PYTHON` (else `python3` on
//! PATH) is asked where its shared `libpython` lives, and the build links it (with an rpath
//! for this crate's own test binaries; `rustc-link-arg` does not reach dependent programs).
//! With `embed-api` alone nothing is linked here and `LIMPET_PYTHON` is not watched, so a
//! program that links libpython from its own build script (examples/embedding/build.rs) can
//! switch interpreters without rebuilding this crate.

use std::env;
use std::process::Command;

fn main() {
    if env::var_os("CARGO_FEATURE_EMBED").is_none() {
        println!("cargo:rerun-if-changed=build.rs");
        return;
    }
    println!("cargo:rerun-if-env-changed=LIMPET_PYTHON");
    println!("cargo:rerun-if-env-changed=LIMPET_EMBED_LINK_ARGS");
    let python = env::var("LIMPET_PYTHON").unwrap_or_else(|_| "python3".to_string());
    // LIBDIR, or the same directory under sys.base_prefix if the interpreter was moved.
    let script = "import os, sys, sysconfig as s; v = s.get_config_var; d = v('LIBDIR')
if not os.path.exists(os.path.join(d, v('LDLIBRARY'))):
    d = os.path.join(sys.base_prefix, 'lib', v('MULTIARCH') or '')
print(d); print(v('LDVERSION') or v('VERSION')); print(v('Py_ENABLE_SHARED'))";
    let out = Command::new(&python)
        .args(["-c", script])
        .output()
        .unwrap_or_else(|e| panic!("limpet embed: cannot run {python} ({e}); set LIMPET_PYTHON to an interpreter"));
    assert!(out.status.success(), "limpet embed: {python} failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("sysconfig prints text");
    let mut lines = text.lines();
    let libdir = lines.next().unwrap_or_default().to_string();
    let ldversion = lines.next().unwrap_or_default().to_string();
    let shared = lines.next().unwrap_or_default();
    assert!(shared == "1", "limpet embed: {python} has no shared libpython (built without --enable-shared); choose another with LIMPET_PYTHON");
    println!("cargo:rustc-link-search=native={libdir}");
    println!("cargo:rustc-link-lib=dylib=python{ldversion}");
    println!("cargo:rustc-link-arg=-Wl,-rpath,{libdir}");
    // Extra linker arguments for this crate's test binaries (see scripts/embed_matrix.py).
    for arg in env::var("LIMPET_EMBED_LINK_ARGS").unwrap_or_default().split_whitespace() {
        println!("cargo:rustc-link-arg={arg}");
    }
    println!("cargo:rustc-cfg=limpet_embed");
    println!("cargo:rustc-env=LIMPET_EMBED_PYTHON={python}");
}
