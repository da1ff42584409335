"""The typed slot shims and direct ``METH_NOARGS`` methods (issue 12) give what the general
path gives: ``len``/``hash``/``bool``/``in``/``repr`` of a limpet class whose dunders return
Rust integers and bools (converted directly, no Python int) are compared with a pure-Python
class returning the same values (results, exception types, CPython's messages), and with
calling the dunder as a method (the argument-binding path)."""
import pytest

import limptest as lt
from conftest import outcome


class Twin:
    def __init__(self, v):
        self.v = v

    def __len__(self):
        return self.v

    def __hash__(self):
        return self.v

    def __bool__(self):
        return self.v


Twin.__name__ = Twin.__qualname__ = "FastU64"
Twin.__module__ = "limptest"

I64 = [0, 1, 7, -1, -2, -(2 ** 63), 2 ** 63 - 1, 2 ** 31, -(2 ** 31) - 1]
U64 = [0, 1, 2 ** 31, 2 ** 63 - 1, 2 ** 63, 2 ** 64 - 1]


@pytest.mark.parametrize("v", I64)
def test_len_int(v):
    assert outcome(len, (lt.FastInt(v),)) == outcome(len, (Twin(v),))


@pytest.mark.parametrize("v", U64)
def test_len_usize(v):
    got = outcome(len, (lt.FastU64(v),))
    assert got == outcome(len, (Twin(v),))
    if v >= 2 ** 63:
        assert got[1:] == (OverflowError, "cannot fit 'int' into an index-sized integer")


def test_len_negative_message():
    assert outcome(len, (lt.FastInt(-5),)) == ("raise", ValueError, "__len__() should return >= 0")


@pytest.mark.parametrize("v", I64)
def test_hash_int(v):
    assert outcome(hash, (lt.FastInt(v),)) == outcome(hash, (Twin(v),))


def test_hash_minus_one_is_minus_two():
    assert hash(lt.FastInt(-1)) == -2 == hash(Twin(-1))


@pytest.mark.parametrize("v", U64)
def test_hash_u64_wider_than_hash_t(v):
    assert outcome(hash, (lt.FastU64(v),)) == outcome(hash, (Twin(v),))


@pytest.mark.parametrize("v", [0, 1, 5])
def test_bool_result(v):
    assert bool(lt.FastInt(v)) is bool(v)


def test_bool_error():
    assert outcome(bool, (lt.FastInt(99),)) == ("raise", ValueError, "no truth")


@pytest.mark.parametrize("v", [0, 1, 2 ** 64 - 1])
def test_bool_of_int_is_typeerror(v):
    # Not a bool: CPython's TypeError, with its words on this version.
    got = outcome(bool, (lt.FastU64(v),))
    assert got[:2] == ("raise", TypeError)
    assert got == outcome(bool, (Twin(v),))


@pytest.mark.parametrize("v,item", [(5, 5), (5, 4), (0, 0)])
def test_contains_int_result(v, item):
    assert (item in lt.FastInt(v)) is bool(v - item)
    assert lt.FastInt(v).__contains__(item) == v - item


def test_contains_argument_error_same_as_method():
    c = lt.FastInt(1)
    direct = outcome(lambda: "x" in c)
    method = outcome(c.__contains__, ("x",))
    assert direct[:2] == ("raise", TypeError)
    assert direct == method


def test_method_path_agrees():
    c = lt.FastInt(7)
    assert (len(c), c.__len__()) == (7, 7)
    assert (hash(c), c.__hash__()) == (7, 7)
    assert repr(c) == c.__repr__() == "FastInt(7)"
    assert c.bump() == 8 and len(c) == 8
    assert c.with_py() == 8


def test_noargs_methods_reject_foreign_self():
    # CPython's method descriptor checks the receiver before our shim runs.
    for call in (lambda: lt.FastInt.bump(1), lambda: lt.FastInt.__len__("x"), lambda: lt.FastMut.touch(lt.FastInt(1))):
        got = outcome(call)
        assert got[:2] == ("raise", TypeError), got
    assert outcome(lambda: lt.FastInt.bump()) [:2] == ("raise", TypeError)


def test_subclass_instances_use_the_slots():
    class Sub(lt.FastMut):
        pass

    s = Sub(3)
    assert len(s) == 3 and len(s) == 4
    assert repr(s) == "FastMut(5)"


def test_mut_slot_borrow_conflict():
    m = lt.FastMut(0)
    assert len(m) == 0 and len(m) == 1
    # `__contains__` holds a shared borrow while the callback asks `len` for an exclusive one.
    got = outcome(lambda: (lambda: len(m)) in m)
    assert got == ("raise", RuntimeError, "Already borrowed (FastMut)")
    got = outcome(m.hold, (lambda: repr(m),))
    assert got == ("raise", RuntimeError, "Already borrowed (FastMut)")
    got = outcome(m.hold, (m.touch,))
    assert got == ("raise", RuntimeError, "Already borrowed (FastMut)")
    # Released after each error.
    assert m.touch() == 2 and repr(m) == "FastMut(2)"


def test_hygiene_names():
    c = lt.FastInt(3)
    assert c.v == 3 and c.field_v() == -3
    assert c.tuple(4) == 7 and c.tuple(body=4) == 7
    assert c.body(5) == 10 and c.body(fast=5, hints=3) == 15
    assert c.fast() == "fast" and c.noargs() == 0
    assert c.hints(9) == 9 and c.hints(holder=9, tuple=4) == 5
