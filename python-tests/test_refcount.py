"""Reference leaks: refcounts of non-immortal arguments (the very objects passed) are
unchanged after many round trips and many failing calls; no objects pile up
(``sys.getallocatedblocks``) and no Rust allocation is left behind (the extension's counting
allocator, ``leakcheck.py``)."""
import gc
import sys

import pytest

import limptest as lt
from leakcheck import rust_growth, rust_heap, rust_ok

N = 1000


def fresh_str(tag):
    return "".join(["fresh-", tag, "-", str(id(tag)), "é"])  # not interned, not immortal


def fresh_int():
    return int("1234567890123456789")  # big int (fits i64): never cached


def assert_refcounts_stable(objs, call, n=N):
    call()  # warm up caches (interned names, lazily made classes)
    before = [sys.getrefcount(o) for o in objs]
    for _ in range(n):
        call()
    after = [sys.getrefcount(o) for o in objs]
    assert after == before


def test_pass_through_objects():
    o, d, l, t = object(), {"k": fresh_str("v")}, [fresh_int()], (fresh_int(), 1)
    assert_refcounts_stable([o], lambda: lt.echo_any(o))
    assert_refcounts_stable([o], lambda: lt.echo_any_ref(o))
    assert_refcounts_stable([o], lambda: lt.echo_py(o))
    assert_refcounts_stable([d], lambda: lt.echo_dict(d))
    assert_refcounts_stable([l], lambda: lt.echo_list(l))
    assert_refcounts_stable([t], lambda: lt.echo_tuple_obj(t))


def test_value_conversions():
    s, i, b = fresh_str("s"), fresh_int(), bytes(bytearray(b"abc" * 10))
    lst = [fresh_int(), fresh_int()]
    m = {fresh_str("k"): 7}
    key = next(iter(m))
    st = {fresh_int()}
    item = next(iter(st))
    nested = [{fresh_str("n"): [1, 2]}]
    assert_refcounts_stable([s], lambda: lt.echo_str(s))
    assert_refcounts_stable([s], lambda: lt.echo_string(s))
    assert_refcounts_stable([s], lambda: lt.echo_opt_str(s))
    assert_refcounts_stable([i], lambda: lt.echo_i64(i))
    assert_refcounts_stable([i], lambda: lt.echo_u128(i))
    assert_refcounts_stable([i], lambda: lt.echo_i128(i))
    assert_refcounts_stable([i], lambda: lt.echo_f64(i))
    assert_refcounts_stable([b], lambda: lt.echo_bytes(b))
    assert_refcounts_stable([b], lambda: lt.echo_vec_u8(b))
    assert_refcounts_stable([lst] + lst, lambda: lt.echo_vec_i64(lst))
    tup = tuple(lst)
    assert_refcounts_stable([tup] + lst, lambda: lt.echo_tuple_obj(tup))
    assert_refcounts_stable([m, key], lambda: lt.echo_hashmap(m))
    assert_refcounts_stable([st, item], lambda: lt.echo_hashset(st))
    assert_refcounts_stable([nested, nested[0]], lambda: lt.echo_nested(nested))


def test_argument_binding_paths():
    a, k, extra = fresh_int(), fresh_str("key"), fresh_int()
    kw = {k: extra}
    assert_refcounts_stable([a, extra, k], lambda: lt.everything(a, a, a, a, d=a, **kw))
    assert_refcounts_stable([a], lambda: lt.varargs_tuple(a, a, a))
    assert_refcounts_stable([a, extra, k], lambda: lt.varkw_dict(x=a, **kw))
    assert_refcounts_stable([a], lambda: lt.many(*[a] * 20))
    assert_refcounts_stable([a], lambda: lt.many_kw(a, **{"k%d" % j: 1 for j in range(15)}))


def _fails(f, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except (TypeError, ValueError, OverflowError, UnicodeEncodeError):
        return
    raise AssertionError("no error")


def test_failing_conversions():
    o, s, big = object(), fresh_str("bad"), fresh_int() ** 8
    surrogate = "x\ud800" + fresh_str("s")
    assert_refcounts_stable([o], lambda: _fails(lt.echo_i64, o))
    assert_refcounts_stable([o], lambda: _fails(lt.echo_str, o))
    assert_refcounts_stable([s], lambda: _fails(lt.echo_vec_i64, s))
    # the containers passed are kept, so that their own refcounts are checked too
    items, bigs, m = [1, s], [big], {"a": o}
    assert_refcounts_stable([items, s], lambda: _fails(lt.echo_vec_i64, items))
    assert_refcounts_stable([big], lambda: _fails(lt.echo_i128, big))
    assert_refcounts_stable([bigs, big], lambda: _fails(lt.echo_vec_i64, bigs))
    assert_refcounts_stable([surrogate], lambda: _fails(lt.echo_str, surrogate))
    assert_refcounts_stable([m, o], lambda: _fails(lt.echo_hashmap, m))


def test_failing_binding():
    o, k = fresh_int(), fresh_str("unexpected")
    kw = {k: o}
    assert_refcounts_stable([o, k], lambda: _fails(lt.one, o, **kw))  # unexpected keyword
    assert_refcounts_stable([o], lambda: _fails(lt.one, o, a=o))  # multiple values
    assert_refcounts_stable([o], lambda: _fails(lt.two, o))  # missing
    assert_refcounts_stable([o], lambda: _fails(lt.one, o, o, o))  # too many
    assert_refcounts_stable([o], lambda: _fails(lt.posonly, o, b=o, c=o))  # positional-only
    bad = object()
    assert_refcounts_stable([o, bad], lambda: _fails(lt.varkw_map, o, x=bad))  # **kwargs value


def test_errors_and_panics_do_not_leak():
    msg = fresh_str("msg")
    assert_refcounts_stable([msg], lambda: _raises(lt.raise_my_error, msg))
    assert_refcounts_stable([msg], lambda: _raises(lt.parse_int, msg))
    panic_msg = fresh_str("panic")
    assert_refcounts_stable([panic_msg], lambda: _raises(lt.panics, panic_msg), n=100)


def _raises(f, *args):
    try:
        f(*args)
    except BaseException:  # noqa: BLE001
        return
    raise AssertionError("no error")


def test_callbacks_do_not_leak():
    o = object()
    exc = ValueError(fresh_str("e"))

    def raiser(_x):
        raise exc

    assert_refcounts_stable([o], lambda: lt.call_with(lambda x: o, 1))
    assert_refcounts_stable([lt, lt.add], lambda: lt.get_attr(lt, "add"))
    assert_refcounts_stable([exc], lambda: _raises(lt.call_with, raiser, 1))


def test_no_growth_in_allocated_blocks():
    """Returned objects are freed: the number of live allocations does not grow."""
    getblocks = getattr(sys, "getallocatedblocks")
    s, lst, d = fresh_str("g"), list(range(50)), {"a": 1, "b": 2}

    def work():
        lt.echo_string(s)
        lt.echo_vec_i64(lst)
        lt.echo_hashmap(d)
        lt.everything(1, 2, 3, 4, d=5, z=6)
        lt.make_nested()
        lt.echo_u128(2**100)
        _fails(lt.echo_i64, "x")
        _fails(lt.one, 1, zz=2)
        _raises(lt.raise_my_error, "e")

    for _ in range(50):
        work()
    # A leak of one block per call grows by >= 1000 per round; interpreter caches (3.14's
    # specialization, free lists) give a few hundred once: take the best of three rounds.
    # The Rust heap is exact: it must not move at all over any round.
    growth, heap = [], []
    for _ in range(3):
        gc.collect()
        before, heap0 = getblocks(), rust_heap()
        for _ in range(1000):
            work()
        gc.collect()
        heap.append(rust_growth(heap0))
        growth.append(getblocks() - before)
    assert min(growth) < 200, growth
    assert all(rust_ok(h, 1000) for h in heap), heap
