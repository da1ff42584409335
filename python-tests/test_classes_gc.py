"""Classes and memory: GC support (`__traverse__`/`__clear__`), runtime-gated `#[dict]` and
`#[weakref]` (3.9+, NotImplementedError naming the feature on 3.7/3.8), Python subclasses
(overrides, super(), deallocation on 3.7 vs 3.8+ = pitfall P5, collectable subclass types)
and reference stability over 10,000 create/destroy cycles."""
import gc
import io
import sys
import weakref

import pytest

import limptest as lt
from conftest import PY
from leakcheck import assert_rust_stable, rust_heap

fx = lt.classfx


MAKERS = {
    "make_dict_class": ("#[dict]", "__dict__"),
    "make_weakref_class": ("#[weakref]", "weak"),
    "make_dictweak_class": ("#[dict]", "__dict__"),
    "make_weaknode_class": ("#[weakref]", "weak"),
}


class Plain:
    pass


# --- GC ---------------------------------------------------------------------------------------

def test_gc_class_is_tracked_and_traverses():
    x = Plain()
    n = lt.Node(1, x)
    assert gc.is_tracked(n)
    assert x in gc.get_referents(n)
    assert n.link is x
    n.link = None
    assert n.link is None and x not in gc.get_referents(n)
    with pytest.raises(AttributeError):
        del n.link


def test_cycle_through_rust_object_and_python_object_is_collected():
    fired = []
    gc.collect()
    drops = fx.node_drops()
    n = lt.Node(1)
    h = Plain()
    n.link = h
    h.node = n
    r = weakref.ref(h, lambda _: fired.append(1))
    del n, h
    assert not fired and fx.node_drops() == drops  # only the cycle keeps them
    gc.collect()
    assert fired == [1]
    assert r() is None
    assert fx.node_drops() == drops + 1


def test_self_cycle_is_collected():
    gc.collect()
    drops = fx.node_drops()
    for _ in range(100):
        n = lt.Node(2)
        n.link = n
        del n
    gc.collect()
    assert fx.node_drops() == drops + 100


def test_plain_instance_freed_without_gc():
    drops = fx.node_drops()
    n = lt.Node(3, Plain())
    del n
    assert fx.node_drops() == drops + 1


# --- #[dict] / #[weakref] --------------------------------------------------------------------

@pytest.mark.parametrize("maker", sorted(MAKERS))
def test_dict_weakref_on_every_version(maker):
    # 3.7/3.8: through a layout base (class::dict), so the same class works everywhere.
    cls = getattr(fx, maker)()
    assert cls is getattr(fx, maker)() and isinstance(cls(), cls)
    expected = (cls, object) if PY >= (3, 9) else (cls, cls.__base__, object)
    assert cls.__mro__ == expected
    assert lt.Point(1).x == 1


def test_dict_class():
    D = fx.make_dict_class()
    assert D is fx.make_dict_class()
    assert D.__module__ == "builtins" or D.__module__ == "limptest"
    d = D(3)
    assert d.v == 3 and d.__dict__ == {}
    d.foo = 1
    assert d.foo == 1 and vars(d) == {"foo": 1}
    del d.foo
    with pytest.raises(AttributeError):
        d.foo
    d.__dict__ = {"a": 2}
    assert d.a == 2
    with pytest.raises(TypeError):
        d.__dict__ = 5
    assert gc.is_tracked(d)
    with pytest.raises(TypeError):
        weakref.ref(d)


def test_weakref_class():
    W = fx.make_weakref_class()
    w = W(4)
    r = weakref.ref(w)
    assert r() is w
    p = weakref.proxy(w)
    assert p.v == 4
    wvd = weakref.WeakValueDictionary({"k": w})
    fired = []
    r2 = weakref.ref(w, lambda _: fired.append(1))
    del w
    assert r() is None and r2() is None and fired == [1] and "k" not in wvd
    with pytest.raises(AttributeError):
        W(1).foo = 1  # no __dict__


def test_dict_weakref_cycle_collected():
    DW = fx.make_dictweak_class()
    fired = []
    x = DW(1)
    x.me = x
    r = weakref.ref(x, lambda _: fired.append(1))
    del x
    gc.collect()
    assert fired == [1] and r() is None


def test_weakref_gc_class_cycle_collected():
    WN = fx.make_weaknode_class()
    fired = []
    a, b = WN(), WN()
    a.set(b)
    b.set(a)
    r = weakref.ref(a, lambda _: fired.append(1))
    del a, b
    gc.collect()
    assert fired == [1] and r() is None


def test_weakref_to_plain_class_is_typeerror():
    with pytest.raises(TypeError):
        weakref.ref(lt.Point(1))


# --- inheritance --------------------------------------------------------------------------------

class Sub(lt.Base):
    def describe(self):
        return "Sub:" + super().describe()

    def bump(self, by=1):
        return super().bump(by * 2)


class Sub2(lt.Base):
    def __new__(cls, v, extra):
        return super().__new__(cls, v)

    def __init__(self, v, extra):
        self.extra = extra


def test_python_subclass():
    s = Sub(3)
    assert isinstance(s, lt.Base) and type(s) is Sub
    assert s.value() == 3 and s.v == 3
    assert s.describe() == "Sub:Base(3)"
    assert s.call_describe() == "Sub:Base(3)"  # Rust calls the Python override
    assert lt.Base(2).call_describe() == "Base(2)"
    assert s.bump(2) == 7
    s.extra_attr = "dict"  # the Python subclass has a __dict__
    assert s.extra_attr == "dict"
    assert fx.base_value(s) == 7
    assert fx.base_bump(s) == 17
    assert Sub.__mro__ == (Sub, lt.Base, object)


def test_subclass_with_own_new_and_init():
    s = Sub2(5, "x")
    assert (s.v, s.extra) == (5, "x")


def test_classmethod_on_subclass_gets_subclass():
    assert lt.Base.cls_name() == "Base" and Sub.cls_name() == "Sub" and Sub(1).cls_name() == "Sub"
    s = Sub.create(9)
    assert type(s) is Sub and s.v == 9
    assert type(lt.Base.create(1)) is lt.Base


def test_not_subclassable():
    for cls in (lt.Sealed, lt.Point, lt.Num):
        with pytest.raises(TypeError) as info:
            type("X", (cls,), {})
        assert "not an acceptable base type" in str(info.value)


def test_subclass_instance_cycle_collected():
    gc.collect()
    drops = fx.base_drops()
    s = Sub(1)
    s.me = s
    fired = []
    r = weakref.ref(s, lambda _: fired.append(1))
    del s
    gc.collect()
    assert fired == [1] and r() is None
    assert fx.base_drops() == drops + 1


def test_subclass_type_collectable():
    fired = []

    def make():
        class Tmp(lt.Base):
            def describe(self):
                return "tmp"

        objs = [Tmp(i) for i in range(10)]
        assert objs[3].call_describe() == "tmp"
        return weakref.ref(Tmp, lambda _: fired.append(1)), objs

    r, objs = make()
    assert r() is not None
    del objs
    gc.collect()
    assert r() is None and fired == [1]


N = 10000


def _stable(cls, make):
    for _ in range(200):
        make()
    gc.collect()
    rc = sys.getrefcount(cls)
    objs = len(gc.get_objects())
    heap = rust_heap()
    for _ in range(N):
        make()
    gc.collect()
    # the Rust values (and anything limpet allocates per instance) are freed: exact count
    assert_rust_stable(heap, N, "(%s)" % cls.__name__)
    return sys.getrefcount(cls) - rc, len(gc.get_objects()) - objs


@pytest.mark.parametrize("case", ["Base", "Sub", "Point", "Node", "Num-op", "BagIter", "Sub-cycle", "Node-cycle"])
def test_no_leak_over_10000_cycles(case):
    cls, make = {
        "Base": (lt.Base, lambda: lt.Base(1)),
        "Sub": (Sub, lambda: Sub(1)),
        "Point": (lt.Point, lambda: lt.Point(1, 2, 3, 4, label="x", k=1)),
        "Node": (lt.Node, lambda: lt.Node(1, Plain())),
        "Num-op": (lt.Num, lambda: lt.Num(1) + 2),
        "BagIter": (lt.BagIter, lambda: list(lt.Bag(1, 2))),
        "Sub-cycle": (Sub, lambda: setattr(Sub(1), "x", 1)),
        "Node-cycle": (lt.Node, lambda: (lambda n: setattr(n, "link", n))(lt.Node())),
    }[case]
    drefs, dobjs = _stable(cls, make)
    assert drefs == 0
    assert abs(dobjs) < 100


def test_drops_counted_for_subclass_instances():
    gc.collect()
    d = fx.base_drops()
    for _ in range(N):
        Sub(1)
    for _ in range(N):
        lt.Base(1)
    assert fx.base_drops() == d + 2 * N


@pytest.mark.parametrize("maker", ["make_dictweak_class", "make_weaknode_class"])
def test_no_leak_gated_classes(maker):
    cls = getattr(fx, maker)()

    def make():
        o = cls()
        r = weakref.ref(o)
        if maker == "make_dictweak_class":
            o.me = o
        else:
            o.set(o)
        return r

    drefs, dobjs = _stable(cls, make)
    assert drefs == 0 and abs(dobjs) < 100


def test_interpreter_exit_clean():
    import subprocess

    code = (
        "import limptest as lt, gc\n"
        "class S(lt.Base): pass\n"
        "keep = [S(1), lt.Base(2), lt.Node(1), lt.Point(1)]\n"
        "n = lt.Node(); n.link = n\n"
        "keep.append(keep)\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == b"ok"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="the buffer protocol is in the Stable ABI from 3.11")
def test_buffer_export():
    B = fx.make_blob_class()
    b = B(b"abc")
    m = memoryview(b)
    assert (bytes(m), m.readonly, bytes(b)) == (b"abc", True, b"abc")
    with pytest.raises(RuntimeError):
        b.push(1)  # exported: the value cannot change under the view
    m.release()
    b.push(100)
    assert bytes(b) == b"abcd"
    with pytest.raises(TypeError):
        io.BytesIO(b"xy").readinto(b)  # read-only


@pytest.mark.skipif(sys.version_info >= (3, 11), reason="below 3.11 only")
def test_buffer_refused_before_311():
    with pytest.raises(NotImplementedError) as info:
        fx.make_blob_class()
    assert "buffer protocol" in str(info.value) and "3.11" in str(info.value)
