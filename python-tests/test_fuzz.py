"""Fuzzing against a reference with hypothesis (issue 6, item 3), on every interpreter.

- argument binding: random positional/keyword argument sets for several signatures,
  compared with a pure-Python function of the same signature (same result, or the same
  exception type and message; 3.13+'s ". Did you mean ...?" suffix is normalised away);
- round trips: ints (0, +-1, 2**63 boundaries, huge), floats (nan, inf, -0.0, subnormals),
  str (non-BMP; lone surrogates -> UnicodeEncodeError like ``str.encode``), bytes, nested
  containers; and wrong types everywhere (TypeError).

The default run is modest (``max_examples`` = 40 per property; about a second per
interpreter). ``LIMPET_FUZZ_EXAMPLES=N`` raises it (``make fuzz`` uses 3000). The number of
cases run is printed to the real stderr at the end of the module and, with
``LIMPET_RELIABILITY_RECORD=file``, appended to that file as a JSON line.
"""
import collections.abc
import inspect
import json
import math
import operator
import os
import re
import struct
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import limptest as lt
from conftest import EXPECTED_CALLCONV, PY, outcome, pyfunc

EXAMPLES = int(os.environ.get("LIMPET_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
                suppress_health_check=list(HealthCheck), print_blob=True)

CASES = {}  # property -> examples run
FAILURES = []


def count(name):
    CASES[name] = CASES.get(name, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    total = sum(CASES.values())
    ver = "%d.%d.%d" % sys.version_info[:3]
    line = "fuzz: CPython %s %s: %d cases in %d properties (max_examples=%d)" % (
        ver, EXPECTED_CALLCONV, total, len(CASES), EXAMPLES)
    sys.__stderr__.write("\n" + line + "\n")
    path = os.environ.get("LIMPET_RELIABILITY_RECORD")
    if path:
        with open(path, "a") as f:
            f.write(json.dumps({"kind": "fuzz", "python": ver, "callconv": EXPECTED_CALLCONV,
                                "max_examples": EXAMPLES, "cases": total, "per_property": CASES}) + "\n")


# ---------------------------------------------------------------- argument binding

SIGNATURES = {
    "add": ("def add(a, b=1, *, c=0): return a + b + c", ["a", "b", "c"]),
    "kwonly": ("def kwonly(a, *, b, c=3): return (a, b, c)", ["a", "b", "c"]),
    "varargs_kwonly": ("def varargs_kwonly(*args, k, m=9): return (list(args), k, m)", ["k", "m", "args"]),
    "varkw_map": ("def varkw_map(a, **kwargs): return (a, kwargs)", ["a", "kwargs"]),
    "defaults": ("def defaults(a, b=2, c='x', d=[], e='lit', f=1.5, g=True, h=None, i=-3, j=1000):\n"
                 "    return (a, b, c, list(d), e, f, g, h, i, j)", ["a", "b", "i", "j"], 2),
}
if PY >= (3, 8):
    SIGNATURES.update({
        "mixed": ("def mixed(a, /, b, c=3, *, d, e=5): return (a, b, c, d, e)", ["a", "b", "c", "d", "e"]),
        "posonly_defaults": ("def posonly_defaults(a, b=5, /, c=6): return (a, b, c)", ["a", "b", "c"]),
        "everything": ("def everything(a, b=2, /, c=3, *args, d, e=5, **kwargs):\n"
                       "    return (a, b, c, list(args), d, e, kwargs)", ["a", "b", "c", "d", "e"]),
        "posonly_varkw": ("def posonly_varkw(a, /, **kwargs): return (a, kwargs)", ["a"]),
    })
REFS = {name: pyfunc(spec[0], name) for name, spec in SIGNATURES.items()}
# the same signatures with an empty body: only the binding can fail
SHAPE_REFS = {name: pyfunc(re.match(r"def .*?\):", spec[0]).group(0) + " return None", name)
              for name, spec in SIGNATURES.items()}
EXTRA = ["zz", "args", "kwargs", "self", "x"]

small_ints = st.integers(min_value=-1000, max_value=1000)


@st.composite
def call_shapes(draw, names, max_pos=6):
    args = draw(st.lists(small_ints, max_size=max_pos))
    kw_names = draw(st.lists(st.sampled_from(names + EXTRA), unique=True, max_size=6))
    kwargs = {k: draw(small_ints) for k in kw_names}
    return args, kwargs


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_binding_matches_python_reference(name):
    f, ref = getattr(lt, name), REFS[name]

    @FUZZ
    @given(call_shapes(*SIGNATURES[name][1:]))
    def check(shape):
        count("binding:" + name)
        args, kwargs = shape
        got, want = outcome(f, args, kwargs), outcome(ref, args, kwargs)
        assert got == want, (args, kwargs)

    check()


# ---------------------------------------------------------------- wrong types in bound calls

# The Rust type of every parameter ("*": each *args item, "**": each **kwargs value), and a
# pure-Python model of its conversion (the documented rules, checked one by one in
# test_convert.py): the typed reference binds like the Python function, converts each bound
# value like limpet, and then runs the Python body on the converted values.
I64 = "i64"
TAGS = {
    "add": {"a": I64, "b": I64, "c": I64},
    "kwonly": {"a": I64, "b": I64, "c": I64},
    "varargs_kwonly": {"*": I64, "k": I64, "m": I64},
    "varkw_map": {"a": I64, "**": I64},
    "defaults": {"a": I64, "b": I64, "c": "String", "d": "Vec<i64>", "e": "&str", "f": "f64", "g": "bool",
                 "h": "Option<i64>", "i": I64, "j": I64},
    "mixed": {"a": I64, "b": I64, "c": I64, "d": I64, "e": I64},
    "posonly_defaults": {"a": I64, "b": I64, "c": I64},
    "everything": {"a": I64, "b": I64, "c": I64, "*": I64, "d": I64, "e": I64, "**": I64},
    "posonly_varkw": {"a": I64, "**": I64},
}


def _to_i64(v):
    r = int(operator.index(v))  # TypeError for float, str, None, list, bytes, object (int(): before
    # 3.10 operator.index(True) is True; limpet returns an int)
    if not -2 ** 63 <= r < 2 ** 63:
        raise OverflowError("Python int too large to convert to i64")
    return r


def _to_str(v):
    if not isinstance(v, str):
        raise TypeError("must be str")
    v.encode("utf-8")  # UnicodeEncodeError for lone surrogates
    return v


def _to_f64(v):
    if isinstance(v, str) or not isinstance(v, (int, float)):
        raise TypeError("must be real number")
    return float(v)


def _to_bool(v):
    if type(v) is not bool:
        raise TypeError("must be bool")
    return v


def _to_vec_i64(v):
    if isinstance(v, str) or not isinstance(v, collections.abc.Sequence):
        raise TypeError("must be a sequence")
    return [_to_i64(x) for x in v]


CONVERT = {I64: _to_i64, "String": _to_str, "&str": _to_str, "f64": _to_f64, "bool": _to_bool,
           "Vec<i64>": _to_vec_i64, "Option<i64>": lambda v: None if v is None else _to_i64(v)}
# a valid value of each type, as hypothesis draws them and as the fixed calls use them
VALID = {I64: small_ints, "String": st.text(max_size=3), "&str": st.text(max_size=3),
         "f64": st.one_of(st.floats(allow_nan=False), small_ints), "bool": st.booleans(),
         "Vec<i64>": st.lists(small_ints, max_size=2), "Option<i64>": st.one_of(st.none(), small_ints)}
VALID_ONE = {I64: 7, "String": "s", "&str": "t", "f64": 2.5, "bool": False, "Vec<i64>": [1, 2], "Option<i64>": 5}
# values of every type (each is wrong for some parameter types and right for others: the
# typed reference decides which); no NaN (it never compares equal)
ANY_VALUE = st.one_of(st.text(max_size=3), st.floats(allow_nan=False), st.none(), st.lists(small_ints, max_size=2),
                      st.binary(max_size=2), st.just(object()), st.booleans(), small_ints)
WRONG_ONES = ["s", 1.5, float("inf"), None, [1], [1.5], b"x", object(), True, 3]


class Slots:
    """Where each positional index and keyword name of a call lands in a signature."""

    def __init__(self, name):
        self.sig = inspect.signature(REFS[name])
        self.tags = TAGS[name]
        P = inspect.Parameter
        self.params = self.sig.parameters
        self.positional = [p.name for p in self.params.values() if p.kind in (P.POSITIONAL_ONLY, P.POSITIONAL_OR_KEYWORD)]
        self.varargs = next((p.name for p in self.params.values() if p.kind is P.VAR_POSITIONAL), None)
        self.varkw = next((p.name for p in self.params.values() if p.kind is P.VAR_KEYWORD), None)
        assert set(self.tags) == {n for n in self.params if n not in (self.varargs, self.varkw)} | (
            {"*"} if self.varargs else set()) | ({"**"} if self.varkw else set()), name

    def at_position(self, i):
        """(parameter name as limpet reports it, type) of positional argument i; None: a binding error."""
        if i < len(self.positional):
            return self.positional[i], self.tags[self.positional[i]]
        return (self.varargs, self.tags["*"]) if self.varargs else None

    def at_keyword(self, k):
        p = self.params.get(k)
        if p is not None and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY):
            return k, self.tags[k]
        return (self.varkw, self.tags["**"]) if self.varkw else None


SLOTS = {name: Slots(name) for name in SIGNATURES}


class _Refused(Exception):
    def __init__(self, exc, pname):
        super().__init__(pname)
        self.exc, self.pname = exc, pname


def _convert(tag, pname, value):
    try:
        return CONVERT[tag](value)
    except (TypeError, OverflowError, UnicodeEncodeError) as e:
        raise _Refused(type(e), pname)


def _typed_ref(name):
    """The reference function with each parameter converted first (Python binds the call:
    a positional-only name passed by keyword lands in **kwargs, exactly as for limpet)."""
    slots = SLOTS[name]
    src = SIGNATURES[name][0]
    header = re.match(r"def .*?\):", src, re.S).group(0)
    lines = [header]
    for pname in slots.params:
        if pname == slots.varargs:
            lines.append("    %s = tuple(_convert(%r, %r, v) for v in %s)" % (pname, slots.tags["*"], pname, pname))
        elif pname == slots.varkw:
            lines.append("    %s = {k: _convert(%r, %r, v) for k, v in %s.items()}" % (pname, slots.tags["**"], pname, pname))
        else:
            lines.append("    %s = _convert(%r, %r, %s)" % (pname, slots.tags[pname], pname, pname))
    lines.append("    " + src[len(header):].strip())
    ns = {"_convert": _convert}
    exec("\n".join(lines), ns)
    return ns[name]


TYPED_REFS = {name: _typed_ref(name) for name in SIGNATURES}


def typed_reference(name, args, kwargs):
    """``outcome`` of the call as limpet must behave, plus the parameter a conversion error
    belongs to: ("ok", result) / ("raise", type, message) for binding errors (CPython's
    words) / ("convert", type, parameter)."""
    shape = outcome(SHAPE_REFS[name], args, kwargs)
    if shape[0] == "raise":
        return shape
    try:
        return ("ok", TYPED_REFS[name](*args, **kwargs))
    except _Refused as e:
        return ("convert", e.exc, e.pname)


def typed(x):
    """A value with the type of every part spelled out (1 == 1.0 == True otherwise)."""
    if isinstance(x, (list, tuple)):
        return (type(x).__name__, [typed(v) for v in x])
    if isinstance(x, dict):
        return ("dict", sorted((k, typed(v)) for k, v in x.items()))
    return (type(x).__name__, x)


def check_against_typed_reference(name, args, kwargs):
    """limpet's outcome equals the typed reference's; returns the reference's."""
    want = typed_reference(name, args, kwargs)
    got = outcome(getattr(lt, name), args, kwargs)
    if want[0] == "ok":
        assert got[0] == "ok" and typed(got[1]) == typed(want[1]), (args, kwargs, got, want)
    elif want[0] == "raise":
        assert got == want, (args, kwargs)  # a binding error comes first, word for word
    else:
        # refused by the conversion of the parameter the value landed on, and named so
        assert got[0] == "raise" and got[1] is want[1], (args, kwargs, got, want)
        assert ("%s() argument '%s'" % (name, want[2])) in got[2], (args, kwargs, got, want)
    return want


@st.composite
def typed_call_shapes(draw, name):
    """A call with a valid value of the right type in every slot (or an int where the slot is
    a binding error anyway), then one slot (positional or keyword) replaced by any value."""
    slots = SLOTS[name]
    n_pos = draw(st.integers(0, len(slots.positional) + 2))
    args = [draw(VALID[(slots.at_position(i) or (None, I64))[1]]) for i in range(n_pos)]
    kw_names = draw(st.lists(st.sampled_from(list(slots.tags.keys() - {"*", "**"}) + EXTRA), unique=True, max_size=6))
    kwargs = {k: draw(VALID[(slots.at_keyword(k) or (None, I64))[1]]) for k in kw_names}
    where = [("p", i) for i in range(n_pos)] + [("k", k) for k in kw_names]
    if where:
        kind, key = draw(st.sampled_from(where))
        bad = draw(ANY_VALUE)
        if kind == "p":
            args[key] = bad
        else:
            kwargs[key] = bad
    return args, kwargs


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_binding_wrong_types(name):
    """Random calls with one value of any type in any slot: the same outcome as the typed
    reference (success only where it succeeds, with equal results of equal types)."""

    @FUZZ
    @given(typed_call_shapes(name))
    def check(shape):
        count("wrong-types:" + name)
        check_against_typed_reference(name, *shape)

    check()


def _calls_putting(slots, pname, tag, value):
    """Calls of the signature that are valid except for ``value`` in parameter ``pname``
    ("*"/"**": an *args item / a **kwargs value), passed in each way the parameter takes."""
    P = inspect.Parameter
    required_kw = {n: VALID_ONE[slots.tags[n]] for n, p in slots.params.items()
                   if p.kind is P.KEYWORD_ONLY and p.default is P.empty}
    prefix = [VALID_ONE[slots.tags[n]] for n in slots.positional]
    if pname == "*":
        yield prefix + [value], dict(required_kw)
        return
    if pname == "**":
        yield [VALID_ONE[slots.tags[n]] for n in slots.positional if slots.params[n].default is P.empty], dict(required_kw, zz=value)
        return
    p = slots.params[pname]
    if p.kind in (P.POSITIONAL_ONLY, P.POSITIONAL_OR_KEYWORD):
        i = slots.positional.index(pname)
        yield prefix[:i] + [value] + prefix[i + 1:], dict(required_kw)
    if p.kind in (P.POSITIONAL_OR_KEYWORD, P.KEYWORD_ONLY):
        before = [n for n in slots.positional if slots.params[n].default is P.empty and n != pname]
        yield [VALID_ONE[slots.tags[n]] for n in before], dict(required_kw, **{pname: value})


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_wrong_types_reach_every_parameter(name):
    """Every parameter of every signature (each *args item and **kwargs value too) gets every
    value of WRONG_ONES, positionally and by keyword where it takes them: the outcome is the
    typed reference's, and each parameter refuses at least one value with a TypeError that
    names it (the value really reached that parameter, of that Rust type)."""
    slots = SLOTS[name]
    refused = set()
    for pname, tag in slots.tags.items():
        calls = 0
        for value in WRONG_ONES:
            for args, kwargs in _calls_putting(slots, pname, tag, value):
                calls += 1
                want = check_against_typed_reference(name, args, kwargs)
                assert want[0] != "raise", ("the call shape must bind", args, kwargs, want)
                if want[0] == "convert" and want[1] is TypeError:
                    refused.add(pname)
        assert calls >= len(WRONG_ONES), pname
    assert refused == set(slots.tags), ("parameters no wrong value reached", set(slots.tags) - refused)


# ---------------------------------------------------------------- round trips

INT_TYPES = {
    "i8": (-2 ** 7, 2 ** 7 - 1), "i16": (-2 ** 15, 2 ** 15 - 1), "i32": (-2 ** 31, 2 ** 31 - 1),
    "i64": (-2 ** 63, 2 ** 63 - 1), "i128": (-2 ** 127, 2 ** 127 - 1), "u8": (0, 2 ** 8 - 1),
    "u16": (0, 2 ** 16 - 1), "u32": (0, 2 ** 32 - 1), "u64": (0, 2 ** 64 - 1), "u128": (0, 2 ** 128 - 1),
}
BOUNDARIES = sorted({s * (2 ** e) + d for e in (7, 8, 15, 16, 31, 32, 63, 64, 127, 128)
                     for s in (1, -1) for d in (-1, 0, 1)} | {0, 1, -1})
ints = st.one_of(st.sampled_from(BOUNDARIES), st.integers(), st.integers(min_value=-2 ** 200, max_value=2 ** 200))


@pytest.mark.parametrize("t", sorted(INT_TYPES))
def test_int_round_trip(t):
    f = getattr(lt, "echo_" + t)
    lo, hi = INT_TYPES[t]

    @FUZZ
    @given(ints)
    def check(x):
        count("int:" + t)
        if lo <= x <= hi:
            r = f(x)
            assert r == x and type(r) is int
        else:
            with pytest.raises(OverflowError):
                f(x)

    check()


def _bits(x):
    return struct.pack("<d", x)


@FUZZ
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True),
                 st.sampled_from([0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                                  float("inf"), float("-inf"), float("nan")])))
def test_float_round_trip(x):
    count("float:f64")
    r = lt.echo_f64(x)
    assert type(r) is float
    if math.isnan(x):
        assert math.isnan(r)
    else:
        assert _bits(r) == _bits(x)  # -0.0 and subnormals exactly


@FUZZ
@given(st.floats(width=32, allow_nan=False))
def test_f32_round_trip(x):
    count("float:f32")
    assert _bits(lt.echo_f32(x)) == _bits(x)


@FUZZ
@given(st.integers(min_value=-2 ** 1100, max_value=2 ** 1100))
def test_float_from_int_like_python(x):
    count("float:from-int")
    expected = outcome(float, (x,))
    if expected[0] == "raise":  # limpet names the function and argument (issue 11)
        expected = ("raise", expected[1], "echo_f64() argument 'x': " + expected[2])
    assert outcome(lt.echo_f64, (x,)) == expected


any_char = st.characters(blacklist_categories=())  # includes lone surrogates (Cs)


@FUZZ
@given(st.text(alphabet=any_char, max_size=40))
def test_str_round_trip_or_unicode_encode_error(s):
    count("str")
    try:
        s.encode("utf-8")
    except UnicodeEncodeError as e:
        for f in (lt.echo_str, lt.echo_string, lt.echo_opt_string):
            with pytest.raises(UnicodeEncodeError) as info:
                f(s)
            assert str(info.value) == str(e)
        return
    for f in (lt.echo_str, lt.echo_string, lt.echo_opt_str):
        r = f(s)
        assert r == s and type(r) is str
    assert lt.str_lengths(s) == (len(s), len(s.encode("utf-8")))


@FUZZ
@given(st.binary(max_size=64))
def test_bytes_round_trip(b):
    count("bytes")
    assert lt.echo_bytes(b) == b and type(lt.echo_bytes(b)) is bytes
    assert lt.echo_vec_u8(list(b)) == b


nested = st.lists(st.dictionaries(st.text(max_size=5), st.lists(st.integers(-2 ** 63, 2 ** 63 - 1), max_size=4),
                                  max_size=3), max_size=4)


@FUZZ
@given(nested)
def test_nested_containers_round_trip(v):
    count("nested")
    assert lt.echo_nested(v) == v
    assert lt.echo_vec_opt([None if i % 2 else i for i in range(len(v))]) == [None if i % 2 else i
                                                                               for i in range(len(v))]


@FUZZ
@given(st.dictionaries(st.text(max_size=5), st.integers(-2 ** 63, 2 ** 63 - 1), max_size=6),
       st.tuples(st.integers(-2 ** 63, 2 ** 63 - 1), st.text(max_size=5), st.floats(allow_nan=False),
                 st.booleans(), st.one_of(st.none(), st.integers(-2 ** 63, 2 ** 63 - 1))))
def test_maps_and_tuples_round_trip(d, t):
    count("maps+tuples")
    assert lt.echo_hashmap(d) == d
    assert lt.echo_btreemap({i: k for i, k in enumerate(d)}) == {i: k for i, k in enumerate(d)}
    assert lt.echo_tuple_mixed(t) == t
    assert lt.echo_hashset(set(d.values())) == set(d.values())


# wrong types for each conversion: a clear TypeError ("... must be X, not Y")
WRONG_FOR = {
    "echo_i64": st.one_of(st.floats(), st.text(max_size=3), st.none(), st.binary(max_size=2), st.lists(st.integers(), max_size=2)),
    "echo_u8": st.one_of(st.floats(), st.text(max_size=3), st.none(), st.binary(max_size=2)),
    "echo_f64": st.one_of(st.text(max_size=3), st.none(), st.binary(max_size=2), st.lists(st.floats(), max_size=2)),
    "echo_bool": st.one_of(st.integers(), st.floats(), st.text(max_size=3), st.none()),
    "echo_string": st.one_of(st.integers(), st.floats(), st.binary(max_size=3), st.none(), st.lists(st.text(max_size=2), max_size=2)),
    "echo_str": st.one_of(st.integers(), st.binary(max_size=3), st.none()),
    "echo_bytes": st.one_of(st.integers(), st.text(max_size=3), st.none(), st.floats()),
    "echo_vec_i64": st.one_of(st.integers(), st.text(min_size=1, max_size=3), st.none(),
                              st.lists(st.one_of(st.text(max_size=2), st.floats(), st.none()), min_size=1, max_size=3)),
    "echo_hashmap": st.one_of(st.integers(), st.lists(st.integers(), max_size=2), st.none(),
                              st.dictionaries(st.integers(), st.integers(), min_size=1, max_size=2),
                              st.dictionaries(st.text(max_size=2), st.text(max_size=2), min_size=1, max_size=2)),
    "echo_nested": st.one_of(st.integers(), st.none(), st.lists(st.integers(), min_size=1, max_size=2),
                             st.lists(st.dictionaries(st.text(max_size=2), st.integers(), min_size=1, max_size=2),
                                      min_size=1, max_size=2)),
    "echo_tuple_mixed": st.one_of(st.integers(), st.none(), st.tuples(st.integers(-5, 5)), st.lists(st.integers(), max_size=6)),
    "echo_opt_i64": st.one_of(st.floats(), st.text(max_size=2), st.binary(max_size=2)),
}


@pytest.mark.parametrize("name", sorted(WRONG_FOR))
def test_wrong_types_are_type_errors(name):
    f = getattr(lt, name)

    @FUZZ
    @given(WRONG_FOR[name])
    def check(v):
        count("wrong:" + name)
        with pytest.raises(TypeError) as info:
            f(v)
        assert str(info.value), "empty TypeError message"

    check()
