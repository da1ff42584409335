"""A few light property checks (hypothesis, derandomized so all 18 runs see the same cases)."""
import math
import struct

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is installed in every runner venv; skip only outside it")
from hypothesis import given, settings, strategies as st  # noqa: E402

import limptest as lt  # noqa: E402

FAST = settings(max_examples=40, deadline=None, derandomize=True, database=None)

BOUNDS = {"i64": (-(2**63), 2**63 - 1), "u64": (0, 2**64 - 1), "i128": (-(2**127), 2**127 - 1), "u128": (0, 2**128 - 1)}


@FAST
@given(st.sampled_from(sorted(BOUNDS)), st.integers(min_value=-(2**130), max_value=2**130))
def test_int_round_trip_or_overflow(t, v):
    lo, hi = BOUNDS[t]
    f = getattr(lt, "echo_" + t)
    if lo <= v <= hi:
        assert f(v) == v
    else:
        with pytest.raises(OverflowError):
            f(v)


@FAST
@given(st.text())
def test_text_round_trip(s):
    assert lt.echo_str(s) == s
    assert lt.str_lengths(s) == (len(s), len(s.encode("utf-8")))


@FAST
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_float_round_trip(x):
    r = lt.echo_f64(x)
    assert (math.isnan(r) and math.isnan(x)) or (r == x and math.copysign(1, r) == math.copysign(1, x))
    try:
        ref = struct.unpack("f", struct.pack("f", x))[0]
    except OverflowError:
        return  # struct refuses what does not fit in f32; limpet's `as f32` saturates
    r32 = lt.echo_f32(x)
    assert (math.isnan(r32) and math.isnan(ref)) or r32 == ref


@FAST
@given(st.dictionaries(st.text(max_size=5), st.lists(st.integers(-(2**63), 2**63 - 1), max_size=4), max_size=4))
def test_nested_round_trip(d):
    assert lt.echo_nested([d, d]) == [d, d]
    assert lt.echo_hashmap({k: len(v) for k, v in d.items()}) == {k: len(v) for k, v in d.items()}
