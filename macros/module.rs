//! `module!`: declare the extension module (`PyInit_<name>`) and its contents.

/// Declare the extension module.
///
/// ```text
/// limpet::module! {
///     /// Module docstring.
///     mod NAME {
///         fn FUNCTION;            // declared with function! (a name in scope or a path)
///         const NAME = EXPR;      // any IntoPy value, made at import
///         exception EXC;          // declared with create_exception! (name or path)
///         class CLASS;            // declared with class! (name or path)
///         /// Submodule docstring.
///         mod SUB { ... }         // importable as NAME.SUB after `import NAME`
///         #[init] fn FN;          // fn FN(m: &Bound<PyAny>) -> PyResult<()>, run last
///     }
/// }
/// ```
/// `NAME` must match the extension's file name (`NAME.abi3.so`): it names `PyInit_NAME`
/// (with the `abi3t` feature, `NAME.abi3t.so` and PEP 793's `PyModExport_NAME`).
///
/// Items are named as Rust names them: `fn add;` for a function in scope (declared here or
/// brought in with `use`), or a path, `fn crate::maths::add;`, `class shapes::Point;`. A
/// function declared with `function!` is found through a hidden item of the same name in the
/// type namespace (as PyO3's `#[pyfunction]` makes a module of the function's name), which
/// `use` imports together with the function; so a `function!` named like a type, module or
/// crate used in the same scope (`fn hex` next to `hex::encode`) collides with it: rename
/// one, or write `::hex::encode`.
///
/// `#[init] fn FN;` (PyO3's `#[pymodule_init]`) runs `FN` with the module (or submodule) object when it is executed, after
/// its other items were added: register computed names, or put a submodule into
/// `sys.modules` under the name a package re-exports it as. An error fails the import.
///
/// A class this interpreter cannot build (`#[dict]`/`#[weakref]` before 3.9, `__buffer__`
/// before 3.11) does not fail the import: the module's `__getattr__` raises the
/// `NotImplementedError` naming the version it needs when the class is used.
///
/// ```
/// use limpet::prelude::*;
/// limpet::function! { fn double(x: i64) -> i64 { x * 2 } }
/// limpet::create_exception!(demo, DemoError, PyException, "Something went wrong.");
/// limpet::module! {
///     /// A demo.
///     mod demo {
///         fn double;
///         const ANSWER = 42;
///         exception DemoError;
///         /// Helpers.
///         mod util { const PI = 3.14159; }
///         #[init] fn setup;
///     }
/// }
/// fn setup(m: &Bound<'_, PyAny>) -> PyResult<()> {
///     m.setattr("DOUBLED", m.getattr("ANSWER")?.extract::<i64>()? * 2)
/// }
/// # fn main() {}
/// ```
#[macro_export]
macro_rules! module {
    (
        $(#[$($attr:tt)*])*
        $vis:vis mod $name:ident { $($body:tt)* }
    ) => {
        $( $crate::__limpet_module_check! { #[$($attr)*] } )*
        $crate::__limpet_module_export! {
            $vis $name $crate::__limpet_module!(@def $name [$(#[$($attr)*])*] { $($body)* })
        }
    };
    ($($other:tt)*) => {
        $crate::__private::core::compile_error!(
            "limpet::module!: expected one module: `/// doc` `[pub] mod NAME { ITEMS }`"
        );
    };
}

/// An attribute of `module!`'s `mod`: doc comments only; PyO3's `#[pymodule]`/`#[pyo3(..)]`
/// and any other are an error at the attribute's name (they were ignored).
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_module_check {
    (#[doc $($x:tt)*]) => {};
    (#[$a:tt $($x:tt)*]) => { $crate::__limpet_module_check! { @attr [$a] $a } };
    (@attr [pymodule] $t:tt) => {
        $crate::__limpet_error! { $t ModuleAttribute []
            "limpet::module!: `#[pymodule]` is PyO3's; module! is the module: `mod NAME { fn f; class C; const X = ..; mod sub { .. } }`, and `#[init] fn setup;` runs a function of yours after the items are added"
            "PyO3's attribute: remove it" }
    };
    (@attr [pyo3] $t:tt) => {
        $crate::__limpet_error! { $t ModuleAttribute []
            "limpet::module!: `#[pyo3(..)]` is PyO3's; the module's Python name is the `mod`'s name"
            "PyO3's attribute" }
    };
    (@attr [$o:tt] $t:tt) => {
        $crate::__limpet_error! { $t ModuleAttribute []
            "limpet::module!: the `mod` of module! takes only doc comments (its items take `#[init]` and docs)"
            "not supported on module!" }
    };
}

/// The export function of a module (`module!`), chosen by limpet's own features: the cp37-abi3
/// binary's `PyInit_NAME` (PEP 489 multi-phase init).
#[cfg(not(feature = "abi3t"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_module_export {
    ($vis:vis $name:ident $def:expr) => {
        $crate::__private::paste! {
            // The init function, also nameable as `__limpet_init_NAME` so that an embedding
            // program can register the module before start-up (`limpet::embed::add_module!`).
            #[doc(hidden)]
            #[allow(dead_code, non_upper_case_globals)]
            $vis const [<__limpet_init_ $name>]: $crate::__private::ModuleInit = {
                static __LIMPET_MODULE: $crate::__private::ModuleDef = $def;

                #[no_mangle]
                unsafe extern "C" fn [<PyInit_ $name>]() -> *mut $crate::__private::PyObject {
                    // CPython's import machinery calls it, with the GIL: `module_init`'s contract.
                    $crate::__private::module_init(&__LIMPET_MODULE)
                }
                // SAFETY: the init function just above.
                unsafe { $crate::__private::ModuleInit::new([<PyInit_ $name>]) }
            };
        }
    };
}

/// The export function of a module (`module!`) in the abi3t binary: PEP 793's
/// `PyModExport_NAME`, returning the module's `PySlot`s (a `PyModuleDef` cannot be made when
/// `PyObject` is opaque). No `PyInit_NAME`: 3.15 looks for the export hook first.
#[cfg(feature = "abi3t")]
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_module_export {
    ($vis:vis $name:ident $def:expr) => {
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(dead_code, non_upper_case_globals)]
            $vis const [<__limpet_init_ $name>]: () = {
                static __LIMPET_MODULE: $crate::__private::ModuleDef = $def;

                #[no_mangle]
                extern "C" fn [<PyModExport_ $name>]() -> *const $crate::__private::PySlot {
                    $crate::__private::module_export(&__LIMPET_MODULE)
                }
            };
        }
    };
}

/// Module bodies: one repetition over items, one `@item` expansion per item. The items the
/// expansion declares next to user expressions (const values, the init call) are named
/// `__limpet_*`/`__LIMPET_*`, so that a user's `make`, `init`, `SUB` or `MODULE` is found instead.
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_module {
    // @def: a `ModuleDef` value for a module body.
    (@def $name:ident [$($attr:tt)*] {
        $(
            $(#[$($iattr:tt)*])*
            $kw:ident $($item:tt)::+ $(= $value:expr ;)? $({ $($sub:tt)* })? $(;)?
        )*
    }) => {
        $crate::__private::ModuleDef::new(
            $crate::__private::core::stringify!($name),
            $crate::__limpet_doc!(@acc [] $($attr)*),
            &[$( $crate::__limpet_module!(@item $kw [$($item)::+] [$(#[$($iattr)*])*] [$($value)?] $({ $($sub)* })?) ),*],
        )
    };
    (@def $name:ident [$($attr:tt)*] { $($bad:tt)* }) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::module!: cannot read the body of module `", $crate::__private::core::stringify!($name),
            "`; expected items `fn NAME;`, `const NAME = EXPR;`, `exception NAME;`, `class NAME;`, `mod NAME { .. }` or `#[init] fn NAME;`"
        ))
    };

    // @item: one module entry, as a `ModuleItem` expression. A function is reached through
    // the hidden type-namespace item `function!` emits under its name (`__limpet_def`), so a
    // path or a `use` of the function finds it, and a wrong name is reported as the user's.
    (@item fn [$($f:ident)::+] [$(#[doc = $d:expr])*] []) => {
        $crate::__private::ModuleItem::Function(<$($f)::+>::__limpet_def)
    };
    (@item const [$c:ident] [$($a:tt)*] [$value:expr]) => {
        $crate::__private::ModuleItem::Const($crate::__private::core::stringify!($c), {
            fn __limpet_make(py: $crate::Python<'_>) -> $crate::PyResult<$crate::Bound<'_, $crate::PyAny>> {
                $crate::IntoPy::into_py($value, py)
            }
            __limpet_make
        })
    };
    (@item exception [$($e:ident)::+] [$($a:tt)*] []) => {
        $crate::__private::ModuleItem::Exception(
            $crate::__limpet_module!(@last $($e)+),
            <$($e)::+ as $crate::exceptions::PyExceptionType>::type_object,
        )
    };
    (@item class [$($c:ident)::+] [$($a:tt)*] []) => {
        $crate::__private::ModuleItem::Class(<$($c)::+ as $crate::class::PyClass>::class_def)
    };
    (@item mod [$m:ident] [$($a:tt)*] [] { $($sub:tt)* }) => {
        $crate::__private::ModuleItem::Submodule({
            static __LIMPET_SUB: $crate::__private::ModuleDef = $crate::__limpet_module!(@def $m [$($a)*] { $($sub)* });
            &__LIMPET_SUB
        })
    };
    (@item fn [$($f:ident)::+] [#[init]] []) => {
        $crate::__private::ModuleItem::Init({
            fn __limpet_init<'py>(module: &$crate::Bound<'py, $crate::PyAny>) -> $crate::PyResult<()> {
                $crate::class::IntoUnit::into_unit($($f)::+(module))
            }
            __limpet_init
        })
    };
    // The errors: one each, at the item's name (`__limpet_error!`).
    (@item $kw:ident [$first:tt :: $($rest:tt)::+] [$($a:tt)*] $($more:tt)*) => {{
        $crate::__limpet_error! { $first ModuleItemName []
            "limpet::module!: only `fn`, `class` and `exception` items may be paths; `const` and `mod` take a name"
            "a path where a name is expected" }
        $crate::__limpet_module!(@skip)
    }};
    (@item $kw:ident [$item:tt] [$($a:tt)*] $($rest:tt)*) => {{
        $crate::__limpet_error! { $item ModuleItem []
            "limpet::module!: an item is `fn NAME;`, `const NAME = EXPR;`, `exception NAME;`, `class NAME;`, `mod NAME { .. }` or `#[init] fn NAME;`"
            "`{Self}` is not declared in one of these forms" }
        $crate::__limpet_module!(@skip)
    }};

    // @skip: a placeholder item next to an error (the module never compiles).
    (@skip) => {
        $crate::__private::ModuleItem::Init({
            fn __limpet_skip(_: &$crate::Bound<'_, $crate::PyAny>) -> $crate::PyResult<()> {
                $crate::__private::core::result::Result::Ok(())
            }
            __limpet_skip
        })
    };

    // @last: the last segment of a path, as a string (the Python name of an item given by path).
    (@last $last:ident) => { $crate::__private::core::stringify!($last) };
    (@last $first:ident $($rest:ident)+) => { $crate::__limpet_module!(@last $($rest)+) };
}
