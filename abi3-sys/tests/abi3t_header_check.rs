//! The abi3t header check (issue 17): compile a C program against CPython 3.15's `Python.h`
//! with `Py_TARGET_ABI3T=0x030f0000` (PEP 803: opaque `PyObject`), run it, and compare the
//! PEP 793/820 export items this crate declares under the `abi3t` feature: `PySlot`'s layout,
//! `PyABIInfo`'s, the `PySlot` slot ids and flags, `Py_MOD_GIL_NOT_USED`.
//!
//! Include directory: `LIMPET_PY315_INCLUDE` if set, else
//! `${LIMPET_CACHE:-$HOME/.cache/limpet}/py3.15/usr/include/python3.15` (Debian sid's, with its
//! multiarch `pyconfig.h`). Fails when none is found, so it cannot pass silently.
//! Run: `cargo test -p abi3-sys --features abi3t --test abi3t_header_check` (make abi3t-symbols).
#![cfg(feature = "abi3t")]

use std::mem::{offset_of, size_of};
use std::path::PathBuf;
use std::process::Command;

use abi3_sys::*;

fn include_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("LIMPET_PY315_INCLUDE") {
        return PathBuf::from(d);
    }
    let cache = std::env::var_os("LIMPET_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache/limpet"));
    cache.join("py3.15/usr/include/python3.15")
}

#[test]
fn abi3t_items_match_the_315_headers() {
    let inc = include_dir();
    assert!(inc.join("Python.h").exists(), "no CPython 3.15 headers at {} (make provision)", inc.display());
    // Debian's pyconfig.h includes <x86_64-linux-gnu/python3.15/pyconfig.h>: the prefix's include/.
    let multiarch_root = inc.parent().expect("include/python3.15").to_path_buf();
    let checks: Vec<(&str, u64)> = vec![
        ("sizeof(PySlot)", size_of::<PySlot>() as u64),
        ("offsetof(PySlot, sl_id)", offset_of!(PySlot, sl_id) as u64),
        ("offsetof(PySlot, sl_flags)", offset_of!(PySlot, sl_flags) as u64),
        ("offsetof(PySlot, sl_ptr)", offset_of!(PySlot, sl_ptr) as u64),
        ("sizeof(PyABIInfo)", size_of::<PyABIInfo>() as u64),
        ("offsetof(PyABIInfo, flags)", offset_of!(PyABIInfo, flags) as u64),
        ("offsetof(PyABIInfo, build_version)", offset_of!(PyABIInfo, build_version) as u64),
        ("offsetof(PyABIInfo, abi_version)", offset_of!(PyABIInfo, abi_version) as u64),
        ("Py_slot_end", Py_slot_end as u64),
        ("Py_mod_create", Py_mod_create as u64),
        ("Py_mod_exec", Py_mod_exec as u64),
        ("Py_mod_multiple_interpreters", Py_mod_multiple_interpreters as u64),
        ("Py_mod_gil", Py_mod_gil as u64),
        ("Py_mod_name", Py_mod_name as u64),
        ("Py_mod_doc", Py_mod_doc as u64),
        ("Py_mod_state_size", Py_mod_state_size as u64),
        ("Py_mod_methods", Py_mod_methods as u64),
        ("Py_mod_abi", Py_mod_abi as u64),
        ("Py_mod_token", Py_mod_token as u64),
        ("PySlot_OPTIONAL", PySlot_OPTIONAL as u64),
        ("PySlot_STATIC", PySlot_STATIC as u64),
        ("PySlot_INTPTR", PySlot_INTPTR as u64),
        ("PyABIInfo_STABLE", PyABIInfo_STABLE as u64),
        ("PyABIInfo_GIL", PyABIInfo_GIL as u64),
        ("PyABIInfo_FREETHREADED", PyABIInfo_FREETHREADED as u64),
        ("PyABIInfo_FREETHREADING_AGNOSTIC", PyABIInfo_FREETHREADING_AGNOSTIC as u64),
        ("(size_t)Py_MOD_GIL_NOT_USED", Py_MOD_GIL_NOT_USED as usize as u64),
        (
            "(size_t)Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED",
            Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED as usize as u64,
        ),
        // what `PyABIInfo_VAR` sets for Py_TARGET_ABI3T (limpet's module.rs writes the same)
        (
            "_PyABIInfo_DEFAULT_FLAG_STABLE | _PyABIInfo_DEFAULT_FLAG_FT",
            (PyABIInfo_STABLE | PyABIInfo_FREETHREADING_AGNOSTIC) as u64,
        ),
    ];
    let mut c = String::from("#define Py_TARGET_ABI3T 0x030f0000\n#include <Python.h>\n#include <stdio.h>\n#include <stddef.h>\nint main(void) {\n");
    for (expr, _) in &checks {
        c.push_str(&format!("    printf(\"%llu\\n\", (unsigned long long)({expr}));\n"));
    }
    c.push_str("    return 0;\n}\n");
    let dir = std::env::temp_dir().join(format!("abi3t-header-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (src, exe) = (dir.join("check.c"), dir.join("check"));
    std::fs::write(&src, c).unwrap();
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let out = Command::new(&cc)
        .arg("-I")
        .arg(&inc)
        .arg("-I")
        .arg(&multiarch_root)
        .arg(&src)
        .arg("-o")
        .arg(&exe)
        .output()
        .expect("run the C compiler");
    assert!(out.status.success(), "cc failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let run = Command::new(&exe).output().expect("run the check program");
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8(run.stdout).unwrap();
    let got: Vec<u64> = text.lines().map(|l| l.trim().parse().unwrap()).collect();
    assert_eq!(got.len(), checks.len());
    let bad: Vec<String> = checks
        .iter()
        .zip(&got)
        .filter(|((_, want), got)| want != *got)
        .map(|((expr, want), got)| format!("{expr}: C says {got}, abi3-sys says {want}"))
        .collect();
    assert!(bad.is_empty(), "abi3t items differ from the 3.15 headers:\n{}", bad.join("\n"));
}
