//! Type stubs (`.pyi`) generated from the declarations.
//!
//! Every `function!` and class method records the type hints of its parameters and return
//! value (from the conversion traits: `i64` -> `int`, `Option<T>` -> `typing.Optional[T]`,
//! `Vec<T>` -> `typing.List[T]`, ...; spelled with `typing` so the stubs read on 3.7). Each
//! module gets a hidden function `__limpet_stubs__()` that renders its stub text, which build
//! tools write next to the extension as `NAME.pyi`.

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

impl Hints {
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

fn function(out: &mut String, indent: &str, f: &FunctionDef) {
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
    let _ = writeln!(out, "{indent}def {}{} -> {}: ...", f.name, parameters(f.sig, &hints, receiver), hints.ret);
}

fn class(out: &mut String, def: &ClassDef) {
    let base = def.base.map_or(String::new(), |b| format!("({})", b().name));
    let _ = writeln!(out, "\nclass {}{base}:", def.name);
    let before = out.len();
    for item in def.items {
        match item {
            ClassItem::New(f) => {
                let hints = (f.hints)();
                let _ = writeln!(out, "    def __init__{} -> None: ...", parameters(f.sig, &hints, Some("self")));
            }
            ClassItem::Method(f) => function(out, "    ", f),
            ClassItem::Property { .. } => {}
            ClassItem::ClassAttr(name, _, hint) => {
                let _ = writeln!(out, "    {name}: typing.ClassVar[{}]", hint());
            }
            ClassItem::Traverse(_) | ClassItem::Clear(_) | ClassItem::RichCompare(_) | ClassItem::Buffer(..) => {}
        }
    }
    // Properties, merged by name (a getter and a setter may be separate items).
    let mut props: Vec<(&str, bool, bool, Option<String>)> = Vec::new();
    for item in def.items {
        if let ClassItem::Property { name, get, set, hint, .. } = item {
            let name = name.strip_prefix("get_").or_else(|| name.strip_prefix("set_")).unwrap_or(name);
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

/// The stub text of a module, from its declarations and (for constants and exception
/// bases) the live module object.
pub fn render(py: Python<'_>, def: &ModuleDef, module: &Bound<'_, PyAny>) -> PyResult<String> {
    let mut out = format!("# Stubs for the `{}` extension module, generated by limpet.\nimport typing\n", def.name);
    let mut functions = String::new();
    for item in def.items {
        match item {
            ModuleItem::Function(f) => function(&mut functions, "", f),
            ModuleItem::Class(get) => class(&mut out, get()),
            ModuleItem::Exception(name, get) => {
                let base = get(py).getattr("__bases__")?.get_item(0)?;
                let base_name = base.getattr("__name__")?.to_string();
                let base_module = base.getattr("__module__")?.to_string();
                let base = if base_module == "builtins" || base_module == module.getattr("__name__")?.to_string() {
                    base_name
                } else {
                    format!("{base_module}.{base_name}")
                };
                let _ = writeln!(out, "\nclass {name}({base}): ...");
            }
            ModuleItem::Const(name, _) => {
                let value = module.getattr(name)?;
                let ty = crate::types::hint_for_type_name(&value.get_type().getattr("__name__")?.to_string());
                let _ = writeln!(out, "\n{name}: {ty}");
            }
            ModuleItem::Submodule(sub) => {
                // A single-file extension cannot point a stub at a submodule; a namespace
                // attribute keeps `m.sub` usable for type checkers.
                let _ = writeln!(out, "\n{}: typing.Any  # submodule", sub.name);
            }
        }
    }
    if !functions.is_empty() {
        out.push('\n');
        out.push_str(&functions);
    }
    Ok(out)
}

/// The body of `__limpet_stubs__`: its receiver is the module it was added to.
fn stubs_body<'py>(py: Python<'py>, args: &crate::args::ArgSlots<'_, 'py>) -> PyResult<*mut ffi::PyObject> {
    let module = args.receiver()?;
    let def = crate::module::module_def_of(module)?;
    crate::IntoPy::into_py(render(py, def, module)?, py).map(Bound::into_ptr)
}

static STUBS_SIG: Signature = Signature {
    name: "__limpet_stubs__",
    params: &[],
    posonly: 0,
    positional: 0,
    varargs: None,
    varkw: None,
    min_positional: 0,
    kwonly_required: false,
    interned: std::sync::OnceLock::new(),
};

extern "C" fn stubs_fast(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    crate::trampoline::call_fastcall(&STUBS_SIG, slf, args, nargs, kwnames, stubs_body)
}

extern "C" fn stubs_tuple(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    crate::trampoline::call_tuple(&STUBS_SIG, slf, args, kwargs, stubs_body)
}

fn stubs_hints() -> Hints {
    Hints { params: Vec::new(), ret: "str".into() }
}

/// `__limpet_stubs__()`: the `.pyi` text of the module (added to every top-level module).
pub(crate) static STUBS_FUNCTION: FunctionDef =
    FunctionDef::new(&STUBS_SIG, " The `.pyi` stub text of this module.", stubs_fast, stubs_tuple)
        .with_hints(stubs_hints);
