"""Hostile tests, second round: re-entrancy through the borrow flag (every conflict an
exception, the flag free again after every exit path: return, error, panic, conflict),
arguments whose conversion calls back into the receiver, panics in `Drop` of values
converted into Python, objects that lie while being converted, integer boundaries, lone
surrogates, and threads inside limpet calls at interpreter shutdown (subprocesses).
"""
import os
import signal
import subprocess
import sys
import textwrap

import pytest

import limptest as lt

h2 = lt.hostile2
EXT_DIR = os.path.dirname(os.path.abspath(lt.__file__))

BORROWED = "Already borrowed (H2Cell)"
MUT_BORROWED = "Already mutably borrowed (H2Cell)"


def assert_free(c):
    """The flag of `c` is free: an exclusive borrow and a shared one both go through."""
    n = c.n
    c.n = n  # a setter: exclusive
    assert c.call_ref(lambda: 7) == 7  # shared
    with pytest.raises(ValueError, match="error while borrowed"):
        c.err_mut()  # exclusive, then its own error
    assert c.n == n + 1
    c.n = n


# --- 1. re-entrancy: conflicts are exceptions, and the flag is released on every path ---

def expect_conflict(msg, f):
    with pytest.raises(RuntimeError) as e:
        f()
    assert str(e.value) == msg


@pytest.mark.parametrize("case", [
    # (what runs inside the borrow, the message it gets)
    ("call_mut", lambda c: c.call_mut(lambda: 1), BORROWED),
    ("call_mut", lambda c: c.call_ref(lambda: 1), MUT_BORROWED),
    ("call_mut", lambda c: c.n, MUT_BORROWED),
    ("call_mut", lambda c: setattr(c, "n", 5), BORROWED),
    ("call_ref", lambda c: setattr(c, "n", 5), BORROWED),
    ("call_ref", lambda c: c.err_mut(), BORROWED),
    ("call_ref", lambda c: c.take_mut(c), BORROWED),
], ids=lambda case: case if isinstance(case, str) else None)
def test_reentrant_conflicts_raise_and_release(case):
    outer, inner, msg = case
    c = h2.H2Cell(1)
    seen = []

    def callback():
        with pytest.raises(RuntimeError) as e:
            inner(c)
        seen.append(str(e.value))
        return "done"

    assert getattr(c, outer)(callback) == "done"
    assert seen == [msg]
    assert_free(c)


def test_shared_borrows_nest():
    c = h2.H2Cell(4)
    assert c.call_ref(lambda: c.call_ref(lambda: c.n)) == 4
    assert_free(c)


@pytest.mark.parametrize("method,msg", [("take_mut", BORROWED), ("take_ref", MUT_BORROWED), ("take_refmut", BORROWED)])
def test_same_object_as_receiver_and_argument(method, msg):
    c = h2.H2Cell(3)
    expect_conflict(msg, lambda: getattr(c, method)(c))
    assert_free(c)
    other = h2.H2Cell(2)
    assert getattr(c, method)(other) == 5
    assert_free(c)
    assert_free(other)


class CallsBack:
    """An int whose `__index__` runs `f()` first: a conversion that re-enters the receiver."""

    def __init__(self, f, value=1):
        self.f, self.value = f, value

    def __index__(self):
        self.f()
        return self.value


@pytest.mark.parametrize("inner,msg", [
    (lambda c: c.n, MUT_BORROWED),
    (lambda c: setattr(c, "n", 100), BORROWED),
    (lambda c: c.call_mut(lambda: 1), BORROWED),
])
def test_argument_conversion_that_reenters_the_receiver(inner, msg):
    c = h2.H2Cell(1)
    expect_conflict(msg, lambda: c.add_all([1, CallsBack(lambda: inner(c))]))
    assert c.n == 1
    assert_free(c)
    expect_conflict(msg, lambda: c.add_map(m={"a": CallsBack(lambda: inner(c))}))
    assert_free(c)
    assert c.add_all([1, CallsBack(lambda: None, 2)]) == 4


def test_flag_released_after_panic_error_and_bad_return():
    c = h2.H2Cell(1)
    with pytest.raises(BaseException, match="panic while borrowed mutably") as e:
        c.panic_mut()
    assert type(e.value).__name__ == "PanicException"
    assert_free(c)
    with pytest.raises(BaseException, match=r"panic while borrowed \(2\)"):
        c.panic_ref()
    assert_free(c)
    with pytest.raises(BaseException, match=r"DropBomb\(3\) dropped"):
        c.bad_return()  # the result's conversion panics while `&mut self` is held
    assert_free(c)
    d = c.spawn()  # a new instance allocated while `&mut self` is held
    assert (c.n, d.n) == (4, 4)
    assert_free(c)


def test_receiver_dropped_inside_its_own_method():
    """The callback drops every other reference to the receiver: the call's own reference
    keeps it alive until the method (and its borrow) is done."""
    for method in ("call_mut", "call_ref"):
        holder = {"c": h2.H2Cell(1)}
        assert holder["c"].__getattribute__(method)(holder.clear) is None
        assert holder == {}


# --- 2. panics in Drop of values converted into Python ----------------------------------

def test_drop_panic_of_returned_containers_is_a_panic_exception_without_leaks():
    obj = object()
    base = sys.getrefcount(obj)
    drops = h2.h2_bomb_drops()
    for _ in range(50):
        with pytest.raises(BaseException, match=r"DropBomb\(2\) dropped"):
            h2.h2_drop_bombs([-1, 2, -1])
        with pytest.raises(BaseException, match=r"DropBomb\(2\) dropped"):
            h2.h2_drop_bomb_map([-1, 2, -1])
        with pytest.raises(BaseException, match=r"DropBomb\(5\) dropped"):
            h2.h2_drop_bomb_tuple(5, obj)
    assert sys.getrefcount(obj) == base
    assert h2.h2_bomb_drops() - drops == 50 * (3 + 3 + 1)
    assert h2.h2_drop_bomb(-1, obj) is obj
    assert h2.h2_drop_bombs([-1, -1]) == [-1, -1]


@pytest.mark.xfail(strict=True, reason=(
    "rustc does not drop a function's return value when a local's destructor panics after it "
    "was computed (rust-lang/rust#47949, still so in 1.95): a user `IntoPy::into_py(self)` "
    "whose `self` panics in Drop leaks the object it returned; nothing limpet can release"))
def test_into_py_whose_self_panics_in_drop_leaks_its_result():
    obj = object()
    base = sys.getrefcount(obj)
    for _ in range(20):
        with pytest.raises(BaseException, match=r"DropBomb\(1\) dropped"):
            h2.h2_drop_bomb(1, obj)
    assert sys.getrefcount(obj) == base


# --- 3. objects that lie while being converted ------------------------------------------

def test_list_shrunk_or_grown_by_an_items_index_converts_like_list():
    """`__index__` of an item mutates the list being converted: the walk re-reads the length
    (as `list(x)` iteration does) and never reads past the end or a freed item."""
    lst = []

    class Shrink:
        def __index__(self):
            lst.clear()
            return 5

    lst[:] = [1, Shrink(), 3, 4]
    assert lt.echo_vec_i64(lst) == [1, 5]
    lst[:] = [(1, "a"), (Shrink(), "b"), (3, "c")]
    assert h2.h2_pairs(lst) == [(1, "a"), (5, "b")]

    class Grow:
        def __index__(self):
            lst.extend(range(10))
            return 7

    lst[:] = [Grow(), 2]
    assert lt.echo_vec_i64(lst) == [7, 2]


def test_dict_and_set_mutated_during_conversion():
    d = {}

    class DictMut:
        def __index__(self):
            d.clear()
            d.update({str(i): i for i in range(100)})
            return 1

    d.update({"a": DictMut(), "b": 2})
    assert lt.echo_hashmap(d) == {"a": 1, "b": 2}  # a snapshot of the items
    s = set()

    class SetMut:
        def __hash__(self):
            return 1

        def __index__(self):
            s.update(range(1000, 1100))
            return 3

    s.update({SetMut(), 2})
    with pytest.raises(RuntimeError, match="Set changed size during iteration"):
        lt.echo_hashset(s)


class BadStr(ValueError):
    def __str__(self):
        raise RuntimeError("__str__ of the error raised")


class BadStrOverflow(OverflowError):
    def __str__(self):
        raise RuntimeError("__str__ of the error raised")


class Raises:
    def __init__(self, exc):
        self.exc = exc

    def __index__(self):
        raise self.exc("x")


@pytest.mark.parametrize("exc", [BadStr, BadStrOverflow])
@pytest.mark.parametrize("call", [
    lambda x: lt.echo_i64(x),
    lambda x: lt.echo_vec_i64([1, x]),
    lambda x: lt.echo_hashmap({"k": x}),
    lambda x: lt.echo_tuple_mixed((x, "a", 1.0, True, None)),
    lambda x: h2.h2_pairs([(x, "a")]),
], ids=["scalar", "list_item", "dict_value", "tuple_item", "nested"])
def test_error_whose_str_raises_is_kept(exc, call):
    """Adding the item's context to an error reads its message: a `__str__` that raises
    leaves the original exception as it was (not replaced, not a crash)."""
    with pytest.raises(exc) as e:
        call(Raises(exc))
    assert e.value.args == ("x",)


INT_TYPES = [
    ("i8", -2**7, 2**7 - 1), ("i16", -2**15, 2**15 - 1), ("i32", -2**31, 2**31 - 1),
    ("i64", -2**63, 2**63 - 1), ("isize", -2**63, 2**63 - 1), ("i128", -2**127, 2**127 - 1),
    ("u8", 0, 2**8 - 1), ("u16", 0, 2**16 - 1), ("u32", 0, 2**32 - 1), ("u64", 0, 2**64 - 1),
    ("usize", 0, 2**64 - 1), ("u128", 0, 2**128 - 1),
]


@pytest.mark.parametrize("name,lo,hi", INT_TYPES, ids=[t[0] for t in INT_TYPES])
def test_integer_boundaries(name, lo, hi):
    f = getattr(lt, "echo_" + name)

    class Index:
        def __init__(self, v):
            self.v = v

        def __index__(self):
            return self.v

    assert f(True) == 1
    for v in (lo, hi, lo + 1, hi - 1, 0):
        assert f(v) == v
        assert f(Index(v)) == v
    for v in (lo - 1, hi + 1, -2**200, 2**200):
        with pytest.raises(OverflowError) as e:
            f(v)
        assert str(e.value).startswith("echo_%s() argument 'x': " % name), str(e.value)
        with pytest.raises(OverflowError):
            f(Index(v))
    for bad in (1.0, "1", None, Index(1.5)):
        with pytest.raises(TypeError):
            f(bad)


@pytest.mark.parametrize("call", [
    lambda s: lt.echo_str(s), lambda s: lt.echo_string(s), lambda s: lt.echo_char(s),
    lambda s: lt.echo_vec_string(["ok", s]), lambda s: lt.echo_hashmap({s: 1}),
    lambda s: h2.h2_strs([], s),
], ids=["str", "String", "char", "vec_item", "dict_key", "str_param"])
@pytest.mark.parametrize("s", ["\ud800", "a\udfffb", "\udcff"])
def test_lone_surrogates_are_unicode_encode_errors(call, s):
    """A lone surrogate cannot become UTF-8: CPython's own `UnicodeEncodeError` (what
    `s.encode()` says), never a panic or a lossy string."""
    with pytest.raises(UnicodeEncodeError) as e:
        call(s)
    assert "surrogates not allowed" in str(e.value)


# --- 4. threads inside limpet calls at interpreter shutdown -----------------------------

SHUTDOWN_CODE = r"""
import sys, threading, time
sys.path.insert(0, %r)
import limptest
c = limptest.hostile2.H2Cell(0)
started = threading.Event()

def spin():
    started.set()
    while True:
        time.sleep(0)  # releases and retakes the GIL, with a limpet method below on the stack

threading.Thread(target=lambda: c.call_ref(spin), daemon=True).start()
started.wait()

class Slow:
    def __del__(self, sleep=time.sleep):
        sleep(0.2)  # during finalization: the daemon thread asks for the GIL back now

keep = Slow()
print("exiting", flush=True)
"""


def test_daemon_thread_in_python_code_called_from_a_method_at_shutdown():
    """3.7..3.13 end a daemon thread that takes the GIL during finalization with `pthread_exit`
    from CPython's own take_gil (here: inside Python code a limpet method called). That forced
    unwind must never meet a `catch_unwind` (glibc aborts: "FATAL: exception not rethrown"):
    limpet's catch parks the thread instead, as 3.14+ do themselves."""
    env = dict(os.environ)
    env.pop("RUST_BACKTRACE", None)
    for _ in range(8):  # the abort is a race with finalization: most runs hit it
        p = subprocess.run([sys.executable, "-c", SHUTDOWN_CODE % EXT_DIR], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        err = p.stderr.decode("utf-8", "replace")
        assert p.returncode == 0, "rc=%d\n%s" % (p.returncode, err[-2000:])
        assert p.stdout.decode() == "exiting\n"
        assert "FATAL" not in err and "panicked" not in err, err[-2000:]


def test_daemon_threads_hammering_a_class_at_shutdown():
    """Daemon threads in `&mut self`/`&self` methods, GIL-releasing methods and container
    conversions while the main thread exits: no crash, no panic message (GIL re-acquisition
    by limpet itself never happens once finalization began).

    CPython 3.10 (3.10.8+) itself crashes such a process now and then, with or without
    limpet: a daemon thread that waits for the GIL and has asked its holder to drop it
    (`drop_requested` in `take_gil`) wakes up after `Py_FinalizeEx` freed the interpreter,
    sees it must exit and first resets its drop request in the freed `PyInterpreterState`
    (the gh-96387 backport: `RESET_GIL_DROP_REQUEST(interp)` before `PyThread_exit_thread`):
    SIGSEGV, with only CPython frames on that thread's stack (`take_gil` <-
    `eval_frame_handle_pending` or <- `PyEval_RestoreThread` of `time.sleep`), the main
    thread already in `exit()`. A twin of this script without limpet (time.sleep(0), dict(),
    a plain attribute) crashes the same way under load (3 in 300 runs, vs 5 in 300 with
    limpet). 3.11+ keep the main interpreter in static memory, 3.7..3.9 lack that reset.
    limpet's own GIL re-acquisitions never wait in `take_gil` then: the atexit callback waits
    until every thread counted on its way to the GIL has it, later ones are parked.

    So on 3.10 only, a SIGSEGV is tolerated when it is that one: the process printed
    "exiting", and faulthandler (on from the start) printed nothing, i.e. the signal came
    after `Py_FinalizeEx` uninstalled it, past the last Python code and object finalization.
    Any other crash fails, on every interpreter; so does a tolerated crash in most runs."""
    code = textwrap.dedent(r"""
        import sys, threading, time
        sys.path.insert(0, %r)
        import limptest
        h2 = limptest.hostile2
        c = h2.H2Cell(0)
        sh = limptest.Shared(0)
        def worker(i):
            while True:
                try:
                    if i %% 2:
                        sh.slow_add(1, 1)
                    else:
                        sh.slow_read(1)
                    h2.h2_pairs([(1, "a")] * 50)
                    c.n = c.n + 1
                except RuntimeError:
                    pass
        for i in range(6):
            threading.Thread(target=worker, args=(i,), daemon=True).start()
        time.sleep(0.05)
        print("exiting", flush=True)
    """) % EXT_DIR
    env = dict(os.environ)
    env.pop("RUST_BACKTRACE", None)
    runs, cpython_crashes = 6, 0
    for _ in range(runs):
        p = subprocess.run([sys.executable, "-X", "faulthandler", "-c", code], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        err = p.stderr.decode("utf-8", "replace")
        assert "FATAL" not in err and "panicked" not in err, err[-2000:]
        if (sys.version_info[:2] == (3, 10) and p.returncode == -signal.SIGSEGV
                and p.stdout == b"exiting\n" and err == ""):
            cpython_crashes += 1  # CPython 3.10's take_gil after Py_FinalizeEx (above)
            continue
        assert p.returncode == 0, "rc=%d\n%s" % (p.returncode, err[-2000:])
    assert cpython_crashes <= runs // 2, "%d of %d runs crashed" % (cpython_crashes, runs)


# --- 5. the garbage collector meets a borrowed value -----------------------------------

def test_gc_while_a_value_is_borrowed_mutably():
    """`gc.collect()` inside a `&mut self` method of an object in a cycle: its traverse cannot
    borrow the value, so the cycle is kept (it is alive: the call holds it), nothing is
    reported; once the call is done the cycle is collected (nothing leaks)."""
    import gc
    gc.collect()
    drops = h2.h2_gc_drops()
    a = h2.H2Gc()
    cycle = [a]
    a.set(cycle)
    unraisable = []
    old = getattr(sys, "unraisablehook", None)  # 3.8+ (3.7 writes them to stderr)
    sys.unraisablehook = unraisable.append
    try:
        def inner():
            gc.collect()
            gc.collect()
            return h2.h2_gc_drops() - drops
        assert a.call_mut(inner) == 0
        del a, cycle
        gc.collect()
    finally:
        if old is None:
            del sys.unraisablehook
        else:
            sys.unraisablehook = old
    assert unraisable == []
    assert h2.h2_gc_drops() - drops == 1


def test_gc_clear_of_a_cycle_whose_value_is_borrowed_elsewhere():
    """A cycle made unreachable while a method of one of its objects runs: collected after
    the call, exactly once, with the flag of a second object untouched."""
    import gc
    gc.collect()
    drops = h2.h2_gc_drops()
    a, b = h2.H2Gc(), h2.H2Gc()
    a.set(b)
    b.set(a)
    holder = [a, b]

    def drop_all():
        holder.clear()
        gc.collect()
        return "ok"

    assert a.call_mut(drop_all) == "ok"
    del a, b
    gc.collect()
    assert h2.h2_gc_drops() - drops == 2


# --- 6. a record field's error keeps what the exception carries -------------------------

class Coded(Exception):
    def __init__(self, msg, code=0):
        super().__init__(msg)
        self.code = code


class FieldRaises:
    """A `Vertex` source whose `x` property raises `exc`."""

    yCoord = 2

    def __init__(self, exc):
        self.exc = exc

    @property
    def x(self):
        raise self.exc


@pytest.mark.parametrize("exc,check", [
    (Coded("bad", code=42), lambda e: e.code == 42 and str(e) == "bad"),
    (FileNotFoundError(2, "No such file", "cfg.toml"),
     lambda e: (e.errno, e.filename) == (2, "cfg.toml")),
    (KeyError("x"), lambda e: e.args == ("x",)),
], ids=["user_attributes", "oserror_fields", "keyerror"])
def test_record_field_error_keeps_the_exceptions_data(exc, check):
    """The context `failed to extract field 'x' of Vertex: ` is added by making a new
    exception of the same type from a message; for one that carries more than a message
    (attributes, OSError's errno/filename, KeyError's repr-style str) that would raise an
    object of the same type with its data gone: it passes through unchanged instead (it is
    what a `Vertex` property raised)."""
    with pytest.raises(type(exc)) as e:
        lt.records.rec_point(FieldRaises(exc))
    assert e.value is exc
    assert check(e.value)


def test_record_field_error_with_a_plain_message_still_gets_the_context():
    with pytest.raises(RuntimeError) as e:
        lt.records.rec_point(FieldRaises(RuntimeError("boom")))
    assert str(e.value) == "failed to extract field 'x' of Vertex: boom"
    with pytest.raises(Coded) as e:  # a user class with nothing but its message
        lt.records.rec_point(FieldRaises(Coded.__new__(Coded, "plain")))
    assert str(e.value) == "failed to extract field 'x' of Vertex: plain"
