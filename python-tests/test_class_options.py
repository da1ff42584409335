"""Class options (`class!` header attributes): `#[eq]`, `#[ord]`, `#[hash]`, `#[str]`, `#[repr]`
derived from the struct's Rust traits, `#[name = ".."]` and `#[module = ".."]`.

Comparisons and hashing are compared with pure-Python twins written as a Python programmer
would (NotImplemented for other types). A class built from a spec has the dotted spec name as
its C `tp_name`, which CPython's messages print; each twin is given that name, so messages
compare equal as they are."""
import math
import pickle
import sys

import pytest

import limptest
from conftest import outcome

o = limptest.options


class EqTwin:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        if not isinstance(other, EqTwin):
            return NotImplemented
        return self.v == other.v


class OrdTwin:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        if not isinstance(other, OrdTwin):
            return NotImplemented
        return self.v == other.v

    def __lt__(self, other):
        if not isinstance(other, OrdTwin):
            return NotImplemented
        return self.v < other.v

    def __le__(self, other):
        if not isinstance(other, OrdTwin):
            return NotImplemented
        return self.v <= other.v

    def __gt__(self, other):
        if not isinstance(other, OrdTwin):
            return NotImplemented
        return self.v > other.v

    def __ge__(self, other):
        if not isinstance(other, OrdTwin):
            return NotImplemented
        return self.v >= other.v


EqTwin.__name__ = "limptest.options.OptEq"
OrdTwin.__name__ = "limptest.options.OptOrd"


class Stranger:
    """Another type whose reflected comparisons answer."""

    def __eq__(self, other):
        return "stranger-eq"

    def __ne__(self, other):
        return "stranger-ne"

    def __gt__(self, other):
        return "stranger-gt"


OPS = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def both(cls, twin, op, x, y):
    """The outcome of `x op y` for the extension class and for its twin (ints wrapped)."""
    wrap = lambda k, v: k(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v  # noqa: E731
    got = outcome(OPS[op], (wrap(cls, x[0]) if isinstance(x, tuple) else x, wrap(cls, y[0]) if isinstance(y, tuple) else y))
    want = outcome(OPS[op], (wrap(twin, x[0]) if isinstance(x, tuple) else x, wrap(twin, y[0]) if isinstance(y, tuple) else y))
    return got, want


OTHERS = [1, "a", None, 1.5, Stranger()]


# --- #[eq] --------------------------------------------------------------------------------

@pytest.mark.parametrize("op", ["==", "!="])
@pytest.mark.parametrize("a,b", [(1, 1), (1, 2), (-5, -5)])
def test_eq_between_instances_like_python(op, a, b):
    got, want = both(o.OptEq, EqTwin, op, (a,), (b,))
    assert got == want


@pytest.mark.parametrize("op", list(OPS))
@pytest.mark.parametrize("other", OTHERS, ids=repr)
def test_eq_with_other_types_like_python(op, other):
    for a, b in [((1,), other), (other, (1,))]:
        got, want = both(o.OptEq, EqTwin, op, a, b)
        assert got == want


def test_eq_dunders_return_not_implemented():
    a = o.OptEq(1)
    assert a.__eq__(1) is NotImplemented
    assert a.__ne__("x") is NotImplemented
    assert a.__lt__(o.OptEq(2)) is NotImplemented
    assert a.__eq__(o.OptEq(1)) is True
    assert a.__ne__(o.OptEq(1)) is False
    assert a == a


def test_eq_without_hash_is_unhashable_like_python():
    assert o.OptEq.__hash__ is None and EqTwin.__hash__ is None
    assert outcome(hash, (o.OptEq(1),)) == outcome(hash, (EqTwin(1),))
    with pytest.raises(TypeError, match="unhashable type"):
        {o.OptEq(1)}


def test_eq_in_python_subclass():
    class Sub(o.OptEq):
        pass

    class Own(o.OptEq):
        def __eq__(self, other):
            return "own"

    assert Sub(3) == o.OptEq(3) and o.OptEq(3) == Sub(3) and Sub(3) != Sub(4)
    # a subclass overriding __eq__ is asked first (CPython's reflected-first rule)
    assert (o.OptEq(1) == Own(2)) == "own"
    assert Sub.__hash__ is None


def test_eq_list_membership_and_count():
    items = [o.OptEq(i) for i in range(5)]
    assert o.OptEq(3) in items and o.OptEq(9) not in items
    assert items.index(o.OptEq(4)) == 4
    assert [o.OptEq(1), o.OptEq(1), 1].count(o.OptEq(1)) == 2


# --- #[ord] -------------------------------------------------------------------------------

@pytest.mark.parametrize("op", list(OPS))
@pytest.mark.parametrize("a,b", [(1.0, 2.0), (2.0, 1.0), (1.5, 1.5), (math.nan, 1.0), (1.0, math.nan), (math.nan, math.nan)])
def test_ord_between_instances_like_python(op, a, b):
    got, want = both(o.OptOrd, OrdTwin, op, (a,), (b,))
    assert got == want


@pytest.mark.parametrize("op", list(OPS))
@pytest.mark.parametrize("other", OTHERS, ids=repr)
def test_ord_with_other_types_like_python(op, other):
    """Unrelated types: the reflected dunder, else CPython's TypeError (same message)."""
    for a, b in [((1.0,), other), (other, (1.0,))]:
        got, want = both(o.OptOrd, OrdTwin, op, a, b)
        assert got == want


def test_ord_sorting_min_max():
    values = [3.0, -1.0, 2.5, 0.0]
    got = [x.v for x in sorted(o.OptOrd(v) for v in values)]
    assert got == sorted(values)
    assert max(map(o.OptOrd, values)).v == 3.0 and min(map(o.OptOrd, values)).v == -1.0
    assert o.OptOrd.__hash__ is None


def test_ord_message_names_the_class():
    with pytest.raises(TypeError) as e:
        o.OptOrd(1.0) < 1  # noqa: B015
    assert str(e.value) == "'<' not supported between instances of 'limptest.options.OptOrd' and 'int'"


# --- #[hash] ------------------------------------------------------------------------------

def test_hash_from_rust_hash():
    a, b, c = o.OptHash("k", 1), o.OptHash("k", 1), o.OptHash("k", 2)
    assert hash(a) == hash(b) and a == b and a != c
    assert isinstance(hash(a), int) and hash(a) != -1
    assert len({a, b, c}) == 2
    d = {a: "first"}
    d[b] = "second"
    assert d == {o.OptHash("k", 1): "second"}
    assert o.OptHash.__hash__ is not None
    assert a.__hash__() == hash(a)


# --- #[str] / #[repr] ---------------------------------------------------------------------

def test_str_from_display_repr_from_debug():
    t = o.OptText(7, 'say "hi"')
    assert str(t) == '7 and say "hi"'
    assert repr(t) == 'OptText { a: 7, b: "say \\"hi\\"" }'
    assert "%s|%r" % (t, t) == str(t) + "|" + repr(t)
    assert format(t) == str(t) and f"{t!r}" == repr(t)
    assert [t].__repr__() == "[" + repr(t) + "]"


def test_options_leave_other_classes_alone():
    # no option: object's defaults (identity equality, hashable, default repr)
    p = o.Pretty(1)
    assert p != o.Pretty(1) and p == p and hash(p) == hash(p)
    assert repr(p).startswith("<limptest.Pretty object at ") and str(p) == repr(p)


# --- #[name] / #[module] ------------------------------------------------------------------

def test_python_name_and_module():
    P = o.Pretty
    assert P.__name__ == "Pretty" and P.__qualname__ == "Pretty" and P.__module__ == "limptest"
    assert repr(P) == "<class 'limptest.Pretty'>"
    assert not hasattr(o, "Renamed")
    assert P(2).echo(P(3)) == 5
    assert type(o.make_pretty(4)) is P and o.make_pretty(4).v == 4
    assert o.pretty_v(P(9)) == 9
    # the signature line of the doc names the Python name (CPython strips it into the signature)
    # (CPython < 3.10 drops a heap type's __text_signature__)
    assert P.__doc__.startswith("A Python name")
    assert getattr(P, "__text_signature__", None) == ("(v)" if sys.version_info >= (3, 10) else None)


def test_python_name_in_error_messages():
    assert outcome(o.pretty_v, (1,)) == ("raise", TypeError, "pretty_v() argument 'p' must be Pretty, not int")


def test_module_override_pickles_where_reexported(monkeypatch):
    # `__module__` names the package that re-exports the class: pickle finds it there
    with pytest.raises((pickle.PicklingError, AttributeError)):
        pickle.dumps(o.Pretty(5))
    monkeypatch.setattr(limptest, "Pretty", o.Pretty, raising=False)
    back = pickle.loads(pickle.dumps(o.Pretty(5)))
    assert type(back) is o.Pretty and back.v == 5


# --- stubs --------------------------------------------------------------------------------

STUB = limptest.__limpet_stubs__(files=True)["limptest/options.pyi"]


def test_stub_of_options():
    assert "\nclass OptEq:\n" in STUB and "\nclass Pretty:\n" in STUB and "Renamed" not in STUB
    assert "def pretty_v(p: Pretty) -> int: ..." in STUB
    assert "def make_pretty(v: int) -> Pretty: ..." in STUB
    eq = STUB.split("class OptEq:")[1].split("\nclass ")[0]
    assert "    def __eq__(self, other: object) -> bool: ..." in eq
    assert "    __hash__: typing.ClassVar[None]  # type: ignore[assignment]" in eq
    ordered = STUB.split("class OptOrd:")[1].split("\nclass ")[0]
    for op in ["__lt__", "__le__", "__gt__", "__ge__"]:
        assert "    def %s(self, other: OptOrd) -> bool: ..." % op in ordered
    hashed = STUB.split("class OptHash:")[1].split("\nclass ")[0]
    assert "__hash__" not in hashed and "def __eq__" in hashed
