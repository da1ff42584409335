#![forbid(unsafe_code)]
// The entry points that run on CPython's raw arguments are `unsafe`, and so are the
// constructors of what CPython will call: safe code cannot hand them dangling pointers, nor
// install a shim of its own whose result CPython would trust.
use limpet::__private::{call_tuple, enter_fastcall, module_init, ArgSlots, FunctionDef, ModuleDef, ModuleInit, PyObject, Signature};
use limpet::Python;

fn body<'a, 'py>(_: Python<'py>, _: &ArgSlots<'a, 'py>) -> *mut PyObject {
    16 as *mut PyObject // not an object
}

extern "C" fn fast(_: *mut PyObject, _: *const *mut PyObject, _: isize, _: *mut PyObject) -> *mut PyObject {
    8 as *mut PyObject
}

extern "C" fn tuple(_: *mut PyObject, _: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    8 as *mut PyObject
}

extern "C" fn init() -> *mut PyObject {
    8 as *mut PyObject
}

static SIG: Signature = Signature {
    name: "f",
    params: &[],
    posonly: 0,
    positional: 0,
    varargs: None,
    varkw: None,
    min_positional: 0,
    kwonly_required: false,
    fast_arity: 1,
    interned: &NAMES,
};
static NAMES: std::sync::OnceLock<Box<[limpet::Py]>> = std::sync::OnceLock::new();

limpet::class! { pub struct C { x: i64 } }

static DEF: FunctionDef = FunctionDef::new(&SIG, "", fast, tuple);
static MODULE: ModuleDef = ModuleDef::new("m", "", &[]);

fn main() {
    let dangling = 8 as *mut PyObject;
    enter_fastcall(dangling, std::ptr::null(), 3, dangling, &SIG, body);
    call_tuple(&SIG, dangling, dangling, dangling, body);
    limpet::class::slot::unary::<C, false, *mut PyObject>(dangling, |_, _, _| Ok(dangling));
    module_init(&MODULE); // CPython calls without the GIL
    let _ = ModuleInit::new(init);
    let _ = &DEF;
}
