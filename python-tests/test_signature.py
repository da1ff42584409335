"""``__text_signature__``, ``inspect.signature`` and ``__doc__`` of every function.

The expected text is written out here (not computed), so a change in how limpet renders
signatures or docs shows up. Defaults that are Python literals appear as such, other Rust
expressions as ``...``.
"""
import inspect
import types

import pytest

import limptest
from conftest import PY, pyfunc

# name -> (__text_signature__, __doc__)
EXPECTED = {
    'add': ('(a, b=1, *, c=0)', 'Add two integers.'),
    'call0': ('(f)', '`f()`.'),
    'call_with': ('(f, x)', '`f(x)`.'),
    'call_n': ('(f, *args)', '`f(*args)` through `Bound::call_args` (an argument array on the stack up to four\narguments, a tuple above).'),
    'kw_after_callback': ('(clear, *, value)', "Call `clear()` (which may empty the caller's `**kwargs` dict), then return `value`."),
    'callconv': ('()', 'The calling convention chosen at import: "fastcall" or "varargs".'),
    'defaults': ("(a, b=2, c=..., d=..., e='lit', f=1.5, g=True, h=None, i=-3, j=1000)", 'Defaults: literal and non-literal Rust expressions.'),
    'documented': ("(s=..., t='plain', u=7, v=2.0)", 'First line.\n\nDetails, with "quotes", \'apostrophes\', a backslash \\ and unicode: é😀.\n    indented code\nLast.'),
    'echo_any': ('(x)', "Return `x` after a round trip through `Bound<'_, PyAny>`."),
    'echo_any_ref': ('(x)', 'A borrowed `&Bound` parameter, returned as a new `Py` reference.'),
    'echo_bool': ('(x)', 'Return `x` after a round trip through `bool`.'),
    'echo_btreemap': ('(x)', 'Return `x` after a round trip through `BTreeMap<i64, String>`.'),
    'echo_btreeset': ('(x)', 'Return `x` after a round trip through `BTreeSet<String>`.'),
    'echo_bytes': ('(x)', 'Return `x` after a round trip through `&[u8]`.'),
    'echo_char': ('(x)', 'Return `x` after a round trip through `char`.'),
    'echo_dict': ('(x)', "Return `x` after a round trip through `Bound<'_, PyDict>`."),
    'echo_f32': ('(x)', 'Return `x` after a round trip through `f32`.'),
    'echo_f64': ('(x)', 'Return `x` after a round trip through `f64`.'),
    'echo_hashmap': ('(x)', 'Return `x` after a round trip through `HashMap<String, i64>`.'),
    'echo_hashset': ('(x)', 'Return `x` after a round trip through `HashSet<i64>`.'),
    'echo_i128': ('(x)', 'Return `x` after a round trip through `i128`.'),
    'echo_i16': ('(x)', 'Return `x` after a round trip through `i16`.'),
    'echo_i32': ('(x)', 'Return `x` after a round trip through `i32`.'),
    'echo_i64': ('(x)', 'Return `x` after a round trip through `i64`.'),
    'echo_i8': ('(x)', 'Return `x` after a round trip through `i8`.'),
    'echo_isize': ('(x)', 'Return `x` after a round trip through `isize`.'),
    'echo_list': ('(x)', "Return `x` after a round trip through `Bound<'_, PyList>`."),
    'echo_nested': ('(x)', 'Return `x` after a round trip through `Vec<HashMap<String, Vec<i64>>>`.'),
    'echo_opt_i64': ('(x)', 'Return `x` after a round trip through `Option<i64>`.'),
    'echo_opt_str': ('(x)', 'Return `x` after a round trip through `Option<&str>`.'),
    'echo_opt_string': ('(x)', 'Return `x` after a round trip through `Option<String>`.'),
    'echo_py': ('(x)', 'Return `x` after a round trip through `Py<PyAny>`.'),
    'echo_str': ('(x)', 'Return `x` after a round trip through `&str`.'),
    'echo_string': ('(x)', 'Return `x` after a round trip through `String`.'),
    'echo_tuple1': ('(x)', 'Return `x` after a round trip through `(i64,)`.'),
    'echo_tuple12': ('(x)', 'Return `x` after a round trip through `(i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, String)`.'),
    'echo_tuple_mixed': ('(x)', 'Return `x` after a round trip through `(i64, String, f64, bool, Option<i64>)`.'),
    'echo_tuple_obj': ('(x)', "Return `x` after a round trip through `Bound<'_, PyTuple>`."),
    'echo_u128': ('(x)', 'Return `x` after a round trip through `u128`.'),
    'echo_u16': ('(x)', 'Return `x` after a round trip through `u16`.'),
    'echo_u32': ('(x)', 'Return `x` after a round trip through `u32`.'),
    'echo_u64': ('(x)', 'Return `x` after a round trip through `u64`.'),
    'echo_u8': ('(x)', 'Return `x` after a round trip through `u8`.'),
    'echo_usize': ('(x)', 'Return `x` after a round trip through `usize`.'),
    'echo_vec_f64': ('(x)', 'Return `x` after a round trip through `Vec<f64>`.'),
    'echo_vec_i64': ('(x)', 'Return `x` after a round trip through `Vec<i64>`.'),
    'echo_vec_opt': ('(x)', 'Return `x` after a round trip through `Vec<Option<i64>>`.'),
    'echo_vec_string': ('(x)', 'Return `x` after a round trip through `Vec<String>`.'),
    'echo_vec_u8': ('(x)', 'Return `x` after a round trip through `Vec<u8>`.'),
    'everything': ('(a, b=2, /, c=3, *args, d, e=5, **kwargs)', 'Every kind at once.'),
    'get_attr': ('(obj, name)', '`getattr(obj, name)`.'),
    'import_call': ('(module, func, x)', '`import module; module.func(x)` as a float.'),
    'int_limits': ('()', 'Extremes of every integer type, from Rust.'),
    'interpreter_version': ('()', 'The interpreter version detected at import.'),
    'io_error': ('(kind)', 'An `io::Error` of a given kind, converted with `?`.'),
    'kwonly': ('(a, *, b, c=3)', 'Keyword-only parameters after a bare `*`.'),
    'kwonly_only': ('(*, x, y)', 'Only keyword-only parameters.'),
    'make_bytes': ('(n)', 'A `Vec<u8>` made in Rust becomes `bytes`.'),
    'make_nested': ('()', 'A nested container made in Rust.'),
    'make_text': ('()', 'A `str` built in Rust: non-BMP text out.'),
    'many': ('(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17=17, a18=18, a19=19)', "More than 16 parameters (the parser's inline buffer), the last ones with defaults."),
    'many_kw': ('(a0, a1=1, /, *args, k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, k12, k13, k14, k15=15, k16=16, **kwargs)', 'Many keyword-only parameters beyond the inline buffer, with `*args`/`**kwargs`.'),
    'mixed': ('(a, /, b, c=3, *, d, e=5)', 'Every kind but `*args`/`**kwargs`.'),
    'no_params': ('()', 'No parameters.'),
    'one': ('(a)', 'One parameter.'),
    'panics': ('(msg)', 'Panic with `msg`.'),
    'panics_any': ('()', 'Panic with a non-string payload.'),
    'panics_in_default': ('(x=...)', 'Panic inside a default expression.'),
    'parse_float': ('(s)', 'A bare `Result<T, ParseFloatError>` return (ValueError).'),
    'parse_int': ('(s)', '`str::parse` with `?` on a `Result<_, ParseIntError>` (ValueError).'),
    'posonly': ('(a, b, /, c)', 'Positional-only parameters.'),
    'posonly_defaults': ('(a, b=5, /, c=6)', 'Positional-only parameters with defaults.'),
    'posonly_varkw': ('(a, /, **kwargs)', 'A positional-only name may also arrive in `**kwargs`.'),
    'py_first': ('(x)', 'The GIL token first.'),
    'py_last': ('(a, *, b=2)', 'The GIL token last.'),
    'lc_drops': ('(i)', 'How many values of each lifecycle class were dropped (index: see `dropped` calls).'),
    'py_middle': ('(a, b=1)', 'The GIL token between parameters.'),
    'raise_builtin': ('(kind, msg)', 'Raise a builtin exception chosen by name.'),
    'raise_my_child': ('(msg)', 'Raise `MyChildError(msg)`.'),
    'raise_my_error': ('(msg)', 'Raise `MyError(msg)`.'),
    'read_file': ('(path)', '`std::fs::read_to_string(..)?` (an OSError subclass).'),
    'set_attr': ('(obj, name, value)', '`setattr(obj, name, value)`.'),
    'sixteen': ('(a0, a1, a2, a3, a4, a5, a6, a7, *, k0, k1, k2, k3, k4, k5, k6, k7=7)', 'Exactly 16 parameters: the inline buffer full.'),
    'sound_new_for': ('(cls, value)', '`class::new_for_subtype::<SoundHolder, _>(cls, ..)` with any object as `cls`.'),
    'special_floats': ('()', 'Special floats made in Rust.'),
    'str_lengths': ('(x)', 'Lengths of a `&str` in chars and UTF-8 bytes.'),
    'sum_calls': ('(f, n)', 'Sum `f(i)` for i in 0..n, extracting each result as i64.'),
    'to_u8': ('(x)', '`u8::try_from(..)?` (OverflowError).'),
    'two': ('(a, b)', 'Two positional-or-keyword parameters.'),
    'undocumented': ('(x=0)', None),
    'unit': ('()', 'Return nothing (None).'),
    'unit_explicit': ('(x)', 'Return `()` explicitly.'),
    'varargs_kwonly': ('(*args, k, m=9)', '`*args` followed by a required keyword-only parameter.'),
    'varargs_tuple': ('(*args)', '`*args` as the tuple itself.'),
    'varargs_vec': ('(a, *args)', '`*args` as a `Vec<i64>`.'),
    'varkw_dict': ('(**kwargs)', '`**kwargs` as the dict itself.'),
    'varkw_map': ('(a, **kwargs)', '`**kwargs` as a `HashMap<String, i64>`.'),
}

# Non-literal defaults are `...` in __text_signature__; 3.7's inspect would silently drop
# such a parameter, so on 3.7 limpet shows the Rust expression as a string instead.
RUST_DEFAULTS = {
    ("defaults", "c"): 'String::from("x")',
    ("defaults", "d"): "vec![]",
    ("documented", "s"): '"it\'s"',
    ("panics_in_default", "x"): 'panic!("default evaluated")',
}


def expected_text(name):
    text = EXPECTED[name][0]
    if PY >= (3, 8):
        return text
    for (fn, param), rust in RUST_DEFAULTS.items():
        if fn == name:
            text = text.replace("%s=..." % param, "%s=%s" % (param, '"%s"' % rust.replace('"', '\\"').replace("'", "\\'")))
    return text


def builtins_of(module):
    # `__limpet_stubs__` is the hidden stub renderer every module gets (see test_stubs.py).
    return {
        n: f for n, f in vars(module).items()
        if isinstance(f, types.BuiltinFunctionType) and n != "__limpet_stubs__"
    }


def test_table_covers_every_function():
    assert set(builtins_of(limptest)) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text_signature_and_doc(name):
    f = getattr(limptest, name)
    text, doc = EXPECTED[name]
    assert f.__text_signature__ == expected_text(name)
    assert f.__doc__ == doc
    assert f.__name__ == name
    assert f.__qualname__ == name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_inspect_signature(name):
    sig = inspect.signature(getattr(limptest, name))
    if PY >= (3, 8):
        # inspect shows a `...` default as the Ellipsis object.
        assert str(sig) == EXPECTED[name][0].replace("=...", "=Ellipsis")
    else:
        defaults = {p: rust for (fn, p), rust in RUST_DEFAULTS.items() if fn == name}
        for param in sig.parameters.values():
            if param.name in defaults:
                assert param.default == defaults[param.name]
        assert str(sig).count(",") == EXPECTED[name][0].count(","), "no parameter dropped"


def test_inspect_signature_kinds():
    P = inspect.Parameter
    params = list(inspect.signature(limptest.everything).parameters.values())
    assert [(p.name, p.kind) for p in params] == [
        ("a", P.POSITIONAL_ONLY), ("b", P.POSITIONAL_ONLY), ("c", P.POSITIONAL_OR_KEYWORD),
        ("args", P.VAR_POSITIONAL), ("d", P.KEYWORD_ONLY), ("e", P.KEYWORD_ONLY),
        ("kwargs", P.VAR_KEYWORD),
    ]
    assert [p.default for p in params] == [P.empty, 2, 3, P.empty, P.empty, 5, P.empty]
    d = inspect.signature(limptest.defaults).parameters
    assert (d["e"].default, d["f"].default, d["g"].default, d["h"].default) == ("lit", 1.5, True, None)
    assert (d["i"].default, d["j"].default) == (-3, 1000)


def test_non_literal_default_shown_as_ellipsis():
    d = inspect.signature(limptest.defaults).parameters
    if PY >= (3, 8):
        assert d["c"].default is Ellipsis and d["d"].default is Ellipsis
    else:
        assert (d["c"].default, d["d"].default) == ('String::from("x")', "vec![]")


def test_signature_binds_like_the_function():
    sig = inspect.signature(limptest.kwonly)
    assert sig.bind(1, b=2).arguments == {"a": 1, "b": 2}
    with pytest.raises(TypeError):
        sig.bind(1, 2)


SAME_AS_PYTHON = [
    ("add", "def add(a, b=1, *, c=0): pass"),
    ("kwonly_only", "def kwonly_only(*, x, y): pass"),
    ("varargs_kwonly", "def varargs_kwonly(*args, k, m=9): pass"),
    ("varkw_map", "def varkw_map(a, **kwargs): pass"),
    ("everything", "def everything(a, b=2, /, c=3, *args, d, e=5, **kwargs): pass"),
    ("mixed", "def mixed(a, /, b, c=3, *, d, e=5): pass"),
    ("posonly_varkw", "def posonly_varkw(a, /, **kwargs): pass"),
]


@pytest.mark.parametrize(
    "name,src",
    [
        pytest.param(n, s, marks=pytest.mark.skipif(
            PY < (3, 8), reason="Python 3.7 has no '/' syntax for the reference"))
        if "/" in s else (n, s)
        for n, s in SAME_AS_PYTHON
    ],
)
def test_signature_equals_python_reference(name, src):
    assert inspect.signature(getattr(limptest, name)) == inspect.signature(pyfunc(src, name))


def test_submodule_function_signature():
    assert str(inspect.signature(limptest.sub.sub_hello)) == "(name='world')"
    assert limptest.sub.sub_hello.__doc__ == "A function of the submodule."
    assert str(inspect.signature(limptest.sub.deeper.deep_add)) == "(a, b)"


def test_help_renders():
    import pydoc

    text = pydoc.render_doc(limptest.everything, renderer=pydoc.plaintext)
    assert "everything(a, b=2, /, c=3, *args, d, e=5, **kwargs)" in text
    assert "Every kind at once." in text
