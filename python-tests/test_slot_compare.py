"""Typed comparison dunders (issue 12): the class's ``tp_richcompare`` calls a comparison
it defines directly on an instance of its own type; a comparison it does not define, and
any comparison of a subclass instance, resolves the dunder along the MRO as CPython's
generic slot does. Every result and error must be what a pure-Python twin gives, for
instances, Python subclasses (overriding some comparisons or none), reflected comparisons
and the method called directly (the general path)."""
import operator

import pytest

import limptest as lt

OPS = {"<": operator.lt, "<=": operator.le, "==": operator.eq, "!=": operator.ne, ">": operator.gt,
       ">=": operator.ge}


class Twin:
    """lt.Rank in Python."""

    def __init__(self, v=0):
        self.v = v

    def __eq__(self, other):
        return self.v == other.v if isinstance(other, Twin) else NotImplemented

    def __lt__(self, other):
        if not isinstance(other, Twin):
            return NotImplemented
        if other.v == 99:
            raise ValueError("no order for 99")
        return self.v < other.v


def outcome(f, *args):
    try:
        r = f(*args)
    except Exception as e:  # noqa: BLE001 - compared, not handled
        msg = str(e).replace("limptest.Rank", "Rank").replace("Twin", "Rank")
        return ("raise", type(e), msg)
    if isinstance(r, (Twin, lt.Rank)):
        return ("ok", "instance", r.v)
    return ("ok", r)


def subclasses(base):
    class Plain(base):
        pass

    class Sub(base):
        def __lt__(self, other):
            return "sub-lt"

        def __ne__(self, other):
            return "sub-ne"

    class Greater(base):
        def __gt__(self, other):
            return ("gt", other.v if isinstance(other, base) else other)

    return {"plain": Plain, "sub": Sub, "greater": Greater}


def objects(base):
    subs = subclasses(base)
    return [("base", base), ("int", int)] + sorted(subs.items())


@pytest.mark.parametrize("op", sorted(OPS))
@pytest.mark.parametrize("left", [k for k, _ in objects(Twin)])
@pytest.mark.parametrize("right", [k for k, _ in objects(Twin)])
@pytest.mark.parametrize("values", [(1, 2), (2, 2), (3, 99)])
def test_compare_matches_python_twin(op, left, right, values):
    def run(base):
        kinds = dict(objects(base))
        a = kinds[left](values[0])
        b = kinds[right](values[1])
        return outcome(OPS[op], a, b)

    assert run(lt.Rank) == run(Twin)


def test_identity_and_derived_ne():
    a = lt.Rank(1)
    t = Twin(1)
    for x, y in ((a, a), (t, t)):
        assert (x == x) is True and (x != x) is False
    assert (a == 1) is False and (a != 1) is True
    assert (a != lt.Rank(1)) is False and (a != lt.Rank(2)) is True
    with pytest.raises(TypeError, match="'<=' not supported between instances of '(limptest.)?Rank' and"):
        a <= lt.Rank(2)
    assert (a > lt.Rank(0)) is True  # the reflected `__lt__`
    assert sorted([lt.Rank(3), lt.Rank(1), lt.Rank(2)], key=lambda r: r)[0].v == 1


def test_methods_called_directly_match_operators():
    a, b = lt.Rank(1), lt.Rank(2)
    assert a.__eq__(b) is False and a.__lt__(b) is True
    assert a.__eq__(None) is NotImplemented and a.__lt__(1) is NotImplemented
    with pytest.raises(ValueError, match="no order for 99"):
        a.__lt__(lt.Rank(99))
    assert a.__ne__(b) is True and a.__gt__(b) is NotImplemented


@pytest.mark.parametrize("op", sorted(OPS))
@pytest.mark.parametrize("other", [3, 4, 5, 300, -1, "x", 2 ** 70, None])
def test_every_comparison_shape(op, other):
    r = lt.Ranked(4)
    name = {"<": "__lt__", "<=": "__le__", "==": "__eq__", "!=": "__ne__", ">": "__gt__", ">=": "__ge__"}[op]
    # The operator (typed slot) and the method (general path) agree, NotImplemented aside.
    direct = outcome(getattr(r, name), other)
    via_op = outcome(OPS[op], r, other)
    if direct == ("ok", NotImplemented):
        # Python then tries the reflected comparison of `other`, then identity or TypeError.
        twin = type("Ranked", (), {name: lambda self, o: NotImplemented})()
        assert via_op == outcome(OPS[op], twin, other)
    else:
        assert via_op == direct


def test_reassigned_dunder_takes_over():
    class Sub(lt.Rank):
        pass

    Sub.__eq__ = lambda self, other: "patched"
    assert (Sub(1) == Sub(2)) == "patched"
    assert (lt.Rank(1) == lt.Rank(1)) is True

