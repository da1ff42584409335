"""Class shapes PyO3 users write (``limptest.tuples``), on every interpreter and both calling
paths:

- tuple structs: a field is a property only with ``#[py(get/set, name = "..")]``, other fields
  are invisible to Python; ``#[new]``, methods, ``#[frozen]``, ``#[eq]``/``#[ord]``/``#[hash]``/
  ``#[repr]`` options, by-value and by-reference arguments, stubs; unit structs;
- a class's Python name (``#[name = ".."]``) in its methods' ``__qualname__``;
- ``#[dict]`` and ``#[weakref]`` on every interpreter (3.7/3.8 through a layout base)."""
import gc
import pickle
import sys
import weakref

import pytest

import limptest
import limptest.tuples as t
from conftest import outcome

PY = sys.version_info[:2]


def test_tuple_struct_properties_only_where_named():
    p = t.TPoint(1, -2, "tag")
    assert (p.x, p.y) == (1, -2)
    public = [a for a in dir(p) if not a.startswith("_")]
    assert public == ["norm1", "origin", "tag", "x", "y"]
    assert p.tag() == "tag" and p.norm1() == 3
    assert t.TPoint.x.__doc__ == "The x coordinate."
    with pytest.raises(AttributeError):
        p.x = 5  # frozen, get only


def test_tuple_struct_options_from_traits():
    a, b = t.TPoint(1, 2, "a"), t.TPoint(1, 3)
    assert a == t.TPoint(1, 2, "a") and a != t.TPoint(1, 2, "b")
    assert a < b and b > a and sorted([b, a]) == [a, b]
    assert hash(a) == hash(t.TPoint(1, 2, "a"))
    assert repr(a) == 'TPoint(1, 2, "a")'
    assert repr(t.TPoint.origin()) == 'TPoint(0, 0, "origin")'
    assert outcome(lambda: a < 1) == (
        "raise", TypeError, "'<' not supported between instances of 'limptest.tuples.TPoint' and 'int'")


def test_tuple_struct_mutable_fields():
    q = t.TPair(3, "ab")
    assert q.first == 3 and q.total() == 3 + 2 + 3
    q.first = 10
    q.second = "xyz"
    assert repr(q) == 'TPair(10, "xyz")' and q.bump(2) == 12
    with pytest.raises(AttributeError, match="not readable"):
        q.second
    with pytest.raises(TypeError):
        q.first = "no"
    assert t.tpair_first(q) == 12  # by value: a clone
    assert not hasattr(q, "__dict__")


def test_tuple_struct_from_rust_and_as_argument():
    p = t.make_tpoint(4, 5)
    assert type(p) is t.TPoint and p.tag() == "rust" and t.tpoint_sum(p) == 9
    assert outcome(lambda: t.tpoint_sum(1)) == ("raise", TypeError, "tpoint_sum() argument 'p' must be TPoint, not int")
    assert t.make_bare(7).value == 7
    assert outcome(lambda: t.Bare(1)) == ("raise", TypeError, "cannot create 'limptest.tuples.Bare' instances")


def test_unit_struct():
    u = t.Unit()
    assert u.hello() == "hello" and type(t.make_unit()) is t.Unit
    assert [a for a in dir(u) if not a.startswith("_")] == ["hello"]


def test_tuple_struct_stubs():
    text = limptest.__limpet_stubs__(files=True)["limptest/tuples.pyi"]
    for needle in (
        "class TPoint:",
        "    def __init__(self, x: int, y: int, tag: str = ...) -> None: ...",
        "    @property\n    def x(self) -> int: ...",
        "    @first.setter\n    def first(self, value: int) -> None: ...",
        "class Unit:",
        "class Bare:\n    @property\n    def value(self) -> int: ...",
    ):
        assert needle in text, needle
    assert "    tag: " not in text and "def tag(self) -> str: ..." in text  # the hidden field


# --- #[dict] / #[weakref] on every version ----------------------------------------------------


def test_dict_class_on_every_version():
    b = t.DictBag(2)
    assert b.__dict__ == {}
    b.x = 1
    assert b.x == 1 and vars(b) == {"x": 1}
    del b.x
    with pytest.raises(AttributeError):
        b.x
    b.__dict__ = {"a": 2}
    assert b.a == 2 and b.n == 2
    with pytest.raises(TypeError):
        b.__dict__ = 5
    assert type(b) is t.DictBag and isinstance(b, t.DictBag) and gc.is_tracked(b)
    assert (t.DictBag.__name__, t.DictBag.__qualname__, t.DictBag.__module__) == ("DictBag", "DictBag", "limptest.tuples")
    assert t.DictBag.__doc__.startswith("`#[dict]` on every version")
    assert outcome(lambda: weakref.ref(b)) == outcome(lambda: weakref.ref(t.PlainBase()))[:2] + (
        "cannot create weak reference to 'limptest.tuples.DictBag' object",)


def test_dict_class_mro():
    mro = t.DictBag.__mro__
    if PY >= (3, 9):
        assert mro == (t.DictBag, object)
    else:  # the layout base (class::dict), the one visible difference
        assert len(mro) == 3 and mro[0] is t.DictBag and mro[2] is object
        assert (mro[1].__module__, mro[1].__qualname__) == ("limpet", "InstanceDict")
    assert t.WeakOnly.__mro__[-1] is object and t.WeakOnly.__mro__[0] is t.WeakOnly


def test_dict_class_instances_from_rust_and_as_arguments():
    r = t.make_bag(5)
    r.y = 2
    assert type(r) is t.DictBag and vars(r) == {"y": 2}
    assert t.bag_n(r) == 5 and t.bag_bump(r) == 6 and r.n == 6 and r.add(1) == 7
    assert r.me() is r
    assert outcome(lambda: t.bag_n(t.PlainBase())) == (
        "raise", TypeError, "bag_n() argument 'b' must be DictBag, not PlainBase")


def test_dict_class_borrow_checking():
    b = t.DictBag(1)
    assert outcome(lambda: b.while_mut(lambda: b.add(1))) == ("raise", RuntimeError, "Already borrowed (DictBag)")
    assert outcome(lambda: b.while_mut(lambda: t.bag_bump(b))) == ("raise", RuntimeError, "Already borrowed (DictBag)")
    assert outcome(lambda: b.while_mut(lambda: b.n)) == ("raise", RuntimeError, "Already mutably borrowed (DictBag)")
    assert b.while_mut(lambda: b.__dict__.setdefault("k", 1)) == 1 and b.k == 1  # the dict is not the Rust value


def test_dict_class_python_subclass_and_extends():
    class Sub(t.DictBag):
        def extra(self):
            return self.n * 10

    s = Sub(3)
    s.z = 1
    assert vars(s) == {"z": 1} and s.add(1) == 4 and s.extra() == 40 and t.bag_n(s) == 4
    assert Sub.__mro__[:2] == (Sub, t.DictBag) and weakref.ref(s)() is s
    c = t.DictBagChild(2, "c")
    c.q = 1
    assert vars(c) == {"q": 1} and c.label == "c" and c.n == 2 and t.bag_n(c) == 2
    assert isinstance(c, t.DictBag) and t.DictBagChild.__mro__[:2] == (t.DictBagChild, t.DictBag)


def test_weakref_class_on_every_version():
    w = t.WeakOnly(3)
    r = weakref.ref(w)
    fired = []
    r2 = weakref.ref(w, lambda _: fired.append(1))
    assert r() is w and weakref.proxy(w).v == 3
    del w
    assert r() is None and r2() is None and fired == [1]
    with pytest.raises(AttributeError):
        t.WeakOnly(1).foo = 1  # no __dict__


def test_dict_weakref_gc_cycle_collected():
    a = t.WeakHolder()
    b = t.WeakHolder(a)
    a.set(b)
    a.me = a
    fired = []
    r = weakref.ref(a, lambda _: fired.append(1))
    del a, b
    gc.collect()
    assert fired == [1] and r() is None


def test_dict_class_pickling_as_a_plain_class():
    # Whatever this interpreter's pickle does with a limpet class's instance, the same for one
    # with a __dict__ (on 3.7/3.8: the layout base's __slots__ leaves no trace).
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        got = outcome(lambda: pickle.loads(pickle.dumps(t.DictBag(1), proto)))
        plain = outcome(lambda: pickle.loads(pickle.dumps(t.PlainBase(), proto)))
        assert got[:2] == plain[:2], proto
        if got[0] == "raise":
            assert got[2] == plain[2].replace("PlainBase", "DictBag"), proto


def test_dict_on_a_base_without_one_needs_39():
    if PY >= (3, 9):
        d = t.DictOnPlain()
        d.x = 1
        assert vars(d) == {"x": 1}
    else:
        with pytest.raises(NotImplementedError, match=r"^class DictOnPlain: #\[dict\] .* needs CPython 3\.9 or newer"):
            t.DictOnPlain


def test_dict_weakref_stubs():
    text = limptest.__limpet_stubs__(files=True)["limptest/tuples.pyi"]
    assert "class DictBag:" in text and "class DictBagChild(DictBag):" in text
    assert "Instance" not in text


# --- the Python name in __qualname__ ----------------------------------------------------------


def test_qualname_uses_python_name():
    Q = t.PyQual
    assert Q.__name__ == Q.__qualname__ == "PyQual" and repr(Q(2)) == "PyQual(2)"
    for attr in ("meth", "stat", "clsm", "doubled", "v", "__repr__", "__add__", "__new__"):
        assert getattr(Q, attr).__qualname__ == "PyQual." + attr, attr
    assert Q(1).meth.__qualname__ == "PyQual.meth" and Q.__dict__["meth"].__qualname__ == "PyQual.meth"
    assert Q.clsm() == "PyQual" and Q(3) + 1 == 4 and Q(1).takes(Q(2), k=3) == 6
    assert Q.takes.__qualname__ == "PyQual.takes" and Q.later.__qualname__ == "PyQual.later"
    text = limptest.__limpet_stubs__(files=True)["limptest/tuples.pyi"]
    assert "class PyQual:" in text and "RustQual" not in text


def test_argument_errors_and_coroutines_use_python_name():
    Q = t.PyQual
    with pytest.raises(TypeError) as e:
        Q(1).takes()
    assert str(e.value) == "PyQual.takes() missing 1 required positional argument: 'other'"
    with pytest.raises(TypeError) as e:
        Q(nope=1)
    assert str(e.value).startswith("PyQual() got an unexpected keyword argument 'nope'")
    c = Q(2).later()
    try:
        assert c.__qualname__ == "PyQual.later"
    finally:
        c.close()
