"""Argument binding compared with a pure-Python function of the same signature.

For each limptest function below, a Python function with the same name and signature
returns the same shape of result; every call shape from a grid (0..N positional, every
subset of keyword names including unknown ones, in two orders) must give the same result,
or the same exception type and message.
"""
import itertools

import pytest

import limptest
from conftest import PY, needs_posonly_syntax, outcome, pyfunc

# name -> Python source of the reference; functions with "/" need 3.8+ syntax.
REFERENCES = {
    "no_params": "def no_params(): return 'none'",
    "one": "def one(a): return a",
    "two": "def two(a, b): return (a, b)",
    "kwonly": "def kwonly(a, *, b, c=3): return (a, b, c)",
    "kwonly_only": "def kwonly_only(*, x, y): return (x, y)",
    "varargs_vec": "def varargs_vec(a, *args): return (a, list(args))",
    "varargs_tuple": "def varargs_tuple(*args): return args",
    "varargs_kwonly": "def varargs_kwonly(*args, k, m=9): return (list(args), k, m)",
    "varkw_map": "def varkw_map(a, **kwargs): return (a, kwargs)",
    "varkw_dict": "def varkw_dict(**kwargs): return kwargs",
    "add": "def add(a, b=1, *, c=0): return a + b + c",
    "py_middle": "def py_middle(a, b=1): return (a, b, True)",
    "py_last": "def py_last(a, *, b=2): return (a, b, True)",
    "py_first": "def py_first(x): return (x, True)",
    "sixteen": (
        "def sixteen(a0, a1, a2, a3, a4, a5, a6, a7, *, k0, k1, k2, k3, k4, k5, k6, k7=7):\n"
        "    return [a0, a1, a2, a3, a4, a5, a6, a7, k0, k1, k2, k3, k4, k5, k6, k7]"
    ),
    "many": (
        "def many(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16,"
        " a17=17, a18=18, a19=19):\n"
        "    return [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19]"
    ),
}
POSONLY_REFERENCES = {
    "posonly": "def posonly(a, b, /, c): return (a, b, c)",
    "posonly_defaults": "def posonly_defaults(a, b=5, /, c=6): return (a, b, c)",
    "posonly_varkw": "def posonly_varkw(a, /, **kwargs): return (a, kwargs)",
    "everything": (
        "def everything(a, b=2, /, c=3, *args, d, e=5, **kwargs):\n"
        "    return (a, b, c, list(args), d, e, kwargs)"
    ),
    "mixed": "def mixed(a, /, b, c=3, *, d, e=5): return (a, b, c, d, e)",
    "many_kw": (
        "def many_kw(a0, a1=1, /, *args, k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, k12,"
        " k13, k14, k15=15, k16=16, **kwargs):\n"
        "    return ([a0, a1, k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, k12, k13, k14, k15, k16],"
        " list(args), kwargs)"
    ),
}

EXTRA_NAMES = ["zz", "args", "kwargs"]


def shapes(names, max_pos, extra=EXTRA_NAMES):
    """Every (positional args, keyword dict) from the grid, keywords in both orders."""
    pool = list(names) + list(extra)
    for npos in range(max_pos + 1):
        args = tuple(100 + i for i in range(npos))
        for r in range(len(pool) + 1):
            for combo in itertools.combinations(pool, r):
                kw = {k: 200 + pool.index(k) for k in combo}
                yield args, kw
                if r > 1:
                    yield args, dict(reversed(list(kw.items())))


def param_names(src):
    head = src.split("(", 1)[1].split(")", 1)[0]
    out = []
    for p in head.split(","):
        p = p.strip().lstrip("*").split("=")[0].strip()
        if p and p != "/":
            out.append(p)
    return out


def posonly_names(src):
    head = src.split("(", 1)[1].split(")", 1)[0]
    return param_names("f(%s)" % head.split("/")[0]) if "/" in head else []


def posonly_out_of_order(src, kw):
    """Shapes hitting a known limpet bug: two or more positional-only names passed as
    keywords (no **kwargs) in an order other than the declaration's; CPython lists them
    in declaration order, limpet in call order (see test_posonly_keyword_message_order)."""
    if "**" in src:
        return False
    po = posonly_names(src)
    given = [k for k in kw if k in po]
    return len(given) > 1 and given != [p for p in po if p in given]


def compare_all(name, src, max_pos, names=None):
    ref = pyfunc(src, name)
    impl = getattr(limptest, name)
    names = param_names(src) if names is None else names
    n = 0
    for args, kw in shapes(names, max_pos):
        expected = outcome(ref, args, kw)
        got = outcome(impl, args, kw)
        assert got == expected, "%s(*%r, **%r)" % (name, args, kw)
        n += 1
    assert n > 0


SMALL = {k: v for k, v in REFERENCES.items() if k not in ("many", "sixteen")}


@pytest.mark.parametrize("name", sorted(SMALL))
def test_binding_matches_python(name):
    src = SMALL[name]
    compare_all(name, src, max_pos=len(param_names(src)) + 2)


@needs_posonly_syntax
@pytest.mark.parametrize("name", sorted(k for k in POSONLY_REFERENCES if k != "many_kw"))
def test_posonly_binding_matches_python(name):
    src = POSONLY_REFERENCES[name]
    compare_all(name, src, max_pos=len(param_names(src)) + 2)


def test_posonly_keyword_message_order():
    with pytest.raises(TypeError) as info:
        limptest.posonly(c=3, b=2, a=1)
    assert str(info.value) == (
        "posonly() got some positional-only arguments passed as keyword arguments: 'a, b'"
    )
    if PY >= (3, 8):  # and the same for every such shape of the grid, against the reference
        for name in ("posonly", "posonly_defaults"):
            src = POSONLY_REFERENCES[name]
            ref, impl = pyfunc(src, name), getattr(limptest, name)
            for args, kw in shapes(param_names(src), 2):
                if posonly_out_of_order(src, kw):
                    assert outcome(impl, args, kw) == outcome(ref, args, kw), (name, args, kw)


def test_many_params_heap_path():
    """20 parameters: more than the parser's 16 inline slots."""
    ref = pyfunc(REFERENCES["many"], "many")
    names = ["a%d" % i for i in range(20)]
    calls = []
    for npos in (0, 1, 15, 16, 17, 18, 20, 21, 25):
        args = tuple(range(npos))
        calls.append((args, {}))
        rest = {n: 1000 + i for i, n in enumerate(names) if i >= npos}
        calls.append((args, rest))
        calls.append((args, dict(list(rest.items())[:-3])))  # defaults used
        calls.append((args, dict(list(rest.items())[3:])))  # some required missing
        calls.append((args, dict(rest, zz=1)))
        calls.append((args, dict(rest, a0=5)))  # multiple values when npos > 0
    for args, kw in calls:
        assert outcome(limptest.many, args, kw) == outcome(ref, args, kw), (args, kw)
    assert limptest.many(*range(17)) == list(range(20))
    assert limptest.many(**{n: i for i, n in enumerate(names)}) == list(range(20))


def test_sixteen_params_inline_full():
    ref = pyfunc(REFERENCES["sixteen"], "sixteen")
    kws = {"k%d" % i: 50 + i for i in range(8)}
    for npos in (0, 7, 8, 9, 16):
        args = tuple(range(npos))
        for kw in (kws, dict(list(kws.items())[:-1]), dict(list(kws.items())[1:]), dict(kws, a0=1)):
            assert outcome(limptest.sixteen, args, kw) == outcome(ref, args, kw), (args, kw)


@needs_posonly_syntax
def test_many_kw_matches_python():
    ref = pyfunc(POSONLY_REFERENCES["many_kw"], "many_kw")
    ks = {"k%d" % i: 300 + i for i in range(17)}
    for npos in (0, 1, 2, 3, 5):
        args = tuple(range(npos))
        for kw in (
            ks,
            dict(list(ks.items())[:-2]),
            dict(list(ks.items())[2:]),
            dict(ks, a0=1),
            dict(ks, a1=1, extra=2),
            dict(ks, args=3, kwargs=4),
            {},
        ):
            assert outcome(limptest.many_kw, args, kw) == outcome(ref, args, kw), (args, kw)


# --- limpet's own wording, checked literally on every interpreter (3.7 included) ----------

LITERAL = [
    (limptest.posonly, (1, 2), {}, "posonly() missing 1 required positional argument: 'c'"),
    (limptest.posonly, (1,), {"b": 2, "c": 3},
     "posonly() got some positional-only arguments passed as keyword arguments: 'b'"),
    (limptest.posonly, (), {"a": 1, "b": 2, "c": 3},
     "posonly() got some positional-only arguments passed as keyword arguments: 'a, b'"),
    (limptest.posonly, (1, 2, 3, 4), {}, "posonly() takes 3 positional arguments but 4 were given"),
    (limptest.posonly_defaults, (1, 2, 3, 4), {},
     "posonly_defaults() takes from 1 to 3 positional arguments but 4 were given"),
    (limptest.mixed, (1, 2), {}, "mixed() missing 1 required keyword-only argument: 'd'"),
    (limptest.mixed, (1, 2, 3, 4), {"d": 1},
     "mixed() takes from 2 to 3 positional arguments but 4 positional arguments "
     "(and 1 keyword-only argument) were given"),
    (limptest.everything, (), {}, "everything() missing 1 required positional argument: 'a'"),
    (limptest.everything, (1,), {}, "everything() missing 1 required keyword-only argument: 'd'"),
    (limptest.everything, (1, 2, 3), {"c": 1, "d": 1},
     "everything() got multiple values for argument 'c'"),
    (limptest.two, (), {}, "two() missing 2 required positional arguments: 'a' and 'b'"),
    (limptest.kwonly_only, (), {}, "kwonly_only() missing 2 required keyword-only arguments: 'x' and 'y'"),
    (limptest.one, (1,), {"b": 2}, "one() got an unexpected keyword argument 'b'"),
    (limptest.one, (1, 2), {}, "one() takes 1 positional argument but 2 were given"),
    (limptest.no_params, (1,), {}, "no_params() takes 0 positional arguments but 1 was given"),
    (limptest.many, (), {"a17": 0},
     "many() missing 17 required positional arguments: 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', "
     "'a6', 'a7', 'a8', 'a9', 'a10', 'a11', 'a12', 'a13', 'a14', 'a15', and 'a16'"),
]


@pytest.mark.parametrize("f,args,kw,msg", LITERAL, ids=[str(i) for i in range(len(LITERAL))])
def test_literal_messages(f, args, kw, msg):
    with pytest.raises(TypeError) as info:
        f(*args, **kw)
    assert str(info.value) == msg


def test_posonly_results():
    assert limptest.posonly(1, 2, 3) == (1, 2, 3)
    assert limptest.posonly(1, 2, c=3) == (1, 2, 3)
    assert limptest.posonly_defaults(1) == (1, 5, 6)
    assert limptest.posonly_defaults(1, c=7) == (1, 5, 7)
    # A positional-only name is free to arrive in **kwargs.
    assert limptest.posonly_varkw(1, a=2) == (1, {"a": 2})
    assert limptest.everything(1, 2, 3, 4, 5, d=6, a=7, b=8) == (1, 2, 3, [4, 5], 6, 5, {"a": 7, "b": 8})


def test_defaults_are_fresh_each_call():
    """Defaults are Rust expressions evaluated per call (no shared mutable default)."""
    r1 = limptest.defaults(1)
    assert r1 == (1, 2, "x", [], "lit", 1.5, True, None, -3, 1000)
    r1[3].append(5)
    assert limptest.defaults(1)[3] == []
    assert limptest.defaults(1, d=[1, 2], c="y", h=4) == (1, 2, "y", [1, 2], "lit", 1.5, True, 4, -3, 1000)


def test_varargs_tuple_and_dict_objects():
    assert limptest.varargs_tuple() == ()
    t = limptest.varargs_tuple(1, "a", None)
    assert type(t) is tuple and t == (1, "a", None)
    d = limptest.varkw_dict(x=1, y="z")
    assert type(d) is dict and d == {"x": 1, "y": "z"}
    assert limptest.varkw_dict() == {}
    src = {"p": 1}
    out = limptest.varkw_dict(**src)
    assert out == src and out is not src  # a new dict, like Python's **kwargs


def test_star_star_unpacking_and_star_unpacking():
    assert limptest.everything(*[1, 2], **{"d": 4, "q": 9}) == (1, 2, 3, [], 4, 5, {"q": 9})
    assert limptest.varargs_vec(*range(5)) == (0, [1, 2, 3, 4])


def test_non_string_keywords_rejected():
    with pytest.raises(TypeError):
        limptest.varkw_map(1, **{1: 2})


def test_kwargs_value_conversion_error():
    with pytest.raises(TypeError) as info:
        limptest.varkw_map(1, x="s")
    assert str(info.value).startswith("varkw_map() argument 'kwargs'")


def test_varargs_item_conversion_error():
    with pytest.raises(TypeError) as info:
        limptest.varargs_vec(1, 2, "x")
    assert str(info.value).startswith("varargs_vec() argument 'args'")


def test_py_token_parameter_is_not_a_python_parameter():
    assert limptest.py_first(5) == (5, True)
    assert limptest.py_middle(1) == (1, 1, True)
    assert limptest.py_middle(1, 2) == (1, 2, True)
    assert limptest.py_last(1, b=3) == (1, 3, True)
    with pytest.raises(TypeError) as info:
        limptest.py_first(1, py=2)
    assert str(info.value) == "py_first() got an unexpected keyword argument 'py'"
