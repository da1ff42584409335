//! Functions: the static [`FunctionDef`] a `function!` emits, turned into a `PyMethodDef`
//! once per process (leaked: CPython keeps pointers to it for the life of the function).

use std::ffi::{c_int, CString};
use std::sync::OnceLock;

use abi3_sys as ffi;

use crate::args::Signature;
use crate::err::PyResult;
use crate::gil::Python;
use crate::object::{Bound, PyAny};
use crate::runtime::{runtime, CallConv};
use crate::signature::text_signature_with;
use crate::trampoline::{RawFast, RawTuple};

/// What a [`FunctionDef`] is bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FnKind {
    /// A module-level function.
    Function,
    /// An instance method (`&self`, `&mut self` or an owned receiver).
    Method,
    /// A static method.
    Static,
    /// A class method (receives the class).
    Class,
}

/// A declared function: its signature, docstring and the two shims (one per calling
/// convention; which one is registered is decided at import).
///
/// CPython calls the shims and trusts what they return, so only the macros (through the
/// `unsafe` constructors) make one; the shims and the signature (whose interned names the
/// argument parser relies on) are not public.
pub struct FunctionDef {
    /// The Python-visible name.
    pub name: &'static str,
    /// Function, method, static or class method.
    pub kind: FnKind,
    /// Parameter list and name.
    pub(crate) sig: &'static Signature,
    /// The doc comment, as written (`///` lines joined by newlines).
    pub doc: &'static str,
    /// The `METH_FASTCALL | METH_KEYWORDS` shim.
    pub(crate) fast: RawFast,
    /// The `METH_VARARGS | METH_KEYWORDS` shim.
    pub(crate) tuple: RawTuple,
    /// The method definition, made on first use.
    pub method: OnceLock<MethodDefPtr>,
    /// Type hints of the parameters and the return value, for stubs.
    pub hints: fn() -> crate::stubs::Hints,
    /// For a dunder method: the type slot it fills directly (faster than CPython's generic
    /// slot wrappers, which look the method up on every call).
    pub(crate) slot: Option<crate::class::SlotFn>,
    /// For a method: a `METH_NOARGS` shim, used when the method takes no arguments (CPython
    /// 3.11+ specializes calls to such methods).
    pub(crate) noargs: Option<RawNoArgs>,
}

/// The shape of a `METH_NOARGS` shim.
pub type RawNoArgs = ffi::PyCFunction;

/// A leaked `PyMethodDef` (never freed, never mutated after creation).
pub struct MethodDefPtr(*mut ffi::PyMethodDef);

// SAFETY: the pointee is immutable after creation and lives forever.
unsafe impl Send for MethodDefPtr {}
// SAFETY: as above.
unsafe impl Sync for MethodDefPtr {}

impl FunctionDef {
    /// A `FunctionDef` with an empty method cell (for macro expansions).
    ///
    /// # Safety
    /// `fast` and `tuple` are the shims `function!` generates for `sig`: called by CPython
    /// with a valid call of their convention, they run the function's body through
    /// `enter_fastcall` / `call_tuple_as_fast` and return a new reference or NULL with an exception.
    pub const unsafe fn new(sig: &'static Signature, doc: &'static str, fast: RawFast, tuple: RawTuple) -> Self {
        FunctionDef::parts(FnKind::Function, sig.name, sig, doc, fast, tuple)
    }

    /// A method of a class (for macro expansions); `name` is the Python name, while
    /// `sig.name` is what messages show (`Counter.incr`).
    ///
    /// # Safety
    /// As for [`new`](FunctionDef::new), with `kind` the binding the shims were generated for
    /// (a method's body borrows its receiver through the checked class guards).
    pub const unsafe fn method(
        kind: FnKind,
        name: &'static str,
        sig: &'static Signature,
        doc: &'static str,
        fast: RawFast,
        tuple: RawTuple,
    ) -> Self {
        FunctionDef::parts(kind, name, sig, doc, fast, tuple)
    }

    /// The value both constructors make (their contract is the caller's).
    const fn parts(
        kind: FnKind,
        name: &'static str,
        sig: &'static Signature,
        doc: &'static str,
        fast: RawFast,
        tuple: RawTuple,
    ) -> Self {
        FunctionDef {
            name,
            kind,
            sig,
            doc,
            fast,
            tuple,
            method: OnceLock::new(),
            hints: crate::stubs::Hints::unknown,
            slot: None,
            noargs: None,
        }
    }

    /// The same with a `METH_NOARGS` shim (for macro expansions).
    ///
    /// # Safety
    /// `noargs` is `None` or the `METH_NOARGS` shim generated for this method: it runs the
    /// same body as the other shims, with no arguments.
    pub const unsafe fn with_noargs(mut self, noargs: Option<RawNoArgs>) -> Self {
        self.noargs = noargs;
        self
    }

    /// The same, filling a type slot directly (for macro expansions).
    ///
    /// # Safety
    /// `slot` is `None` or holds the slot shim generated for this dunder method: it runs the
    /// same body through the `class::slot` functions.
    pub const unsafe fn with_slot(mut self, slot: Option<crate::class::SlotFn>) -> Self {
        self.slot = slot;
        self
    }

    /// The same with its type hints (for macro expansions).
    pub const fn with_hints(mut self, hints: fn() -> crate::stubs::Hints) -> Self {
        self.hints = hints;
        self
    }

    /// The `PyMethodDef` for the running interpreter's calling convention.
    pub(crate) fn method_def(&self) -> *mut ffi::PyMethodDef {
        self.method.get_or_init(|| MethodDefPtr(Box::into_raw(Box::new(self.build())))).0
    }

    pub(crate) fn build(&self) -> ffi::PyMethodDef {
        let name = leak_cstr(self.name);
        let receiver = match self.kind {
            FnKind::Function | FnKind::Static => None,
            FnKind::Method => Some("$self"),
            FnKind::Class => Some("$type"),
        };
        let doc = format!("{}{}\n--\n\n{}", self.name, text_signature_with(self.sig, receiver), clean_doc(self.doc));
        let takes_nothing = self.sig.params.is_empty() && self.sig.varargs.is_none() && self.sig.varkw.is_none();
        let (flags, meth) = match (runtime().callconv, self.noargs) {
            (CallConv::FastCall, Some(noargs)) if takes_nothing && self.kind == FnKind::Method => {
                (ffi::METH_NOARGS, ffi::PyMethodDefPointer { PyCFunction: noargs })
            }
            (CallConv::FastCall, _) => (
                ffi::METH_FASTCALL | ffi::METH_KEYWORDS,
                ffi::PyMethodDefPointer { PyCFunctionFastWithKeywords: self.fast },
            ),
            (CallConv::Tuple, _) => (
                ffi::METH_VARARGS | ffi::METH_KEYWORDS,
                ffi::PyMethodDefPointer { PyCFunctionWithKeywords: self.tuple },
            ),
        };
        let binding = match self.kind {
            FnKind::Static => ffi::METH_STATIC,
            FnKind::Class => ffi::METH_CLASS,
            FnKind::Function | FnKind::Method => 0,
        };
        ffi::PyMethodDef { ml_name: name, ml_meth: meth, ml_flags: (flags | binding) as c_int, ml_doc: leak_cstr(&doc) }
    }

    /// A new function object bound to `module` (its `__module__` is `module_name`).
    pub(crate) fn create<'py>(
        &self,
        py: Python<'py>,
        module: &Bound<'py, PyAny>,
        module_name: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        // SAFETY: the method def is leaked ('static); module and name are valid objects;
        // returns a new reference or NULL.
        unsafe {
            Bound::from_owned_ptr_or_err(
                py,
                ffi::PyCFunction_NewEx(self.method_def(), module.as_ptr(), module_name.as_ptr()),
            )
        }
    }
}

/// A C string that lives for the rest of the process (CPython keeps the pointer).
pub(crate) fn leak_cstr(text: &str) -> *const std::ffi::c_char {
    let c = CString::new(text.replace('\0', "")).expect("NUL bytes were removed");
    Box::leak(c.into_boxed_c_str()).as_ptr()
}

/// A doc comment as CPython shows it: the single leading space of each `///` line removed,
/// surrounding blank lines trimmed.
pub fn clean_doc(doc: &str) -> String {
    let lines: Vec<&str> = doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn cleans_docs() {
        assert_eq!(super::clean_doc(" Add two.\n\n More.\n"), "Add two.\n\nMore.");
        assert_eq!(super::clean_doc(""), "");
    }
}
