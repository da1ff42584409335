"""The fast paths of the call machinery (issue 12) give the same results and errors as the
general path and as pure-Python twins.

- The keyword binder of signatures without *args/**kwargs compares names by identity with
  the interned parameter names first: names made at run time (not interned) must bind the
  same, and every invalid call must fall back to the general binder's exact errors.
- Vec<T> from an exact list or tuple reads items in place: a list shortened, or items
  dropped, by a conversion's Python code (__index__) must neither crash nor read stale items.
- i64 extraction through PyLong_AsLongLong: -1 (the error marker), the bounds and overflow.
Run on both calling paths by the matrix (LIMPET_CALLCONV=varargs takes the tuple binder).
"""
import itertools
import sys

import pytest

import limptest
from conftest import PY, needs_posonly_syntax, outcome, pyfunc

REFS = {
    "kwonly": "def kwonly(a, *, b, c=3): return (a, b, c)",
    "add": "def add(a, b=1, *, c=0): return a + b + c",
    "two": "def two(a, b): return (a, b)",
    "kwonly_only": "def kwonly_only(*, x, y): return (x, y)",
}
POSONLY_REFS = {
    "posonly_defaults": "def posonly_defaults(a, b=5, /, c=6): return (a, b, c)",
    "mixed": "def mixed(a, /, b, c=3, *, d, e=5): return (a, b, c, d, e)",
}


def fresh(name):
    """The same text as `name`, as a new str object that is not interned."""
    s = "".join(list(name + "\x00"))[:-1]
    assert s == name
    return s


def calls(names, max_pos):
    pool = list(names) + ["zz"]
    for npos in range(max_pos + 1):
        args = tuple(100 + i for i in range(npos))
        for r in range(len(pool) + 1):
            for combo in itertools.permutations(pool, r):
                yield args, [(k, 200 + pool.index(k)) for k in combo]


def compare(name, src):
    ref = pyfunc(src, name)
    impl = getattr(limptest, name)
    head = src.split("(", 1)[1].split(")", 1)[0]
    names = [p.strip().split("=")[0] for p in head.split(",") if p.strip() not in ("*", "/")]
    n = 0
    for args, kw in calls(names, len(names) + 1):
        for make in (str, fresh):
            kwargs = {make(k): v for k, v in kw}
            assert outcome(impl, args, kwargs) == outcome(ref, args, kwargs), "%s(*%r, **%r)" % (name, args, kwargs)
            n += 1
    assert n > 0


@pytest.mark.parametrize("name", sorted(REFS))
def test_keyword_binder_interned_or_not(name):
    compare(name, REFS[name])


@needs_posonly_syntax
@pytest.mark.parametrize("name", sorted(POSONLY_REFS))
def test_keyword_binder_posonly(name):
    compare(name, POSONLY_REFS[name])


def test_keyword_binder_repeated_call_is_stable():
    # The first keyword call interns the names; later ones take the identity path.
    for _ in range(3):
        assert limptest.kwonly(1, b=2) == (1, 2, 3)
        assert limptest.kwonly(1, **{fresh("b"): 2, fresh("c"): 4}) == (1, 2, 4)
        with pytest.raises(TypeError) as e:
            limptest.kwonly(1, b=2, **{fresh("b") + "x": 1})
        assert str(e.value) == "kwonly() got an unexpected keyword argument 'bx'"


class Shrinker:
    """An int-like whose __index__ empties the list being converted."""

    def __init__(self, victim, value):
        self.victim = victim
        self.value = value

    def __index__(self):
        del self.victim[:]
        return self.value


class Dropper:
    """An int-like whose __index__ replaces the list's items (dropping the list's references)."""

    def __init__(self, victim, value):
        self.victim = victim
        self.value = value

    def __index__(self):
        self.victim[:] = [object() for _ in self.victim]
        return self.value


def test_list_shortened_during_conversion_stops_there():
    xs = [1, 2, None, 4, 5]
    xs[2] = Shrinker(xs, 3)
    assert limptest.echo_vec_i64(xs) == [1, 2, 3]


def test_list_items_replaced_during_conversion():
    xs = [1, None, 3, 4]
    xs[1] = Dropper(xs, 2)
    # item 2 is read after the replacement: the new object, not a freed one
    with pytest.raises(TypeError) as e:
        limptest.echo_vec_i64(xs)
    assert str(e.value) == "echo_vec_i64() argument 'x': 'object' object cannot be interpreted as an integer"


def test_list_tuple_subclass_and_other_sequences():
    class L(list):
        pass

    for seq in ([1, -1, 3], (1, -1, 3), L([1, -1, 3]), range(1, 4)):
        want = [1, -1, 3] if not isinstance(seq, range) else [1, 2, 3]
        assert limptest.echo_vec_i64(seq) == want
    assert limptest.echo_vec_i64([]) == []
    assert limptest.echo_vec_i64(()) == []


class Seq:
    """A sequence that is neither list nor tuple: the general (PySequence_*) path."""

    def __init__(self, items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


@pytest.mark.parametrize(
    "bad",
    [[1, "x"], [1, 2.5], [1, 2 ** 63], [-(2 ** 63) - 1], [2 ** 100], [None], [1, 2, -1, -1], [True, -1]],
)
def test_sequence_fast_paths_match_general_path(bad):
    general = outcome(limptest.echo_vec_i64, (Seq(bad),))
    assert outcome(limptest.echo_vec_i64, (list(bad),)) == general
    assert outcome(limptest.echo_vec_i64, (tuple(bad),)) == general


def test_sequence_overflow_message():
    with pytest.raises(OverflowError) as e:
        limptest.echo_vec_i64([1, 2 ** 63])
    # the item's own message, named by function, argument and item (issue 11)
    assert str(e.value) == "echo_vec_i64() argument 'x': item 1: Python int too large to convert to i64"


def test_i64_bounds_and_minus_one():
    for v in (-1, 0, 1, 2 ** 63 - 1, -(2 ** 63), True, False):
        assert limptest.echo_vec_i64([v]) == [int(v)]
        assert limptest.add(v, 0) == int(v)
    assert limptest.add(-1, -1) == -2
    for v in (2 ** 63, -(2 ** 63) - 1, 2 ** 100):
        with pytest.raises(OverflowError):
            limptest.add(v, 0)


def test_no_error_left_set_after_minus_one():
    # -1 comes back from PyLong_AsLongLong for the value -1 too: no stray exception.
    assert limptest.add(-1) == 0
    assert sys.exc_info() == (None, None, None)
