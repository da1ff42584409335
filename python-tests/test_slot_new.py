"""`#[new]`'s positional fast path and the plain dealloc (issue 12), against the general
path they skip.

A constructor called with one positional argument per parameter and no keywords reads the
argument tuple directly (`class::slot::construct`); any other call goes through the tuple
binder. ``C(*args)`` takes the fast path, ``C(*args, **{})`` (an empty dict is still a
keyword dict) and keyword calls the general one: results, errors (type and message) and the
instance's type must be the same. An instance with nothing to drop, of the class's own type,
is freed without the general dealloc: its reference to the type is still released, and a
subclass's instance still takes the general one."""
import gc
import sys

import pytest

import limptest as lt
import limptest.extends as ext
import limptest.parity as p


def outcome(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - compared, not handled
        return ("raise", type(e), str(e))
    return ("ok", type(r).__name__, repr(r) if type(r).__repr__ is not object.__repr__ else None,
            tuple(getattr(r, a) for a in ("v", "x", "y", "kind", "name", "breed") if hasattr(r, a)))


CASES = [
    (lt.Frozen, (5,)),
    (lt.Frozen, ("x",)),
    (lt.Frozen, (2 ** 70,)),
    (lt.Frozen, (1.5,)),
    (lt.Frozen, (None,)),
    (lt.Frozen, ()),
    (lt.Frozen, (1, 2)),
    (p.Vec2, (1, 2)),
    (p.Vec2, (1, "y")),
    (p.Vec2, ("x", "y")),
    (p.Vec2, (1,)),
    (p.Shape, (3,)),
    (p.Shape, ("big",)),
    (p.Shape, ()),
    (ext.Pt, (1, 2)),
    (ext.Pt, (1, 2 ** 64)),
    (ext.Animal, ("Rex",)),
    (ext.Animal, (b"Rex",)),
    (ext.Dog, ("Rex", "pug")),
    (ext.Dog, ("Rex", 1)),
]


@pytest.mark.parametrize("cls,args", CASES, ids=lambda x: getattr(x, "__name__", repr(x)))
def test_new_fast_path_matches_general(cls, args):
    fast = outcome(cls, *args)
    general = outcome(cls, *args, **{})
    assert fast == general


@pytest.mark.parametrize("cls,names", [(lt.Frozen, ("v",)), (p.Vec2, ("x", "y")), (ext.Pt, ("x", "y")),
                                       (ext.Dog, ("name", "breed"))])
@pytest.mark.parametrize("values", [(1, 2), ("a", "b"), (2 ** 70, 0)])
def test_new_positional_matches_keywords(cls, names, values):
    args = values[:len(names)]
    fast = outcome(cls, *args)
    kw = outcome(cls, **dict(zip(names, args)))
    if fast[0] == "raise" and kw[0] == "raise":
        # The same exception; the same message but for the way the value was given.
        assert fast[1] is kw[1]
        assert fast[2] == kw[2]
    else:
        assert fast == kw


def test_new_fast_path_for_python_subclass():
    class Sub(lt.Base):
        pass

    class Shaped(p.Shape):
        pass

    assert type(Sub(1)) is Sub and Sub(1).value() == 1
    assert outcome(Sub, "x") == outcome(Sub, "x", **{})
    assert Shaped(4).kind == "Shaped:4" == Shaped(**{"size": 4}).kind
    assert outcome(Shaped, "x") == outcome(Shaped, "x", **{})
    # Through the `__new__` wrapper (which checks the subtype itself).
    assert type(lt.Base.__new__(Sub, 1)) is Sub
    with pytest.raises(TypeError) as fast:
        lt.Base.__new__(int, 1)
    with pytest.raises(TypeError) as general:
        lt.Base.__new__(int, 1, **{})
    assert str(fast.value) == str(general.value)


def test_plain_dealloc_releases_the_type():
    # Frozen holds an i64 (nothing to drop): its instances take the plain dealloc.
    def churn():
        objs = [lt.Frozen(i) for i in range(1000)]
        held = sys.getrefcount(lt.Frozen)
        assert held > 1000
        del objs

    churn()  # one-time references (caches of the first call) out of the count
    gc.collect()
    before = sys.getrefcount(lt.Frozen)
    churn()
    after = sys.getrefcount(lt.Frozen)  # (not inside `assert`: pytest's rewriting holds one)
    assert after == before


def test_subclass_instance_takes_general_dealloc():
    class Sub(lt.Base):
        def __del__(self):
            Sub.deleted += 1

    Sub.deleted = 0
    gc.collect()
    before = sys.getrefcount(Sub)
    objs = [Sub(i) for i in range(100)]
    del objs
    gc.collect()
    after = sys.getrefcount(Sub)
    assert Sub.deleted == 100
    assert after == before
