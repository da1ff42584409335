"""Hostile input (issue 11): huge or lying lengths, deep and self-referential nesting both
ways, a panic payload whose ``Drop`` panics, non-``str`` and surrogate keyword names, and
conversion errors that name the function, the argument and the item.

Cases that killed the process before the fix run in a subprocess (same interpreter, same
extension, same calling path) whose exit status and output are checked.
"""
import os
import subprocess
import sys
import textwrap

import pytest

import limptest as lt
from conftest import PY, outcome, pyfunc

h = lt.hostile
EXT_DIR = os.path.dirname(os.path.abspath(lt.__file__))


def run(code, timeout=120):
    """Run `code` in a fresh interpreter that imports this limptest; (returncode, out, err)."""
    prelude = "import sys; sys.path.insert(0, %r)\nimport limptest; h = limptest.hostile\n" % EXT_DIR
    env = dict(os.environ)
    env.pop("RUST_BACKTRACE", None)
    proc = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def expect_lines(code, lines, timeout=120):
    rc, out, err = run(code, timeout)
    assert rc == 0, "exit status %d\nstdout:\n%s\nstderr:\n%s" % (rc, out, err[-3000:])
    assert out.split("\n")[:-1] == lines, err[-3000:]
    return err


class Liar:
    """A sequence whose ``__len__`` says `n` (or raises `n` when it is an exception)."""

    def __init__(self, n, items):
        self.n, self.items = n, items

    def __len__(self):
        if isinstance(self.n, BaseException):
            raise self.n
        return self.n

    def __getitem__(self, i):
        return self.items[i]


# --- 1. lengths -------------------------------------------------------------------------

HUGE = ["range(10**12)", "Liar(10**15, [1, 2, 3])"]
SEQ_FUNCS = ["hostile_vec_len", "hostile_bytes_len", "hostile_strings_len", "hostile_nested"]


@pytest.mark.parametrize("func", SEQ_FUNCS)
@pytest.mark.parametrize("arg", HUGE)
def test_huge_length_is_memory_error(func, arg):
    # list() of the same object raises MemoryError too (it reserves from the length hint);
    # before the fix the reservation aborted the process.
    expect_lines("""
        class Liar:
            def __init__(self, n, items): self.n, self.items = n, items
            def __len__(self): return self.n
            def __getitem__(self, i): return self.items[i]
        arg = %s
        for f in (list, h.%s):
            try:
                f(arg)
                print("no error")
            except MemoryError as e:
                print("MemoryError", repr(str(e)))
    """ % (arg, func), ["MemoryError ''", "MemoryError ''"])


@pytest.mark.parametrize("n", [0, 1, 100, 2**20])
def test_lying_len_is_only_a_hint(n):
    items = [5, 6, 7]
    assert h.hostile_vec_len(Liar(n, items)) == len(list(Liar(n, items))) == 3
    assert h.hostile_bytes_len(Liar(n, items)) == 3
    assert h.hostile_nested([Liar(n, [1, 2]), Liar(n, [3])]) == 3


@pytest.mark.parametrize("n", [-1, 2**64, ValueError("len failed"), ZeroDivisionError()])
def test_bad_len_raises_like_list(n):
    ref = outcome(list, (Liar(n, [1]),))
    got = outcome(h.hostile_vec_len, (Liar(n, [1]),))
    assert ref[0] == got[0] == "raise"
    assert got[1] is ref[1]
    if ref[1] in (ValueError, OverflowError):  # conversion errors name the argument
        assert got[2] == "hostile_vec_len() argument 'v': " + ref[2]
    else:
        assert got[2] == ref[2]


def test_containers_still_convert():
    assert h.hostile_maps({"a": 1}, {2: 3}, {4, 5}) == (1, 1, 2)
    assert h.hostile_star(1, 2, 3, a=1) == (3, 1)
    assert h.hostile_strings_len(("a", "b")) == 2
    assert h.hostile_bytes_len(bytearray(b"xyz")) == 3


# --- 2. recursion -----------------------------------------------------------------------

SHOW = """
def show(f, arg):
    try:
        print("ok", f(arg))
    except RecursionError as e:
        print("RecursionError", e)
"""

EXTRACT = "RecursionError maximum recursion depth exceeded while converting a Python object"
RETURN = "RecursionError maximum recursion depth exceeded while converting to a Python object"


@pytest.mark.parametrize("case", ["nest", "tree", "keytree"])
def test_self_referential_input(case):
    build = {
        "nest": "arg = []; arg.append(arg); f = h.hostile_nest_depth",
        "tree": "class T: pass\narg = T(); arg.value = 1; arg.children = [arg]; f = h.hostile_tree_depth",
        "keytree": "arg = {'value': 1}; arg['children'] = [arg]; f = h.hostile_keytree_depth",
    }[case]
    code = SHOW + build + "\nshow(f, arg)\nshow(f, arg)\n"
    expect_lines(code, [EXTRACT, EXTRACT])


@pytest.mark.parametrize("case", ["nest", "tree", "keytree"])
def test_deep_input(case):
    build = {
        "nest": "arg = 0\nfor _ in range(200000): arg = [arg]\nf = h.hostile_nest_depth",
        "tree": "class T:\n    def __init__(s, c): s.value = 1; s.children = c\narg = T([])\n"
                "for _ in range(200000): arg = T([arg])\nf = h.hostile_tree_depth",
        "keytree": "arg = {'value': 0}\nfor _ in range(200000): arg = {'value': 1, 'children': [arg]}\n"
                   "f = h.hostile_keytree_depth",
    }[case]
    code = SHOW + build + "\nshow(f, arg)\n"
    expect_lines(code, [EXTRACT])


def test_deep_return():
    expect_lines(SHOW + "show(h.hostile_deep_list, 500000)\nshow(h.hostile_deep_tree, 5000)\n",
                 [RETURN, RETURN])


@pytest.mark.parametrize("stack", [256 << 10, 1 << 20])
def test_deep_in_a_small_thread(stack):
    # A thread with a small stack: the guard also watches the stack left, not only the depth.
    expect_lines(SHOW + """
import threading
deep = 0
for _ in range(200000): deep = [deep]
loop = []; loop.append(loop)
def work():
    show(h.hostile_nest_depth, deep)
    show(h.hostile_nest_depth, loop)
    show(h.hostile_deep_list, 500000)
threading.stack_size(%d)
t = threading.Thread(target=work); t.start(); t.join()
""" % stack, [EXTRACT, EXTRACT, RETURN])


def test_depth_guard_is_balanced_and_follows_the_recursion_limit():
    deep = 0
    for _ in range(5000):
        deep = [deep]
    loop = []
    loop.append(loop)
    for _ in range(3):
        with pytest.raises(RecursionError, match="maximum recursion depth exceeded while converting"):
            h.hostile_nest_depth(deep)
        with pytest.raises(RecursionError):
            h.hostile_nest_depth(loop)
        with pytest.raises(RecursionError):
            h.hostile_deep_list(5000)
        # every level left again: a moderately deep value still converts
        n = 0
        for _ in range(500):
            n = [n]
        assert h.hostile_nest_depth(n) == 500
        assert h.hostile_deep_list(500) is not None
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(120)
    try:
        n = 0
        for _ in range(200):
            n = [n]
        with pytest.raises(RecursionError):
            h.hostile_nest_depth(n)
    finally:
        sys.setrecursionlimit(old)
    assert h.hostile_nest_depth(n) == 200


def test_deep_tree_roundtrip_moderate():
    t = h.hostile_deep_tree(50)
    depth = 0
    while t["children"]:
        t = t["children"][0]
        depth += 1
    assert depth == 50


# --- 3. a panic payload whose Drop panics -------------------------------------------------

def test_panic_payload_with_panicking_drop():
    err = expect_lines("""
        for _ in range(2):
            try:
                h.hostile_panic_bomb()
            except BaseException as e:
                print(type(e).__name__, e)
        print("alive")
    """, ["PanicException panic with a non-string payload"] * 2 + ["alive"])
    assert "cannot unwind" not in err


# --- 4. keywords that are not str ---------------------------------------------------------

KW_CASES = [{1: 2}, {"a": 1, 2: 3}, {2: 3, "a": 1}, {"b": 1, (): 3}]


@pytest.mark.parametrize("kwargs", KW_CASES, ids=repr)
@pytest.mark.parametrize("func", ["add", "varkw_map", "hostile_star"])
def test_non_str_keywords(func, kwargs):
    f = {"add": lt.add, "varkw_map": lt.varkw_map, "hostile_star": h.hostile_star}[func]
    ref = outcome(lambda: dict(**kwargs))
    assert ref[:2] == ("raise", TypeError)
    assert outcome(lambda: f(1, **kwargs)) == ("raise", TypeError, ref[2])
    assert outcome(lambda: f(**kwargs)) == ("raise", TypeError, ref[2])


# --- 5. surrogates in messages ------------------------------------------------------------

@pytest.mark.parametrize("key", ["\udc80", "a\udc80b", "\ud800", "é"])
def test_unexpected_keyword_with_surrogate(key):
    twin = pyfunc("def add(a, b=1, *, c=0): pass", "add")
    ref = outcome(lambda: twin(1, **{key: 1}))
    got = outcome(lambda: lt.add(1, **{key: 1}))
    assert got == ref
    assert key in got[2]


class BadIndex:
    def __init__(self, exc):
        self.exc = exc

    def __index__(self):
        raise self.exc


@pytest.mark.parametrize("exc", [TypeError, ValueError, OverflowError])
def test_inner_message_with_surrogate_is_kept(exc):
    with pytest.raises(exc) as info:
        lt.echo_i64(BadIndex(exc("bad \udc80 value")))
    assert str(info.value) == "echo_i64() argument 'x': bad \udc80 value"
    assert type(info.value.__cause__) is exc


# --- 6. conversion errors name the function, the argument and the item -------------------

@pytest.mark.parametrize("func,arg,msg", [
    ("echo_i64", 2**70, "echo_i64() argument 'x': Python int too large to convert to i64"),
    ("echo_u8", 256, "echo_u8() argument 'x': Python int too large to convert to u8"),
    ("echo_u64", -1, "echo_u64() argument 'x': can't convert negative int to unsigned"),
    ("echo_vec_i64", [1, 2**70], "echo_vec_i64() argument 'x': item 1: Python int too large to convert to i64"),
    ("echo_hashmap", {"a": 2**70}, "echo_hashmap() argument 'x': dict value: Python int too large to convert to i64"),
    ("echo_btreemap", {2**70: "a"}, "echo_btreemap() argument 'x': dict key: Python int too large to convert to i64"),
    ("echo_hashset", {2**70}, "echo_hashset() argument 'x': set item: Python int too large to convert to i64"),
    ("echo_tuple_mixed", (2**70, "s", 1.0, True, None),
     "echo_tuple_mixed() argument 'x': tuple item 0: Python int too large to convert to i64"),
])
def test_overflow_names_function_argument_and_item(func, arg, msg):
    with pytest.raises(OverflowError) as info:
        getattr(lt, func)(arg)
    assert str(info.value) == msg
    assert isinstance(info.value.__cause__, OverflowError)


def test_overflow_in_star_args_names_them():
    with pytest.raises(OverflowError, match=r"^hostile_star\(\) argument 'args': item 1: Python int too large"):
        h.hostile_star(1, 2**70)
    with pytest.raises(OverflowError, match=r"^hostile_star\(\) argument 'kwargs': dict value: Python int too large"):
        h.hostile_star(a=2**70)


def test_recursive_convert_types_have_finite_hints():
    # The stub hint of a recursive `convert!` enum used to recurse without end (a stack
    # overflow when the stubs were made); the inner reference is `typing.Any`.
    stub = lt.__limpet_stubs__(files=True)["limptest/hostile.pyi"]
    assert "def hostile_nest_depth(n: typing.Union[int, typing.Sequence[typing.Any]]) -> int: ..." in stub


def test_record_field_message_with_surrogate_is_kept():
    class NS:
        x = BadIndex(ValueError("bad \udc80 value"))
        yCoord = 1

    with pytest.raises(ValueError) as info:
        lt.records.rec_point(NS())
    assert str(info.value) == "rec_point() argument 'p': failed to extract field 'x' of Vertex: bad \udc80 value"
