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
import json
import math
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


# A wrong-typed value anywhere: TypeError (the binding error wins when the call shape
# itself is wrong, exactly as for the reference).
wrong_values = st.one_of(st.text(max_size=3), st.floats(), st.none(), st.lists(small_ints, max_size=2),
                         st.binary(max_size=2), st.just(object()))


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_binding_wrong_types(name):
    f, ref = getattr(lt, name), SHAPE_REFS[name]

    @FUZZ
    @given(call_shapes(*SIGNATURES[name][1:]), st.data())
    def check(shape, data):
        count("wrong-types:" + name)
        args, kwargs = shape
        # replace one value (positional or keyword) by a wrong-typed one
        slots = [("p", i) for i in range(len(args))] + [("k", k) for k in kwargs]
        if not slots:
            return
        where, key = data.draw(st.sampled_from(slots))
        bad = data.draw(wrong_values)
        if where == "p":
            args = list(args)
            args[key] = bad
        else:
            kwargs = dict(kwargs, **{key: bad})
        want = outcome(ref, args, kwargs)
        got = outcome(f, args, kwargs)
        if want[0] == "raise":
            assert got == want  # a binding error comes first, word for word
        else:
            # the reference accepted the call shape: the conversion refuses the value
            # (defaults' c/e are str parameters and d a list: str/list may be fine there)
            assert got[0] == "raise" and got[1] is TypeError or got[0] == "ok", got
            if got[0] == "ok":
                assert name == "defaults" or name.startswith("varkw") or name == "posonly_varkw", got

    check()


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
    assert outcome(lt.echo_f64, (x,)) == outcome(float, (x,))


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
