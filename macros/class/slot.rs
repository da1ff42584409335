//! `__limpet_class_slot!`: the shims of a method that CPython calls without an argument
//! array, as the consts `NOARGS` (its `METH_NOARGS` function) and `SLOT` (its typed type
//! slot, for `__len__`, `__hash__`, `__bool__`, `__repr__`, `__str__`, `__iter__`,
//! `__next__`, the unary numeric dunders, the comparisons). Both exist for a synchronous
//! method taking `&self` or `&mut self`: they borrow the receiver and call the user's method
//! directly through `class::slot::{unary, binary}` (issue 12); numeric, item, `__contains__`
//! and `__getattr__` dunders with parameters go to `__limpet_class_numslot!`. Anything else gets
//! `__limpet_function!{@noargs ..}` and no slot (CPython's slot function calls the method).
//!
//! Every shim is made by one arm, `@shim`: an `unsafe extern "C"` function that CPython calls
//! only as the slot or method descriptor function of this class, with an instance of it: the
//! one contract of `class::slot::unary` (see its `# Safety`).

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_slot {
    // `#[new]` (and `#[new] #[classmethod]`) without `*args`/`**kwargs`: `tp_new`, whose call
    // with one positional argument per parameter reads the tuple's items and calls the method
    // directly (`class::slot::construct`); any other call goes to the tuple binder and `BODY`.
    ([] $name:ident $mname:ident [new] [$($spec:tt)*] [] [] [$($ext:tt)*] [$($call:tt)*]) => {
        $crate::__limpet_class_slot! { @new $name $mname [] [$($ext)*] [$($call)*] }
    };
    ([] $name:ident $mname:ident [new_cls $s:ident ($t:ty)] [$($spec:tt)*] [] [] [$($ext:tt)*] [$($call:tt)*]) => {
        $crate::__limpet_class_slot! { @new $name $mname [__cls ($t)] [$($ext)*] [$($call)*] }
    };
    // ... with `*args` or `**kwargs`: the tuple binder for every call (`construct` never
    // takes the fast path of a signature with them).
    ([] $name:ident $mname:ident [new $($recv:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_slot! { @new general }
    };
    ([] $name:ident $mname:ident [new_cls $($recv:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_slot! { @new general }
    };
    // `&self` / `&mut self`, no Python parameter: a `METH_NOARGS` shim and maybe a unary slot.
    ([] $name:ident $mname:ident [$k:ident $s:ident] [] [] [] [$($ext:tt)*] [$($call:tt)*]) => {
        $crate::__limpet_class_slot! { @shim noargs(slf: *mut $crate::__private::PyObject, _unused: *mut $crate::__private::PyObject) -> *mut $crate::__private::PyObject {
            $crate::__limpet_class_slot!(@object $name $mname $k slf [$($ext)*] [$($call)*])
        } }
        #[allow(dead_code)]
        const NOARGS: $crate::__private::core::option::Option<$crate::__private::RawNoArgs> =
            $crate::__private::core::option::Option::Some(noargs);
        #[allow(dead_code)]
        const SLOT: $crate::__private::core::option::Option<$crate::class::SlotFn> =
            $crate::__limpet_class_slot!(@unary $mname {$name $mname $k [$($ext)*] [$($call)*]});
    };
    // `__contains__(&self, item: T)`: `sq_contains`, its `c_int` straight from the method's
    // `bool` (before the numeric family below, which would box it).
    ([] $name:ident __contains__ [$k:ident $s:ident] [$($spec:tt)*] [] [] [{slot $n:ident ($t:ty) [$($d:tt)*]}] [$($call:tt)*]) => {
        $crate::__limpet_class_slot! { @shim contains(slf: *mut $crate::__private::PyObject, item: *mut $crate::__private::PyObject) -> ::std::os::raw::c_int {
            // `sq_contains` of this class: its first argument is the instance.
            $crate::class::slot::binary::<$name, { $crate::__limpet_class_slot!(@exclusive $k) }, _>(slf, item, |__py, _, __recv, __item| {
                let mut holder = $crate::__private::holder::<$t>();
                let $n: $t = $crate::__private::extract_arg::<$t>(__item, &mut holder, &SIG, 0)?;
                #[allow(unused_imports)]
                use $crate::class::slot::{SlotDirect as _, SlotObject as _};
                (&$crate::class::slot::Out::new(<$name>::__contains__($crate::__limpet_class_slot!(@deref $k __recv), $($call)*))).contains_out(__py)
            })
        } }
        #[allow(dead_code)]
        const NOARGS: $crate::__private::core::option::Option<$crate::__private::RawNoArgs> = $crate::__private::core::option::Option::None;
        #[allow(dead_code)]
        const SLOT: $crate::__private::core::option::Option<$crate::class::SlotFn> =
            $crate::__private::core::option::Option::Some($crate::class::SlotFn::Contains(contains));
    };
    // Numeric, item, `__contains__` and `__getattr__` dunders with parameters (`&self`/`&mut self`): typed slots
    // (`__limpet_class_numslot!`); other names come back as `@nonum`.
    ([] $name:ident $mname:ident [$k:ident $s:ident] [$($spec:tt)*] [] [] [$($ext:tt)+] [$($call:tt)*]) => {
        $crate::__limpet_class_numslot! { $mname {[] $name $mname [$k $s] [$($spec)*] [] [] [$($ext)+] [$($call)*]} }
    };
    // `__lt__` .. `__ge__` (`&self`/`&mut self`, one operand, maybe `py`): a typed shim the
    // class's `tp_richcompare` (`class::slot::compare`) calls for an instance of the class.
    (@nonum [] $name:ident $mname:ident [$k:ident $s:ident] [$($spec:tt)*] [] [] [$({py $p:ident})* {slot $n:ident ($t:ty) [$($d:tt)*]} $({py $q:ident})*] [$($call:tt)*]) => {
        $crate::__limpet_class_slot! { @compare $mname [$($spec)*] {$name $mname $k [$($p)* $($q)*] $n ($t) [$($call)*]} }
    };
    // Anything else: the general `METH_NOARGS` shim when it has no parameter, no slot.
    ($(@nonum)? [$($async:ident)?] $name:ident $mname:ident [$($recv:tt)*] [$($spec:tt)*] [$($va:tt)*] [$($vk:tt)*] [$($ext:tt)*] [$($call:tt)*]) => {
        $crate::__limpet_function! { @noargs BODY [$($spec)*] [$($va)*] [$($vk)*] }
        #[allow(dead_code)]
        const SLOT: $crate::__private::core::option::Option<$crate::class::SlotFn> = $crate::__private::core::option::Option::None;
    };

    // @new: `tp_new` with the positional fast path; `N` Python parameters, bound in order
    // (the receiver first for `new_cls`, as the general body binds it).
    (@new general) => {
        $crate::__limpet_class_slot! { @new_shim |_, _, _: [_; 0]| $crate::class::slot::not_positional() }
    };
    (@new $name:ident $mname:ident [$($cls:ident ($t:ty))?] [$($ext:tt)*] [$($call:tt)*]) => {
        $crate::__limpet_class_slot! { @new_shim |__py, __subtype, __items: [_; 0 $( + $crate::__limpet_class_slot!(@count $ext) )*]| {
            $( let mut holder = $crate::__private::holder::<$t>();
            let $cls: $t = $crate::__private::FromPyArg::from_arg(__subtype, &mut holder)?; )?
            let mut __i = 0usize;
            $( $crate::__limpet_class_slot!{ @new_param [__py __items __i] $ext } )*
            let init = $crate::class::NewReturn::into_init(<$name>::$mname($($cls,)? $($call)*))?;
            $crate::class::new_for_subtype::<$name, _>(__subtype, init).map($crate::Bound::into_ptr)
        } }
    };
    (@new_shim $fast:expr) => {
        $crate::__limpet_class_slot! { @shim tp_new(subtype: *mut $crate::__private::PyObject, args: *mut $crate::__private::PyObject, kwargs: *mut $crate::__private::PyObject) -> *mut $crate::__private::PyObject {
            // The class's `tp_new` (see `construct`); `BODY` is the general body generated for `SIG`.
            $crate::class::slot::construct(&SIG, subtype, args, kwargs, $fast, BODY)
        } }
    };
    (@count {slot $($x:tt)*}) => { 1 };
    (@count {$($x:tt)*}) => { 0 };
    (@new_param [$py:ident $items:ident $i:ident] {slot $n:ident ($t:ty) [$($d:tt)*]}) => {
        let mut holder = $crate::__private::holder::<$t>();
        let $n: $t = $crate::__private::extract_arg::<$t>($items[$i], &mut holder, &SIG, $i)?;
        $i += 1;
    };
    (@new_param [$py:ident $items:ident $i:ident] {py $n:ident}) => { let $n = $py; };

    // @compare: the comparison dunders by `Py_LT` .. `Py_GE`; any other one-operand method
    // is an ordinary method (as in the last arm above).
    (@compare __lt__ $spec:tt $m:tt) => { $crate::__limpet_class_slot! { @compare_shim 0 $spec $m } };
    (@compare __le__ $spec:tt $m:tt) => { $crate::__limpet_class_slot! { @compare_shim 1 $spec $m } };
    (@compare __eq__ $spec:tt $m:tt) => { $crate::__limpet_class_slot! { @compare_shim 2 $spec $m } };
    (@compare __ne__ $spec:tt $m:tt) => { $crate::__limpet_class_slot! { @compare_shim 3 $spec $m } };
    (@compare __gt__ $spec:tt $m:tt) => { $crate::__limpet_class_slot! { @compare_shim 4 $spec $m } };
    (@compare __ge__ $spec:tt $m:tt) => { $crate::__limpet_class_slot! { @compare_shim 5 $spec $m } };
    (@compare $mname:ident [$($spec:tt)*] $m:tt) => {
        $crate::__limpet_function! { @noargs BODY [$($spec)*] [] [] }
        #[allow(dead_code)]
        const SLOT: $crate::__private::core::option::Option<$crate::class::SlotFn> = $crate::__private::core::option::Option::None;
    };
    (@compare_shim $op:literal [$($spec:tt)*] {$name:ident $mname:ident $k:ident [$($py:ident)*] $n:ident ($t:ty) [$($call:tt)*]}) => {
        $crate::__limpet_function! { @noargs BODY [$($spec)*] [] [] }
        $crate::__limpet_class_slot! { @shim compare(slf: *mut $crate::__private::PyObject, other: *mut $crate::__private::PyObject) -> *mut $crate::__private::PyObject {
            // `class::slot::compare` calls it with an instance of this class only.
            $crate::class::slot::binary::<$name, { $crate::__limpet_class_slot!(@exclusive $k) }, _>(slf, other, |__py, _, __recv, __other| {
                $( let $py = __py; )*
                // An operand that does not convert gives `NotImplemented` (as the method does).
                let mut holder = $crate::__private::holder::<$t>();
                let $n: $t = match $crate::__private::extract_arg::<$t>(__other, &mut holder, &SIG, 0) {
                    $crate::__private::core::result::Result::Ok(v) => v,
                    $crate::__private::core::result::Result::Err(err) => return $crate::class::richcmp_unconverted(__py, err),
                };
                $crate::__private::IntoPyReturn::into_return(<$name>::$mname($crate::__limpet_class_slot!(@deref $k __recv), $($call)*), __py)
            })
        } }
        #[allow(dead_code)]
        const SLOT: $crate::__private::core::option::Option<$crate::class::SlotFn> = $crate::__private::core::option::Option::Some(
            $crate::class::SlotFn::Compare($op, compare, $crate::class::slot::compare::<$name>));
    };
    // @unary: the typed slot of a dunder without parameters, if it has one.
    (@unary __len__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@typed Len len Py_ssize_t len_out {$($m)*}) };
    (@unary __hash__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@typed Hash hash Py_hash_t hash_out {$($m)*}) };
    (@unary __bool__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@typed Bool truth c_int bool_out {$($m)*}) };
    (@unary __repr__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@object_slot Py_tp_repr {$($m)*}) };
    (@unary __str__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@object_slot Py_tp_str {$($m)*}) };
    (@unary __iter__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@object_slot Py_tp_iter {$($m)*}) };
    (@unary __next__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@object_slot Py_tp_iternext {$($m)*}) };
    (@unary __neg__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@object_slot Py_nb_negative {$($m)*}) };
    (@unary __pos__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@object_slot Py_nb_positive {$($m)*}) };
    (@unary __abs__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@object_slot Py_nb_absolute {$($m)*}) };
    (@unary __invert__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@object_slot Py_nb_invert {$($m)*}) };
    (@unary __int__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@object_slot Py_nb_int {$($m)*}) };
    (@unary __float__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@object_slot Py_nb_float {$($m)*}) };
    (@unary __index__ {$($m:tt)*}) => { $crate::__limpet_class_slot!(@object_slot Py_nb_index {$($m)*}) };
    (@unary $mname:ident {$($m:tt)*}) => { $crate::__private::core::option::Option::None };

    // @typed: a slot returning a C integer (`Out` picks the direct conversion of an integer
    // or `bool` result at compile time, else the checks of the object path).
    (@typed $variant:ident $f:ident $cty:ident $out:ident {$name:ident $mname:ident $k:ident [$($ext:tt)*] [$($call:tt)*]}) => {{
        $crate::__limpet_class_slot! { @shim $f(slf: *mut $crate::__private::PyObject) -> $crate::class::slot::$cty {
            $crate::class::slot::unary::<$name, { $crate::__limpet_class_slot!(@exclusive $k) }, _>(slf, |__py, __slf, __recv| {
                $( $crate::__limpet_class_slot!{ @py __py $ext } )*
                #[allow(unused_imports)]
                use $crate::class::slot::{SlotDirect as _, SlotObject as _};
                let __out = $crate::class::slot::Out::new(<$name>::$mname($crate::__limpet_class_slot!(@deref $k __recv), $($call)*));
                $crate::__limpet_class_slot!(@convert $out __out __py __slf)
            })
        } }
        $crate::__private::core::option::Option::Some($crate::class::SlotFn::$variant($f))
    }};
    (@convert bool_out $o:ident $py:ident $slf:ident) => { (&$o).bool_out($py, $slf) };
    (@convert $out:ident $o:ident $py:ident $slf:ident) => { (&$o).$out($py) };
    // @object_slot: a unary slot returning an object.
    (@object_slot $id:ident {$name:ident $mname:ident $k:ident [$($ext:tt)*] [$($call:tt)*]}) => {{
        $crate::__limpet_class_slot! { @shim unary(slf: *mut $crate::__private::PyObject) -> *mut $crate::__private::PyObject {
            $crate::__limpet_class_slot!(@object $name $mname $k slf [$($ext)*] [$($call)*])
        } }
        $crate::__private::core::option::Option::Some($crate::class::SlotFn::Unary($crate::__private::ffi_slot::$id, unary))
    }};
    // @object: the body of a shim returning the method's result as an object.
    (@object $name:ident $mname:ident $k:ident $slf:ident [$($ext:tt)*] [$($call:tt)*]) => {
        $crate::class::slot::unary::<$name, { $crate::__limpet_class_slot!(@exclusive $k) }, _>($slf, |__py, _, __recv| {
            $( $crate::__limpet_class_slot!{ @py __py $ext } )*
            $crate::__limpet_class_slot!(@ret $mname __py <$name>::$mname($crate::__limpet_class_slot!(@deref $k __recv), $($call)*))
        })
    };
    // @ret: what a shim returning an object makes of the method's result: `__next__` ends the
    // iteration on `None`; a `()` result is `None` inline, anything else converts.
    (@ret __next__ $py:ident $e:expr) => { $crate::__limpet_class_call!(@ret __next__ $py $e) };
    (@ret __anext__ $py:ident $e:expr) => { $crate::__limpet_class_call!(@ret __anext__ $py $e) };
    (@ret $mname:ident $py:ident $e:expr) => {{
        #[allow(unused_imports)]
        use $crate::class::slot::{RetDirect as _, RetObject as _};
        (&$crate::class::slot::ret($e)).object_out($py)
    }};
    // @shim: every shim of this file is made here, with the one contract of
    // `class::slot::unary`: CPython calls it only as the type slot or method function of this
    // class it was installed as (a `tp_richcompare` shim: `class::slot::compare` only), with
    // an instance of the class (or of a subclass) as its first argument.
    (@shim $f:ident ($($a:ident: $t:ty),*) -> $r:ty { $($body:tt)* }) => {
        unsafe extern "C" fn $f($($a: $t),*) -> $r {
            // SAFETY: the contract above, which is `unary`'s, `binary`'s and `construct`'s.
            unsafe { $($body)* }
        }
    };
    // The GIL token parameter (`py: Python<'_>`), the only one a no-argument method takes.
    (@py $py:ident {py $n:ident}) => { let $n = $py; };
    // A receiver kind: exclusive or not, and the reference to the value.
    (@exclusive ref) => { false };
    (@exclusive mut) => { true };
    (@deref ref $g:ident) => { &**$g };
    (@deref mut $g:ident) => { &mut **$g };
}
