"""Classes (`class!`): construction, methods, properties, class attributes, docs and
signatures, borrow checking, values crossing the boundary, frozen classes, panics, and a
300-method class. Pure-Python equivalents are the reference wherever one exists."""
import inspect
import re
import sys

import pytest

import limptest as lt
from conftest import PY, needs_posonly_syntax, outcome, pyfunc

fx = lt.classfx


def panic_type():
    try:
        lt.panics("probe")
    except BaseException as e:  # noqa: BLE001
        return type(e)
    raise AssertionError("no panic")


# --- construction -------------------------------------------------------------------------

def test_new_every_parameter_kind_direct():
    assert lt.Point(1).bound() == (1, 0, 0, [], "p", {})
    assert lt.Point(1, 2, 3, 4, 5, label="q", k=6).bound() == (1, 2, 3, [4, 5], "q", {"k": 6})
    assert lt.Point(1, z=7).bound() == (1, 0, 7, [], "p", {})
    assert type(lt.Point(1)) is lt.Point
    with pytest.raises(TypeError):
        lt.Point()
    with pytest.raises(TypeError):
        lt.Point(x=1)  # positional-only
    with pytest.raises(TypeError):
        lt.Point("a")


POINT_CALLS = [
    ((1,), {}), ((1, 2), {}), ((1, 2, 3), {}), ((1, 2, 3, 4, 5), {}), ((1,), {"z": 4}),
    ((1,), {"label": "L"}), ((1,), {"x": 9, "y": 8}), ((1, 2), {"z": 3, "label": "a", "k": 1}),
    ((), {}), ((), {"x": 1}), ((1, 2, 3), {"z": 3}), (("s",), {}), ((1,), {"label": 3}),
    ((1,), {"k": "v"}),
]


@needs_posonly_syntax
@pytest.mark.parametrize("args,kwargs", POINT_CALLS)
def test_new_matches_python(args, kwargs):
    ref = pyfunc(
        "def ref(x, y=0, /, z=0, *args, label='p', **kwargs):\n"
        "    for v in (x, y, z) + args + tuple(kwargs.values()):\n"
        "        if not isinstance(v, int): raise TypeError('int')\n"
        "    if not isinstance(label, str): raise TypeError('str')\n"
        "    return (x, y, z, list(args), label, kwargs)\n",
        "ref",
    )
    got = outcome(lambda *a, **k: lt.Point(*a, **k).bound(), args, kwargs)
    want = outcome(ref, args, kwargs)
    assert got[:2] == want[:2]


def test_class_without_new_cannot_be_instantiated():
    for cls in (lt.NoCtor, lt.BagIter, lt.WaitIter):
        name = cls.__name__
        with pytest.raises(TypeError) as info:
            cls()
        assert str(info.value) == "cannot create 'limptest.%s' instances" % name
        with pytest.raises(TypeError) as info:
            cls.__new__(cls)
        assert str(info.value) == "cannot create 'limptest.%s' instances" % name
    n = fx.make_noctor(4)
    assert type(n) is lt.NoCtor and n.v == 4 and n.twice() == 8


def test_names_module_doc():
    for cls in (lt.Point, lt.NoCtor, lt.Num, lt.Base, lt.Many):
        assert cls.__module__ == "limptest"
        assert cls.__qualname__ == cls.__name__
        assert repr(cls) == "<class 'limptest.%s'>" % cls.__name__
        assert getattr(lt, cls.__name__) is cls
    assert lt.Point.__doc__ == "A point with every parameter kind in its constructor.\n\nSecond paragraph."
    assert lt.NoCtor.__doc__ == "Not constructible from Python."
    assert inspect.getdoc(lt.Point.norm2) == "Norm squared."
    assert lt.Point.shift.__doc__ == "Move by (dx, dy); returns the new x."
    assert lt.Point.x.__doc__ == "The x coordinate."
    assert lt.Point.sum.__doc__ == "Sum of the coordinates."
    assert lt.Point.add.__doc__ == "A static method."
    assert lt.Point.make.__doc__ == "A class method that constructs."
    assert lt.Caller.__call__.__doc__ == "Call me."


@pytest.mark.skipif(PY < (3, 10), reason="CPython < 3.10 drops a heap type's __text_signature__ (P10)")
def test_class_text_signature():
    sig = "(x, y=0, /, z=0, *args, label='p', **kwargs)"
    assert lt.Point.__text_signature__ == sig
    assert str(inspect.signature(lt.Point)) == sig
    if PY >= (3, 8):
        ref = pyfunc("def Point(x, y=0, /, z=0, *args, label='p', **kwargs): pass", "Point")
        assert str(inspect.signature(ref)) == sig


def test_class_text_signature_absent_below_310():
    if PY >= (3, 10):
        pytest.skip("only below 3.10")
    assert getattr(lt.Point, "__text_signature__", None) is None
    assert lt.Point.__doc__.startswith("A point")  # the signature line was stripped


def test_method_signatures():
    p = lt.Point(1, 2)
    assert lt.Point.shift.__text_signature__ == "($self, dx, dy=0)"
    assert str(inspect.signature(lt.Point.shift)) == "(self, /, dx, dy=0)"
    assert str(inspect.signature(p.shift)) == "(dx, dy=0)"
    assert str(inspect.signature(p.norm2)) == "()"
    assert str(inspect.signature(p.owned_x)) == "(add=0)"
    assert str(inspect.signature(p.with_py)) == "(a, *, b=1)"
    assert str(inspect.signature(lt.Point.add)) == "(a, b=1)"
    assert str(inspect.signature(lt.Point.make)) == "(x)"
    assert str(inspect.signature(lt.Caller().__call__)).startswith("(a, b=2, /, c=3, *args, d, e=5, **kwargs)")


# --- methods ----------------------------------------------------------------------------

def test_methods():
    p = lt.Point(3, 4)
    assert p.norm2() == 25
    assert lt.Point.norm2(p) == 25
    assert p.shift(1) == 4 and (p.x, p.y) == (4, 4)
    assert p.shift(dx=1, dy=2) == 5 and (p.x, p.y) == (5, 6)
    assert p.me() is p
    assert p.owned_x() == 5 and p.owned_x(add=2) == 7
    assert p.with_py(1, b=9) == (6, 9, True)
    with pytest.raises(TypeError):
        p.with_py(1, 2)
    assert lt.Point.add(1) == 2 and p.add(2, 3) == 5
    q = lt.Point.make(7)
    assert type(q) is lt.Point and (q.x, q.y) == (7, 7)
    with pytest.raises(TypeError):
        lt.Point.norm2(3)
    with pytest.raises(TypeError):
        p.shift()
    with pytest.raises(TypeError):
        p.shift("a")


def test_properties():
    p = lt.Point(1, 2)
    p.x = 10
    assert p.x == 10 and p.sum == 12
    with pytest.raises(TypeError):
        p.x = "a"
    assert p.x == 10
    with pytest.raises(AttributeError):
        del p.x
    assert p.label == "p"
    with pytest.raises(AttributeError):
        p.label = "q"  # get only
    with pytest.raises(AttributeError):
        p.sum = 3  # getter only
    with pytest.raises(AttributeError):
        del p.sum
    p.secret = 42  # set only
    assert p.reveal() == 42
    with pytest.raises(AttributeError):
        p.secret
    assert p.double == 20
    p.double = 8
    assert p.x == 4 and p.double == 8
    with pytest.raises(ValueError, match="double must be even"):
        p.double = 3
    with pytest.raises(TypeError):
        p.double = "x"
    with pytest.raises(AttributeError):
        del p.double
    with pytest.raises(AttributeError):
        p.not_an_attribute = 1  # no __dict__


def test_property_errors_match_python():
    class Ref:
        __slots__ = ("_x",)

        def __init__(self):
            self._x = 1

        def _set_x(self, v):
            if not isinstance(v, int):
                raise TypeError("int")
            self._x = v

        x = property(lambda self: self._x, _set_x)
        label = property(lambda self: "p")

    for obj in (Ref(), lt.Point(1)):
        assert outcome(delattr, (obj, "x"))[:2] == ("raise", AttributeError)
        assert outcome(setattr, (obj, "label", "q"))[:2] == ("raise", AttributeError)
        assert outcome(setattr, (obj, "x", "bad"))[:2] == ("raise", TypeError)
        assert outcome(setattr, (obj, "nope", 1))[:2] == ("raise", AttributeError)


def test_class_attributes():
    assert lt.Point.DIMENSIONS == 2
    o = lt.Point.ORIGIN
    assert type(o) is lt.Point and o.label == "origin" and (o.x, o.y) == (0, 0)
    assert lt.Point(1).ORIGIN is o
    assert lt.Point(1).DIMENSIONS == 2


# --- frozen -------------------------------------------------------------------------------

def test_frozen():
    f = lt.Frozen(5)
    assert f.get() == 5 and f.v == 5 and fx.frozen_ref(f) == 5
    with pytest.raises(RuntimeError):
        fx.frozen_mut(f)
    with pytest.raises(AttributeError):
        f.v = 3


# --- borrow checking ----------------------------------------------------------------------

def test_mut_self_reentrancy_raises():
    r = lt.Reentrant()
    with pytest.raises(RuntimeError):
        r.mutate_and_call(lambda: r.read())
    with pytest.raises(RuntimeError):
        r.mutate_and_call(lambda: r.mutate())
    with pytest.raises(RuntimeError):
        r.mutate_and_call(lambda: r.n)  # the field getter borrows too
    with pytest.raises(RuntimeError):
        r.read_and_call(lambda: r.mutate())
    # shared + shared is fine
    assert r.read_and_call(lambda: r.read()) == r.n
    # every borrow was released
    n = r.n
    assert r.mutate() == n + 100
    assert r.mutate_and_call(lambda: 7) == 7


def test_same_object_as_ref_and_mut_raises():
    a, b = lt.Reentrant(), lt.Reentrant()
    a.mutate()
    assert fx.reentrant_pair(a, b) == 100
    with pytest.raises(RuntimeError):
        fx.reentrant_pair(a, a)
    assert a.mutate() == 200  # released after the failure
    p = lt.Point(1, 2)
    with pytest.raises(RuntimeError):
        fx.point_copy_into(p, p)
    with pytest.raises(RuntimeError):
        fx.point_swap(p, p)
    q = lt.Point(5)
    fx.point_swap(p, q)
    assert (p.x, q.x) == (5, 1)
    fx.point_copy_into(p, q)
    assert (q.x, q.y) == (5, 2)
    assert p.shift(1) == 6


# --- values crossing the boundary --------------------------------------------------------

def test_instances_as_parameters():
    p = lt.Point(3, 4)
    assert fx.point_norm(p) == 25
    assert fx.point_shift(p, 2) == 5 and p.x == 5
    assert fx.point_ref_x(p) == 5
    fx.point_refmut_set(p, 9)
    assert p.x == 9
    assert fx.point_py_x(p) == 9
    assert fx.point_bound_x(p) == 9
    assert fx.point_opt(p) == 9 and fx.point_opt() is None and fx.point_opt(None) is None


@pytest.mark.parametrize("f", ["point_norm", "point_ref_x", "point_py_x", "point_bound_x", "point_opt"])
@pytest.mark.parametrize("bad", [3, "s", lt.Num(1)])
def test_wrong_type_names_the_class(f, bad):
    with pytest.raises(TypeError) as info:
        getattr(fx, f)(bad)
    assert "Point" in str(info.value)


def test_wrong_type_mut_parameters():
    for call in (lambda: fx.point_shift(1, 1), lambda: fx.point_refmut_set("x", 1), lambda: fx.point_swap(lt.Point(1), 2)):
        with pytest.raises(TypeError) as info:
            call()
        assert "Point" in str(info.value)


def test_returning_new_instances():
    p = fx.new_point(1, 2)
    assert type(p) is lt.Point and (p.x, p.y, p.label) == (1, 2, "made")
    assert fx.new_point(1) is not fx.new_point(1)
    s = lt.Num(2) + 3
    assert type(s) is lt.Num and s.v == 5


# --- panics -------------------------------------------------------------------------------

def test_panics_become_panic_exception():
    P = panic_type()
    with pytest.raises(P, match="panic in new"):
        lt.Panicky(True)
    p = lt.Panicky()
    with pytest.raises(P, match="panic in method"):
        p.boom()
    with pytest.raises(P, match="panic in mut method"):
        p.boom_mut()
    assert p.incr() == 2  # the &mut borrow was released by the unwind
    with pytest.raises(P, match="panic in getter"):
        p.bad
    with pytest.raises(P, match="panic in setter"):
        p.bad = 1
    with pytest.raises(P, match="panic in repr"):
        repr(p)
    with pytest.raises(P, match="panic in len"):
        len(p)
    with pytest.raises(P, match="panic in len"):
        bool(p)
    with pytest.raises(P, match="panic in staticmethod"):
        lt.Panicky.sboom()
    # the interpreter keeps working
    assert p.incr() == 3
    assert lt.add(1, 2) == 3
    assert repr(lt.Point(1, 2)) == "Point(1, 2)"


# --- 300 methods ----------------------------------------------------------------------------

def test_class_with_300_methods():
    names = sorted(n for n in dir(lt.Many) if re.fullmatch(r"m\d{3}", n))
    assert names == ["m%03d" % i for i in range(300)]
    m = lt.Many(1000)
    assert [getattr(m, n)() for n in names] == [1000 + i for i in range(300)]
    assert m.m299(x=1) == 1300 and m.m000(5) == 1005
    assert lt.Many.m150.__doc__ == "A generated method."
    assert str(inspect.signature(m.m042)) == "(x=0)"
