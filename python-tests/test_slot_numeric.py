"""Typed numeric, item and ``__getattr__`` slots (issue 12, ``class::numslot``).

``NsFinal`` (not ``#[subclass]``) gets typed slots that call its methods directly and
reproduce CPython's ``SLOT1BINFULL``; ``NsSub`` (``#[subclass]``, the same methods) keeps
CPython's own slot functions for its binary dunders (a Python subclass is possible). Every
result, error and the sequence of dunders called (the shared log) must be what pure-Python
twins give: mixed operands (ints, floats, strings, another class, Python subclasses
overriding some dunders), ``NotImplemented`` and exceptions from the bodies, in-place
fallbacks, two- and three-argument ``pow``."""
import operator
import sys

import pytest

import limptest as lt
from conftest import outcome

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is installed in every runner venv")
from hypothesis import given, settings, strategies as st  # noqa: E402

NS = lt.numslots


def _op(self, name, *args):
    """The Rust bodies' `ns_op`: log, then NotImplemented / raise / the call's record."""
    log = self._log if hasattr(type(self), "_log") else type(self).LOG
    v = self.v
    log.append((name, v))
    if v < 0:
        return NotImplemented
    if v == 13:
        raise ValueError("%s raised by 13" % name)
    reprs = []
    for a in args:
        if isinstance(a, str):
            if a == "ni":
                return NotImplemented
            if a == "raise":
                raise ValueError("%s raised" % name)
        reprs.append(repr(a))
    return (name, v, reprs)


def _int_operand(o):
    """What an `i64` parameter of an operand dunder accepts (else NotImplemented)."""
    if type(o) in (int, bool) and -2**63 <= o < 2**63:
        return int(o)
    return NotImplemented


def twin(name):
    """The ns_class! methods as a Python class named like the limpet one."""

    class T:
        __slots__ = ("_v", "_log")

        def __init__(self, v, log):
            self._v = v
            self._log = log

        v = property(lambda self: self._v)

        def __repr__(self):
            return "N(%d)" % self._v

        def __add__(self, o):
            return _op(self, "__add__", o)

        def __radd__(self, o):
            return _op(self, "__radd__", o)

        def __sub__(self, o):
            return _op(self, "__sub__", o)

        def __rmul__(self, o):
            return _op(self, "__rmul__", o)

        def __truediv__(self, o):
            o = _int_operand(o)
            if o is NotImplemented:
                return o
            if o == 0:
                raise ZeroDivisionError("division by zero")
            return self._v / o

        def __rtruediv__(self, o):
            o = _int_operand(o)
            if o is NotImplemented:
                return o
            return o / self._v

        def __pow__(self, o, m=None):
            return _op(self, "__pow__", o) if m is None else _op(self, "__pow__", o, m)

        def __rpow__(self, o, m=None):
            return _op(self, "__rpow__", o) if m is None else _op(self, "__rpow__", o, m)

        def __rlshift__(self, o):
            return _op(self, "__rlshift__", o)

        def __iadd__(self, o):
            return _op(self, "__iadd__", o)

        def __imul__(self, o):
            return _op(self, "__imul__", o)

        def __ipow__(self, o):
            return _op(self, "__ipow__", o)

        def __getitem__(self, k):
            if type(k) in (int, bool):
                if k >= 3 or k < -3:
                    raise IndexError("N index out of range")
                return k * 10
            return _op(self, "__getitem__", k)

        def __setitem__(self, k, value):
            _op(self, "__setitem__", k, value)

        def __getattr__(self, name):
            self._log.append(("__getattr__", self._v))
            if name.startswith("dyn_"):
                return "dyn:" + name[4:]
            if name == "boom":
                raise ValueError("boom")
            raise AttributeError("no " + name)

        def __neg__(self):
            return -self._v

        def __abs__(self):
            return abs(self._v)

        def __invert__(self):
            return ~self._v

        def __index__(self):
            return self._v

        def __float__(self):
            return self._v + 0.5

    T.__name__ = T.__qualname__ = name
    return T


PY_FINAL, PY_SUB = twin("NsFinal"), twin("NsSub")


def subclasses(base, log):
    """Python subclasses of the subclassable class, overriding some dunders or none."""

    class SubR(base):
        LOG = log

        def __radd__(self, o):
            return _op(self, "SubR.__radd__", o)

        def __rsub__(self, o):
            return _op(self, "SubR.__rsub__", o)

        def __mul__(self, o):
            return _op(self, "SubR.__mul__", o)

    class SubA(base):
        LOG = log

        def __add__(self, o):
            return _op(self, "SubA.__add__", o)

        def __rpow__(self, o, m=None):
            return _op(self, "SubA.__rpow__", o) if m is None else _op(self, "SubA.__rpow__", o, m)

    class SubN(base):
        LOG = log

    return {"SubR": SubR, "SubA": SubA, "SubN": SubN}


class Other:
    """An unrelated Python class with some operators: NotImplemented for a negative v."""

    def __init__(self, v, log):
        self.v = v
        self.log = log

    def __repr__(self):
        return "O(%d)" % self.v

    def _rec(self, name, o):
        self.log.append(("O." + name, self.v))
        return NotImplemented if self.v < 0 else ("O." + name, self.v, repr(o))

    def __add__(self, o):
        return self._rec("__add__", o)

    def __radd__(self, o):
        return self._rec("__radd__", o)

    def __rsub__(self, o):
        return self._rec("__rsub__", o)

    def __mul__(self, o):
        return self._rec("__mul__", o)

    def __pow__(self, o, m=None):
        return self._rec("__pow__", o)

    def __rpow__(self, o, m=None):
        return self._rec("__rpow__", o)


class World:
    """One side of the comparison: the limpet classes, or their twins."""

    def __init__(self, final, sub):
        self.log = []
        self.classes = {"Final": final, "Sub": sub, "Other": Other}
        self.classes.update(subclasses(sub, self.log))

    def make(self, spec):
        kind, v = spec
        if kind in self.classes:
            return self.classes[kind](v, self.log)
        return v


def limpet_world():
    return World(NS.NsFinal, NS.NsSub)


def python_world():
    return World(PY_FINAL, PY_SUB)


def normalize(out):
    if out[0] == "raise":
        return ("raise", out[1], out[2].replace("limptest.numslots.", ""))
    return out


BINARY = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "**": operator.pow, "<<": operator.lshift,
    "+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "**=": operator.ipow, "<<=": operator.ilshift,
}
INSTANCE_KINDS = ["Final", "Sub", "SubR", "SubA", "SubN", "Other"]
VS = [-1, 1, 2, 3, 13]
PLAIN = [("int", 1), ("int", -5), ("float", 2.5), ("str", "ni"), ("str", "raise"), ("str", "s"), ("int", 2**70)]

operands = st.one_of(
    st.tuples(st.sampled_from(INSTANCE_KINDS), st.sampled_from(VS)),
    st.sampled_from(PLAIN).map(lambda p: ("plain", p[1])),
)


def both(f, *specs):
    """`f` applied to the operands made in each world: (outcome, log) for limpet and Python."""
    results = []
    for world in (limpet_world(), python_world()):
        args = [world.make(s) for s in specs]
        results.append((normalize(outcome(f, args)), world.log))
    return results


@settings(max_examples=400)
@given(op=st.sampled_from(sorted(BINARY)), a=operands, b=operands)
def test_binary_operators_match_python_twins(op, a, b):
    hypothesis.assume(a[0] != "plain" or b[0] != "plain")
    limpet, python = both(BINARY[op], a, b)
    assert limpet == python, (op, a, b)


@settings(max_examples=200)
@given(a=operands, b=operands, m=st.one_of(operands, st.just(("plain", None))))
def test_three_argument_pow_matches_python_twins(a, b, m):
    hypothesis.assume(a[0] != "plain" or b[0] != "plain" or m[0] != "plain")
    limpet, python = both(pow, a, b, m)
    assert limpet == python, (a, b, m)


@pytest.mark.parametrize("kind", ["Final", "Sub"])
@pytest.mark.parametrize("name", ["__add__", "__radd__", "__sub__", "__rmul__", "__pow__", "__rpow__", "__iadd__"])
@pytest.mark.parametrize("other", [("plain", 1), ("plain", "ni"), ("plain", "raise"), ("Final", 2), ("Other", 1)])
def test_dunders_called_directly_match(kind, name, other):
    limpet, python = both(lambda a, b: getattr(a, name)(b), (kind, 3), other)
    assert limpet == python


@pytest.mark.parametrize("kind", ["Final", "Sub"])
@pytest.mark.parametrize("op", [operator.truediv, operator.itruediv])
@pytest.mark.parametrize("left", [True, False])
@pytest.mark.parametrize("other", [2, 0, True, 2.5, "x", 2**64, -2**63, None])
def test_typed_operand_converts_or_gives_not_implemented(kind, op, left, other):
    """`fn __truediv__(&self, other: i64)`: a value that does not convert is NotImplemented,
    so the error is CPython's `unsupported operand type(s) for /: 'NsFinal' and 'str'`."""
    def f(a):
        return op(a, other) if left else op(other, a)
    limpet, python = both(f, (kind, 3))
    assert limpet == python


def test_unsupported_operand_wording():
    a = NS.NsFinal(1, [])
    with pytest.raises(TypeError, match=r"^unsupported operand type\(s\) for -: 'int' and 'limptest\.numslots\.NsFinal'$"):
        1 - a
    with pytest.raises(TypeError, match=r"^unsupported operand type\(s\) for \*: 'limptest\.numslots\.NsFinal' and 'int'$"):
        a * 1
    with pytest.raises(TypeError, match=r"^unsupported operand type\(s\) for /: 'limptest\.numslots\.NsFinal' and 'str'$"):
        a / "x"
    with pytest.raises(TypeError, match=r"^unsupported operand type\(s\) for \*=: 'limptest\.numslots\.NsFinal' and 'str'$"):
        b = NS.NsFinal(-1, [])
        b *= "x"


@pytest.mark.parametrize("kind", ["Final", "Sub", "SubN", "SubR"])
@pytest.mark.parametrize("f", [
    lambda a: a[0], lambda a: a[-3], lambda a: a[3], lambda a: a["k"], lambda a: a["ni"], lambda a: list(a),
    lambda a: a.__getitem__(1), lambda a: operator.setitem(a, "k", 1), lambda a: operator.setitem(a, 0, "raise"),
    lambda a: operator.delitem(a, "k"), lambda a: 20 in a, lambda a: 5 in a,
], ids=["0", "-3", "3", "k", "ni", "list", "direct", "set", "set-raise", "del", "in", "not-in"])
def test_items_match(kind, f):
    limpet, python = both(f, (kind, 2))
    assert limpet == python
    # `v == 13` raises from the body, `v < 0` returns NotImplemented as an item (a value).
    for v in (13, -1):
        limpet, python = both(f, (kind, v))
        assert limpet == python


@pytest.mark.parametrize("kind", ["Final", "Sub", "SubN", "SubA"])
@pytest.mark.parametrize("f", [
    lambda a: a.dyn_x, lambda a: a.v, lambda a: a.nope, lambda a: a.boom, lambda a: getattr(a, "nope", "dflt"),
    lambda a: hasattr(a, "dyn_q"), lambda a: hasattr(a, "nope"), lambda a: getattr(a, "dyn_" + "z" * 300),
    lambda a: object.__getattribute__(a, "v"), lambda a: type(a).__getattr__(a, "dyn_k"),
    lambda a: getattr(a, 5),
], ids=["dyn", "property", "missing", "raises", "default", "has", "has-not", "long", "object", "direct", "non-str"])
def test_getattr_matches(kind, f):
    limpet, python = both(f, (kind, 2))
    assert limpet == python


@pytest.mark.parametrize("kind", ["Final", "Sub", "SubN"])
@pytest.mark.parametrize("f", [operator.neg, abs, operator.invert, float, operator.index, lambda a: [0, 1, 2, 3][a],
                               operator.pos, int, complex])
def test_unary_match(kind, f):
    for v in (2, -1):
        limpet, python = both(f, (kind, v))
        assert limpet == python


def test_map_typed_item_slots_and_the_general_path_agree():
    """`NsMap` (`&str` key): the slot and the method called through its descriptor give the
    same results and messages; a deletion with `__delitem__` defined deletes."""
    m = NS.NsMap()
    m["a"] = 1
    assert m["a"] == 1 and len(m) == 1
    for f, g in [
        (lambda: m[1], lambda: NS.NsMap.__getitem__(m, 1)),
        (lambda: m["zz"], lambda: NS.NsMap.__getitem__(m, "zz")),
        (lambda: operator.setitem(m, 1, 2), lambda: NS.NsMap.__setitem__(m, 1, 2)),
        (lambda: operator.setitem(m, "b", "x"), lambda: NS.NsMap.__setitem__(m, "b", "x")),
        (lambda: operator.delitem(m, 2), lambda: NS.NsMap.__delitem__(m, 2)),
        (lambda: operator.delitem(m, "zz"), lambda: NS.NsMap.__delitem__(m, "zz")),
    ]:
        assert outcome(f) == outcome(g)
    assert outcome(lambda: m[1])[2] == "NsMap.__getitem__() argument 'key' must be str, not int"
    del m["a"]
    assert len(m) == 0


def test_map_python_subclasses():
    class S(NS.NsMap):
        pass

    class D(NS.NsMap):
        deleted = []

        def __delitem__(self, key):
            D.deleted.append(key)

        def __getitem__(self, key):
            return "D:" + key

    s = S()
    s["a"] = 5
    assert s["a"] == 5
    del s["a"]
    with pytest.raises(KeyError):
        s["a"]
    d = D()
    d["a"] = 1
    assert d["a"] == "D:a"
    del d["a"]
    assert D.deleted == ["a"] and len(d) == 1


def test_typed_slots_are_the_class_slots():
    """NsFinal's binary dunders are methods in its `__dict__` (as a Python class's), not
    CPython's slot wrappers; NsSub keeps its methods too."""
    for cls in (NS.NsFinal, NS.NsSub):
        for name in ("__add__", "__radd__", "__iadd__", "__pow__", "__getitem__", "__setitem__", "__getattr__"):
            assert type(cls.__dict__[name]).__name__ == "method_descriptor", (cls, name)


def test_inplace_with_itself_as_the_general_path():
    """`a += a` (the body's `repr(other)` borrows `a` again): the same borrow error whether
    the slot is typed (NsFinal) or CPython's calling the method (NsSub's binary slots)."""
    outs = []
    for cls in (NS.NsFinal, NS.NsSub):
        a = cls(2, [])
        outs.append(normalize(outcome(operator.iadd, (a, a))))
    assert outs[0][:2] == ("raise", RuntimeError)
    assert outs[0][2].replace("NsFinal", "X") == outs[1][2].replace("NsSub", "X")


def test_bench_class_results():
    c = NS.NsBench(5)
    assert c + 1 == 6 and 1 + c == 6 and c[2] == 7 and c.attr == 5 and -c == -5 and 5 in c and 4 not in c
    with pytest.raises(AttributeError):
        c.other
    d = c
    d += 1
    assert d is None


def test_ipow_between_two_classes():
    """Before 3.10 `**=` calls the right operand's `nb_inplace_power` with the left operand
    first: the class keeps CPython's slot function there (typed from 3.10)."""
    limpet, python = both(operator.ipow, ("Final", -1), ("Sub", -1))
    assert limpet == python
