//! `__limpet_class_item!`: a method's `ClassItem` (`@item`, by kind), the name its errors
//! show (`@message_name`), its `FnKind` and its return hints for stubs.

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_item {
    // @message_name: the name argument errors show (`Counter.incr`, `Counter` for `__new__`).
    // The class's Python name (`#[name = ".."]`), as CPython's own messages use the type's name.
    (@message_name $name:ident $mname:ident new) => { $crate::__limpet_class_def!(@py_name $name) };
    (@message_name $name:ident $mname:ident new_cls $($r:tt)*) => { $crate::__limpet_class_def!(@py_name $name) };
    (@message_name $name:ident $mname:ident $($recv:tt)*) => {
        $crate::__limpet_class_def!(@py_qualname $name $mname)
    };

    // @item: the `ClassItem` for a method of each kind (GC methods become slots).
    (@item [$fast:ident $tuple:ident $sig:ident $hints:ident] $mname:ident [$($doc:tt)*] new_cls $($r:tt)*) => {
        $crate::__limpet_class_item!(@item [$fast $tuple $sig $hints] $mname [$($doc)*] new)
    };
    // (The shims named here are the ones `__limpet_class_method!` generated for its SIG and BODY.)
    (@item [$fast:ident $tuple:ident $sig:ident $hints:ident] $mname:ident [$($doc:tt)*] new) => {{
        const DOC: &str = $crate::__limpet_doc!(@acc [] $($doc)*);
        const KIND: $crate::__private::FnKind = $crate::__private::FnKind::Static;
        // SAFETY: the method's own shims; `tp_new` is `__limpet_class_slot!`'s (its own
        // inlined binding, with a fast path for positional calls).
        $crate::class::ClassItem::New(unsafe { $crate::__private::FunctionDef::method(KIND, "__new__", &$sig, DOC, $fast, tp_new) }.with_hints($hints))
    }};
    (@item [$fast:ident $tuple:ident $sig:ident $hints:ident] $mname:ident [$($doc:tt)*] $($recv:tt)*) => {{
        const DOC: &str = $crate::__limpet_doc!(@acc [] $($doc)*);
        const NAME: &str = $crate::__private::core::stringify!($mname);
        const KIND: $crate::__private::FnKind = $crate::__limpet_class_item!(@kind $($recv)*);
        // SAFETY: the method's own shims (see `__limpet_class_method!`), its `METH_NOARGS`
        // shim and its slot shim if any (`__limpet_class_slot!`).
        let def = unsafe { $crate::__private::FunctionDef::method(KIND, NAME, &$sig, DOC, $fast, $tuple).with_noargs(NOARGS).with_slot(SLOT) };
        $crate::class::ClassItem::Method(def.with_hints($hints))
    }};
    // @method_hint: the return hint of a method, a coroutine's for an async one.
    (@method_hint [] $mname:ident [$($ret:tt)*]) => { $crate::__limpet_class_item!(@ret_hint $mname [$($ret)*]) };
    (@method_hint [async] $mname:ident []) => { $crate::__private::async_output_hint_of::<()>() };
    (@method_hint [async] __anext__ [-> $r:ty]) => {
        $crate::__private::async_output_hint_of::<<$r as $crate::class::NextItem>::Item>()
    };
    (@method_hint [async] $mname:ident [-> $r:ty]) => { $crate::__private::async_output_hint_of::<$r>() };
    // @ret_hint: what a method returns, for stubs (`__next__` returns the item type).
    (@ret_hint $mname:ident []) => { ::std::borrow::ToOwned::to_owned("None") };
    (@ret_hint __next__ [-> $r:ty]) => { ::std::borrow::ToOwned::to_owned("typing.Any") };
    (@ret_hint __anext__ [-> $r:ty]) => { ::std::borrow::ToOwned::to_owned("typing.Any") };
    (@ret_hint $mname:ident [-> $r:ty]) => { $crate::__private::output_hint_of::<$r>() };
    // @placeholder: the `ClassItem` static of a method next to its error (so that the class
    // still compiles and the error is the only one).
    (@placeholder $name:ident $mname:ident) => {
        $crate::__private::paste! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            static [<__limpet_method_ $name __ $mname>]: $crate::class::ClassItem = $crate::class::ClassItem::Property {
                name: "", doc: "", get: $crate::__private::core::option::Option::None,
                set: $crate::__private::core::option::Option::None, hint: $crate::__private::core::option::Option::None,
            };
        }
    };
    (@kind static) => { $crate::__private::FnKind::Static };
    (@kind cls $($r:tt)*) => { $crate::__private::FnKind::Class };
    (@kind $($r:tt)*) => { $crate::__private::FnKind::Method };

}
