"""Hostile tests of the call path of issue 12 (the one-pass keyword binder, calls from Rust
without a tuple, the per-type tp_alloc/tp_free cache, dealloc without fetch/restore, the
tp_new binder) and of the stubs renderer run as Python source.

What CPython's own test-suite and a fuzzer would throw at them: keyword names that are `str`
subclasses with lying `__eq__`/`__hash__`, non-`str` keywords through `**{}`, duplicate
keywords, a hundred thousand keywords, equal but not interned names, re-entrant calls from a
keyword name's `__eq__`/`__hash__`, callables that raise or mutate their arguments, Python
subclasses of limpet classes with odd metaclasses and `__new__`, `__del__` that raises while an
exception is pending, objects freed on another thread, monkeypatched builtins. Every case:
no crash, no leaked reference, no Rust allocation left behind, CPython's wording.
"""
import gc
import sys
import threading

import pytest

import limptest as lt
from conftest import PY, outcome, pyfunc, run
from leakcheck import assert_rust_stable, rust_heap

def fresh(name):
    """An equal str that is not the interned one (for names longer than one character)."""
    return "".join([name[:1], name[1:]])


# References with the same names (CPython's messages name the function).
ref_kwonly = pyfunc("def kwonly(a, *, b, c=3): return (a, b, c)", "kwonly")
ref_add = pyfunc("def add(a, b=1, *, c=0): return a + b + c", "add")
ref_new = pyfunc("def Base(v=0): return v", "Base")


def call(f, args, kwargs):
    """``outcome`` without routing the keywords through a Python function's own binder (a
    lying key would bind to *its* parameters)."""
    try:
        return ("ok", f(*args, **kwargs))
    except Exception as e:  # noqa: BLE001
        from conftest import strip_suggestion
        return ("raise", type(e), strip_suggestion(str(e)))


def leak_free(fn, n=300):
    """Run ``fn`` n times after a warm-up: no Rust allocation and no object left behind."""
    for _ in range(20):
        fn()
    gc.collect()
    before = rust_heap()
    objs = len(gc.get_objects())
    for _ in range(n):
        fn()
    gc.collect()
    assert_rust_stable(before, n)
    assert len(gc.get_objects()) - objs < n // 4


# ---- keyword names: str subclasses, lying __eq__/__hash__ -------------------------------------

class HonestStr(str):
    pass


class LyingStr(str):
    """Equal to everything, one hash for all, prints as LIE."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __hash__(self):
        return 12345

    def __str__(self):
        return "LIE"

    __repr__ = __str__


def test_str_subclass_keyword_binds_by_value():
    for kw in ({HonestStr("b"): 5}, {HonestStr("b"): 5, HonestStr("c"): 6}):
        assert call(lt.kwonly, (1,), kw) == call(ref_kwonly, (1,), kw)
    assert lt.add(1, **{HonestStr("c"): 10}) == ref_add(1, **{HonestStr("c"): 10}) == 12


def test_lying_eq_is_not_called_names_compare_by_value():
    # A Python function binds by `==` (the lying key matches every parameter); limpet binds
    # like CPython's builtins (Argument Clinic's binder): by identity, then by string value,
    # never calling the key's __eq__ (no Python code runs while the slots are being filled).
    assert lt.kwonly(1, **{LyingStr("b"): 5}) == (1, 5, 3)
    assert lt.kwonly(1, **{LyingStr("b"): 5, "c": 6}) == (1, 5, 6)
    # An unknown lying name: the message shows the key as CPython's '%S' of a Python
    # function does (str() of the key).
    got = call(lt.kwonly, (1,), {LyingStr("zz"): 1, "b": 2})
    assert got == ("raise", TypeError, "kwonly() got an unexpected keyword argument 'LIE'")
    got = call(lt.kwonly, (1,), {LyingStr("a"): 1, "b": 2})
    assert got == ("raise", TypeError, "kwonly() got multiple values for argument 'a'")


def test_lying_hash_key_into_kwargs_dict():
    # A **kwargs function stores the keys with their own __hash__/__eq__, as Python does.
    kw = {LyingStr("q"): 1}
    a, got = lt.varkw_map(1, **kw)
    assert a == 1 and list(got.values()) == [1]
    for _ in range(3):
        assert call(lt.varkw_map, (1,), kw)[0] == "ok"


class ReentrantStr(str):
    """__eq__ and __hash__ call the limpet function being bound."""
    calls = 0

    def __eq__(self, other):
        ReentrantStr.calls += 1
        assert lt.kwonly(1, b=2) == (1, 2, 3)
        assert lt.varkw_map(7, x=1) == (7, {"x": 1})
        return str.__eq__(self, other)

    def __hash__(self):
        ReentrantStr.calls += 1
        assert lt.kwonly(1, **{fresh("b"): 2}) == (1, 2, 3)
        return str.__hash__(self)


def test_reentrant_calls_from_keyword_name_methods():
    assert lt.kwonly(1, **{ReentrantStr("b"): 5}) == (1, 5, 3)
    assert lt.add(1, **{ReentrantStr("b"): 5, ReentrantStr("c"): 1}) == 7
    a, d = lt.varkw_map(1, **{ReentrantStr("q"): 5, ReentrantStr("r"): 6})
    assert (a, d) == (1, {"q": 5, "r": 6})
    leak_free(lambda: lt.varkw_map(1, **{ReentrantStr("q"): 5}), n=100)


# ---- non-str keywords (both calling paths: `make matrix` runs FASTCALL and tuple/dict) -------

NON_STR = [{1: 2}, {b"b": 2}, {"b": 1, 1: 2}, {1: 2, "b": 1}, {None: 0}, {("b",): 1}]


@pytest.mark.parametrize("name", ["kwonly", "add", "varkw_map", "varkw_dict", "sixteen", "kwonly_only"])
def test_non_str_keywords_are_refused(name):
    f = getattr(lt, name)
    for kw in NON_STR:
        with pytest.raises(TypeError) as info:
            f(1, **kw)
        assert "keywords must be strings" in str(info.value)
    leak_free(lambda: call(f, (1,), {"b": 1, 1: 2}), n=100)


# ---- duplicate keywords, not interned names, many keywords -----------------------------------

def test_positional_and_keyword_duplicates_match_python():
    for args, kw in [((1,), {"a": 2, "b": 3}), ((1,), {fresh("a"): 2, "b": 3}),
                     ((1, 2), {"b": 3}), ((), {"a": 1, "c": 2})]:
        assert call(lt.kwonly, args, kw) == call(ref_kwonly, args, kw), (args, kw)
    for args, kw in [((1, 2), {"b": 3}), ((1,), {"a": 1}), ((1, 2, 3), {"c": 1}), ((), {"b": 1})]:
        assert call(lt.add, args, kw) == call(ref_add, args, kw), (args, kw)


def test_duplicate_keyword_at_the_call_site():
    # Refused by CPython before the call: the function is never entered.
    with pytest.raises(TypeError) as info:
        lt.kwonly(1, b=2, **{"b": 3})
    assert "multiple values for keyword argument 'b'" in str(info.value)


def test_huge_numbers_of_keywords():
    big = {"k%d" % i: i for i in range(100000)}
    assert call(lt.kwonly, (1,), dict(big, b=1)) == call(ref_kwonly, (1,), dict(big, b=1))
    a, got = lt.varkw_map(1, **big)
    assert a == 1 and got == big
    big_fresh = {fresh("b"): 1, fresh("c"): 2}
    big_fresh.update(("x%d" % i, i) for i in range(5000))
    assert call(lt.kwonly, (1,), big_fresh) == call(ref_kwonly, (1,), big_fresh)
    leak_free(lambda: call(lt.kwonly, (1,), {"b": 1, "k%d" % 3: 2}), n=200)


def test_interned_and_fresh_names_leak_nothing():
    def once():
        lt.kwonly(1, **{fresh("b"): 2, fresh("c"): 3})
        lt.kwonly(1, b=2, c=3)
        call(lt.kwonly, (1,), {fresh("zz"): 1})
        call(lt.kwonly, (), {fresh("b"): 1})
        lt.varkw_map(1, **{fresh("qq"): 1})
    leak_free(once)


def test_recursion_limit_in_keyword_calls():
    def rec(n):
        return lt.call_n(rec, n + 1) if n < 10 ** 6 else n

    with pytest.raises(RecursionError):
        rec(0)

    def rec_kw(n):
        return lt.kwonly(n, **{fresh("b"): rec_kw(n + 1)})

    with pytest.raises(RecursionError):
        rec_kw(0)
    assert lt.kwonly(1, b=2) == (1, 2, 3)


# ---- calling Python from Rust: 0..6 arguments --------------------------------------------------

@pytest.mark.parametrize("n", range(7))
def test_call_n_raising_callable(n):
    class Boom(Exception):
        pass

    def boom(*a):
        raise Boom(*a)

    with pytest.raises(Boom) as info:
        lt.call_n(boom, *range(n))
    assert info.value.args == tuple(range(n))
    leak_free(lambda: call(lt.call_n, (boom,) + tuple(range(n)), {}), n=100)


@pytest.mark.parametrize("n", range(7))
def test_call_n_mutating_callable(n):
    box = [[] for _ in range(n)]

    def mutate(*a):
        for x in a:
            x.append(len(a))
        box.clear()  # the caller's list of arguments goes away during the call
        return a

    args = list(box)
    got = lt.call_n(mutate, *args)
    assert got == tuple(args) and all(x == [n] for x in args)


@pytest.mark.parametrize("n", range(7))
def test_call_n_callable_returning_null_without_error(n):
    # A C callable returning NULL without an exception is caught by CPython's call machinery
    # (SystemError); `object.__new__` called wrongly and a builtin raising are the closest
    # pure-Python shapes: the error comes back, nothing leaks.
    for f in (int, object.__new__, next):
        got = call(lt.call_n, (f,) + tuple(object() for _ in range(n)), {})
        assert got[0] in ("ok", "raise")
    assert lt.call_n(lambda *a: None, *range(n)) is None


def test_call_n_non_callables():
    for n in range(7):
        with pytest.raises(TypeError) as info:
            lt.call_n(3, *range(n))
        assert str(info.value) == "'int' object is not callable"


# ---- subclasses with odd metaclasses and __new__, __del__ with a pending exception -------------

def test_subclass_metaclass_and_new_oddities():
    Base = lt.Base

    class Meta(type):
        def __call__(cls, *a, **k):
            obj = super().__call__(*a, **k)
            obj.tag = "meta"
            return obj

    class Sub(Base, metaclass=Meta):
        def __new__(cls, v=0, **kw):
            return Base.__new__(cls, v)

        def __init__(self, v=0, **kw):
            pass

    class Other(Base):
        pass

    s = Sub(3, junk=1)
    assert (s.value(), s.tag, type(s)) == (3, "meta", Sub)
    # __new__ of the base for an unrelated type / a non-type: CPython's wording.
    with pytest.raises(TypeError) as info:
        Base.__new__(int)
    assert str(info.value) == "limptest.Base.__new__(int): int is not a subtype of limptest.Base"
    with pytest.raises(TypeError) as info:
        Base.__new__(3)
    assert "is not a type object" in str(info.value)
    o = Base.__new__(Other, 5)
    assert (type(o), o.value()) == (Other, 5)
    before = (sys.getrefcount(Base), sys.getrefcount(Sub), sys.getrefcount(Other))
    for i in range(100):
        Sub(i, x=i)
        Base.__new__(Other, i)
        Base.__new__(Sub, v=i)
        call(Base.__new__, (Sub,), {fresh("zz"): 1})
    gc.collect()
    assert (sys.getrefcount(Base), sys.getrefcount(Sub), sys.getrefcount(Other)) == before


def test_tp_new_keywords_match_python():
    for args, kw in [((), {"v": 1}), ((), {fresh("vv")[:1]: 1}), ((1,), {"v": 2}), ((), {"w": 1}),
                     ((1, 2), {}), ((), {HonestStr("v"): 4}), ((), {LyingStr("v"): 4})]:
        got = call(lt.Base, args, kw)
        exp = call(ref_new, args, kw)
        if exp[0] == "ok":
            assert got[0] == "ok" and got[1].value() == exp[1]
        elif isinstance(list(kw)[0] if kw else None, LyingStr):
            assert got[0] == "ok" and got[1].value() == 4
        else:
            assert got == ("raise", TypeError, exp[2]), (args, kw)
    with pytest.raises(TypeError) as info:
        lt.Base(**{1: 2})
    assert "keywords must be strings" in str(info.value)


PENDING_DEL = r'''
import sys, gc, limptest as lt

class Sub(lt.LcDel):
    def __del__(self):
        raise KeyError("in Python __del__")

class Sub2(lt.Base):
    def __del__(self):
        # limpet calls with fresh keyword names while the frame's exception is pending
        assert lt.kwonly(1, **{"".join(["b", ""]): 2}) == (1, 2, 3)
        assert lt.call_n(lambda *a: a, 1, 2, 3, 4, 5) == (1, 2, 3, 4, 5)
        raise KeyError("in Base subclass __del__")

def f(cls, *a):
    x = cls(*a)
    y = [cls(*a) for _ in range(3)]
    raise ValueError("pending")

for cls, a in [(Sub, ()), (Sub2, (1,)), (lt.LcDel, (1,)), (Sub, (1,))]:
    for i in range(50):
        try:
            f(cls, *a)
        except ValueError as e:
            assert str(e) == "pending", e
        else:
            raise AssertionError("no error")
        try:
            raise IndexError("handled")
        except IndexError:
            del_me = cls(*a)
            del del_me
            assert sys.exc_info()[0] is IndexError
gc.collect()
print("OK", len("abc"))
'''


def test_del_raising_while_an_exception_is_pending():
    out, err = run(PENDING_DEL)
    assert "OK 3" in out
    assert "in Python __del__" in err and "in Base subclass __del__" in err
    assert "raised in LcDel.__del__" in err
    assert "Fatal Python error" not in err and "SystemError" not in err


CROSS_THREAD = r'''
import gc, sys, threading, limptest as lt

class Sub(lt.Base):
    pass

class DelSub(lt.LcDel):
    pass

made = []
def make():
    for i in range(2000):
        made.append((lt.Base(i), Sub(i), DelSub(), lt.LcDel(1)))
t = threading.Thread(target=make)
t.start(); t.join()
before = (sys.getrefcount(lt.Base), sys.getrefcount(Sub), sys.getrefcount(DelSub))
def free():
    made.clear()
t = threading.Thread(target=free)
t.start(); t.join()
gc.collect()
# a chain built on one thread, freed on another: past the trashcan depth
head = None
for i in range(5000):
    head = lt.LcChainSub(head, i) if hasattr(lt, "LcChainSub") else head
box = [head]
del head
t = threading.Thread(target=box.clear)
t.start(); t.join()
after = (sys.getrefcount(lt.Base), sys.getrefcount(Sub), sys.getrefcount(DelSub))
print("OK", before[1] - after[1], before[2] - after[2])
'''


def test_objects_freed_on_another_thread():
    out, err = run(CROSS_THREAD)
    # every instance released its reference to its Python subclass, on the other thread
    assert "OK 2000 2000" in out, (out, err)
    assert "Fatal Python error" not in err


# ---- __limpet_stubs__ with hostile builtins ----------------------------------------------------

def test_stubs_with_builtins_exec_deleted_or_replaced():
    # The renderer is compiled and run through the C API: `builtins.exec` is never looked up,
    # so a module that deleted or replaced it neither breaks nor takes over stub generation.
    import builtins

    good, good_files = lt.__limpet_stubs__(), lt.__limpet_stubs__(files=True)
    real_exec = builtins.exec
    calls = []
    try:
        del builtins.exec
        assert lt.__limpet_stubs__() == good
        builtins.exec = lambda *a, **k: calls.append(a)
        assert lt.__limpet_stubs__() == good
        builtins.exec = 42
        assert lt.__limpet_stubs__(files=True) == good_files
    finally:
        builtins.exec = real_exec
    assert calls == []
    assert lt.__limpet_stubs__() == good


def test_stubs_with_import_patched_and_at_recursion_limit():
    import builtins

    good = lt.__limpet_stubs__()
    real_import = builtins.__import__

    def bad_import(name, *a, **k):
        if name == "re":
            raise ImportError("no re today")
        return real_import(name, *a, **k)

    builtins.__import__ = bad_import
    try:
        with pytest.raises(ImportError):
            lt.__limpet_stubs__()
    finally:
        builtins.__import__ = real_import

    def deep(n):
        if n == 0:
            return lt.__limpet_stubs__()
        return deep(n - 1)

    for depth in (sys.getrecursionlimit() - 60, sys.getrecursionlimit() + 10):
        try:
            assert deep(depth) == good
        except RecursionError:
            pass
    assert lt.__limpet_stubs__(**{fresh("files"): False}) == good
    with pytest.raises(TypeError):
        lt.__limpet_stubs__(**{1: 2})
    leak_free(lambda: lt.__limpet_stubs__(), n=20)


@pytest.mark.skipif(PY < (3, 8), reason="the reference needs the '/' syntax")
def test_tp_new_binds_fresh_and_subclass_names_like_python():
    from test_params import shapes

    ref = pyfunc("def Point(x, y=0, /, z=0, *args, label='p', **kwargs): return 1", "Point")

    def impl(*a, **k):
        lt.Point(*a, **k)
        return 1

    n = 0
    for args, kw in shapes(["x", "y", "z", "label"], 5, ["zz", "args"]):
        kw = {k: (str(v) if k == "label" else v) for k, v in kw.items()}
        expected = outcome(ref, args, kw)
        for mk in (str, fresh, HonestStr):
            assert outcome(impl, args, {mk(k): v for k, v in kw.items()}) == expected, (args, kw, mk)
            n += 1
    assert n > 0


@pytest.mark.parametrize("base", ["Base", "LcDel"])
def test_class_assignment_between_limpet_type_and_subclasses(base):
    # `__class__` moves an instance between a limpet type and its layout-compatible Python
    # subclasses: the own-type dealloc (pointer compare) and the subclass path must each
    # free it once and release the right type reference.
    B = getattr(lt, base)
    args = (1,) if base == "Base" else (0,)

    class S1(B):
        __slots__ = ()

    class S2(B):
        __slots__ = ()

    def assign(obj, cls):
        try:
            obj.__class__ = cls
        except TypeError as e:
            # 3.8+: a non-GC limpet type and its (GC) Python subclasses free differently
            assert "deallocator differs" in str(e) or "layout differs" in str(e), e

    gc.collect()
    before = [sys.getrefcount(t) for t in (B, S1, S2)]
    for _ in range(200):
        s = S1(*args)
        assign(s, S2)
        assign(s, B)
        b = B(*args)
        assign(b, S1)
        del s, b
    gc.collect()
    assert [sys.getrefcount(t) for t in (B, S1, S2)] == before


class NonStrKey:
    """A keyword name that is not a str, whose __str__/__hash__ run Python code that calls a
    builtin: run with an exception pending, that call fails with a SystemError."""

    def __hash__(self):
        return len("ab")

    def __eq__(self, other):
        return self is other

    def __str__(self):
        return "k%d" % len("ab")


@pytest.mark.parametrize("name", ["kwonly", "add", "sixteen", "varkw_map", "varkw_dict", "bump"])
def test_non_str_keyword_names_from_vectorcall_callers(name):
    # functools.partial (3.15) and operator.methodcaller (3.13+) hand the keys of their
    # keyword dict to a vectorcall unchecked: a non-str name reached the binder, which compared
    # it with PyUnicode_Compare (leaving a TypeError set) and then ran the key's __str__ or
    # __hash__ with that exception pending (SystemError), or accepted it into **kwargs.
    import functools
    import operator

    if name == "bump":
        calls = [lambda kw: operator.methodcaller("bump", **kw)(lt.Base(1)),
                 lambda kw: functools.partial(lt.Base(1).bump, **kw)()]
    else:
        f = getattr(lt, name)
        args = () if name == "varkw_dict" else (1,)
        calls = [lambda kw: functools.partial(f, *args, **kw)(),
                 lambda kw: operator.methodcaller("__call__", *args, **kw)(f)]
    for c in calls:
        for kw in ({NonStrKey(): 2}, {1: 2}, {"b": 1, NonStrKey(): 2}):
            with pytest.raises(TypeError) as info:
                c(kw)
            assert str(info.value) == "keywords must be strings", (name, kw)
        leak_free(lambda: call(c, ({1: 2},), {}), n=100)


class StrRaises(str):
    def __str__(self):
        raise ValueError("no str")


class StrRecurses(str):
    def __str__(self):
        return lt.kwonly(1, b=1, **{StrRecurses("zz"): 1})


@pytest.mark.parametrize("key_type", [StrRaises, StrRecurses])
def test_unexpected_keyword_whose_str_fails(key_type):
    # The message shows str(key) (as CPython's '%S'): its error propagates, as from a Python
    # function on 3.11+ (3.7-3.10 raise an empty TypeError instead), without a crash or a leak.
    expected = {StrRaises: ValueError, StrRecurses: RecursionError}[key_type]
    for f, args in ((lt.kwonly, (1,)), (lt.Base, ())):
        with pytest.raises(expected):
            f(*args, b=1, **{key_type("zz"): 1}) if f is lt.kwonly else f(*args, **{key_type("zz"): 1})
        if PY >= (3, 11):
            assert call(ref_kwonly, (1,), {"b": 1, key_type("zz"): 1})[1] is expected
    # a **kwargs function stores the key without asking for its str
    assert lt.posonly_varkw(1, **{key_type("zz"): 1}) == (1, {"zz": 1})
    if key_type is StrRaises:
        leak_free(lambda: call(lt.kwonly, (1,), {"b": 1, StrRaises("zz"): 1}), n=100)
