//! `__limpet_params!`: normalise one function's parameter list (the only muncher of a list
//! of unbounded length; it is bounded by the number of parameters of one function).
//!
//! `@munch NEXT {context} [mode] [posonly tally] [positional tally] [*args name]
//! [**kwargs name] [Rust parameters] [Param specs] [extraction entries] [call arguments]
//! PARAMS`: each arm eats one parameter and its comma; the last arm hands the accumulators to
//! `$crate::NEXT!{@emit {context} ..}`: the emitter is passed in (`__limpet_function` for a
//! function, `__limpet_class_method` for a method), not hard-wired. `[mode]` is `[_]` until
//! `*` or `*args`, then `[]`: a parameter adds the mode's tokens to the positional tally, so
//! one arm serves positional and keyword-only parameters. The context of a plain function
//! starts `{@fn [] ..}`, of an `async fn` `{@fn [async] ..}`, of a method `{@method [] ..}` or
//! `{@method [async] ..}` (three arms refuse what an async fn cannot take: `py: Python`,
//! borrowed `&T` and `Bound` parameters). The errors, each at the parameter's name or at
//! the token that cannot be read, are `__limpet_params_error!`'s.

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_params {
    // End: emit. A function's attributes are checked first (PyO3's are an error naming limpet's
    // spelling), and its one lifetime is the GIL lifetime `'py` (another one is an error).
    (@munch $next:ident {@fn $a:tt [$($attr:tt)*] $($ctx:tt)*} $mode:tt $po:tt $pos:tt $va:tt $vk:tt $fnp:tt $spec:tt $ext:tt $call:tt) => {
        $crate::__limpet_params_error! { @attrs [$($attr)*] $next {@fn $a [$($attr)*] $($ctx)*} $po $pos $va $vk $fnp $spec $ext $call }
    };
    (@munch $next:ident {$($ctx:tt)*} [$($mode:tt)?] [$($po:tt)*] [$($pos:tt)*] [$($va:tt)*] [$($vk:tt)*] [$($fnp:tt)*] [$($spec:tt)*] [$($ext:tt)*] [$($call:tt)*]) => {
        $crate::$next! { @emit {$($ctx)*} [$($po)*] [$($pos)*] [$($va)*] [$($vk)*] [$($fnp)*] [$($spec)*] [$($ext)*] [$($call)*] }
    };

    // In an `async fn`: no GIL token and no borrowed parameters (the future outlives the call).
    (@munch $next:ident {@$who:ident [async] $($ctx:tt)*} $mode:tt $po:tt $pos:tt $va:tt $vk:tt $fnp:tt $spec:tt $ext:tt $call:tt
        $(mut)? $n:tt : $(::)? $(limpet ::)? $(prelude ::)? Python $($rest:tt)*) => {
        $crate::__limpet_params_error! { {@$who [async] $($ctx)*} $who async_py $n }
    };
    (@munch $next:ident {@$who:ident [async] $($ctx:tt)*} $mode:tt $po:tt $pos:tt $va:tt $vk:tt $fnp:tt $spec:tt $ext:tt $call:tt
        $(mut)? $n:tt : & $($rest:tt)*) => {
        $crate::__limpet_params_error! { {@$who [async] $($ctx)*} $who async_borrowed $n }
    };
    (@munch $next:ident {@$who:ident [async] $($ctx:tt)*} $mode:tt $po:tt $pos:tt $va:tt $vk:tt $fnp:tt $spec:tt $ext:tt $call:tt
        $(mut)? $n:tt : Bound $($rest:tt)*) => {
        $crate::__limpet_params_error! { {@$who [async] $($ctx)*} $who async_bound $n }
    };

    // `py: Python<'_>`: the GIL token, not a Python parameter (also spelled by its path,
    // `limpet::Python` or `limpet::prelude::Python`).
    (@munch $next:ident {$($ctx:tt)*} $mode:tt $po:tt $pos:tt $va:tt $vk:tt [$($fnp:tt)*] $spec:tt [$($ext:tt)*] [$($call:tt)*]
        $n:ident : $(::)? $(limpet ::)? $(prelude ::)? Python $(<$lt:lifetime>)? $(, $($rest:tt)*)?) => {
        $crate::__limpet_params! { @munch $next {$($ctx)*} $mode $po $pos $va $vk
            [$($fnp)* $n: $crate::Python $(<$lt>)?,] $spec [$($ext)* {py $n}] [$($call)* $n,]
            $($($rest)*)? }
    };

    // `/`: everything so far is positional-only.
    (@munch $next:ident {$($ctx:tt)*} [_] $po:tt [$($pos:tt)*] $va:tt $vk:tt $fnp:tt $spec:tt $ext:tt $call:tt
        / $(, $($rest:tt)*)?) => {
        $crate::__limpet_params! { @munch $next {$($ctx)*} [_] [$($pos)*] [$($pos)*] $va $vk $fnp $spec $ext $call $($($rest)*)? }
    };

    // `**kwargs: Option<T>`: `None` when the call passed no extra keyword (PyO3's meaning);
    // also spelled by its path (`std::option::Option`, `core::option::Option`).
    (@munch $next:ident {$($ctx:tt)*} $mode:tt $po:tt $pos:tt $va:tt [] [$($fnp:tt)*] $spec:tt [$($ext:tt)*] [$($call:tt)*]
        * * $n:ident : $(::)? $(std :: option ::)? Option < $t:ty > $(, $($rest:tt)*)?) => {
        $crate::__limpet_params! { @munch $next {$($ctx)*} [] $po $pos $va [$n]
            [$($fnp)* $n: $crate::__private::core::option::Option<$t>,] $spec [$($ext)* {varkw_opt $n ($t)}] [$($call)* $n,]
            $($($rest)*)? }
    };
    (@munch $next:ident {$($ctx:tt)*} $mode:tt $po:tt $pos:tt $va:tt [] [$($fnp:tt)*] $spec:tt [$($ext:tt)*] [$($call:tt)*]
        * * $n:ident : $(::)? core :: option :: Option < $t:ty > $(, $($rest:tt)*)?) => {
        $crate::__limpet_params! { @munch $next {$($ctx)*} [] $po $pos $va [$n]
            [$($fnp)* $n: $crate::__private::core::option::Option<$t>,] $spec [$($ext)* {varkw_opt $n ($t)}] [$($call)* $n,]
            $($($rest)*)? }
    };
    // `**kwargs: T`.
    (@munch $next:ident {$($ctx:tt)*} $mode:tt $po:tt $pos:tt $va:tt [] [$($fnp:tt)*] $spec:tt [$($ext:tt)*] [$($call:tt)*]
        * * $n:ident : $t:ty $(, $($rest:tt)*)?) => {
        $crate::__limpet_params! { @munch $next {$($ctx)*} [] $po $pos $va [$n]
            [$($fnp)* $n: $t,] $spec [$($ext)* {varkw $n ($t)}] [$($call)* $n,]
            $($($rest)*)? }
    };

    // `*args: T`: extra positionals; what follows is keyword-only.
    (@munch $next:ident {$($ctx:tt)*} [_] $po:tt $pos:tt [] $vk:tt [$($fnp:tt)*] $spec:tt [$($ext:tt)*] [$($call:tt)*]
        * $n:ident : $t:ty $(, $($rest:tt)*)?) => {
        $crate::__limpet_params! { @munch $next {$($ctx)*} [] $po $pos [$n] $vk
            [$($fnp)* $n: $t,] $spec [$($ext)* {varargs $n ($t)}] [$($call)* $n,]
            $($($rest)*)? }
    };

    // `*`: what follows is keyword-only.
    (@munch $next:ident {$($ctx:tt)*} [_] $po:tt $pos:tt [] $vk:tt $fnp:tt $spec:tt $ext:tt $call:tt
        * $(, $($rest:tt)*)?) => {
        $crate::__limpet_params! { @munch $next {$($ctx)*} [] $po $pos [] $vk $fnp $spec $ext $call $($($rest)*)? }
    };

    // `name: T` or `name: T = default`, positional in mode `[_]` (counted in the positional
    // tally), keyword-only in mode `[]`; and the same with `mut name` (a mutable binding in the
    // Rust function).
    (@munch $next:ident {$($ctx:tt)*} [$($mode:tt)?] $po:tt [$($pos:tt)*] $va:tt [] [$($fnp:tt)*] [$($spec:tt)*] [$($ext:tt)*] [$($call:tt)*]
        $n:ident : $t:ty $(= $d:expr)? $(, $($rest:tt)*)?) => {
        $crate::__limpet_params! { @munch $next {$($ctx)*} [$($mode)?] $po [$($pos)* $($mode)?] $va []
            [$($fnp)* $n: $t,] [$($spec)* $crate::__limpet_params!(@spec $n [$($d)?]),]
            [$($ext)* {slot $n ($t) [$($d)?]}] [$($call)* $n,]
            $($($rest)*)? }
    };
    (@munch $next:ident {$($ctx:tt)*} [$($mode:tt)?] $po:tt [$($pos:tt)*] $va:tt [] [$($fnp:tt)*] [$($spec:tt)*] [$($ext:tt)*] [$($call:tt)*]
        mut $n:ident : $t:ty $(= $d:expr)? $(, $($rest:tt)*)?) => {
        $crate::__limpet_params! { @munch $next {$($ctx)*} [$($mode)?] $po [$($pos)* $($mode)?] $va []
            [$($fnp)* mut $n: $t,] [$($spec)* $crate::__limpet_params!(@spec $n [$($d)?]),]
            [$($ext)* {slot $n ($t) [$($d)?]}] [$($call)* $n,]
            $($($rest)*)? }
    };

    // Anything else: say what is accepted, at the offending token (the name after a second
    // `*` or `**`).
    (@munch $next:ident {@$who:ident $($ctx:tt)*} $mode:tt $po:tt $pos:tt $va:tt $vk:tt $fnp:tt $spec:tt $ext:tt $call:tt
        * * $bad:tt $($rest:tt)*) => {
        $crate::__limpet_params_error! { {@$who $($ctx)*} $who unreadable $bad }
    };
    (@munch $next:ident {@$who:ident $($ctx:tt)*} $mode:tt $po:tt $pos:tt $va:tt $vk:tt $fnp:tt $spec:tt $ext:tt $call:tt
        * $bad:tt $($rest:tt)*) => {
        $crate::__limpet_params_error! { {@$who $($ctx)*} $who unreadable $bad }
    };
    (@munch $next:ident {@$who:ident $($ctx:tt)*} $mode:tt $po:tt $pos:tt $va:tt $vk:tt $fnp:tt $spec:tt $ext:tt $call:tt
        $bad:tt $($rest:tt)*) => {
        $crate::__limpet_params_error! { {@$who $($ctx)*} $who unreadable $bad }
    };

    // @spec: the `Param` entry (an expression, expanded where the array is built).
    (@spec $n:ident []) => {
        $crate::__private::Param { name: $crate::__private::core::stringify!($n), default: $crate::__private::core::option::Option::None }
    };
    (@spec $n:ident [$d:expr]) => {
        $crate::__private::Param {
            name: $crate::__private::core::stringify!($n),
            default: $crate::__private::core::option::Option::Some($crate::__private::core::stringify!($d)),
        }
    };
}

/// The errors of a parameter list, each at the parameter's name (or the token that cannot
/// be read): `__limpet_params_error!{ {context} fn|method WHAT TOKEN }`. In a method's
/// context the method's static is declared too, so that the error is the only one.
#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_params_error {
    ({@method [$($a:ident)?] $name:ident $r:tt $d:tt $doc:tt $o:tt $mvis:vis $mname:ident $($x:tt)*} $who:ident $what:ident $n:tt) => {
        $crate::__limpet_class_item! { @placeholder $name $mname }
        $crate::__limpet_params_error! { $who $what $n }
    };
    ({@fn $($x:tt)*} $who:ident $what:ident $n:tt) => {
        $crate::__limpet_params_error! { $who $what $n }
    };
    // @attrs: a function's attributes, PyO3's an error at the attribute's name (the function is
    // then not emitted, so that the error is the only one).
    (@attrs [#[$a:tt $($x:tt)*] $($rest:tt)*] $($k:tt)*) => {
        $crate::__limpet_params_error! { @attr [$a] $a [$($rest)*] $($k)* }
    };
    (@attr [pyfunction] $t:tt $($k:tt)*) => {
        $crate::__limpet_error! { $t FunctionAttribute []
            "limpet::function!: `#[pyfunction]` is PyO3's; every `fn` in function! is a Python function: remove the attribute (and list the function in module! as `fn NAME;`)"
            "PyO3's attribute: remove it" }
    };
    (@attr [pyo3] $t:tt $($k:tt)*) => {
        $crate::__limpet_error! { $t FunctionAttribute []
            "limpet::function!: `#[pyo3(..)]` is PyO3's; in function! the signature is the parameter list (`a: T = default`, `/`, `*`, `*args: T`, `**kwargs: T`) and the Python name is the Rust name"
            "PyO3's attribute" }
    };
    (@attr [$o:tt] $t:tt [$($rest:tt)*] $($k:tt)*) => { $crate::__limpet_params_error! { @attrs [$($rest)*] $($k)* } };
    (@attrs [] $next:ident {@fn $a:tt $b:tt $c:tt $name:ident [$lt:lifetime] $($ctx:tt)*} $($acc:tt)*) => {
        $crate::__limpet_params_error! { @lifetime [$lt] $next {@fn $a $b $c $name [$lt] $($ctx)*} $($acc)* }
    };
    (@attrs [] $next:ident $($acc:tt)*) => { $crate::$next! { @emit $($acc)* } };
    // `'py` (the GIL lifetime, which the binding code names too) or an error.
    (@lifetime ['py] $next:ident $($acc:tt)*) => { $crate::$next! { @emit $($acc)* } };
    (@lifetime [$lt:lifetime] $($acc:tt)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "limpet::function!: a function's one lifetime is the GIL lifetime `'py` (for a `Bound<'py, _>` made from an ",
            "argument), not `", $crate::__private::core::stringify!($lt), "`: a borrowed parameter takes an elided lifetime ",
            "(`&str`, `&[u8]`) and the result cannot borrow from it: return an owned value (`String` for `&str`, `Vec<T>` for `&[T]`)"
        ));
    };
    (fn async_py $n:tt) => {
        $crate::__limpet_error! { $n AsyncParameter []
            "limpet::function!: an `async fn` cannot take `{Self}: Python`: the GIL is not held between awaits; call `Python::with_gil(|py| ..)` inside the body"
            "`Python` in an `async fn`" }
    };
    (method async_py $n:tt) => {
        $crate::__limpet_error! { $n AsyncParameter []
            "limpet::class!: an `async fn` cannot take `{Self}: Python`: the GIL is not held between awaits; call `Python::with_gil(|py| ..)` inside the body"
            "`Python` in an `async fn`" }
    };
    (fn async_borrowed $n:tt) => {
        $crate::__limpet_error! { $n AsyncParameter []
            "limpet::function!: parameter `{Self}` of an `async fn` borrows (`&..`), but the coroutine outlives the call: take an owned type ('static), e.g. `String` for `&str`, `Vec<u8>` for `&[u8]`, `Py<PyAny>` for `&Bound<PyAny>`"
            "borrows, but the coroutine outlives the call" }
    };
    (method async_borrowed $n:tt) => {
        $crate::__limpet_error! { $n AsyncParameter []
            "limpet::class!: parameter `{Self}` of an `async fn` borrows (`&..`), but the coroutine outlives the call: take an owned type ('static), e.g. `String` for `&str`, `Vec<u8>` for `&[u8]`, `Py<PyAny>` for `&Bound<PyAny>`"
            "borrows, but the coroutine outlives the call" }
    };
    (fn async_bound $n:tt) => {
        $crate::__limpet_error! { $n AsyncParameter []
            "limpet::function!: parameter `{Self}` of an `async fn` is a `Bound`, which needs the GIL held: take `Py<..>` instead and bind it inside `Python::with_gil(|py| ..)`"
            "a `Bound` in an `async fn`" }
    };
    (method async_bound $n:tt) => {
        $crate::__limpet_error! { $n AsyncParameter []
            "limpet::class!: parameter `{Self}` of an `async fn` is a `Bound`, which needs the GIL held: take `Py<..>` instead and bind it inside `Python::with_gil(|py| ..)`"
            "a `Bound` in an `async fn`" }
    };
    (fn unreadable $n:tt) => {
        $crate::__limpet_error! { $n Parameter []
            "limpet::function!: cannot read this parameter; expected `name: Type`, `name: Type = default`, `/`, `*`, `*args: Type`, `**kwargs: Type` or `py: Python<'_>`, with `/` before `*`, one `*args`, and nothing after `**kwargs`"
            "expected `name: Type`" }
    };
    (method unreadable $n:tt) => {
        $crate::__limpet_error! { $n Parameter []
            "limpet::class!: cannot read this parameter; expected `name: Type`, `name: Type = default`, `/`, `*`, `*args: Type`, `**kwargs: Type` or `py: Python<'_>`, with `/` before `*`, one `*args`, and nothing after `**kwargs`"
            "expected `name: Type`" }
    };
}
