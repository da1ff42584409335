//! `function!`: declare Python functions.

/// Declare one or more Python functions.
///
/// Grammar (per function): doc comments and attributes, optional visibility, `[async] fn NAME[<'py>]
/// (PARAMS) [-> RET] { BODY }` (one lifetime, named `'py`: the GIL lifetime, e.g. to return a
/// `Bound<'py, _>` made from an argument), where PARAMS is a comma-separated list of
/// - `name: Type` — positional-or-keyword (or keyword-only after `*`/`*args`);
/// - `name: Type = expr` — with a default (any Rust expression, evaluated per call when the
///   argument is missing);
/// - `/` — everything before it is positional-only;
/// - `*` — everything after it is keyword-only;
/// - `*args: Type` — extra positional arguments as a tuple (`Vec<T>`, `Bound<PyTuple>`, ...);
/// - `**kwargs: Type` — extra keyword arguments as a dict (`HashMap<String, T>`, ...);
/// - `py: Python<'_>` — the GIL token (anywhere; not a Python parameter).
///
/// `Type` is anything implementing [`FromPyArg`](crate::FromPyArg) (every
/// [`FromPyObject`](crate::FromPyObject) type, plus `&str`, `&[u8]`, `&Bound<PyAny>`). RET is
/// any [`IntoPy`](crate::IntoPy) type, `PyResult<T>` or `Result<T, E>` with `E: Into<PyErr>`.
/// Doc comments become `__doc__`; `__text_signature__` is generated so that
/// `inspect.signature` works on every interpreter.
///
/// The Rust function is emitted as written, minus the Python-only markers, so it can be
/// called from Rust too. Add it to a module with `fn NAME;` in [`module!`](macro@crate::module).
///
/// `async fn NAME(PARAMS) -> RET { BODY }` makes a Python function that converts its arguments
/// and returns an awaitable running the Rust future (see [`coroutine`](crate::coroutine)):
/// parameters must be owned (`'static`) types, there is no `py: Python` parameter (take the
/// GIL with `Python::with_gil` inside; it is not held across `.await`), the future must be
/// `Send`, and the stub hint is `typing.Coroutine[typing.Any, typing.Any, RET]`.
///
/// ```
/// use limpet::prelude::*;
///
/// limpet::function! {
///     /// `await double(21)` is 42.
///     pub async fn double(n: i64) -> PyResult<i64> {
///         n.checked_mul(2).ok_or_else(|| PyOverflowError::new_err("too big"))
///     }
/// }
/// # fn main() {}
/// ```
///
/// ```
/// use limpet::prelude::*;
///
/// limpet::function! {
///     /// Join words.
///     pub fn join(words: Vec<String>, /, sep: &str = " ", *, upper: bool = false) -> String {
///         let s = words.join(sep);
///         if upper { s.to_uppercase() } else { s }
///     }
///
///     /// Sum any number of integers.
///     fn total(*values: Vec<i64>) -> PyResult<i64> {
///         values.iter().try_fold(0i64, |a, v| a.checked_add(*v))
///             .ok_or_else(|| PyOverflowError::new_err("sum overflows i64"))
///     }
/// }
/// # fn main() { assert_eq!(join(vec!["a".into(), "b".into()], "-", true), "A-B"); }
/// ```
#[macro_export]
macro_rules! function {
    ($(
        $(#[$($attr:tt)*])*
        $vis:vis $(async $($am:lifetime)?)? fn $name:ident $(< $lt:lifetime >)? ( $($params:tt)* ) $(-> $ret:ty)? $body:block
    )*) => {
        $(
            $crate::__limpet_params! {
                @munch __limpet_function { @fn [$(async $($am)?)?] [$(#[$($attr)*])*] [$vis] $name [$($lt)?] [$(-> $ret)?] $body }
                [_] [] [] [] [] [] [] [] []
                $($params)*
            }
        )*
    };
    ($($other:tt)*) => {
        $crate::__private::core::compile_error!(
            "limpet::function!: expected one or more `/// doc` `[pub] [async] fn NAME(PARAMS) [-> TYPE] { BODY }` items"
        );
    };
}

/// Emit one parsed function: the Rust function, its `Signature`, shims and `FunctionDef`.
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_function {
    // @emit: the user's function and the hidden `__limpet_fn_NAME` static describing it.
    (@emit
        { @fn [] [$($attr:tt)*] [$vis:vis] $name:ident [$($lt:lifetime)?] [$($ret:tt)*] $body:block }
        [$($po:tt)*] [$($pos:tt)*] [$($va:tt)*] [$($vk:tt)*]
        [$($fnp:tt)*] $($acc:tt)*
    ) => {
        $($attr)*
        // Python signatures often have many parameters; the arity is the Python API's.
        #[allow(clippy::too_many_arguments)]
        $vis fn $name<$($lt)?>($($fnp)*) $($ret)* $body

        $crate::__limpet_function! {
            @def [] [$($attr)*] [$vis] $name [$($lt)?] [$($ret)*] [$($po)*] [$($pos)*] [$($va)*] [$($vk)*] [$($fnp)*] $($acc)*
        }
    };
    // @emit of an `async fn`: the Rust async fn, and a Python function returning a coroutine.
    (@emit
        { @fn [async] [$($attr:tt)*] [$vis:vis] $name:ident [] [$($ret:tt)*] $body:block }
        [$($po:tt)*] [$($pos:tt)*] [$($va:tt)*] [$($vk:tt)*]
        [$($fnp:tt)*] $($acc:tt)*
    ) => {
        $($attr)*
        #[allow(clippy::too_many_arguments)]
        $vis async fn $name($($fnp)*) $($ret)* $body

        $crate::__limpet_function! {
            @def [async] [$($attr)*] [$vis] $name [] [$($ret)*] [$($po)*] [$($pos)*] [$($va)*] [$($vk)*] [$($fnp)*] $($acc)*
        }
    };
    (@emit { @fn [async] [$($attr:tt)*] [$vis:vis] $name:ident [$lt:lifetime] $($rest:tt)* } $($acc:tt)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::function!: `async fn ", $crate::__private::core::stringify!($name),
            "` cannot have the GIL lifetime `", $crate::__private::core::stringify!($lt),
            "`: an async fn runs without the GIL between awaits; its parameters and result must be owned ('static) types"
        ));
    };
    // @def: the hidden `__limpet_fn_NAME` static (`[async]`: the call returns a coroutine).
    // Every item of the expansion is `__limpet_`-named (the user's function may be called
    // `body` or `fast`); the function is taken before the parameters are bound (one may be
    // named like it).
    (@def [$($async:ident)?] [$($attr:tt)*] [$vis:vis] $name:ident [$($lt:lifetime)?] [$($ret:tt)*]
        [$($po:tt)*] [$($pos:tt)*] [$($va:tt)*] [$($vk:tt)*]
        [$($fnp:tt)*] [$($spec:tt)*] [$($ext:tt)*] [$($call:tt)*]
    ) => {
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            $vis static [<__limpet_fn_ $name>]: $crate::__private::FunctionDef = {
                $crate::__limpet_function! {
                    @shims [$crate::__private::core::stringify!($name)] __LIMPET_SIG __limpet_body
                    [$($po)*] [$($pos)*] [$($va)*] [$($vk)*] [$($spec)*]
                }
                // Out of line, one per function: what depends on it (the extraction of each
                // parameter, one shared instantiation per type; the call; the conversion of
                // the result, one per type). Binding and the panic guard are shared
                // (`enter_fastcall`), issue 13.
                fn __limpet_body<'a, 'py>(
                    __py: $crate::Python<'py>,
                    __args: &$crate::__private::ArgSlots<'a, 'py>,
                ) -> *mut $crate::__private::PyObject {
                    let __limpet_callee = $name;
                    let __args = &__args.local();
                    $crate::__private::finish(__py, (|| -> $crate::PyResult<*mut $crate::__private::PyObject> {
                        $( $crate::__limpet_function!{ @extract [__py __args] $ext } )*
                        $crate::__limpet_function!(@return [$($async)?] [$($lt)?] [$($ret)*] __py,
                            $crate::__limpet_function!(@call [$($async)?] $name __limpet_callee ($($call)*)))
                    })())
                }
                // A table of one hint function per type (shared by every use of the type),
                // read by one shared builder: data, not code, per function (issue 13).
                fn __limpet_hints<$($lt)?>() -> $crate::__private::Hints {
                    $crate::__private::Hints::from_table(
                        &[$( $crate::__limpet_function!(@hint $ext) ),*],
                        $crate::__limpet_function!(@ret_hint [$($async)?] $($ret)*),
                    )
                }
                // SAFETY: the shims are those generated above for `__LIMPET_SIG` and the body.
                unsafe {
                    $crate::__private::FunctionDef::new(
                        &__LIMPET_SIG,
                        $crate::__limpet_doc!(@acc [] $($attr)*),
                        __limpet_fast,
                        __limpet_tuple,
                    )
                }
                .with_hints(__limpet_hints)
            };
            // module!'s hook: an item named like the function in the type namespace, so that
            // `fn NAME;` in module! finds the description through a path or a `use` of the
            // function (`<NAME>::__limpet_def`), and a wrong name is reported as the user's.
            #[doc(hidden)]
            #[allow(non_camel_case_types, dead_code)]
            $vis enum $name {}
            impl $name {
                #[doc(hidden)]
                pub fn __limpet_def() -> &'static $crate::__private::FunctionDef {
                    &[<__limpet_fn_ $name>]
                }
            }
        }
    };

    // @shims: the `Signature` static `$sig` and the two calling-convention shims
    // `__limpet_fast` and `__limpet_tuple`, each one tail call to a shared trampoline with
    // `$sig` and the body `$body` (items from macro_rules are visible to the caller).
    (@shims [$msg:expr] $sig:ident $body:ident [$($po:tt)*] [$($pos:tt)*] [$($va:tt)*] [$($vk:tt)*] [$($spec:tt)*]) => {
        static __LIMPET_INTERNED: $crate::__private::OnceLock<$crate::__private::InternedNames> =
            $crate::__private::OnceLock::new();
        // One initializer (the list checked, the derived fields computed at compile time):
        // fewer items for rustc than a `const` per figure (issue 13).
        static $sig: $crate::__private::Signature = $crate::__private::signature(
            $msg,
            &[$($spec)*],
            0 $(+ $crate::__limpet_one!($po))*,
            0 $(+ $crate::__limpet_one!($pos))*,
            $crate::__limpet_function!(@option $($va)*),
            $crate::__limpet_function!(@option $($vk)*),
            &__LIMPET_INTERNED,
        );
        // `unsafe`: only CPython calls them, with a call of their convention (the contract of
        // the trampolines they forward to, which the body of an `unsafe fn` may call).
        unsafe extern "C" fn __limpet_fast(
            slf: *mut $crate::__private::PyObject,
            args: *const *mut $crate::__private::PyObject,
            nargs: isize,
            kwnames: *mut $crate::__private::PyObject,
        ) -> *mut $crate::__private::PyObject {
            $crate::__private::enter_fastcall(slf, args, nargs, kwnames, &$sig, $body)
        }
        unsafe extern "C" fn __limpet_tuple(
            slf: *mut $crate::__private::PyObject,
            args: *mut $crate::__private::PyObject,
            kwargs: *mut $crate::__private::PyObject,
        ) -> *mut $crate::__private::PyObject {
            // One shared adapter to the fastcall shim (one binder, one set of messages).
            $crate::__private::call_tuple_as_fast(slf, args, kwargs, __limpet_fast)
        }
    };

    // @noargs: for a method (whose `Signature` is `SIG`), the `METH_NOARGS` shim when it
    // takes no Python parameter (only then is it used), as `NOARGS`; `None` otherwise.
    (@noargs $body:ident [] [] []) => {
        // The body of an `unsafe fn` may call the trampoline: the shim's contract is the
        // trampoline's (CPython calls it, with the receiver and no arguments).
        unsafe extern "C" fn __limpet_noargs(
            slf: *mut $crate::__private::PyObject,
            _: *mut $crate::__private::PyObject,
        ) -> *mut $crate::__private::PyObject {
            $crate::__private::enter_fastcall(
                slf,
                $crate::__private::core::ptr::null(),
                0,
                $crate::__private::core::ptr::null_mut(),
                &SIG,
                $body,
            )
        }
        const NOARGS: $crate::__private::core::option::Option<$crate::__private::RawNoArgs> =
            $crate::__private::core::option::Option::Some(__limpet_noargs);
    };
    (@noargs $body:ident [$($spec:tt)*] [$($va:tt)*] [$($vk:tt)*]) => {
        const NOARGS: $crate::__private::core::option::Option<$crate::__private::RawNoArgs> =
            $crate::__private::core::option::Option::None;
    };

    // @extract: bind one parameter from the parsed arguments. The holder's type is inferred
    // from `extract_param`, the one place that names `$t`'s conversion: a type without one is
    // one error, at the user's type (issue 14).
    (@extract [$py:ident $args:ident] {slot $n:ident ($t:ty) []}) => {
        let mut holder = $crate::__private::core::default::Default::default();
        let $n: $t = match $args.next() {
            ($crate::__private::core::option::Option::Some(obj), i) => $crate::__private::extract_param::<$t, _>(obj, &mut holder, $args.sig(), i)?,
            ($crate::__private::core::option::Option::None, i) => return $crate::__private::core::result::Result::Err($args.missing(i)),
        };
    };
    (@extract [$py:ident $args:ident] {slot $n:ident ($t:ty) [$d:expr]}) => {
        let mut holder = $crate::__private::core::default::Default::default();
        let $n: $t = match $args.next() {
            ($crate::__private::core::option::Option::Some(obj), i) => $crate::__private::extract_param::<$t, _>(obj, &mut holder, $args.sig(), i)?,
            ($crate::__private::core::option::Option::None, _) => $d,
        };
    };
    (@extract [$py:ident $args:ident] {py $n:ident}) => {
        let $n = $py;
    };
    (@extract [$py:ident $args:ident] {varargs $n:ident ($t:ty)}) => {
        let mut holder = $crate::__private::core::default::Default::default();
        let $n: $t = $crate::__private::extract_param::<$t, _>($args.varargs(), &mut holder, $args.sig(), $crate::__private::VARARGS_INDEX)?;
    };
    (@extract [$py:ident $args:ident] {varkw $n:ident ($t:ty)}) => {
        let mut holder = $crate::__private::core::default::Default::default();
        let $n: $t = $crate::__private::extract_param::<$t, _>($args.varkw(), &mut holder, $args.sig(), $crate::__private::VARKW_INDEX)?;
    };
    (@extract [$py:ident $args:ident] {varkw_opt $n:ident ($t:ty)}) => {
        let mut holder = $crate::__private::core::default::Default::default();
        let $n: $crate::__private::core::option::Option<$t> = if $crate::__private::varkw_given($args.varkw()) {
            $crate::__private::core::option::Option::Some(
                $crate::__private::extract_param::<$t, _>($args.varkw(), &mut holder, $args.sig(), $crate::__private::VARKW_INDEX)?,
            )
        } else {
            $crate::__private::core::option::Option::None
        };
    };

    // @hint: one parameter's entry of the hint table (`None` for the GIL token); @ret_hint:
    // the return value's hint function.
    // (The hint functions come through `HintProbe`: no second error for a type without a
    // conversion, issue 14.)
    (@hint {slot $n:ident ($t:ty) [$($d:tt)*]}) => {
        $crate::__private::core::option::Option::Some((
            $crate::__private::core::stringify!($n),
            $crate::__limpet_function!(@input_hint $t),
        ))
    };
    (@hint {py $n:ident}) => { $crate::__private::core::option::Option::None };
    (@hint {varargs $n:ident ($t:ty)}) => {
        $crate::__private::core::option::Option::Some((
            $crate::__private::core::concat!("*", $crate::__private::core::stringify!($n)),
            $crate::__private::any_hint as $crate::__private::HintFn,
        ))
    };
    (@hint {varkw_opt $n:ident ($t:ty)}) => {
        $crate::__private::core::option::Option::Some((
            $crate::__private::core::concat!("**", $crate::__private::core::stringify!($n)),
            $crate::__private::any_hint as $crate::__private::HintFn,
        ))
    };
    (@hint {varkw $n:ident ($t:ty)}) => {
        $crate::__private::core::option::Option::Some((
            $crate::__private::core::concat!("**", $crate::__private::core::stringify!($n)),
            $crate::__private::any_hint as $crate::__private::HintFn,
        ))
    };
    (@ret_hint []) => { $crate::__private::none_hint as $crate::__private::HintFn };
    (@ret_hint [] -> $r:ty) => { $crate::__limpet_function!(@output_hint $r) };
    (@input_hint $t:ty) => {{
        #[allow(unused_imports)]
        use $crate::__private::{InputHintOf as _, NoHintOf as _};
        (&$crate::__private::HintProbe::<$t>::NEW).input_hint_fn()
    }};
    (@output_hint $t:ty) => {{
        #[allow(unused_imports)]
        use $crate::__private::{NoHintOf as _, OutputHintOf as _};
        (&$crate::__private::HintProbe::<$t>::NEW).output_hint_fn()
    }};
    (@ret_hint [async]) => { $crate::__private::async_output_hint_of::<()> as $crate::__private::HintFn };
    (@ret_hint [async] -> $r:ty) => { $crate::__private::async_output_hint_of::<$r> as $crate::__private::HintFn };

    // @return: convert what the call returned, through `return_value::<RET>` when the user
    // named the type (a type without a conversion is one error at that type).
    // (Not with a lifetime of the user's, which the body does not declare.)
    (@return [] [] [-> $r:ty] $py:ident, $e:expr) => { $crate::__private::return_value::<$r>($e, $py) };
    (@return [$($async:ident)?] [$($lt:lifetime)?] [$($ret:tt)*] $py:ident, $e:expr) => {
        $crate::__private::IntoPyReturn::into_return($e, $py)
    };

    // @call: call the user's function; an async fn's future becomes a coroutine object.
    (@call [] $name:ident $callee:ident ($($call:tt)*)) => { $callee($($call)*) };
    (@call [async] $name:ident $callee:ident ($($call:tt)*)) => {
        $crate::__private::async_return($crate::__private::core::stringify!($name), $callee($($call)*))
    };

    // @option: `Some("name")` for a declared `*args`/`**kwargs`, else `None`.
    (@option) => { $crate::__private::core::option::Option::None };
    (@option $n:ident) => { $crate::__private::core::option::Option::Some($crate::__private::core::stringify!($n)) };

    ($($other:tt)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet internal error in __limpet_function!: unexpected `", $crate::__private::core::stringify!($($other)*), "`"
        ));
    };
}

/// Has no rules: invoking it with a user's token makes rustc underline that token (next to
/// the `compile_error!` that explains the problem).
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_point_at {
    () => {};
}

/// `1usize` for any token: `0 $(+ __limpet_one!($t))*` counts tokens.
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_one {
    ($t:tt) => {
        1usize
    };
}

/// Concatenate the `#[doc = ..]` attributes among a list of attributes into one `&str`.
/// Munches attributes (bounded by the number on one item).
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_doc {
    (@acc [$($d:expr),*]) => {
        $crate::__private::core::concat!($($d, "\n"),*)
    };
    (@acc [$($d:expr),*] #[doc = $x:expr] $($rest:tt)*) => {
        $crate::__limpet_doc!(@acc [$($d,)* $x] $($rest)*)
    };
    (@acc [$($d:expr),*] #[$($other:tt)*] $($rest:tt)*) => {
        $crate::__limpet_doc!(@acc [$($d),*] $($rest)*)
    };
}
