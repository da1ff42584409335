"""Reliability: calling Python from Rust, the GIL, signals, threads (issue 6, items 1, 2, 5).

Every test is bounded in time (timeouts on joins, deadlines on loops) so that a regression
shows up as a failure, never as a hung matrix run.
"""
import collections
import itertools
import math
import os
import signal
import sys
import threading
import time
import traceback

import pytest

import limptest as lt
from limptest import reliability as rel

PY = sys.version_info[:2]
#: under valgrind (make valgrind) threads are serialised and everything is ~30x slower:
#: wall-clock bounds are not asserted there
UNDER_VALGRIND = bool(os.environ.get("LIMPET_UNDER_VALGRIND"))


# ---------------------------------------------------------------- 1. calling Python from Rust


def test_import_getattr_setattr_delattr():
    assert rel.rel_import_attr("math", "pi") == math.pi
    assert rel.rel_import_attr("os", "path.join") is os.path.join
    assert rel.rel_import_attr("collections", "") is collections
    with pytest.raises(ModuleNotFoundError) as info:
        rel.rel_import_attr("no_such_module_limpet", "x")
    assert info.value.name == "no_such_module_limpet"
    with pytest.raises(AttributeError) as info:
        rel.rel_import_attr("math", "nope")
    assert "nope" in str(info.value)

    class O:
        pass

    o = O()
    value = object()
    assert rel.rel_setattr(o, "x", value) is True
    assert o.x is value
    assert rel.rel_getattr(o, "x") is value
    rel.rel_delattr(o, "x")
    assert not hasattr(o, "x")
    with pytest.raises(AttributeError):
        rel.rel_delattr(o, "x")
    with pytest.raises(AttributeError):
        rel.rel_setattr(object(), "x", 1)  # no __dict__
    with pytest.raises(TypeError):
        rel.rel_getattr(o, 5)  # the name must be a str


def test_call_positional_and_keyword():
    def f(a, b=2, *args, c=3, **kw):
        return (a, b, args, c, kw)

    assert rel.rel_call(f, 1) == (1, 2, (), 3, {})
    assert rel.rel_call(f, 1, 5, 6, 7, c=8, z=9) == (1, 5, (6, 7), 8, {"z": 9})
    assert rel.rel_call(dict, a=1) == {"a": 1}
    assert rel.rel_call(sorted, [3, 1, 2], reverse=True) == [3, 2, 1]
    # vectorcall (3.12+) or tuple (below): the same results
    assert rel.rel_call_args(f, 1, 5, 6) == (1, 5, (6,), 3, {})
    assert rel.rel_call_args(max, 3, 9, 4) == 9
    assert rel.rel_call_args(str) == ""
    for g in (rel.rel_call, rel.rel_call_args):
        with pytest.raises(TypeError) as ref:
            f()
        with pytest.raises(TypeError) as info:
            g(f)
        assert str(info.value) == str(ref.value)
        with pytest.raises(TypeError):
            g(5)  # not callable


def test_call_methods():
    items = [3, 1, 2]
    assert rel.rel_call_method(items, "sort", reverse=True) is None
    assert items == [3, 2, 1]
    assert rel.rel_call_method("a,b,c", "split", ",", 1) == ["a", "b,c"]
    assert rel.rel_call_method0("abc", "upper") == "ABC"
    d = {}
    assert rel.rel_call_method(d, "setdefault", "k", []) == []
    with pytest.raises(AttributeError):
        rel.rel_call_method0("abc", "nope")


def test_iterate_any_iterable():
    def gen():
        yield 1
        yield "two"
        yield None

    assert rel.rel_iter([1, 2, 3]) == [1, 2, 3]
    assert rel.rel_iter((x * x for x in range(5))) == [0, 1, 4, 9, 16]
    assert rel.rel_iter(gen()) == [1, "two", None]
    assert rel.rel_iter("héllo") == list("héllo")
    assert rel.rel_iter({"a": 1, "b": 2}) == ["a", "b"]
    assert rel.rel_iter(range(0)) == []
    assert rel.rel_iter(b"ab") == [97, 98]
    assert rel.rel_take(itertools.count(7), 3) == [7, 8, 9]
    assert sorted(rel.rel_iter({1, 2, 3})) == [1, 2, 3]

    class Custom:
        def __iter__(self):
            return iter([10, 20])

    assert rel.rel_iter(Custom()) == [10, 20]

    def bad():
        yield 1
        raise ValueError("boom in iterator")

    with pytest.raises(ValueError, match="boom in iterator"):
        rel.rel_iter(bad())
    with pytest.raises(TypeError) as ref:
        iter(5)
    with pytest.raises(TypeError) as info:
        rel.rel_iter(5)
    assert str(info.value) == str(ref.value)


def test_compare_hash_isinstance_items():
    assert rel.rel_compare(1, 2) == (False, True, -1)
    assert rel.rel_compare(2, 2.0) == (True, False, 0)
    assert rel.rel_compare("b", "a") == (False, False, 1)
    assert rel.rel_compare((1, 2), (1, 3)) == (False, True, -1)
    with pytest.raises(TypeError):
        rel.rel_compare(float("nan"), 1.0)  # unordered
    with pytest.raises(TypeError):
        rel.rel_compare(1, "a")  # '<' not supported
    for v in (0, -1, 2 ** 70, "abc", b"x", (1, "a"), 1.5, None, frozenset({1})):
        assert rel.rel_hash(v) == hash(v)
    with pytest.raises(TypeError) as ref:
        hash([])
    with pytest.raises(TypeError) as info:
        rel.rel_hash([])
    assert str(info.value) == str(ref.value)

    class H:
        def __hash__(self):
            raise KeyError("hash failed")

    with pytest.raises(KeyError):
        rel.rel_hash(H())
    assert rel.rel_isinstance(True, int) is True
    assert rel.rel_isinstance(1, (str, float)) is False
    assert rel.rel_isinstance(KeyError(), LookupError) is True
    with pytest.raises(TypeError):
        rel.rel_isinstance(1, 2)
    assert rel.rel_items({"a": 1}, "a") == (1, True, 1)
    assert rel.rel_items([5, 6, 7], 1) == (3, False, 6)
    with pytest.raises(KeyError):
        rel.rel_items({"a": 1}, "b")
    assert rel.rel_dict_items({"x": 1, 2: None}) == [("x", 1), (2, None)]


def _raiser(exc):
    def f():
        raise exc

    return f


def test_error_identity_and_traceback_survive_rust():
    err = ValueError("original")

    def callback():
        raise err

    with pytest.raises(ValueError) as info:
        rel.rel_propagate(callback)
    assert info.value is err
    # the traceback still reaches into the Python callback's frame
    names = [fs.name for fs in traceback.extract_tb(info.value.__traceback__)]
    assert "callback" in names, names
    # caught in Rust and handed back: the same object, traceback attached
    err2 = KeyError("k")
    caught = rel.rel_catch(_raiser(err2))
    assert caught is err2
    assert caught.__traceback__ is not None
    assert rel.rel_catch(lambda: 1) is None


def test_error_chaining_across_the_boundary():
    # raise ... from ... inside Python, passing through Rust
    def chained():
        try:
            {}["missing"]
        except KeyError as e:
            raise ValueError("outer") from e

    with pytest.raises(ValueError) as info:
        rel.rel_propagate(chained)
    assert isinstance(info.value.__cause__, KeyError)
    assert info.value.__suppress_context__ is True
    assert rel.rel_inspect_error(chained) == ("ValueError", "outer", True)
    assert rel.rel_inspect_error(_raiser(OSError("x"))) == ("OSError", "x", False)
    assert rel.rel_inspect_error(lambda: 0) is None

    # the cause set in Rust (`set_cause`) is the callback's original exception object
    inner = ZeroDivisionError("inner")
    with pytest.raises(RuntimeError, match="wrapped") as info:
        rel.rel_wrap(_raiser(inner), "wrapped")
    assert info.value.__cause__ is inner
    assert inner.__traceback__ is not None
    text = "".join(traceback.format_exception(type(info.value), info.value, info.value.__traceback__))
    assert "ZeroDivisionError: inner" in text
    assert "direct cause" in text

    # a Rust error raised from a callback which itself went through Rust: two levels
    def nested():
        rel.rel_wrap(_raiser(inner), "level1")

    with pytest.raises(RuntimeError, match="level2") as info:
        rel.rel_wrap(nested, "level2")
    assert str(info.value.__cause__) == "level1"
    assert info.value.__cause__.__cause__ is inner


def test_base_exceptions_pass_through():
    for exc in (KeyboardInterrupt(), SystemExit(3), GeneratorExit()):
        with pytest.raises(type(exc)) as info:
            rel.rel_propagate(_raiser(exc))
        assert info.value is exc


# ---------------------------------------------------------------- 2. the GIL


def _join_all(threads, timeout=30.0):
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    alive = [t for t in threads if t.is_alive()]
    assert not alive, "threads still running after %.0f s" % timeout


def test_allow_threads_releases_the_gil():
    # 8 threads each sleep 250 ms with the GIL released: well under 8 x 250 ms overall
    results = []
    threads = [threading.Thread(target=lambda: results.append(rel.rel_sleep_nogil(250))) for _ in range(8)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    _join_all(threads)
    elapsed = time.monotonic() - t0
    assert results == [250] * 8
    assert UNDER_VALGRIND or elapsed < 1.5, "sleeps were serialised (%.2f s): the GIL was not released" % elapsed


def test_python_thread_runs_while_rust_works():
    # While Rust spins with the GIL released, a Python thread keeps counting.
    progress = [0]
    stop = threading.Event()

    def counter():
        while not stop.is_set():
            progress[0] += 1

    t = threading.Thread(target=counter)
    t.start()
    try:
        time.sleep(0.01)
        n = 0
        start = progress[0]
        deadline = time.monotonic() + 5
        while progress[0] - start < 1000 and time.monotonic() < deadline:
            rel.rel_spin_nogil(2_000_000)
            n += 1
    finally:
        stop.set()
        _join_all([t])
    assert progress[0] - start >= 1000
    assert rel.rel_spin_nogil(1000, 7) == rel.rel_spin_gil(1000, 7)


def test_rust_threads_call_back_with_gil():
    seen = set()

    def f(t, i):
        seen.add(threading.get_ident())
        return t * 1000 + i

    assert rel.rel_rust_threads_call(f, 1, 10) == [45]
    res = rel.rel_rust_threads_call(f, 4, 50)
    assert res == [t * 1000 * 50 + sum(range(50)) for t in range(4)]
    assert threading.get_ident() not in seen  # the calls came from the Rust threads
    assert len(seen) >= 2
    # an exception in a Rust thread's callback comes back as RuntimeError with its text
    def bad(t, i):
        raise ValueError("from rust thread %d" % t)

    with pytest.raises(RuntimeError, match="from rust thread 0"):
        rel.rel_rust_threads_call(bad, 1, 1)


def _sigint_later(delay, how):
    """Deliver SIGINT to this (main) thread after `delay` seconds, returns a waitable."""
    if how == "kill-from-child":
        # a real OS signal from another process: needs no GIL (like Ctrl-C in a terminal)
        import subprocess

        return subprocess.Popen([sys.executable, "-c",
                                 "import os, signal, time; time.sleep(%r); os.kill(%d, signal.SIGINT)"
                                 % (delay, os.getpid())])

    def fire():
        if how == "interrupt_main":
            import _thread

            _thread.interrupt_main()
        else:
            signal.raise_signal(signal.SIGINT)

    t = threading.Timer(delay, fire)
    t.start()
    return t


def _wait(w):
    if hasattr(w, "join"):
        w.join(10)
    else:
        w.wait(10)


# A Python timer thread needs the GIL to run, so it can only fire while the Rust loop
# releases the GIL between chunks (release=True); a signal from another process reaches a
# loop that holds the GIL all the time (release=False).
@pytest.mark.parametrize("how,release", [("interrupt_main", True), ("raise_signal", True),
                                         ("kill-from-child", False), ("kill-from-child", True)])
def test_check_signals_raises_keyboard_interrupt(how, release):
    if how == "raise_signal" and PY < (3, 8):
        pytest.skip("signal.raise_signal is new in 3.8")
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals are delivered to the main thread only")
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        t0 = time.monotonic()
        w = _sigint_later(0.1, how)
        try:
            with pytest.raises(KeyboardInterrupt):
                # at most 10 s; the signal arrives after about 0.1 s
                rel.rel_spin_check_signals(10_000, 1000, release)
        finally:
            _wait(w)
        elapsed = time.monotonic() - t0
        assert elapsed < 8, "KeyboardInterrupt took %.1f s" % elapsed
        # without a signal the loop ends normally
        assert rel.rel_spin_check_signals(20, 1000, release) > 0
    finally:
        signal.signal(signal.SIGINT, old)


def test_check_signals_with_alarm_while_gil_held():
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals are delivered to the main thread only")

    def handler(signum, frame):
        raise KeyboardInterrupt("alarm")

    old = signal.signal(signal.SIGALRM, handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.1)
        t0 = time.monotonic()
        with pytest.raises(KeyboardInterrupt, match="alarm"):
            rel.rel_spin_check_signals(10_000, 1000)
        assert time.monotonic() - t0 < 8
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_check_signals_runs_python_handler():
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals are delivered to the main thread only")

    class Stop(Exception):
        pass

    def handler(signum, frame):
        raise Stop(signum)

    old = signal.signal(signal.SIGUSR1, handler)
    try:
        timer = threading.Timer(0.05, lambda: os.kill(os.getpid(), signal.SIGUSR1))
        timer.start()
        try:
            with pytest.raises(Stop):
                rel.rel_spin_check_signals(10_000, 1000, True)
        finally:
            timer.join(5)
    finally:
        signal.signal(signal.SIGUSR1, old)


# ---------------------------------------------------------------- 5. threads


def test_eight_threads_functions_and_methods_release_gil():
    n_threads, rounds = 8, 25
    errors, results = [], collections.defaultdict(list)
    barrier = threading.Barrier(n_threads)
    objs = [lt.Shared(t) for t in range(n_threads)]

    def worker(t):
        try:
            barrier.wait(10)
            for i in range(rounds):
                results[t].append(rel.rel_spin_nogil(20_000, t * 100 + i + 1))
                results[t].append(objs[t].spin(1000))
                results[t].append(objs[t].slow_add(1, 1))
                results[t].append(lt.add(t, i, c=1))
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(n_threads)]
    for th in threads:
        th.start()
    _join_all(threads, 60)
    assert not errors, errors
    for t in range(n_threads):
        expected = []
        for i in range(rounds):
            expected += [rel.rel_spin_gil(20_000, t * 100 + i + 1), None, t + i + 1, t + i + 1]
        got = results[t]
        assert got[0::4] == expected[0::4]
        assert got[2::4] == expected[2::4]
        assert got[3::4] == expected[3::4]
        assert objs[t].value == t + rounds and objs[t].calls == rounds


def test_shared_mut_borrow_across_gil_release_raises_not_races():
    s = lt.Shared(0)
    n_threads, rounds = 8, 10
    outcomes = collections.Counter()
    messages = set()
    lock = threading.Lock()
    barrier = threading.Barrier(n_threads)

    def worker():
        barrier.wait(10)
        for _ in range(rounds):
            try:
                s.slow_add(1, 5)
                what = "ok"
            except RuntimeError as e:
                what = "busy"
                with lock:
                    messages.add(str(e))
            with lock:
                outcomes[what] += 1

    threads = [threading.Thread(target=worker) for _ in range(n_threads)]
    for th in threads:
        th.start()
    _join_all(threads, 60)
    assert outcomes["ok"] + outcomes["busy"] == n_threads * rounds
    assert outcomes["busy"] > 0, "no concurrent &mut call was refused"
    assert all("borrow" in m for m in messages), messages
    # no lost update: each successful call added exactly one
    assert s.value == outcomes["ok"] == s.calls


def test_shared_reads_overlap_while_writer_refused():
    s = lt.Shared(7)
    started = threading.Event()
    out = []

    def reader():
        started.set()
        out.append(s.slow_read(300))

    t = threading.Thread(target=reader)
    t.start()
    started.wait(5)
    time.sleep(0.05)  # the reader is inside slow_read, GIL released, &self borrowed
    assert s.slow_read(1) == 7  # shared borrows overlap
    with pytest.raises(RuntimeError, match="borrow"):
        s.add(1)  # &mut while a &self is out
    _join_all([t])
    assert out == [7]
    assert s.add(1) == 8
