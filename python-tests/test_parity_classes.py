"""Class shapes PyO3 users write (``limptest.tuples``), on every interpreter and both calling
paths:

- tuple structs: a field is a property only with ``#[py(get/set, name = "..")]``, other fields
  are invisible to Python; ``#[new]``, methods, ``#[frozen]``, ``#[eq]``/``#[ord]``/``#[hash]``/
  ``#[repr]`` options, by-value and by-reference arguments, stubs; unit structs;
- a class's Python name (``#[name = ".."]``) in its methods' ``__qualname__``;
- ``#[dict]`` and ``#[weakref]`` on every interpreter (3.7/3.8 through a layout base)."""
import pickle

import pytest

import limptest
import limptest.tuples as t
from conftest import outcome


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
