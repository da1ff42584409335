"""What a dunder returns, checked as CPython checks a Python class's: every typed slot of
``limptest.SlotRet`` returns the object given to its constructor, and ``Twin`` is the same
class in pure Python, named as CPython names the limpet class in messages (``tp_name``
``limptest.SlotRet``; ``%T`` ``limptest.SlotRet`` on 3.15, which reworded these messages), so
results, exception types and messages are compared exactly on each interpreter.

Also: comparisons and operators whose other operand is the receiver itself, where a borrow
conflict must be the ``RuntimeError`` it is everywhere, not ``NotImplemented``."""
import collections
import decimal
import operator
import re

import pytest

import limptest as lt
from conftest import outcome


class Twin:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        return self.v

    def __hash__(self):
        return self.v

    def __len__(self):
        return self.v

    def __repr__(self):
        return self.v

    def __str__(self):
        return self.v

    def __index__(self):
        return self.v

    def __int__(self):
        return self.v

    def __float__(self):
        return self.v

    def __complex__(self):
        return self.v

    def __bytes__(self):
        return self.v

    def __iter__(self):
        return self.v

    def __length_hint__(self):
        return self.v

    def __contains__(self, item):
        return self.v

    def __format__(self, spec):
        return self.v


# A heap type's tp_name is its __name__: the limpet class's is its spec name.
Twin.__name__ = "limptest.SlotRet"
Twin.__qualname__ = "SlotRet"
Twin.__module__ = "limptest"


class IntSub(int):
    """An int subclass whose own __hash__ CPython ignores for a __hash__ result."""

    def __hash__(self):
        return 7


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class Plain:
    pass


def same(f, v, make=lt.SlotRet, twin=Twin):
    got, want = outcome(f, (make(v),)), outcome(f, (twin(v),))
    assert got == want, (v, got, want)
    return got


HASH_VALUES = [
    0, 1, -1, -2, 2**61 - 1, 2**61, 2**62, 2**63 - 1, 2**63, 2**64, 2**64 + 5, -(2**63), -(2**63) - 1,
    -(2**64), 10**40, -(10**40), True, False, IntSub(5), IntSub(-1), IntSub(2**64 + 5), IntSub(-(2**70)),
    "s", None, 1.5, 2.0, b"x", Plain(),
]


@pytest.mark.parametrize("v", HASH_VALUES, ids=repr)
def test_hash_result(v):
    same(hash, v)


def test_hash_result_examples():
    # The reported cases: 2**62 was hashed a second time (hash 2); a str was accepted.
    assert hash(lt.SlotRet(2**62)) == 2**62
    assert hash(lt.SlotRet(-1)) == -2
    assert hash(lt.SlotRet(2**64)) == hash(2**64)
    with pytest.raises(TypeError, match=r"^__hash__ method should return an integer$"):
        hash(lt.SlotRet("s"))
    with pytest.raises(TypeError, match=r"^__hash__ method should return an integer$"):
        hash(lt.SlotRet(None))


@pytest.mark.parametrize("h", [0, -1, 2**62, 2**63 - 1, 2**63, 2**64 + 5, -(2**63) - 1, -(2**100)], ids=repr)
def test_hash_of_rust_integer(h):
    # A typed Rust result (i128) is the same int a Python __hash__ would return.
    assert outcome(hash, (lt.SlotTyped(h),)) == outcome(hash, (Twin(h),))


def test_hash_none_class_attribute():
    class HashNone:
        __hash__ = None

    HashNone.__name__ = "limptest.HashNone"
    assert lt.HashNone.__hash__ is None
    assert outcome(hash, (lt.HashNone(1),)) == outcome(hash, (HashNone(),))
    assert not isinstance(lt.HashNone(1), collections.abc.Hashable)


BOOL_VALUES = [
    True, False, 1, 0, -1, 2**70, "s", "", None, 1.5, 0.0, b"", [], IntSub(1), Plain(), collections.OrderedDict(),
    decimal.Decimal(1), lt.CmpRef(1), lt.Bag(),
]


@pytest.mark.parametrize("v", BOOL_VALUES, ids=lambda v: type(v).__name__ + repr(v)[:20])
def test_bool_result(v):
    same(bool, v)


@pytest.mark.parametrize("f", [bool, hash, len], ids=lambda f: f.__name__)
@pytest.mark.parametrize("v", ["s", None, 2**64, -1, True], ids=repr)
def test_results_in_python_subclass(f, v):
    # A Python subclass inherits the slot: messages name the subclass (3.15).
    sub, twin_sub = type("Sub", (lt.SlotRet,), {}), type("Sub", (Twin,), {})
    assert outcome(f, (sub(v),)) == outcome(f, (twin_sub(v),))


def test_bool_result_examples():
    assert bool(lt.SlotRet(True)) is True and bool(lt.SlotRet(False)) is False
    with pytest.raises(TypeError):
        bool(lt.SlotRet(1))
    with pytest.raises(TypeError):
        bool(lt.SlotRet(None))
    # `not` and `if` go through the same slot.
    with pytest.raises(TypeError):
        not lt.SlotRet("s")  # noqa: B015


LEN_VALUES = [
    0, 5, -1, -5, 2**63 - 1, 2**63, 2**70, -(2**63), -(2**63) - 1, -(2**70), True, False, IntSub(3), IntSub(-3),
    IntSub(2**70), "s", None, 1.5, Plain(), Idx(4), Idx(-4), Idx(2**70), Idx(-(2**70)), Idx("s"),
]


@pytest.mark.parametrize("v", LEN_VALUES, ids=lambda v: type(v).__name__ + repr(v)[:20])
def test_len_result(v):
    same(len, v)
    # truthiness of a class with __len__ only comes from the same slot (here via __bool__ of
    # SlotRet, so check len() and operator.length_hint(), which calls __len__ first).
    same(operator.length_hint, v)


@pytest.mark.parametrize("h", [0, 7, -1, 2**63 - 1, 2**63, -(2**70)], ids=repr)
def test_len_of_rust_integer(h):
    assert outcome(len, (lt.SlotTyped(h),)) == outcome(len, (Twin(h),))


def test_len_result_examples():
    with pytest.raises(ValueError, match=r"^__len__\(\) should return >= 0$"):
        len(lt.SlotRet(-(2**70)))  # was OverflowError
    with pytest.raises(OverflowError):
        len(lt.SlotRet(2**70))


OTHER = [
    ("repr", repr), ("str", str), ("iter", iter), ("index", operator.index), ("int", int), ("float", float),
    ("complex", complex), ("bytes", bytes), ("contains", lambda o: 1 in o), ("format", format),
]
OTHER_VALUES = ["s", "", 1, 0, 1.5, None, b"x", 1j, True, IntSub(2), Plain(), iter(())]


@pytest.mark.parametrize("name,f", OTHER, ids=[n for n, _ in OTHER])
@pytest.mark.parametrize("v", OTHER_VALUES, ids=lambda v: type(v).__name__ + repr(v)[:20])
def test_other_typed_results(name, f, v):
    got, want = outcome(f, (lt.SlotRet(v),)), outcome(f, (Twin(v),))
    if name == "iter" and got[0] == "ok":
        assert want[0] == "ok" and got[1] is want[1]
        return
    assert got == want, (v, got, want)


# --- borrow conflicts in comparisons and operators --------------------------------------------


class CmpTwin:
    """What ``CmpMut`` is without the borrow: NotImplemented for another type."""

    def __init__(self, v):
        self.v = v

    def _cmp(self, other, op):
        if not isinstance(other, CmpTwin):
            return NotImplemented
        return op(self.v, other.v)

    def __eq__(self, other):
        return self._cmp(other, operator.eq)

    def __ne__(self, other):
        return self._cmp(other, operator.ne)

    def __lt__(self, other):
        return self._cmp(other, operator.lt)

    def __le__(self, other):
        return self._cmp(other, operator.le)

    def __gt__(self, other):
        return self._cmp(other, operator.gt)

    def __ge__(self, other):
        return self._cmp(other, operator.ge)


CmpTwin.__name__ = "limptest.CmpMut"

OPS = ["==", "!=", "<", "<=", ">", ">="]


@pytest.mark.parametrize("op", OPS)
def test_richcmp_mut_other_with_itself_is_a_borrow_conflict(op):
    m = lt.CmpMut(1)
    with pytest.raises(RuntimeError, match=r"^Already borrowed \(CmpMut\)$"):
        eval("m %s m" % op)
    # The conflict ends with the call: the object is usable again.
    assert m.v == 1 and eval("m %s lt.CmpMut(1)" % op) == eval("1 %s 1" % op)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("other", [1, "x", None, lt.CmpRef(1)], ids=repr)
def test_richcmp_other_type_is_not_implemented(op, other):
    expr = "a %s b" % op
    got = outcome(lambda: eval(expr, {"a": lt.CmpMut(1), "b": other}))
    want = outcome(lambda: eval(expr, {"a": CmpTwin(1), "b": other}))
    assert got == want


def test_richcmp_shared_other_with_itself():
    r = lt.CmpRef(2)
    assert r == r and r <= r and not r < r


def test_richcmp_other_out_of_range_is_not_implemented():
    c = lt.CmpSmall(3)
    assert c == 3 and c != 1000 and not (c == 1000) and c != -1 and not (c == "x")
    with pytest.raises(TypeError, match="not supported between instances of"):
        c < 1000  # noqa: B015


def test_richcmp_identity_shortcut_untouched():
    m = lt.CmpMut(1)
    assert m in [m] and [m] == [m]


@pytest.mark.parametrize(
    "expr,msg",
    [
        ("o + o", "Already borrowed (OpMut)"),
        ("o == o", "Already borrowed (OpMut)"),
        ("o < o", "Already borrowed (OpMut)"),
    ],
)
def test_binary_dunder_mut_other_with_itself_is_a_borrow_conflict(expr, msg):
    o = lt.OpMut(2)
    with pytest.raises(RuntimeError, match="^%s$" % re.escape(msg)):
        eval(expr)
    assert o + lt.OpMut(3) == 5


def test_inplace_dunder_with_itself_is_a_borrow_conflict():
    o = lt.OpMut(2)
    with pytest.raises(RuntimeError, match=r"^Already mutably borrowed \(OpMut\)$"):
        o += o
    assert o.v == 2 and o + lt.OpMut(3) == 5
