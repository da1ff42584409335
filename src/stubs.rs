//! Type stubs (`.pyi`) generated from the declarations.
//!
//! Every `function!` and class method records the type hints of its parameters and return
//! value (from the conversion traits: `i64` -> `int`, `Option<T>` -> `typing.Optional[T]`,
//! `Vec<T>` -> `typing.List[T]`, ...; spelled with `typing` so the stubs read on 3.7). Each
//! module gets a hidden function `__limpet_stubs__()` that renders its stub text, which build
//! tools write next to the extension as `NAME.pyi`.
//!
//! The extension carries no rendering code: `__limpet_stubs__` writes the module's
//! declarations as plain text (one record a line: functions with their signatures and hints,
//! classes and their members, exceptions, constants, submodules) and hands it to a renderer
//! written in Python (`src/stubs.py`), kept in the binary as a string and compiled by the
//! interpreter only when stubs are asked for. Constants' types and exception bases come from
//! the live module.
//!
//! A `.pyi` cannot hold a submodule, so a module with submodules is typed by a stub package
//! (`__limpet_stubs__(files=True)` returns its files): `NAME/__init__.pyi` with
//! `from . import SUB as SUB` per submodule, `NAME/SUB.pyi` (or `NAME/SUB/__init__.pyi` when
//! SUB has submodules too), each rendered like the top level; a class named by a hint but
//! declared in another module of the tree is imported relatively (`from . import Point`, not
//! re-exported). Type checkers resolve the folder `NAME/` before `NAME.abi3.so` (mypy prefers
//! a package to a module and never reads a `.so`); at run time the `.so` wins (the folder has
//! no `__init__.py`). Installed, mypy reads the folder only with a `py.typed` marker, which
//! limpet-build adds. `__limpet_stubs__()` keeps returning the single-file text, with
//! submodules typed `typing.Any`.

use crate::args::{Param, Signature};
use crate::class::{ClassDef, ClassItem};
use crate::err::PyResult;
use crate::function::{FnKind, FunctionDef};
use crate::gil::Python;
use crate::module::{ModuleDef, ModuleItem};
use crate::object::{Bound, PyAny};

/// The type hints of a function: one per named parameter (`*args`/`**kwargs` included, by
/// their names with the stars), then the return value.
pub struct Hints {
    /// `(parameter name, hint)` in declaration order.
    pub params: Vec<(&'static str, String)>,
    /// The return value's hint.
    pub ret: String,
}

/// A function computing one stub hint (`input_hint_of::<T>`, ...), called when stubs are
/// written.
pub type HintFn = fn() -> String;

/// The hint of an untyped parameter (`*args`, `**kwargs`).
pub fn any_hint() -> String {
    "typing.Any".into()
}

/// The hint of a function returning nothing.
pub fn none_hint() -> String {
    "None".into()
}

impl Hints {
    /// The hints of a declaration from its table (for macro expansions): each function holds
    /// a table of hint functions, one per type and shared, and this one builder runs them.
    #[inline(never)]
    pub fn from_table(params: &[Option<(&'static str, HintFn)>], ret: HintFn) -> Hints {
        Hints { params: params.iter().flatten().map(|(name, hint)| (*name, hint())).collect(), ret: ret() }
    }

    /// Nothing known (every parameter `typing.Any`).
    pub fn unknown() -> Hints {
        Hints { params: Vec::new(), ret: "typing.Any".into() }
    }
}

/// Writes one record of the declaration text: its fields separated by `\x1f`, then `\n`.
fn record(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\x1f');
        }
        out.push_str(f);
    }
    out.push('\n');
}

/// `F kind name posonly positional varargs varkw`, a `P name has_default` per parameter,
/// an `H name hint` per hint and `R return_hint`.
fn function(out: &mut String, kind: &str, f: &FunctionDef) {
    let sig = f.sig;
    let (posonly, positional) = (sig.posonly.to_string(), sig.positional.to_string());
    record(out, &["F", kind, f.name, &posonly, &positional, sig.varargs.unwrap_or(""), sig.varkw.unwrap_or("")]);
    for p in sig.params {
        record(out, &["P", p.name, if p.default.is_some() { "1" } else { "0" }]);
    }
    let hints = (f.hints)();
    for (name, hint) in &hints.params {
        record(out, &["H", name, hint]);
    }
    record(out, &["R", &hints.ret]);
}

fn kind_code(kind: FnKind) -> &'static str {
    match kind {
        FnKind::Function => "f",
        FnKind::Method => "m",
        FnKind::Static => "s",
        FnKind::Class => "c",
    }
}

/// `C name base`, its members, `E`.
fn class(out: &mut String, def: &ClassDef) {
    let base = def.base.as_ref().map_or(String::new(), |b| b.hint());
    record(out, &["C", def.name, &base]);
    for item in def.items {
        match item {
            ClassItem::New(f) => function(out, "n", f),
            ClassItem::Method(f) => function(out, kind_code(f.kind), f),
            ClassItem::Property { name, get, set, hint, .. } => {
                let hint = hint.map(|h| h());
                let flag = |b: bool| if b { "1" } else { "0" };
                record(
                    out,
                    &[
                        "Y",
                        crate::class::property_name(name),
                        flag(get.is_some()),
                        flag(set.is_some()),
                        flag(hint.is_some()),
                        hint.as_deref().unwrap_or(""),
                    ],
                );
            }
            ClassItem::Deleter(name, _) => record(out, &["D", crate::class::property_name(name)]),
            ClassItem::ClassAttr(name, _, hint) => record(out, &["A", name, &hint()]),
            ClassItem::RichCompare(_) => record(out, &["Q"]),
            ClassItem::Traverse(_) | ClassItem::Clear(_) | ClassItem::Buffer(..) => {}
        }
    }
    // Members the class options derive (`#[eq]`, `#[ord]`...), as literal lines.
    let mut derived = String::new();
    crate::class::options::stub(&mut derived, def);
    for line in derived.lines() {
        record(out, &["L", line]);
    }
    record(out, &["E"]);
}

/// The items of a module: `F`... per function, `C`... per class, `X name` per exception,
/// `K name` per constant, `M name` + its items + `E` per submodule.
fn module_items(out: &mut String, def: &ModuleDef) {
    for item in def.items {
        match item {
            ModuleItem::Function(get) => {
                let f = get();
                function(out, kind_code(f.kind), f)
            }
            ModuleItem::Class(get) => class(out, get()),
            ModuleItem::Exception(name, _) => record(out, &["X", name]),
            ModuleItem::Const(name, _) => record(out, &["K", name]),
            ModuleItem::Submodule(sub) => {
                record(out, &["M", sub.name]);
                module_items(out, sub);
                record(out, &["E"]);
            }
            ModuleItem::Init(_) => {}
        }
    }
}

/// The declaration text of a module tree, what the renderer reads: a header
/// `limpet-stubs 1 NAME`, then one record a line (fields separated by `\x1f`).
fn declarations(def: &ModuleDef) -> String {
    let mut out = String::new();
    record(&mut out, &["limpet-stubs", "1", def.name]);
    module_items(&mut out, def);
    out
}

/// The renderer (Python source, compiled by the interpreter only when stubs are asked for),
/// as the extension carries it: without comment lines and blank lines, one space of
/// indentation per level (`src/stubs.py` indents by four): 8.1 of its 10.9 KB.
const RENDERER: &str = match std::str::from_utf8(&RENDERER_BYTES) {
    Ok(text) => text,
    Err(_) => panic!("src/stubs.py is UTF-8"),
};
const RENDERER_SOURCE: &[u8] = include_bytes!("stubs.py");
const RENDERER_LEN: usize = minify::<0>(RENDERER_SOURCE).1;
const RENDERER_BYTES: [u8; RENDERER_LEN] = minify::<RENDERER_LEN>(RENDERER_SOURCE).0;

/// Python source without its comment lines and blank lines, each line's indentation divided
/// by four (the first `N` bytes of it), and its length. The same program:
/// inside brackets indentation does not matter, elsewhere it comes in fours (the renderer
/// has no multi-line string, so no line of a string is taken for a comment).
const fn minify<const N: usize>(src: &[u8]) -> ([u8; N], usize) {
    let mut out = [0u8; N];
    let (mut i, mut n) = (0, 0);
    while i < src.len() {
        let mut spaces = 0;
        while i + spaces < src.len() && src[i + spaces] == b' ' {
            spaces += 1;
        }
        let start = i + spaces;
        let mut end = start;
        while end < src.len() && src[end] != b'\n' {
            end += 1;
        }
        if end > start && src[start] != b'#' {
            let mut k = 0;
            while k < spaces / 4 {
                if n < N {
                    out[n] = b' ';
                }
                n += 1;
                k += 1;
            }
            let mut j = start;
            while j < end {
                if n < N {
                    out[n] = src[j];
                }
                n += 1;
                j += 1;
            }
            if n < N {
                out[n] = b'\n';
            }
            n += 1;
        }
        i = end + 1;
    }
    (out, n)
}

/// The body of `__limpet_stubs__(*, files=False)`: its receiver is the module it was added
/// to. Without `files`, the single-file text (what `NAME.pyi` holds); with `files=True`, a
/// dict `{relative path: text}` of every stub file (see the module documentation).
fn stubs_body<'py>(py: Python<'py>, args: &crate::args::ArgSlots<'_, 'py>) -> PyResult<Bound<'py, PyAny>> {
    let module = args.receiver()?;
    let files = match args.next().0 {
        Some(flag) => flag.extract::<bool>()?,
        None => false,
    };
    let def = crate::module::module_def_of(module)?;
    let ns = crate::module::namespace(py)?;
    crate::module::run_source(py, RENDERER, c"<limpet stubs renderer>", crate::ffi_safe::StartSymbol::File, &ns, &ns)?;
    ns.as_any().get_item("render")?.call1((module, declarations(def), files))
}

static STUBS_SIG: Signature = Signature {
    name: "__limpet_stubs__",
    params: &[Param { name: "files", default: Some("False") }],
    posonly: 0,
    positional: 0,
    varargs: None,
    varkw: None,
    min_positional: 0,
    kwonly_required: false,
    fast_arity: crate::args::fast_arity(0, 0, true),
    interned: &STUBS_INTERNED,
};
static STUBS_INTERNED: std::sync::OnceLock<Box<[crate::object::Py]>> = std::sync::OnceLock::new();

fn stubs_hints() -> Hints {
    Hints { params: vec![("files", "bool".into())], ret: "typing.Union[str, typing.Dict[str, str]]".into() }
}

/// `__limpet_stubs__(*, files=False)`: the `.pyi` text of the module, or with `files=True`
/// every stub file of its layout (added to every top-level module).
struct Stubs;

impl crate::builtin::Builtin for Stubs {
    const DOC: &'static str =
        " The `.pyi` stub text of this module; with `files=True`, a dict {relative path: text} of\n \
         its stub files (a stub package `NAME/__init__.pyi`, `NAME/SUB.pyi` when it has submodules).";
    fn sig() -> &'static Signature {
        &STUBS_SIG
    }
    fn body<'py>(py: Python<'py>, args: &crate::args::ArgSlots<'_, 'py>) -> PyResult<Bound<'py, PyAny>> {
        stubs_body(py, args)
    }
}

pub(crate) static STUBS_FUNCTION: std::sync::LazyLock<FunctionDef> =
    std::sync::LazyLock::new(|| crate::builtin::builtin::<Stubs>().with_hints(stubs_hints));

#[cfg(test)]
mod tests {
    /// The carried renderer is `src/stubs.py` less its comments, blank lines and three of
    /// every four spaces of indentation (the stub tests check it renders the same).
    #[test]
    fn renderer_minified() {
        let full = include_str!("stubs.py");
        let code: Vec<&str> =
            full.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')).collect();
        let kept: Vec<&str> = super::RENDERER.lines().collect();
        assert_eq!(code.len(), kept.len());
        for (a, b) in code.iter().zip(&kept) {
            assert_eq!(a.trim_start(), b.trim_start());
            assert_eq!((a.len() - a.trim_start().len()) / 4, b.len() - b.trim_start().len());
        }
        assert!(super::RENDERER.len() < full.len() * 4 / 5);
    }
}
