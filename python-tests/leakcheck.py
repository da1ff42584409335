"""The Rust heap of the test extension, counted exactly (shared by the leak tests).

``limptest.reliability.rust_heap()`` reads the counters of the extension's global allocator
(python-tests/countalloc: ``System`` plus atomic counts of live bytes and live allocations).
Python's allocators do not go through it, and nothing else in the process does either, so
after a warm-up (lazy one-time initialisations) a feature run N times must leave it where it
was: measured growth is 0 bytes / 0 blocks for every feature on every interpreter and both
calling paths. A leak of one allocation per call grows the block count by N, and any leak
of a byte or more per call grows the byte count by at least N.
"""
from limptest import reliability as _rel

#: one-time lazy initialisations that a warm-up may have missed (measured: none at all)
RUST_BLOCKS = 8
RUST_BYTES = 512


def rust_heap():
    """``(live bytes, live allocations)`` of the extension's Rust heap."""
    return tuple(_rel.rust_heap())


def rust_growth(before):
    """``(bytes, blocks)`` allocated since ``before`` (a ``rust_heap()`` reading) and still live."""
    now = rust_heap()
    return now[0] - before[0], now[1] - before[1]


def rust_ok(growth, n):
    """Whether ``growth`` (from :func:`rust_growth`) over ``n`` iterations excludes a leak of
    one allocation (or one byte) per iteration."""
    assert n >= 2
    return growth[0] < min(RUST_BYTES, n // 2) and growth[1] < min(RUST_BLOCKS, n // 2)


def assert_rust_stable(before, n, what=""):
    """``n`` iterations since ``before`` left no Rust allocation behind."""
    growth = rust_growth(before)
    assert rust_ok(growth, n), "Rust heap grew by %d bytes in %d allocations over %d iterations %s" % (
        growth[0], growth[1], n, what)
