//! The two attribute munchers of `class!` (bounded by the attributes of one item).
//!
//! `__limpet_class_attrs!`: sort a class's attributes into `[docs] [options] [others]
//! [base]`, then hand them to `__limpet_class_def!` and `__limpet_class_conflicts!`
//! (options.rs). An option stays the user's token, for the errors about it.
//!
//! `__limpet_class_check!`: the errors for attributes limpet does not take where they are
//! written (PyO3's `#[pyclass]`, `#[pyo3(..)]`, `#[pymethods]`, `#[getter(name)]`, an
//! attribute other than docs and `#[py(..)]` on a field), each at the attribute's name.
//!
//! `__limpet_method_attrs!`: find a method's kind among its attributes, keeping `[docs]`
//! and `[others]`. The kind comes with the stage that reads the receiver: `method`,
//! `staticmethod`, `classmethod`, `new` and `new_cls` go to `__limpet_class_receiver!`, the
//! accessors (`getter`, `setter`, `deleter`, `classattr`) to `__limpet_class_accessor!`; an
//! `async fn` goes to `__limpet_class_async!` whatever its kind.

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_attrs {
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[doc = $d:expr] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)* #[doc = $d]] [$($opt)*] [$($other)*] [$($b)*] $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[extends($base:ident)] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)*] [$($other)*] [$base] $($rest)* }
    };
    // A one-word attribute: a class option if it is one (`@word`), kept as the user's token
    // (errors about the option point at it).
    ({$($ctx:tt)*} $d:tt $o:tt $t:tt $b:tt #[$kw:tt] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} $d $o $t $b @word [$kw] $kw $($rest)* }
    };
    // `#[subclass]`, `#[frozen]`, `#[dict]`, `#[weakref]`: the class options (`ClassOption::Flag`);
    // the options derived from Rust traits (`class::options`): `#[eq]` (`PartialEq`), `#[ord]`
    // (`PartialOrd`), `#[hash]` (`Hash`), `#[str]` (`Display`), `#[repr]` (`Debug`; Rust's
    // `#[repr(C)]` is kept on the struct).
    ({$($ctx:tt)*} $d:tt [$($opt:tt)*] $t:tt $b:tt @word [subclass] $kw:tt $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} $d [$($opt)* $kw] $t $b $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt [$($opt:tt)*] $t:tt $b:tt @word [frozen] $kw:tt $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} $d [$($opt)* $kw] $t $b $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt [$($opt:tt)*] $t:tt $b:tt @word [dict] $kw:tt $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} $d [$($opt)* $kw] $t $b $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt [$($opt:tt)*] $t:tt $b:tt @word [weakref] $kw:tt $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} $d [$($opt)* $kw] $t $b $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt [$($opt:tt)*] $t:tt $b:tt @word [eq] $kw:tt $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} $d [$($opt)* $kw] $t $b $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt [$($opt:tt)*] $t:tt $b:tt @word [ord] $kw:tt $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} $d [$($opt)* $kw] $t $b $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt [$($opt:tt)*] $t:tt $b:tt @word [hash] $kw:tt $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} $d [$($opt)* $kw] $t $b $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt [$($opt:tt)*] $t:tt $b:tt @word [str] $kw:tt $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} $d [$($opt)* $kw] $t $b $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt [$($opt:tt)*] $t:tt $b:tt @word [repr] $kw:tt $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} $d [$($opt)* $kw] $t $b $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt $o:tt $t:tt $b:tt @word [$w:tt] $kw:tt $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} $d $o $t $b @attr [$kw] #[$kw] $($rest)* }
    };
    // `#[name = "PyName"]`, `#[module = "pkg.mod"]`.
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[name = $n:literal] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)* (name $n)] [$($other)*] [$($b)*] $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] #[module = $m:literal] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)* (module $m)] [$($other)*] [$($b)*] $($rest)* }
    };
    // Anything else stays on the struct; our own attributes in another form and PyO3's are
    // an error at the attribute (`__limpet_class_check!`).
    ({$($ctx:tt)*} $d:tt $o:tt $t:tt $b:tt #[$kw:tt $($x:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} $d $o $t $b @attr [$kw] #[$kw $($x)*] $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt $o:tt $t:tt $b:tt @attr [pyclass] #[$kw:tt $($x:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_check! { @class_attr [pyclass] $kw }
        $crate::__limpet_class_attrs! { {$($ctx)*} $d $o $t $b $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt $o:tt $t:tt $b:tt @attr [pyo3] #[$kw:tt $($x:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_check! { @class_attr [pyo3] $kw }
        $crate::__limpet_class_attrs! { {$($ctx)*} $d $o $t $b $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt $o:tt $t:tt $b:tt @attr [extends] #[$kw:tt $($x:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_check! { @class_attr [extends] $kw }
        $crate::__limpet_class_attrs! { {$($ctx)*} $d $o $t $b $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt $o:tt $t:tt $b:tt @attr [name] #[$kw:tt $($x:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_check! { @class_attr [name] $kw }
        $crate::__limpet_class_attrs! { {$($ctx)*} $d $o $t $b $($rest)* }
    };
    ({$($ctx:tt)*} $d:tt $o:tt $t:tt $b:tt @attr [module] #[$kw:tt $($x:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_check! { @class_attr [module] $kw }
        $crate::__limpet_class_attrs! { {$($ctx)*} $d $o $t $b $($rest)* }
    };
    ({$($ctx:tt)*} [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($b:tt)*] @attr [$kw:tt] #[$($a:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_attrs! { {$($ctx)*} [$($doc)*] [$($opt)*] [$($other)* #[$($a)*]] [$($b)*] $($rest)* }
    };
    // Done: the struct and its class description, and the check that no method is one an
    // option derives.
    ({ $vis:vis $name:ident [$($fields:tt)*] [$($mname:tt)*] } [$($doc:tt)*] [$($opt:tt)*] [$($other:tt)*] [$($base:ident)?]) => {
        $crate::__limpet_class_def! { @struct { $vis $name [$($fields)*] [$($mname)*] } [$($doc)*] [$($opt)*] [$($other)*] [$($base)?] }
        $crate::__limpet_class_conflicts! { $name [$($opt)*] [$($mname)*] }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_method_attrs {
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[doc = $d:expr] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [$kind $stage] [$($doc)* #[doc = $d]] [$($other)*] $($rest)* }
    };
    // `#[new]` then `#[classmethod]`: the constructor receives the class (and the other
    // order below, after the check that the method is not `async`).
    ({$($m:tt)*} [new $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[classmethod] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [new_cls $stage] [$($doc)*] [$($other)*] $($rest)* }
    };
    // `#[staticmethod]`, `#[classmethod]` (an `async fn` may be either).
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[staticmethod] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [staticmethod __limpet_class_receiver] [$($doc)*] [$($other)*] $($rest)* }
    };
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[classmethod] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [classmethod __limpet_class_receiver] [$($doc)*] [$($other)*] $($rest)* }
    };
    // In an `async fn` the other one-word attributes are read here first: an accessor or
    // `#[new]` is an error at the attribute (Python calls them for a value, not an awaitable).
    ({[async] $($m:tt)*} $k:tt $d:tt $o:tt #[$a:tt] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {[async] $($m)*} $k $d $o @async [$a] $a $($rest)* }
    };
    ({[async] $name:ident $mvis:vis $mname:ident $($m:tt)*} $k:tt $d:tt $o:tt @async [new] $a:tt $($rest:tt)*) => {
        $crate::__limpet_class_check! { @not_async $name $mname $a }
    };
    ({[async] $name:ident $mvis:vis $mname:ident $($m:tt)*} $k:tt $d:tt $o:tt @async [getter] $a:tt $($rest:tt)*) => {
        $crate::__limpet_class_check! { @not_async $name $mname $a }
    };
    ({[async] $name:ident $mvis:vis $mname:ident $($m:tt)*} $k:tt $d:tt $o:tt @async [setter] $a:tt $($rest:tt)*) => {
        $crate::__limpet_class_check! { @not_async $name $mname $a }
    };
    ({[async] $name:ident $mvis:vis $mname:ident $($m:tt)*} $k:tt $d:tt $o:tt @async [deleter] $a:tt $($rest:tt)*) => {
        $crate::__limpet_class_check! { @not_async $name $mname $a }
    };
    ({[async] $name:ident $mvis:vis $mname:ident $($m:tt)*} $k:tt $d:tt $o:tt @async [classattr] $a:tt $($rest:tt)*) => {
        $crate::__limpet_class_check! { @not_async $name $mname $a }
    };
    ({$($m:tt)*} $k:tt $d:tt [$($other:tt)*] @async [$x:tt] $a:tt $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} $k $d [$($other)* #[$a]] $($rest)* }
    };
    // `#[classmethod]` then `#[new]`.
    ({$($m:tt)*} [classmethod $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[new] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [new_cls $stage] [$($doc)*] [$($other)*] $($rest)* }
    };
    // The kinds a receiver stage reads ...
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[new] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [new __limpet_class_receiver] [$($doc)*] [$($other)*] $($rest)* }
    };
    // ... and the accessors (`#[getter]`, `#[setter]`, `#[deleter]`, `#[classattr]`).
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[getter] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [getter __limpet_class_accessor] [$($doc)*] [$($other)*] $($rest)* }
    };
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[setter] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [setter __limpet_class_accessor] [$($doc)*] [$($other)*] $($rest)* }
    };
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[deleter] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [deleter __limpet_class_accessor] [$($doc)*] [$($other)*] $($rest)* }
    };
    ({$($m:tt)*} [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*] #[classattr] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} [classattr __limpet_class_accessor] [$($doc)*] [$($other)*] $($rest)* }
    };
    // Anything else is the user's (kept on the Rust method); ours in another form and PyO3's
    // are an error at the attribute (`__limpet_class_check!`).
    ({$($m:tt)*} $k:tt $d:tt $o:tt #[$a:tt $($x:tt)*] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} $k $d $o @attr [$a] #[$a $($x)*] $($rest)* }
    };
    ({$($m:tt)*} $k:tt $d:tt $o:tt @attr [pyo3] #[$a:tt $($x:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_check! { @method_attr [pyo3] $a }
        $crate::__limpet_method_attrs! { {$($m)*} $k $d $o $($rest)* }
    };
    ({$($m:tt)*} $k:tt $d:tt $o:tt @attr [getter] #[$a:tt $($x:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_check! { @method_attr [getter] $a }
        $crate::__limpet_method_attrs! { {$($m)*} [getter __limpet_class_accessor] $d $o $($rest)* }
    };
    ({$($m:tt)*} $k:tt $d:tt $o:tt @attr [setter] #[$a:tt $($x:tt)*] $($rest:tt)*) => {
        $crate::__limpet_class_check! { @method_attr [setter] $a }
        $crate::__limpet_method_attrs! { {$($m)*} [setter __limpet_class_accessor] $d $o $($rest)* }
    };
    ({$($m:tt)*} $k:tt $d:tt [$($other:tt)*] @attr [$a:tt] #[$($x:tt)*] $($rest:tt)*) => {
        $crate::__limpet_method_attrs! { {$($m)*} $k $d [$($other)* #[$($x)*]] $($rest)* }
    };
    // A method (`#[new]`, static and class methods aside) with no parameter at all: the error
    // at its name (a `tt` here, from the user's input).
    ({ [$($a:ident)?] $name:ident $mvis:tt $mname:tt () [$($ret:tt)*] $body:block } [method $stage:ident] $d:tt $o:tt) => {
        $crate::__limpet_error! { $mname NoReceiver []
            "limpet::class!: this method has no receiver: a method takes `&self`, `&mut self` or `slf: Py<Self>` first; a function of the class without one is a #[staticmethod] (or a #[classattr] for a constant)"
            "no receiver" }
        $crate::__limpet_class_item! { @placeholder $name $mname }
    };
    // Done: the receiver stage of the kind.
    ({ [] $name:ident $mvis:vis $mname:ident ($($params:tt)*) [$($ret:tt)*] $body:block }
        [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*]) => {
        $crate::$stage! { $kind { $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body } $($params)* }
    };
    // An `async fn`: dunders Python calls for a value cannot be async (`class::dunder`), an
    // error at the name (a `tt` here: the method's visibility is one token, from class!).
    ({ [async] $name:ident $mvis:tt $mname:tt ($($params:tt)*) [$($ret:tt)*] $body:block }
        [$kind:ident $stage:ident] [$($doc:tt)*] [$($other:tt)*]) => {
        $crate::__limpet_class_conflicts! {
            @check NotAsyncValue ( !$crate::class::dunder::is_value($crate::__private::core::stringify!($mname)) ) $mname
        }
        $crate::__limpet_class_async! { $kind { $name [$($doc)*] [$($other)*] $mvis $mname [$($ret)*] $body } $($params)* }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __limpet_class_check {
    // @class_attr / @method_attr [NAME] TOKEN: the error for an attribute of the struct / of a
    // method that is not limpet's as written (TOKEN is the user's, for the error's position).
    (@class_attr [pyclass] $t:tt) => {
        $crate::__limpet_error! { $t ClassAttribute []
            "limpet::class!: `#[pyclass]` is PyO3's; class! makes the struct a class, and its options are attributes of their own: `#[subclass]`, `#[frozen]`, `#[dict]`, `#[weakref]`, `#[extends(Base)]`, `#[name = \"PyName\"]`, `#[module = \"pkg.mod\"]`, `#[eq]`, `#[ord]`, `#[hash]`, `#[str]`, `#[repr]`"
            "PyO3's attribute: write the options as `#[frozen]`, `#[subclass]`, .." }
    };
    (@class_attr [pyo3] $t:tt) => {
        $crate::__limpet_error! { $t ClassAttribute []
            "limpet::class!: `#[pyo3(..)]` is PyO3's; a class option is an attribute of its own: `#[name = \"PyName\"]`, `#[module = \"pkg.mod\"]`, `#[subclass]`, `#[frozen]`, `#[extends(Base)]`, .."
            "PyO3's attribute" }
    };
    (@class_attr [extends] $t:tt) => {
        $crate::__limpet_error! { $t ClassAttribute []
            "limpet::class!: `#[extends(Base)]` takes the name of one class, in scope: a limpet #[subclass] class, or PyException, PyValueError, .., PyDict (a PyClassBase type)"
            "expected `#[extends(Base)]`" }
    };
    (@class_attr [name] $t:tt) => {
        $crate::__limpet_error! { $t ClassAttribute []
            "limpet::class!: the Python name of a class is `#[name = \"PyName\"]`" "expected `#[name = \"PyName\"]`" }
    };
    (@class_attr [module] $t:tt) => {
        $crate::__limpet_error! { $t ClassAttribute []
            "limpet::class!: the module of a class is `#[module = \"pkg.mod\"]`" "expected `#[module = \"pkg.mod\"]`" }
    };
    (@method_attr [pyo3] $t:tt) => {
        $crate::__limpet_error! { $t MethodAttribute []
            "limpet::class!: `#[pyo3(..)]` is PyO3's; in class! a method's signature is its parameter list (`a: T = default`, `/`, `*`, `*args: T`, `**kwargs: T`) and its Python name is its Rust name"
            "PyO3's attribute" }
    };
    (@method_attr [getter] $t:tt) => {
        $crate::__limpet_error! { $t MethodAttribute []
            "limpet::class!: `#[getter]` takes no argument: the property is named after the method (`fn x` or `fn get_x` gives `x`)"
            "expected `#[getter]`" }
    };
    (@method_attr [setter] $t:tt) => {
        $crate::__limpet_error! { $t MethodAttribute []
            "limpet::class!: `#[setter]` takes no argument: the property is named after the method (`fn set_x` gives `x`)"
            "expected `#[setter]`" }
    };

    // @not_async: `#[new]` or an accessor on an `async fn` (the method's static stays, so that
    // the error is the only one).
    (@not_async $name:ident $mname:ident $t:tt) => {
        $crate::__limpet_error! { $t NotAsync []
            "limpet::class!: #[new], #[getter], #[setter], #[deleter] and #[classattr] cannot be an `async fn`: Python calls them for a value, not an awaitable"
            "`#[{Self}]` on an `async fn`" }
        $crate::__limpet_class_item! { @placeholder $name $mname }
    };

    // field / impl: an attribute limpet does not take on a field or on the `impl` block
    // (class! reads them only when its grammar did not match).
    (field #[doc $($x:tt)*]) => {};
    (field #[py ($($o:tt),* $(,)?)]) => {};
    (field #[$a:tt $($x:tt)*]) => { $crate::__limpet_class_check! { @field [$a] $a } };
    (@field [py] $t:tt) => {
        $crate::__limpet_error! { $t FieldAttribute []
            "limpet::class!: the options of a field are `get` and `set`: `#[py(get)]`, `#[py(set)]` or `#[py(get, set)]`"
            "expected `#[py(get)]`, `#[py(set)]` or `#[py(get, set)]`" }
    };
    (@field [pyo3] $t:tt) => {
        $crate::__limpet_error! { $t FieldAttribute []
            "limpet::class!: `#[pyo3(..)]` is PyO3's; a field of class! is a Python property with `#[py(get)]`, `#[py(set)]` or `#[py(get, set)]`"
            "PyO3's attribute: write `#[py(get)]`, `#[py(set)]` or `#[py(get, set)]`" }
    };
    (@field [$a:tt] $t:tt) => {
        $crate::__limpet_error! { $t FieldAttribute []
            "limpet::class!: a field takes only doc comments and `#[py(get)]`, `#[py(set)]` or `#[py(get, set)]` (other attributes are not supported on class! fields)"
            "not supported on a class! field" }
    };
    (impl #[$a:tt $($x:tt)*]) => { $crate::__limpet_class_check! { @impl [$a] $a } };
    (@impl [pymethods] $t:tt) => {
        $crate::__limpet_error! { $t ImplAttribute []
            "limpet::class!: `#[pymethods]` is PyO3's; in class! the methods are in `impl NAME { .. }` right after the struct, with no attribute"
            "PyO3's attribute: remove it" }
    };
    (@impl [$a:tt] $t:tt) => {
        $crate::__limpet_error! { $t ImplAttribute []
            "limpet::class!: the `impl NAME { .. }` block of class! takes no attributes (put them on the methods)"
            "not supported on the impl block" }
    };
    // @bad: whether class! rejects the attribute (the error above is then the one to show).
    (@bad field #[doc $($x:tt)*]) => { false };
    (@bad field #[py ($($o:tt),* $(,)?)]) => { false };
    (@bad $($x:tt)*) => { true };

    // @impl_name: `impl NAME` names the class, compared token to token by a macro made here
    // (which takes `$` from its caller): nothing when it does, else an error at the name.
    (@impl_name $name:ident $iname:tt) => { $crate::__limpet_class_check! { @impl_name_is ($) $name $iname } };
    (@impl_name_is ($d:tt) $name:ident $iname:tt) => {
        const _: () = {
            macro_rules! limpet_impl_name {
                ($name) => {};
                ($d other:tt) => {
                    $crate::__limpet_error! { $d other ImplName []
                        "limpet::class!: the impl block of class! names the class declared above it"
                        "expected the name of the struct above" }
                };
            }
            limpet_impl_name!($iname);
        };
    };
}
