"""Calling back into Python from Rust: call, getattr/setattr, import, re-entrancy."""
import importlib
import sys

import pytest

import limptest as lt


def test_call1_and_call0():
    assert lt.call_with(lambda x: x * 2, 21) == 42
    assert lt.call_with(str, 5) == "5"
    assert lt.call0(list) == []
    sentinel = object()
    assert lt.call0(lambda: sentinel) is sentinel


def test_call_errors_propagate_like_python():
    with pytest.raises(TypeError) as ref:
        len(1)
    with pytest.raises(TypeError) as info:
        lt.call_with(len, 1)
    assert str(info.value) == str(ref.value)
    five = 5
    with pytest.raises(TypeError) as ref:
        five()
    with pytest.raises(TypeError) as info:
        lt.call0(five)
    assert str(info.value) == str(ref.value)


def test_getattr_setattr_like_python():
    class O:
        a = 1

    o = O()
    assert lt.get_attr(o, "a") == 1
    with pytest.raises(AttributeError) as ref:
        getattr(o, "nope")
    with pytest.raises(AttributeError) as info:
        lt.get_attr(o, "nope")
    assert str(info.value) == str(ref.value)
    assert lt.set_attr(o, "b", 3) is None and o.b == 3
    with pytest.raises(AttributeError) as ref:
        setattr(object(), "b", 3)
    with pytest.raises(AttributeError) as info:
        lt.set_attr(object(), "b", 3)
    assert str(info.value) == str(ref.value)


def test_import_and_call():
    assert lt.import_call("math", "sqrt", 16.0) == 4.0
    assert lt.import_call("math", "floor", 2.7) == 2.0
    with pytest.raises(ModuleNotFoundError) as ref:
        importlib.import_module("no_such_module_limpet")
    with pytest.raises(ModuleNotFoundError) as info:
        lt.import_call("no_such_module_limpet", "f", 1.0)
    assert str(info.value) == str(ref.value)
    with pytest.raises(ValueError) as ref:
        import math

        math.sqrt(-1.0)
    with pytest.raises(ValueError) as info:
        lt.import_call("math", "sqrt", -1.0)
    assert str(info.value) == str(ref.value)


def test_many_calls_and_extract_results():
    assert lt.sum_calls(lambda i: i, 1000) == sum(range(1000))
    with pytest.raises(TypeError):
        lt.sum_calls(lambda i: "x", 3)


def test_reentrant_calls():
    assert lt.call_with(lambda x: lt.call_with(lambda y: y + 1, x), 1) == 2
    assert lt.call_with(lambda x: lt.everything(x, d=x), 7) == (7, 2, 3, [], 7, 5, {})


def test_unbounded_recursion_through_rust_is_recursion_error():
    def f(x):
        return lt.call_with(f, x)

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(300)
    try:
        with pytest.raises(RecursionError):
            f(1)
    finally:
        sys.setrecursionlimit(old)
    assert lt.add(1) == 2


def test_builtin_callable_from_methods_and_maps():
    assert list(map(lt.echo_i64, [1, 2, 3])) == [1, 2, 3]
    assert sorted([3, 1, 2], key=lt.echo_i64) == [1, 2, 3]
    import functools

    p = functools.partial(lt.kwonly, b=4)
    assert p(1) == (1, 4, 3)


def test_threads_share_the_module_safely():
    import threading

    errors = []

    def work(n):
        try:
            for i in range(200):
                assert lt.everything(n, i, d=i, extra=n) == (n, i, 3, [], i, 5, {"extra": n})
                assert lt.echo_str("t%d" % i) == "t%d" % i
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
