//! Link the shared libpython of `LIMPET_PYTHON` (else `python3` on PATH), with an rpath so the
//! program finds it at run time. `LIMPET_EMBED_LINK_ARGS`: extra linker arguments, if any.
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=LIMPET_PYTHON");
    println!("cargo:rerun-if-env-changed=LIMPET_EMBED_LINK_ARGS");
    let python = std::env::var("LIMPET_PYTHON").unwrap_or_else(|_| "python3".to_string());
    // LIBDIR, or the same directory under sys.base_prefix if the interpreter was moved.
    let script = "import os, sys, sysconfig as s; v = s.get_config_var; d = v('LIBDIR')
if not os.path.exists(os.path.join(d, v('LDLIBRARY'))):
    d = os.path.join(sys.base_prefix, 'lib', v('MULTIARCH') or '')
print(d); print(v('LDVERSION') or v('VERSION')); print(v('Py_ENABLE_SHARED'))";
    let out = Command::new(&python).args(["-c", script]).output();
    let out = out.unwrap_or_else(|e| panic!("cannot run {python} ({e}): set LIMPET_PYTHON to an interpreter"));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let [libdir, version, shared] = lines[..] else {
        panic!("{python} failed: {}", String::from_utf8_lossy(&out.stderr))
    };
    assert_eq!(shared, "1", "{python} has no shared libpython (built without --enable-shared)");
    println!("cargo:rustc-link-search=native={libdir}");
    println!("cargo:rustc-link-lib=dylib=python{version}");
    println!("cargo:rustc-link-arg-bins=-Wl,-rpath,{libdir}");
    for arg in std::env::var("LIMPET_EMBED_LINK_ARGS").unwrap_or_default().split_whitespace() {
        println!("cargo:rustc-link-arg-bins={arg}");
    }
}
