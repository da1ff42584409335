"""Conversions both ways: boundaries, accepted and refused types, exact messages.

Where Python has a reference (``operator.index``, ``float``, ``str.encode``, ``ord``,
``struct``), limpet's behaviour is compared with it.
"""
import collections
import math
import operator
import struct
import sys

import pytest

import limptest as lt

INT_TYPES = {
    "i8": (-(2**7), 2**7 - 1),
    "i16": (-(2**15), 2**15 - 1),
    "i32": (-(2**31), 2**31 - 1),
    "i64": (-(2**63), 2**63 - 1),
    "isize": (-(2 ** (struct.calcsize("P") * 8 - 1)), 2 ** (struct.calcsize("P") * 8 - 1) - 1),
    "i128": (-(2**127), 2**127 - 1),
    "u8": (0, 2**8 - 1),
    "u16": (0, 2**16 - 1),
    "u32": (0, 2**32 - 1),
    "u64": (0, 2**64 - 1),
    "usize": (0, 2 ** (struct.calcsize("P") * 8) - 1),
    "u128": (0, 2**128 - 1),
}


class Index:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class MyInt(int):
    pass


@pytest.mark.parametrize("t", sorted(INT_TYPES))
def test_int_boundaries(t):
    f = getattr(lt, "echo_" + t)
    lo, hi = INT_TYPES[t]
    for v in (0, 1, lo, hi, hi - 1, lo + 1, hi // 3, 127, -1 if lo < 0 else 2):
        r = f(v)
        assert r == v and type(r) is int, v
    # the converter's message, behind the function and argument (issue 11)
    arg = "echo_%s() argument 'x': " % t
    with pytest.raises(OverflowError) as info:
        f(hi + 1)
    assert str(info.value) == arg + "Python int too large to convert to %s" % t
    with pytest.raises(OverflowError) as info:
        f(lo - 1)
    expected = "can't convert negative int to unsigned" if lo == 0 else "Python int too large to convert to %s" % t
    assert str(info.value) == arg + expected
    for huge in (2**200, -(2**200)):
        with pytest.raises(OverflowError):
            f(huge)


def test_int_limits_from_rust():
    for name, lo, hi in lt.int_limits():
        assert (lo, hi) == INT_TYPES[name], name


@pytest.mark.parametrize("t", sorted(INT_TYPES))
def test_int_accepts_index_bool_and_subclasses(t):
    f = getattr(lt, "echo_" + t)
    hi = INT_TYPES[t][1]
    assert f(Index(7)) == 7
    assert f(Index(hi)) == hi
    assert f(True) == 1 and type(f(True)) is int
    r = f(MyInt(5))
    assert r == 5 and type(r) is int
    with pytest.raises(OverflowError):
        f(Index(hi + 1))


@pytest.mark.parametrize("t", sorted(INT_TYPES))
@pytest.mark.parametrize("bad", [1.5, 2.0, "3", b"4", None, [], 1j])
def test_int_refuses_like_operator_index(t, bad):
    """The message is operator.index's (CPython's), behind the argument's name."""
    f = getattr(lt, "echo_" + t)
    with pytest.raises(TypeError) as ref:
        operator.index(bad)
    with pytest.raises(TypeError) as info:
        f(bad)
    assert str(info.value) == "echo_%s() argument 'x': %s" % (t, ref.value)
    assert isinstance(info.value.__cause__, TypeError)
    assert str(info.value.__cause__) == str(ref.value)


def test_float_rejected_for_int_message():
    with pytest.raises(TypeError) as info:
        lt.echo_i64(1.5)
    assert str(info.value) == "echo_i64() argument 'x': 'float' object cannot be interpreted as an integer"


def test_index_errors_propagate():
    class Bad:
        def __index__(self):
            raise ZeroDivisionError("from __index__")

    class NotInt:
        def __index__(self):
            return "x"

    with pytest.raises(ZeroDivisionError, match="from __index__"):
        lt.echo_i32(Bad())
    for f in (lt.echo_i64, lt.echo_u128):
        with pytest.raises(TypeError) as ref:
            operator.index(NotInt())
        with pytest.raises(TypeError) as info:
            f(NotInt())
        assert str(info.value).endswith(str(ref.value))


def test_i128_u128_mixed_bits():
    for v in (2**64, 2**64 + 1, 2**100 + 12345, -(2**64), -(2**100) - 7, 2**127 - 2**63, -(2**127) + 1):
        assert lt.echo_i128(v) == v
    for v in (2**64, 2**64 - 1, 2**100 + 12345, 2**128 - 2, 2**127):
        assert lt.echo_u128(v) == v
    with pytest.raises(OverflowError, match="negative"):
        lt.echo_u128(-(2**100))
    assert lt.echo_i128(Index(2**100)) == 2**100


def test_float_round_trips():
    for v in (0.0, 1.5, -2.25, sys.float_info.max, sys.float_info.min, 5e-324, math.pi):
        assert lt.echo_f64(v) == v
    assert math.isnan(lt.echo_f64(float("nan")))
    assert lt.echo_f64(float("inf")) == float("inf")
    assert lt.echo_f64(float("-inf")) == float("-inf")
    z = lt.echo_f64(-0.0)
    assert z == 0.0 and math.copysign(1.0, z) == -1.0
    nan, inf, ninf, nz, f32max = lt.special_floats()
    assert math.isnan(nan) and inf == float("inf") and ninf == float("-inf")
    assert math.copysign(1.0, nz) == -1.0
    assert f32max == struct.unpack("f", struct.pack("f", 3.4028234663852886e38))[0]


@pytest.mark.parametrize("v", [1, -7, 2**53 + 1, 10**300, True, Index(3)])
def test_float_accepts_like_float(v):
    """Anything float() takes numerically; same result (or same refusal: __index__ on 3.7)."""
    from conftest import outcome

    ref = outcome(float, (v,))
    got = outcome(lt.echo_f64, (v,))
    if ref[0] == "ok":
        assert got == ref and type(got[1]) is float
    else:
        assert got[0] == "raise" and got[1] is ref[1]


def test_float_too_large_int():
    with pytest.raises(OverflowError) as ref:
        float(10**400)
    with pytest.raises(OverflowError) as info:
        lt.echo_f64(10**400)
    assert str(info.value) == "echo_f64() argument 'x': " + str(ref.value)


def test_float_dunder_float():
    class F:
        def __float__(self):
            return 2.5

    assert lt.echo_f64(F()) == 2.5
    assert lt.echo_f32(F()) == 2.5


@pytest.mark.parametrize("bad", ["1.0", None, [], b"x"])
def test_float_refuses_non_numbers(bad):
    with pytest.raises(TypeError) as info:
        lt.echo_f64(bad)
    assert str(info.value) == "echo_f64() argument 'x': must be real number, not %s" % type(bad).__name__


def test_f32_rounding_matches_struct():
    for v in (0.1, 1 / 3, 1e-40, -123.456, 16777217.0, 3.4028234663852886e38):
        assert lt.echo_f32(v) == struct.unpack("f", struct.pack("f", v))[0]
    assert math.isnan(lt.echo_f32(float("nan")))
    assert lt.echo_f32(float("-inf")) == float("-inf")


def test_bool():
    assert lt.echo_bool(True) is True
    assert lt.echo_bool(False) is False
    for bad, name in ((1, "int"), (None, "NoneType"), ("", "str"), (0.0, "float")):
        with pytest.raises(TypeError) as info:
            lt.echo_bool(bad)
        assert str(info.value) == "echo_bool() argument 'x' must be bool, not %s" % name


TEXTS = ["", "a", "héllo", "中文", "😀", "a\x00b", "\U0010ffff", "x" * 100000 + "😀"]


@pytest.mark.parametrize("f", [lt.echo_str, lt.echo_string])
def test_str_round_trip(f):
    for s in TEXTS:
        r = f(s)
        assert r == s and type(r) is str

    class S(str):
        pass

    r = f(S("sub"))
    assert r == "sub" and type(r) is str
    assert lt.make_text() == "a\u00e9\u4e2d\U0001f600"


def test_str_lengths_match_python():
    for s in TEXTS:
        assert lt.str_lengths(s) == (len(s), len(s.encode("utf-8")))


@pytest.mark.parametrize("f", [lt.echo_str, lt.echo_string, lt.echo_char, lt.echo_opt_str])
def test_lone_surrogate_is_unicode_encode_error(f):
    for s in ("\ud800", "a\udfffb"):
        with pytest.raises(UnicodeEncodeError) as ref:
            s.encode("utf-8")
        with pytest.raises(UnicodeEncodeError) as info:
            f(s)
        assert str(info.value) == str(ref.value)


@pytest.mark.parametrize(
    "name", ["echo_str", "echo_string", "echo_char", "echo_opt_str", "echo_opt_string"]
)
@pytest.mark.parametrize("bad", [1, b"x", bytearray(b"x"), ["a"], 1.0])
def test_str_refuses_other_types(name, bad):
    with pytest.raises(TypeError) as info:
        getattr(lt, name)(bad)
    assert str(info.value) == "%s() argument 'x' must be str, not %s" % (name, type(bad).__name__)


def test_str_message_example():
    with pytest.raises(TypeError) as info:
        lt.echo_str(1)
    assert str(info.value) == "echo_str() argument 'x' must be str, not int"


def test_char():
    for c in ("a", "é", "😀", "\x00"):
        assert lt.echo_char(c) == c
    for bad in ("", "ab", "😀😀"):
        with pytest.raises(TypeError) as ref:
            ord(bad)
        with pytest.raises(TypeError) as info:
            lt.echo_char(bad)
        # ord()'s message, with limpet's prefix instead of "ord() ".
        assert str(info.value) == "echo_char() argument 'x': " + str(ref.value)[len("ord() "):]


def test_bytes_slice():
    for b in (b"", b"abc", b"\x00\xff" * 1000):
        r = lt.echo_bytes(b)
        assert r == b and type(r) is bytes
    for bad in (bytearray(b"a"), "a", memoryview(b"a"), [1]):
        with pytest.raises(TypeError) as info:
            lt.echo_bytes(bad)
        assert str(info.value) == "echo_bytes() argument 'x' must be bytes, not %s" % type(bad).__name__


def test_vec_u8():
    assert lt.echo_vec_u8(b"abc") == b"abc" and type(lt.echo_vec_u8(b"abc")) is bytes
    assert lt.echo_vec_u8(bytearray(b"\x00\x01")) == b"\x00\x01"
    assert lt.echo_vec_u8([1, 2, 255]) == b"\x01\x02\xff"
    assert lt.echo_vec_u8((0,)) == b"\x00"
    assert lt.echo_vec_u8([]) == b""
    assert lt.make_bytes(300) == bytes(i % 256 for i in range(300))
    with pytest.raises(OverflowError):
        lt.echo_vec_u8([256])
    with pytest.raises(OverflowError):
        lt.echo_vec_u8([-1])
    with pytest.raises(TypeError) as info:
        lt.echo_vec_u8("abc")
    assert str(info.value) == "echo_vec_u8() argument 'x' must be bytes, not str"


def test_option():
    assert lt.echo_opt_i64(None) is None
    assert lt.echo_opt_i64(5) == 5
    assert lt.echo_opt_str(None) is None
    assert lt.echo_opt_str("é") == "é"
    assert lt.echo_opt_string("x") == "x"
    with pytest.raises(TypeError):
        lt.echo_opt_i64("5")
    assert lt.echo_vec_opt([1, None, 3]) == [1, None, 3]


def test_vec_from_sequences():
    assert lt.echo_vec_i64([]) == []
    assert lt.echo_vec_i64([1, 2, 3]) == [1, 2, 3]
    r = lt.echo_vec_i64((1, 2))
    assert r == [1, 2] and type(r) is list
    assert lt.echo_vec_i64(range(5)) == [0, 1, 2, 3, 4]
    assert lt.echo_vec_i64(collections.deque([4, 5])) == [4, 5]
    big = list(range(100000))
    assert lt.echo_vec_i64(big) == big
    assert lt.echo_vec_string(["a", "é", "😀"]) == ["a", "é", "😀"]
    assert lt.echo_vec_f64([1, 2.5]) == [1.0, 2.5]
    assert [type(x) for x in lt.echo_vec_f64([1, 2.5])] == [float, float]


def test_vec_refuses_str_and_non_sequences():
    with pytest.raises(TypeError) as info:
        lt.echo_vec_i64("abc")
    assert str(info.value) == (
        "echo_vec_i64() argument 'x': expected a sequence, got str (a str is not converted item by item)"
    )
    with pytest.raises(TypeError):
        lt.echo_vec_string("abc")
    for bad in (5, {1: 2}, {1, 2}, (x for x in [1]), None):
        with pytest.raises(TypeError) as info:
            lt.echo_vec_i64(bad)
        assert str(info.value) == "echo_vec_i64() argument 'x' must be a sequence, not %s" % type(bad).__name__


def test_item_errors_name_the_item_not_the_argument():
    cases = [
        (lt.echo_vec_string, [1], "echo_vec_string() argument 'x': item 0 must be str, not int"),
        (lt.echo_vec_string, ("a", None), "echo_vec_string() argument 'x': item 1 must be str, not NoneType"),
        (lt.echo_hashmap, {1: 2}, "echo_hashmap() argument 'x': dict key must be str, not int"),
        (lt.echo_btreemap, {1: 2}, "echo_btreemap() argument 'x': dict value must be str, not int"),
        (lt.echo_tuple_mixed, (1, 2, 3.0, True, None),
         "echo_tuple_mixed() argument 'x': tuple item 1 must be str, not int"),
        (lt.echo_btreeset, {1}, "echo_btreeset() argument 'x': set item must be str, not int"),
        (lt.echo_nested, [[1]], "echo_nested() argument 'x': item 0 must be dict, not list"),
        (lt.echo_nested, [{1: []}], "echo_nested() argument 'x': dict key must be str, not int"),
        (lt.echo_vec_i64, [1, "x"],
         "echo_vec_i64() argument 'x': 'str' object cannot be interpreted as an integer"),
    ]
    for f, arg, msg in cases:
        with pytest.raises(TypeError) as info:
            f(arg)
        assert str(info.value) == msg


def test_vec_survives_list_mutation_during_conversion():
    class Clearing:
        def __index__(self):
            items.clear()
            return 1

    items = [Clearing(), 2, 3]
    assert lt.echo_vec_i64(items) == [1]


def test_tuples():
    assert lt.echo_tuple1((5,)) == (5,)
    assert lt.echo_tuple_mixed((1, "a", 2.5, True, None)) == (1, "a", 2.5, True, None)
    assert lt.echo_tuple_mixed((1, "a", 2, False, 7)) == (1, "a", 2.0, False, 7)
    t12 = tuple(range(11)) + ("end",)
    assert lt.echo_tuple12(t12) == t12
    Point = collections.namedtuple("Point", "x")
    r = lt.echo_tuple1(Point(3))
    assert r == (3,) and type(r) is tuple
    with pytest.raises(TypeError) as info:
        lt.echo_tuple1([5])
    assert str(info.value) == "echo_tuple1() argument 'x' must be tuple, not list"
    with pytest.raises(TypeError) as info:
        lt.echo_tuple1((1, 2))
    assert str(info.value) == "echo_tuple1() argument 'x': expected a tuple of length 1, got a tuple of length 2"
    with pytest.raises(TypeError):
        lt.echo_tuple12(t12[:-1])


def test_maps():
    d = {"a": 1, "é": -2, "": 2**62}
    r = lt.echo_hashmap(d)
    assert r == d and type(r) is dict and r is not d
    assert lt.echo_hashmap({}) == {}
    b = lt.echo_btreemap({3: "c", 1: "a", 2: "b"})
    assert list(b.items()) == [(1, "a"), (2, "b"), (3, "c")]  # BTreeMap order
    assert lt.echo_hashmap(collections.OrderedDict(a=1)) == {"a": 1}
    for bad in ([("a", 1)], None, "a"):
        with pytest.raises(TypeError) as info:
            lt.echo_hashmap(bad)
        assert str(info.value) == "echo_hashmap() argument 'x' must be dict, not %s" % type(bad).__name__
    with pytest.raises(OverflowError):
        lt.echo_hashmap({"a": 2**63})


def test_sets():
    r = lt.echo_hashset({1, 2, 3})
    assert r == {1, 2, 3} and type(r) is set
    assert lt.echo_hashset(frozenset([4])) == {4}
    assert lt.echo_hashset(set()) == set()
    assert lt.echo_btreeset({"b", "a"}) == {"a", "b"}
    for bad in ([1], (1,), {1: 1}):
        with pytest.raises(TypeError) as info:
            lt.echo_hashset(bad)
        assert str(info.value) == "echo_hashset() argument 'x' must be set, not %s" % type(bad).__name__


def test_nested_containers():
    v = [{"a": [1, 2], "b": []}, {}]
    assert lt.echo_nested(v) == v
    assert lt.make_nested() == v
    with pytest.raises(TypeError):
        lt.echo_nested([{"a": "x"}])


def test_object_pass_through_keeps_identity():
    for o in (object(), [1], {"a": 1}, "text" * 10, 10**30, None, lt):
        assert lt.echo_any(o) is o
        assert lt.echo_any_ref(o) is o
        assert lt.echo_py(o) is o
    d, l, t = {"k": 1}, [1, 2], (1, 2)
    assert lt.echo_dict(d) is d
    assert lt.echo_list(l) is l
    assert lt.echo_tuple_obj(t) is t
    od = collections.OrderedDict(a=1)
    assert lt.echo_dict(od) is od  # subclasses pass the check
    with pytest.raises(TypeError) as info:
        lt.echo_dict([])
    assert str(info.value) == "echo_dict() argument 'x' must be dict, not list"
    with pytest.raises(TypeError) as info:
        lt.echo_list(())
    assert str(info.value) == "echo_list() argument 'x' must be list, not tuple"


def test_unit_returns_none():
    assert lt.unit() is None
    assert lt.unit_explicit(3) is None
    assert lt.no_params() == "none"
