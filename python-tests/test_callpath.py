"""The call path's fast paths (issue 12) give the results and errors of the general path.

- The one-pass keyword binder compares names by identity with the interned parameter names
  first, then by string comparison: keywords whose names are fresh (not interned) strings
  take the second branch and must bind exactly as interned ones (and as a Python function).
- `Bound::call_args` passes up to four arguments through an array on the stack (a
  vectorcall on 3.12+, `PyObject_CallFunctionObjArgs` below) and more through a tuple.
- A class's `tp_alloc`/`tp_free` are looked up once for its own type; Python subclasses
  look theirs up per object: both allocate and free correctly, without leaking the type.
"""
import sys

import pytest

import limptest
from conftest import PY, outcome, pyfunc
from test_params import POSONLY_REFERENCES, REFERENCES, param_names, shapes


def fresh(name):
    """An equal str built at run time: not the interned one, except for one-character names
    (CPython shares one object per Latin-1 character)."""
    s = "".join([name[:1], name[1:]])
    assert s == name
    return s


KEYWORD_FUNCS = ["kwonly", "kwonly_only", "add", "py_last", "sixteen"]
if PY >= (3, 8):
    KEYWORD_FUNCS.append("mixed")


@pytest.mark.parametrize("name", KEYWORD_FUNCS)
def test_non_interned_keyword_names_bind_like_interned(name):
    src = REFERENCES.get(name) or POSONLY_REFERENCES[name]
    ref = pyfunc(src, name)
    impl = getattr(limptest, name)
    names = param_names(src)
    extra = ["zz"] if len(names) > 6 else ["zz", "args"]
    pool_names = names[-6:] if len(names) > 6 else names
    n = 0
    max_pos = 9 if len(names) > 6 else len(names) + 1
    for args, kw in shapes(pool_names, max_pos, extra):
        fresh_kw = {fresh(k): v for k, v in kw.items()}
        expected = outcome(ref, args, kw)
        assert outcome(impl, args, kw) == expected, "%s(*%r, **%r)" % (name, args, kw)
        assert outcome(impl, args, fresh_kw) == expected, "%s(*%r, **%r) (fresh names)" % (name, args, kw)
        n += 1
    assert n > 0


def test_fresh_names_are_not_interned():
    # The test above relies on this: otherwise it would test the identity branch twice.
    assert fresh("kwonly") is not sys.intern("kwonly")
    assert fresh("k7") is not sys.intern("k7")


def test_keyword_binder_errors_match_general_path():
    # The fast binder gives up on these and the general binder raises CPython's message.
    f = limptest.kwonly
    for kwargs, msg in [
        ({"b": 1, "a": 2, "zz": 3}, "kwonly() got an unexpected keyword argument 'zz'"),
        ({"b": 1}, "kwonly() missing 1 required positional argument: 'a'"),
        ({"a": 1}, "kwonly() missing 1 required keyword-only argument: 'b'"),
    ]:
        for kw in (kwargs, {fresh(k): v for k, v in kwargs.items()}):
            with pytest.raises(TypeError) as info:
                f(**kw)
            assert str(info.value).split(". Did you mean")[0] == msg
    with pytest.raises(TypeError) as info:
        f(1, **{fresh("a"): 2, "b": 3})
    assert str(info.value) == "kwonly() got multiple values for argument 'a'"


@pytest.mark.parametrize("n", range(8))
def test_call_args_every_arity(n):
    args = tuple(object() for _ in range(n))
    assert limptest.call_n(lambda *a: a, *args) == args
    assert limptest.call_n(tuple, range(3)) == (0, 1, 2)
    assert limptest.call_n(max, *range(n + 2)) == n + 1


@pytest.mark.parametrize("n", [0, 1, 4, 5])
def test_call_args_errors_propagate(n):
    def boom(*a):
        raise ValueError(len(a))

    with pytest.raises(ValueError) as info:
        limptest.call_n(boom, *range(n))
    assert info.value.args == (n,)
    with pytest.raises(TypeError):
        limptest.call_n(None, *range(n))


def test_call_args_keeps_no_reference():
    arg = object()
    before = sys.getrefcount(arg)
    for _ in range(100):
        limptest.call_n(lambda *a: None, arg)
        limptest.call_n(lambda *a: None, arg, arg, arg, arg, arg)
    assert sys.getrefcount(arg) == before


def test_own_type_and_subclass_alloc_free():
    Base = limptest.Base

    class Sub(Base):
        pass

    before = (sys.getrefcount(Base), sys.getrefcount(Sub))
    for i in range(200):
        b = Base(i)
        s = Sub(i + 1)
        assert (b.value(), type(b)) == (i, Base)
        assert (s.value(), type(s)) == (i + 1, Sub)
        del b, s
    assert (sys.getrefcount(Base), sys.getrefcount(Sub)) == before
