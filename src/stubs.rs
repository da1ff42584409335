//! Type stubs (`.pyi`) generated from the declarations.
//!
//! Every `function!` and class method records the type hints of its parameters and return
//! value (from the conversion traits: `i64` -> `int`, `Option<T>` -> `typing.Optional[T]`,
//! `Vec<T>` -> `typing.List[T]`, ...; spelled with `typing` so the stubs read on 3.7). Each
//! module gets a hidden function `__limpet_stubs__()` that renders its stub text, which build
//! tools write next to the extension as `NAME.pyi`.
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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use abi3_sys as ffi;

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

    fn param(&self, name: &str) -> String {
        self.params.iter().find(|(n, _)| *n == name).map_or_else(|| "typing.Any".to_string(), |(_, h)| h.clone())
    }
}

/// `(a: int, b: str = ..., *args: typing.Any, c: int = ..., **kwargs: typing.Any)`, with an
/// optional receiver first.
fn parameters(sig: &Signature, hints: &Hints, receiver: Option<&str>) -> String {
    let mut parts: Vec<String> = receiver.map(str::to_string).into_iter().collect();
    let param = |p: &Param| match p.default {
        Some(_) => format!("{}: {} = ...", p.name, hints.param(p.name)),
        None => format!("{}: {}", p.name, hints.param(p.name)),
    };
    for (i, p) in sig.params.iter().enumerate() {
        if i == sig.positional {
            match sig.varargs {
                Some(name) => parts.push(format!("*{name}: {}", hints.param(&format!("*{name}")))),
                None => parts.push("*".into()),
            }
        }
        parts.push(param(p));
        if i + 1 == sig.posonly {
            parts.push("/".into());
        }
    }
    if sig.params.len() <= sig.positional {
        if let Some(name) = sig.varargs {
            parts.push(format!("*{name}: {}", hints.param(&format!("*{name}"))));
        }
    }
    if let Some(name) = sig.varkw {
        parts.push(format!("**{name}: {}", hints.param(&format!("**{name}"))));
    }
    format!("({})", parts.join(", "))
}

/// Record the bare identifiers of a hint (`typing.Optional[Point]` -> `Point`): the
/// classes a stub file may have to import from another module of the package.
fn note(refs: &mut BTreeSet<String>, hint: &str) {
    for word in hint.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')) {
        if !word.is_empty() && !word.contains('.') && !word.starts_with(|c: char| c.is_ascii_digit()) {
            refs.insert(word.to_string());
        }
    }
}

fn function(out: &mut String, refs: &mut BTreeSet<String>, indent: &str, f: &FunctionDef) {
    let hints = (f.hints)();
    let (decorator, receiver) = match f.kind {
        FnKind::Function => (None, None),
        FnKind::Method => (None, Some("self")),
        FnKind::Static => (Some("@staticmethod"), None),
        FnKind::Class => (Some("@classmethod"), Some("cls")),
    };
    if let Some(d) = decorator {
        let _ = writeln!(out, "{indent}{d}");
    }
    // `__eq__`/`__ne__` take `object` in typeshed; narrowing it breaks the override rule.
    let hints = if matches!(f.name, "__eq__" | "__ne__") {
        Hints { params: hints.params.iter().map(|(n, _)| (*n, "object".to_string())).collect(), ret: hints.ret }
    } else {
        hints
    };
    for (_, h) in &hints.params {
        note(refs, h);
    }
    note(refs, &hints.ret);
    let _ = writeln!(out, "{indent}def {}{} -> {}: ...", f.name, parameters(f.sig, &hints, receiver), hints.ret);
}

fn class(out: &mut String, refs: &mut BTreeSet<String>, def: &ClassDef) {
    let base = def.base.as_ref().map_or(String::new(), |b| {
        let name = b.hint();
        note(refs, &name);
        format!("({name})")
    });
    let _ = writeln!(out, "\nclass {}{base}:", def.name);
    let before = out.len();
    for item in def.items {
        match item {
            ClassItem::New(f) => {
                let hints = (f.hints)();
                for (_, h) in &hints.params {
                    note(refs, h);
                }
                let _ = writeln!(out, "    def __init__{} -> None: ...", parameters(f.sig, &hints, Some("self")));
            }
            ClassItem::Method(f) => function(out, refs, "    ", f),
            ClassItem::Property { .. } => {}
            ClassItem::ClassAttr(name, _, hint) => {
                let hint = hint();
                note(refs, &hint);
                let _ = writeln!(out, "    {name}: typing.ClassVar[{hint}]");
            }
            ClassItem::Traverse(_)
            | ClassItem::Clear(_)
            | ClassItem::RichCompare(_)
            | ClassItem::Buffer(..)
            | ClassItem::Deleter(..) => {}
        }
    }
    // Properties, merged by name (a getter and a setter may be separate items).
    let mut props: Vec<(&str, bool, bool, Option<String>)> = Vec::new();
    for item in def.items {
        if let ClassItem::Property { name, get, set, hint, .. } = item {
            let name = crate::class::property_name(name);
            let hint = hint.map(|h| h());
            match props.iter_mut().find(|p| p.0 == name) {
                Some(p) => {
                    p.1 |= get.is_some();
                    p.2 |= set.is_some();
                    p.3 = p.3.take().or(hint);
                }
                None => props.push((name, get.is_some(), set.is_some(), hint)),
            }
        }
    }
    for (name, get, set, hint) in props {
        let hint = hint.unwrap_or_else(|| "typing.Any".into());
        let deleter =
            def.items.iter().any(|i| matches!(i, ClassItem::Deleter(d, _) if crate::class::property_name(d) == name));
        note(refs, &hint);
        match (get, set) {
            (true, true) => {
                let _ = writeln!(out, "    @property\n    def {name}(self) -> {hint}: ...");
                let _ = writeln!(out, "    @{name}.setter\n    def {name}(self, value: {hint}) -> None: ...");
            }
            (true, false) => {
                let _ = writeln!(out, "    @property\n    def {name}(self) -> {hint}: ...");
            }
            (false, true) => {
                let _ = writeln!(out, "    {name}: {hint}");
            }
            (false, false) => {}
        }
        if get && deleter {
            let _ = writeln!(out, "    @{name}.deleter\n    def {name}(self) -> None: ...");
        }
    }
    if def.items.iter().any(|i| matches!(i, ClassItem::RichCompare(_))) {
        for op in ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"] {
            let _ = writeln!(out, "    def {op}(self, other: object) -> bool: ...");
        }
    }
    if out.len() == before {
        out.push_str("    ...\n");
    }
}

/// A class or exception of a module tree: its name, the path of the module declaring it
/// below the top level, and for an exception its class getter (to recognise bases).
struct Decl {
    name: &'static str,
    path: Vec<&'static str>,
    exception: Option<for<'py> fn(Python<'py>) -> Bound<'py, PyAny>>,
}

/// Where a stub file of the package layout sits in the module tree.
struct Place<'a> {
    /// The module's path below the top-level module (empty for the top level itself).
    path: &'a [&'static str],
    /// Every class and exception of the tree.
    index: &'a [Decl],
}

impl Place<'_> {
    /// `from .. import A, B` (relative, so the stubs do not depend on the name the
    /// extension is installed under): from this module's stub to the module at `target`.
    fn import_line(&self, package: bool, target: &[&str], names: &BTreeSet<String>) -> String {
        // A relative import starts from the module itself in an `__init__.pyi`, from its
        // parent package in a plain module stub.
        let depth = if package { self.path.len() } else { self.path.len().saturating_sub(1) };
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        format!("from {}{} import {}", ".".repeat(depth + 1), target.join("."), names.join(", "))
    }

    /// The declaration of `name`, preferring this module's own.
    fn find(&self, name: &str) -> Option<&Decl> {
        let mut found = self.index.iter().filter(|d| d.name == name);
        let first = found.next()?;
        Some(std::iter::once(first).chain(found).find(|d| d.path == self.path).unwrap_or(first))
    }
}

fn has_submodules(def: &ModuleDef) -> bool {
    def.items.iter().any(|i| matches!(i, ModuleItem::Submodule(_)))
}

/// The text of one stub file. `place` is `None` for the single-file layout, where a
/// submodule can only be typed `typing.Any`.
fn module_text(
    py: Python<'_>,
    def: &ModuleDef,
    module: &Bound<'_, PyAny>,
    place: Option<&Place<'_>>,
) -> PyResult<String> {
    let this = module.getattr("__name__")?.to_string();
    let package = has_submodules(def);
    let mut refs = BTreeSet::new();
    // `import X` lines (exception bases from other modules) and `from . import ...` lines
    // (classes of other modules of the tree, submodules), by module path.
    let mut plain_imports: BTreeSet<String> = BTreeSet::new();
    let mut from_imports: BTreeMap<Vec<&'static str>, BTreeSet<String>> = BTreeMap::new();
    let mut submodules: Vec<&str> = Vec::new();
    let mut body = String::new();
    let mut functions = String::new();
    for item in def.items {
        match item {
            ModuleItem::Function(f) => function(&mut functions, &mut refs, "", f),
            ModuleItem::Class(get) => class(&mut body, &mut refs, get()),
            ModuleItem::Exception(name, get) => {
                let base = get(py).getattr("__bases__")?.get_item(0)?;
                let base_name = base.getattr("__name__")?.to_string();
                let base_module = base.getattr("__module__")?.to_string();
                // One of the tree's own exceptions (compared by identity), else a builtin
                // or an importable module's class.
                let ours =
                    place.and_then(|p| p.index.iter().find(|d| d.exception.is_some_and(|get| get(py).is(&base))));
                let base = match ours {
                    Some(decl) => {
                        if decl.path != place.map_or(&[][..], |p| p.path) {
                            from_imports.entry(decl.path.clone()).or_default().insert(decl.name.to_string());
                        }
                        decl.name.to_string()
                    }
                    None if base_module == "builtins" || base_module == this => base_name,
                    None => {
                        plain_imports.insert(format!("import {base_module}"));
                        format!("{base_module}.{base_name}")
                    }
                };
                let _ = writeln!(body, "\nclass {name}({base}): ...");
            }
            ModuleItem::Init(_) => {}
            ModuleItem::Const(name, _) => {
                let value = module.getattr(name)?;
                let ty = crate::types::hint_for_type_name(&value.get_type().getattr("__name__")?.to_string());
                note(&mut refs, &ty);
                let _ = writeln!(body, "\n{name}: {ty}");
            }
            ModuleItem::Submodule(sub) => match place {
                Some(_) => submodules.push(sub.name),
                None => {
                    // A single file cannot hold a submodule's stub: `m.sub` stays usable.
                    let _ = writeln!(body, "\n{}: typing.Any  # submodule", sub.name);
                }
            },
        }
    }
    // Standard modules the std conversions' hints name (`pathlib.Path`, `datetime.timedelta`, ...).
    for m in ["datetime", "ipaddress", "os", "pathlib"] {
        let dotted = format!("{m}.");
        if [&body, &functions].iter().any(|t| [" ", "[", "("].iter().any(|c| t.contains(&format!("{c}{dotted}")))) {
            plain_imports.insert(format!("import {m}"));
        }
    }
    let mut out = format!("# Stubs for the `{this}` extension module, generated by limpet.\nimport typing\n");
    for line in &plain_imports {
        let _ = writeln!(out, "{line}");
    }
    if let Some(place) = place {
        // Classes named by the hints but declared in another module of the tree.
        for name in &refs {
            if let Some(decl) = place.find(name).filter(|d| d.path != place.path) {
                from_imports.entry(decl.path.clone()).or_default().insert(decl.name.to_string());
            }
        }
        for (target, names) in &from_imports {
            let _ = writeln!(out, "{}", place.import_line(package, target, names));
        }
        for sub in &submodules {
            // `as` re-exports the name: `import pkg; pkg.sub.f()` type-checks.
            let _ = writeln!(out, "from . import {sub} as {sub}");
        }
    }
    out.push_str(&body);
    if !functions.is_empty() {
        out.push('\n');
        out.push_str(&functions);
    }
    Ok(out)
}

/// The single-file stub text of a module, from its declarations and (for constants and
/// exception bases) the live module object; submodules are typed `typing.Any` in it.
pub fn render(py: Python<'_>, def: &ModuleDef, module: &Bound<'_, PyAny>) -> PyResult<String> {
    module_text(py, def, module, None)
}

/// Every class and exception of a module tree.
fn index_tree(def: &ModuleDef, path: &mut Vec<&'static str>, out: &mut Vec<Decl>) {
    for item in def.items {
        match item {
            ModuleItem::Class(get) => out.push(Decl { name: get().name, path: path.clone(), exception: None }),
            ModuleItem::Exception(name, get) => out.push(Decl { name, path: path.clone(), exception: Some(*get) }),
            ModuleItem::Submodule(sub) => {
                path.push(sub.name);
                index_tree(sub, path, out);
                path.pop();
            }
            ModuleItem::Function(_) | ModuleItem::Const(..) | ModuleItem::Init(_) => {}
        }
    }
}

/// The stub files of a module: `NAME.pyi` alone when it has no submodules, else a stub
/// package `NAME/__init__.pyi`, `NAME/SUB.pyi` (`NAME/SUB/__init__.pyi` for a submodule
/// with submodules of its own, and so on), as `(relative path, text)`.
pub fn render_files(py: Python<'_>, def: &ModuleDef, module: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    if !has_submodules(def) {
        return Ok(vec![(format!("{}.pyi", def.name), render(py, def, module)?)]);
    }
    let mut index = Vec::new();
    index_tree(def, &mut Vec::new(), &mut index);
    let mut files = Vec::new();
    walk(py, def, module, &mut vec![def.name], &index, &mut files)?;
    Ok(files)
}

/// Render the stub of `def` (at `file_path`: the top-level name, then the submodule names)
/// and of its submodules.
fn walk(
    py: Python<'_>,
    def: &ModuleDef,
    module: &Bound<'_, PyAny>,
    file_path: &mut Vec<&'static str>,
    index: &[Decl],
    files: &mut Vec<(String, String)>,
) -> PyResult<()> {
    let place = Place { path: &file_path[1..], index };
    let text = module_text(py, def, module, Some(&place))?;
    let file = file_path.join("/") + if has_submodules(def) { "/__init__.pyi" } else { ".pyi" };
    files.push((file, text));
    for item in def.items {
        if let ModuleItem::Submodule(sub) = item {
            let child = module.getattr(sub.name)?;
            file_path.push(sub.name);
            walk(py, sub, &child, file_path, index, files)?;
            file_path.pop();
        }
    }
    Ok(())
}

/// The body of `__limpet_stubs__(*, files=False)`: its receiver is the module it was added
/// to. Without `files`, the single-file text (what `NAME.pyi` holds); with `files=True`, a
/// dict `{relative path: text}` of every stub file ([`render_files`]).
fn stubs_body<'py>(py: Python<'py>, args: &crate::args::ArgSlots<'_, 'py>) -> PyResult<*mut ffi::PyObject> {
    let module = args.receiver()?;
    let files = match args.next().0 {
        Some(flag) => flag.extract::<bool>()?,
        None => false,
    };
    let def = crate::module::module_def_of(module)?;
    if files {
        let files: BTreeMap<String, String> = render_files(py, def, module)?.into_iter().collect();
        crate::IntoPy::into_py(files, py).map(Bound::into_ptr)
    } else {
        crate::IntoPy::into_py(render(py, def, module)?, py).map(Bound::into_ptr)
    }
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
    interned: &STUBS_INTERNED,
};
static STUBS_INTERNED: std::sync::OnceLock<Box<[crate::object::Py]>> = std::sync::OnceLock::new();

unsafe extern "C" fn stubs_fast(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls it as a METH_FASTCALL|METH_KEYWORDS function; the body is STUBS_SIG's.
    unsafe { crate::trampoline::call_fastcall(&STUBS_SIG, slf, args, nargs, kwnames, stubs_body) }
}

unsafe extern "C" fn stubs_tuple(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls it as a METH_VARARGS|METH_KEYWORDS function; the body is STUBS_SIG's.
    unsafe { crate::trampoline::call_tuple(&STUBS_SIG, slf, args, kwargs, stubs_body) }
}

fn stubs_hints() -> Hints {
    Hints { params: vec![("files", "bool".into())], ret: "typing.Union[str, typing.Dict[str, str]]".into() }
}

/// `__limpet_stubs__(*, files=False)`: the `.pyi` text of the module, or with `files=True`
/// every stub file of its layout (added to every top-level module).
// SAFETY: the shims run STUBS_SIG's body through the trampolines.
pub(crate) static STUBS_FUNCTION: FunctionDef = unsafe {
    FunctionDef::new(
        &STUBS_SIG,
        " The `.pyi` stub text of this module; with `files=True`, a dict {relative path: text} of\n \
         its stub files (a stub package `NAME/__init__.pyi`, `NAME/SUB.pyi` when it has submodules).",
        stubs_fast,
        stubs_tuple,
    )
}
.with_hints(stubs_hints);

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(hint: &str) -> Vec<String> {
        let mut out = BTreeSet::new();
        note(&mut out, hint);
        out.into_iter().collect()
    }

    #[test]
    fn note_keeps_bare_names_only() {
        assert_eq!(refs("typing.Optional[Point]"), ["Point"]);
        assert_eq!(refs("typing.Dict[str, typing.List[Node]]"), ["Node", "str"]);
        assert_eq!(refs("typing.Tuple[int, ...]"), ["int"]);
        assert!(refs("typing.Any").is_empty());
    }

    #[test]
    fn relative_imports_start_at_the_right_package() {
        let names: BTreeSet<String> = ["A".to_string(), "B".to_string()].into_iter().collect();
        let top = Place { path: &[], index: &[] };
        assert_eq!(top.import_line(true, &["sub"], &names), "from .sub import A, B");
        let leaf = Place { path: &["classfx"], index: &[] };
        assert_eq!(leaf.import_line(false, &[], &names), "from . import A, B");
        let deep = Place { path: &["sub", "deeper"], index: &[] };
        assert_eq!(deep.import_line(false, &[], &names), "from .. import A, B");
        assert_eq!(deep.import_line(false, &["other"], &names), "from ..other import A, B");
        let pkg = Place { path: &["sub"], index: &[] };
        assert_eq!(pkg.import_line(true, &[], &names), "from .. import A, B");
        assert_eq!(pkg.import_line(true, &["sub", "deeper"], &names), "from ..sub.deeper import A, B");
    }
}
