//! The header check: for every CPython include directory found on this machine, compile a C
//! program against `Python.h` (once with `Py_LIMITED_API=0x03070000`, once without it for
//! constants and structs that the headers expose later or only outside the Limited API), run it,
//! and compare every constant, struct size and field offset it prints with this crate's values.
//!
//! Include directories: `LIMPET_PY_INCLUDE_DIRS` (colon-separated) if set; otherwise
//! `$(pyenv root)/versions/3.*/include/python3.*` (3.7 and newer, free-threaded `t` dirs skipped)
//! and `${LIMPET_CACHE:-$HOME/.cache/limpet}/py3.*/usr/include/python3.*` (Debian multiarch
//! `pyconfig.h` dirs added automatically). The test fails when no directory is found, so it
//! cannot pass silently.
//! (The abi3 declarations: with the `abi3t` feature, tests/abi3t_header_check.rs instead.)
#![cfg(not(feature = "abi3t"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::mem::{offset_of, size_of};
use std::os::raw::{c_int, c_ulong, c_void};
use std::path::{Path, PathBuf};
use std::process::Command;

use abi3_sys::*;

/// A constant's value as the C program prints it: `(unsigned long long)(size_t)(VALUE)`.
trait AsC {
    fn into_c(self) -> u64;
}
impl AsC for c_int {
    fn into_c(self) -> u64 {
        self as i64 as u64
    }
}
#[allow(clippy::unnecessary_cast)] // c_ulong is u32 on Windows
impl AsC for c_ulong {
    fn into_c(self) -> u64 {
        self as u64
    }
}
impl AsC for isize {
    fn into_c(self) -> u64 {
        self as i64 as u64
    }
}
impl AsC for usize {
    fn into_c(self) -> u64 {
        self as u64
    }
}
impl AsC for *mut c_void {
    fn into_c(self) -> u64 {
        self as usize as u64
    }
}

struct Const {
    name: &'static str,
    value: u64,
    /// C enum members cannot be tested with `#ifdef`.
    is_enum: bool,
}

macro_rules! consts {
    (macros: [$($m:ident),* $(,)?], enums: [$($e:ident),* $(,)?]) => {
        vec![
            $(Const { name: stringify!($m), value: AsC::into_c($m), is_enum: false },)*
            $(Const { name: stringify!($e), value: AsC::into_c($e), is_enum: true },)*
        ]
    };
}

fn rust_consts() -> Vec<Const> {
    consts!(
        macros: [
            // methodobject.h
            METH_VARARGS, METH_KEYWORDS, METH_NOARGS, METH_O, METH_CLASS, METH_STATIC,
            METH_COEXIST, METH_FASTCALL, METH_METHOD,
            // object.h
            Py_LT, Py_LE, Py_EQ, Py_NE, Py_GT, Py_GE,
            Py_TPFLAGS_HAVE_FINALIZE, Py_TPFLAGS_DISALLOW_INSTANTIATION, Py_TPFLAGS_IMMUTABLETYPE,
            Py_TPFLAGS_HEAPTYPE, Py_TPFLAGS_BASETYPE, Py_TPFLAGS_HAVE_VECTORCALL,
            Py_TPFLAGS_READY, Py_TPFLAGS_READYING, Py_TPFLAGS_HAVE_GC,
            Py_TPFLAGS_HAVE_STACKLESS_EXTENSION, Py_TPFLAGS_METHOD_DESCRIPTOR,
            Py_TPFLAGS_HAVE_VERSION_TAG, Py_TPFLAGS_VALID_VERSION_TAG, Py_TPFLAGS_IS_ABSTRACT,
            Py_TPFLAGS_ITEMS_AT_END, Py_TPFLAGS_LONG_SUBCLASS, Py_TPFLAGS_LIST_SUBCLASS,
            Py_TPFLAGS_TUPLE_SUBCLASS, Py_TPFLAGS_BYTES_SUBCLASS, Py_TPFLAGS_UNICODE_SUBCLASS,
            Py_TPFLAGS_DICT_SUBCLASS, Py_TPFLAGS_BASE_EXC_SUBCLASS, Py_TPFLAGS_TYPE_SUBCLASS,
            Py_TPFLAGS_DEFAULT,
            // typeslots.h
            Py_bf_getbuffer, Py_bf_releasebuffer, Py_mp_ass_subscript, Py_mp_length,
            Py_mp_subscript, Py_nb_absolute, Py_nb_add, Py_nb_and, Py_nb_bool, Py_nb_divmod,
            Py_nb_float, Py_nb_floor_divide, Py_nb_index, Py_nb_inplace_add, Py_nb_inplace_and,
            Py_nb_inplace_floor_divide, Py_nb_inplace_lshift, Py_nb_inplace_multiply,
            Py_nb_inplace_or, Py_nb_inplace_power, Py_nb_inplace_remainder,
            Py_nb_inplace_rshift, Py_nb_inplace_subtract, Py_nb_inplace_true_divide,
            Py_nb_inplace_xor, Py_nb_int, Py_nb_invert, Py_nb_lshift, Py_nb_multiply,
            Py_nb_negative, Py_nb_or, Py_nb_positive, Py_nb_power, Py_nb_remainder,
            Py_nb_rshift, Py_nb_subtract, Py_nb_true_divide, Py_nb_xor, Py_sq_ass_item,
            Py_sq_concat, Py_sq_contains, Py_sq_inplace_concat, Py_sq_inplace_repeat,
            Py_sq_item, Py_sq_length, Py_sq_repeat, Py_tp_alloc, Py_tp_base, Py_tp_bases,
            Py_tp_call, Py_tp_clear, Py_tp_dealloc, Py_tp_del, Py_tp_descr_get, Py_tp_descr_set,
            Py_tp_doc, Py_tp_getattr, Py_tp_getattro, Py_tp_hash, Py_tp_init, Py_tp_is_gc,
            Py_tp_iter, Py_tp_iternext, Py_tp_methods, Py_tp_new, Py_tp_repr, Py_tp_richcompare,
            Py_tp_setattr, Py_tp_setattro, Py_tp_str, Py_tp_traverse, Py_tp_members,
            Py_tp_getset, Py_tp_free, Py_nb_matrix_multiply, Py_nb_inplace_matrix_multiply,
            Py_am_await, Py_am_aiter, Py_am_anext, Py_tp_finalize, Py_am_send, Py_tp_vectorcall,
            Py_tp_token,
            // moduleobject.h
            Py_mod_create, Py_mod_exec, Py_mod_multiple_interpreters, Py_mod_gil,
            Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED, Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED,
            Py_MOD_PER_INTERPRETER_GIL_SUPPORTED, Py_MOD_GIL_USED, Py_MOD_GIL_NOT_USED,
            // modsupport.h, pyport.h
            PYTHON_API_VERSION, PYTHON_ABI_VERSION, PY_SSIZE_T_MAX, PY_SSIZE_T_MIN,
            // structmember.h / descrobject.h
            T_SHORT, T_INT, T_LONG, T_FLOAT, T_DOUBLE, T_STRING, T_OBJECT, T_CHAR, T_BYTE,
            T_UBYTE, T_USHORT, T_UINT, T_ULONG, T_STRING_INPLACE, T_BOOL, T_OBJECT_EX,
            T_LONGLONG, T_ULONGLONG, T_PYSSIZET, T_NONE,
            Py_T_SHORT, Py_T_INT, Py_T_LONG, Py_T_FLOAT, Py_T_DOUBLE, Py_T_STRING, _Py_T_OBJECT,
            Py_T_CHAR, Py_T_BYTE, Py_T_UBYTE, Py_T_USHORT, Py_T_UINT, Py_T_ULONG,
            Py_T_STRING_INPLACE, Py_T_BOOL, Py_T_OBJECT_EX, Py_T_LONGLONG, Py_T_ULONGLONG,
            Py_T_PYSSIZET, _Py_T_NONE,
            READONLY, READ_RESTRICTED, PY_AUDIT_READ, PY_WRITE_RESTRICTED, RESTRICTED,
            Py_READONLY, Py_AUDIT_READ, _Py_WRITE_RESTRICTED, Py_RELATIVE_OFFSET,
            // memoryobject.h / pybuffer.h
            PyBUF_READ, PyBUF_WRITE,
            PyBUF_MAX_NDIM, PyBUF_SIMPLE, PyBUF_WRITABLE, PyBUF_WRITEABLE, PyBUF_FORMAT,
            PyBUF_ND, PyBUF_STRIDES, PyBUF_C_CONTIGUOUS, PyBUF_F_CONTIGUOUS,
            PyBUF_ANY_CONTIGUOUS, PyBUF_INDIRECT, PyBUF_CONTIG, PyBUF_CONTIG_RO, PyBUF_STRIDED,
            PyBUF_STRIDED_RO, PyBUF_RECORDS, PyBUF_RECORDS_RO, PyBUF_FULL, PyBUF_FULL_RO,
            // abstract.h (vectorcall)
            PY_VECTORCALL_ARGUMENTS_OFFSET,
            // compile.h (embedding.rs)
            Py_single_input, Py_file_input, Py_eval_input,
        ],
        enums: [PyGILState_LOCKED, PyGILState_UNLOCKED]
    )
}

/// `pub const`s that are not C constants (or not comparable as integers), with the reason.
const NOT_C_CONSTANTS: &[(&str, &str)] = &[
    ("PyModuleDef_HEAD_INIT", "a struct value; its fields are checked by a unit test"),
    ("DYNAMIC_SYMBOLS", "a table of this crate"),
    ("Py_Version_NAME", "a symbol name of this crate"),
    ("Py_Version_ADDED", "a version of this crate"),
    ("PySlot_OPTIONAL", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
    ("PySlot_STATIC", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
    ("PySlot_INTPTR", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
    ("Py_slot_end", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
    ("Py_mod_name", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
    ("Py_mod_doc", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
    ("Py_mod_state_size", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
    ("Py_mod_methods", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
    ("Py_mod_abi", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
    ("Py_mod_token", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
    ("PyABIInfo_STABLE", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
    ("PyABIInfo_GIL", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
    ("PyABIInfo_FREETHREADED", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
    ("PyABIInfo_FREETHREADING_AGNOSTIC", "abi3t only (3.15 PySlot numbering): tests/abi3t_header_check.rs"),
];

/// Constants whose value legitimately differs between header versions: (name, the other value
/// some headers define, reason). Our value is the one of the oldest interpreter we support.
const KNOWN_DIFFERENCES: &[(&str, u64, &str)] = &[(
    "Py_TPFLAGS_DEFAULT",
    0,
    "3.10+ headers dropped Py_TPFLAGS_HAVE_VERSION_TAG (1 << 18) from the default; 3.7 needs it \
     for the method cache and newer interpreters ignore the bit",
)];

struct StructCheck {
    name: &'static str,
    size: usize,
    /// (Rust field, C field, Rust offset)
    fields: Vec<(&'static str, &'static str, usize)>,
    /// Visible under `Py_LIMITED_API=0x03070000` (else checked without the Limited API only).
    limited: bool,
}

macro_rules! structs {
    ($($name:ident [$limited:expr] { $($field:ident $(=> $cfield:ident)?),* $(,)? }),* $(,)?) => {
        vec![$(StructCheck {
            name: stringify!($name),
            size: size_of::<$name>(),
            fields: vec![$((
                stringify!($field),
                structs!(@c $field $($cfield)?),
                offset_of!($name, $field),
            )),*],
            limited: $limited,
        }),*]
    };
    (@c $field:ident $cfield:ident) => { stringify!($cfield) };
    (@c $field:ident) => { stringify!($field) };
}

fn rust_structs() -> Vec<StructCheck> {
    structs!(
        PyObject [true] { ob_refcnt, ob_type },
        PyVarObject [true] { ob_base, ob_size },
        PyMethodDef [true] { ml_name, ml_meth, ml_flags, ml_doc },
        PyMemberDef [true] { name, type_code => type, offset, flags, doc },
        PyGetSetDef [true] { name, get, set, doc, closure },
        PyType_Slot [true] { slot, pfunc },
        PyType_Spec [true] { name, basicsize, itemsize, flags, slots },
        PyModuleDef_Base [true] { ob_base, m_init, m_index, m_copy },
        PyModuleDef_Slot [true] { slot, value },
        PyModuleDef [true] {
            m_base, m_name, m_doc, m_size, m_methods, m_slots, m_traverse, m_clear, m_free
        },
        Py_buffer [false] {
            buf, obj, len, itemsize, readonly, ndim, format, shape, strides, suboffsets, internal
        },
    )
}

/// One include directory to check.
struct IncludeDir {
    label: String,
    dirs: Vec<PathBuf>,
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// `python3.11` / `python3.7m` -> Some((3, 11)); free-threaded `python3.13t` -> None.
fn include_version(name: &str) -> Option<(u32, u32)> {
    let rest = name.strip_prefix("python3.")?;
    let rest = rest.strip_suffix('m').unwrap_or(rest);
    let minor: u32 = rest.parse().ok()?;
    Some((3, minor))
}

fn label_for(dir: &Path) -> String {
    match include_version(&file_name(dir)) {
        Some((a, b)) => format!("{a}.{b}"),
        None => file_name(dir),
    }
}

fn discover() -> Vec<IncludeDir> {
    if let Ok(list) = std::env::var("LIMPET_PY_INCLUDE_DIRS") {
        return list
            .split(':')
            .filter(|s| !s.is_empty())
            .map(|s| {
                let d = PathBuf::from(s);
                IncludeDir { label: label_for(&d), dirs: vec![d] }
            })
            .collect();
    }
    let home = std::env::var("HOME").unwrap_or_default();
    let mut found = Vec::new();

    let pyenv_root = Command::new("pyenv")
        .arg("root")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .or_else(|| std::env::var("PYENV_ROOT").ok().map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(&home).join(".pyenv"));
    for version in sorted_entries(&pyenv_root.join("versions")) {
        if !file_name(&version).starts_with("3.") {
            continue;
        }
        for inc in sorted_entries(&version.join("include")) {
            match include_version(&file_name(&inc)) {
                Some(v) if v >= (3, 7) && inc.join("Python.h").exists() => {
                    found.push(IncludeDir { label: label_for(&inc), dirs: vec![inc] })
                }
                _ => {}
            }
        }
    }

    let cache =
        std::env::var("LIMPET_CACHE").map(PathBuf::from).unwrap_or_else(|_| PathBuf::from(&home).join(".cache/limpet"));
    for prefix in sorted_entries(&cache) {
        if !file_name(&prefix).starts_with("py3.") {
            continue;
        }
        let usr_include = prefix.join("usr/include");
        for inc in sorted_entries(&usr_include) {
            let name = file_name(&inc);
            match include_version(&name) {
                Some(v) if v >= (3, 7) && inc.join("Python.h").exists() => {
                    let mut dirs = vec![inc.clone()];
                    // Debian multiarch: pyconfig.h lives in usr/include/<triple>/python3.X/,
                    // and python3.X/pyconfig.h includes it as <<triple>/python3.X/pyconfig.h>.
                    for sub in sorted_entries(&usr_include) {
                        let multiarch = sub.join(&name);
                        if file_name(&sub).contains("-linux-") && multiarch.is_dir() {
                            dirs.push(multiarch);
                        }
                    }
                    dirs.push(usr_include.clone());
                    found.push(IncludeDir { label: label_for(&inc), dirs })
                }
                _ => {}
            }
        }
    }
    // Oldest first (directory order would put 3.10 before 3.7).
    found.sort_by_key(|d| include_version(&file_name(&d.dirs[0])));
    found
}

fn target_triple() -> String {
    if let Ok(t) = std::env::var("TARGET") {
        return t;
    }
    let arch = std::env::consts::ARCH;
    match std::env::consts::OS {
        "linux" => format!("{arch}-unknown-linux-gnu"),
        "macos" => format!("{arch}-apple-darwin"),
        os => format!("{arch}-unknown-{os}"),
    }
}

fn c_program(consts: &[Const], structs: &[StructCheck], limited: bool) -> String {
    let mut c = String::new();
    if limited {
        c.push_str("#define Py_LIMITED_API 0x03070000\n");
    }
    c.push_str("#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n#include <structmember.h>\n");
    c.push_str("#include <stdio.h>\n#include <stddef.h>\n#include <stdint.h>\n\n");
    c.push_str("#define K(n) printf(\"const %s %llu\\n\", #n, (unsigned long long)(size_t)(n))\n");
    c.push_str("int main(void) {\n");
    for k in consts {
        if k.is_enum {
            writeln!(c, "    K({});", k.name).unwrap();
        } else {
            writeln!(c, "#ifdef {n}\n    K({n});\n#endif", n = k.name).unwrap();
        }
    }
    for s in structs.iter().filter(|s| limited == s.limited || !limited) {
        writeln!(c, "    printf(\"size {n} %zu\\n\", sizeof({n}));", n = s.name).unwrap();
        for (_, cf, _) in &s.fields {
            writeln!(c, "    printf(\"offset {n}.{cf} %zu\\n\", offsetof({n}, {cf}));", n = s.name).unwrap();
        }
    }
    c.push_str("    return 0;\n}\n");
    c
}

/// Compiles and runs `source`; returns the `key -> value` lines it printed.
fn run_c(inc: &IncludeDir, source: &str, tag: &str) -> Result<BTreeMap<String, u64>, String> {
    let target = target_triple();
    let compiler = cc::Build::new().cargo_metadata(false).opt_level(0).host(&target).target(&target).get_compiler();
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("header_check").join(format!(
        "{}-{}-{}",
        inc.label,
        tag,
        std::process::id()
    ));
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let src = work.join("prog.c");
    let exe = work.join("prog");
    std::fs::write(&src, source).map_err(|e| e.to_string())?;
    let mut cmd = compiler.to_command();
    for d in &inc.dirs {
        cmd.arg(format!("-I{}", d.display()));
    }
    cmd.arg(&src).arg("-o").arg(&exe);
    let out = cmd.output().map_err(|e| format!("running the C compiler: {e}"))?;
    if !out.status.success() {
        return Err(format!("compiling {} failed:\n{}", src.display(), String::from_utf8_lossy(&out.stderr)));
    }
    let run = Command::new(&exe).output().map_err(|e| e.to_string())?;
    if !run.status.success() {
        return Err(format!("{} failed: {:?}", exe.display(), run.status));
    }
    let mut values = BTreeMap::new();
    for line in String::from_utf8_lossy(&run.stdout).lines() {
        let mut parts = line.split_whitespace();
        let (Some(kind), Some(key), Some(value)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!("unexpected output line {line:?}"));
        };
        let value: u64 = value.parse().map_err(|e| format!("{line:?}: {e}"))?;
        values.insert(format!("{kind} {key}"), value);
    }
    Ok(values)
}

/// Every `pub const NAME` in `src/` must be checked here or listed in `NOT_C_CONSTANTS`.
fn undeclared_consts(consts: &[Const]) -> Vec<String> {
    let known: BTreeSet<&str> = consts.iter().map(|k| k.name).chain(NOT_C_CONSTANTS.iter().map(|(n, _)| *n)).collect();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    for file in sorted_entries(&src) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for line in text.lines() {
            let Some(rest) = line.trim_start().strip_prefix("pub const ") else {
                continue;
            };
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let dynamic_fn_item = name.ends_with("_ADDED") || name.ends_with("_NAME");
            if !known.contains(name.as_str()) && !dynamic_fn_item {
                missing.push(format!("{}: {name}", file_name(&file)));
            }
        }
    }
    missing
}

#[test]
fn header_check() {
    let consts = rust_consts();
    let structs = rust_structs();
    let mut problems = Vec::new();
    for m in undeclared_consts(&consts) {
        problems.push(format!("constant not covered by the header check: {m}"));
    }

    let dirs = discover();
    assert!(
        !dirs.is_empty(),
        "header check: no CPython include directory found (set LIMPET_PY_INCLUDE_DIRS, install \
         pyenv interpreters, or provision $LIMPET_CACHE); refusing to pass without checking"
    );

    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for inc in &dirs {
        let limited = run_c(inc, &c_program(&consts, &structs, true), "limited");
        let full = run_c(inc, &c_program(&consts, &structs, false), "full");
        let (limited, full) = match (limited, full) {
            (Ok(l), Ok(f)) => (l, f),
            (Err(e), _) | (_, Err(e)) => {
                problems.push(format!("{}: {e}", inc.label));
                continue;
            }
        };
        let before = problems.len();
        let (mut n_consts, mut n_known, mut n_structs) = (0, 0, 0);
        for k in &consts {
            let key = format!("const {}", k.name);
            // The Limited program's value wins; the full program covers version-gated names.
            let Some(&c_value) = limited.get(&key).or_else(|| full.get(&key)) else {
                continue;
            };
            seen.insert(k.name);
            n_consts += 1;
            if c_value == k.value {
                continue;
            }
            if KNOWN_DIFFERENCES.iter().any(|(n, v, _)| *n == k.name && *v == c_value) {
                n_known += 1;
                continue;
            }
            problems.push(format!(
                "{}: {} is {} in C ({:#x}), {} in Rust ({:#x})",
                inc.label, k.name, c_value, c_value, k.value, k.value
            ));
        }
        for s in &structs {
            let values = if s.limited { &limited } else { &full };
            let Some(&c_size) = values.get(&format!("size {}", s.name)) else {
                problems.push(format!("{}: no sizeof({}) printed", inc.label, s.name));
                continue;
            };
            n_structs += 1;
            if c_size != s.size as u64 {
                problems.push(format!("{}: sizeof({}) is {c_size} in C, {} in Rust", inc.label, s.name, s.size));
            }
            for (rf, cf, off) in &s.fields {
                let c_off = values.get(&format!("offset {}.{cf}", s.name)).copied();
                if c_off != Some(*off as u64) {
                    problems.push(format!(
                        "{}: offsetof({}, {cf}) is {c_off:?} in C, {off} in Rust (field {rf})",
                        inc.label, s.name
                    ));
                }
            }
        }
        let dirs: Vec<String> = inc.dirs.iter().map(|d| d.display().to_string()).collect();
        let status = if problems.len() == before { "OK" } else { "MISMATCH" };
        println!(
            "header check {}: {n_consts} constants ({n_known} known differences), {n_structs} \
             structs {status} [{}]",
            inc.label,
            dirs.join(", ")
        );
    }

    let unseen: Vec<&str> = consts.iter().map(|k| k.name).filter(|n| !seen.contains(n)).collect();
    if !unseen.is_empty() {
        println!("header check: not defined by any checked header (unverified): {unseen:?}");
    }
    for (name, value, reason) in KNOWN_DIFFERENCES {
        println!("header check: known difference {name} (headers may say {value}): {reason}");
    }
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("header check MISMATCH: {p}");
        }
        panic!("header check: {} mismatches (listed above)", problems.len());
    }
}
