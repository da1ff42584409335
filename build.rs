//! Build script: does nothing unless the `embed` feature is on.
//!
//! Extension modules never link `libpython` (their symbols resolve when the interpreter
//! loads them), so building an extension needs no interpreter at all. Only programs that
//! *embed* Python (and this crate's own Rust tests, which start an interpreter) need one:
//! with `--features embed`, the interpreter named by `LIMPET_PYTHON` (else `python3` on
//! PATH) is asked where its shared `libpython` lives, and the build links it with an rpath.

use std::env;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=LIMPET_PYTHON");
    if env::var_os("CARGO_FEATURE_EMBED").is_none() {
        return;
    }
    let python = env::var("LIMPET_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let script = "import sysconfig as s; v = s.get_config_var; \
                  print(v('LIBDIR')); print(v('LDVERSION') or v('VERSION')); print(v('Py_ENABLE_SHARED'))";
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
    println!("cargo:rustc-cfg=limpet_embed");
    println!("cargo:rustc-env=LIMPET_EMBED_PYTHON={python}");
}
