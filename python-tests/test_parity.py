"""What PyO3 users reach for first (``limptest.parity``), each compared with a pure-Python
twin where Python has one, on every interpreter and both calling paths:

- binary, reflected, in-place operators and rich comparisons give ``NotImplemented`` for an
  operand that does not convert (so the other operand's method runs, ``==`` falls back to
  identity, ``<`` raises CPython's TypeError); errors of the body still propagate;
- ``**kwargs: Option<..>`` is None without extra keywords;
- ``__next__`` ending with ``StopIteration(value)`` and yielding ``None``;
- ``#[deleter]``, and a Python property's error for a missing setter/deleter;
- std conversions (paths, OS strings, Duration, SystemTime, IP addresses, arrays, VecDeque,
  Box, Cow<[u8]>, NonZero*);
- the module init hook, ``#[new] #[classmethod]``, ``#[classattr]`` taking ``py``;
- a class this interpreter cannot build does not fail the import."""
import datetime
import ipaddress
import os
import pathlib
import sys

import pytest

import limptest
import limptest.parity as p
from conftest import outcome

PY = sys.version_info[:2]


def twin_vec2():
    """Vec2 in pure Python, named as CPython names the limpet class in messages."""

    class Vec2:
        def __init__(self, x, y):
            self.x, self.y = x, y

        def _other(self, o):
            return isinstance(o, Vec2)

        def __add__(self, o):
            return Vec2(self.x + o.x, self.y + o.y) if self._other(o) else NotImplemented

        def __sub__(self, o):
            return Vec2(self.x - o.x, self.y - o.y) if self._other(o) else NotImplemented

        def __rsub__(self, o):
            return Vec2(o - self.x, o - self.y) if type(o) is int else NotImplemented

        def __mul__(self, k):
            if type(k) is not int:
                return NotImplemented
            if k < 0:
                raise ValueError("negative scale")
            return Vec2(self.x * k, self.y * k)

        def __rmul__(self, k):
            return Vec2(self.x * k, self.y * k) if type(k) is int and 0 <= k < 256 else NotImplemented

        def __iadd__(self, o):
            if not self._other(o):
                return NotImplemented
            self.x += o.x
            self.y += o.y
            return self

        def __pow__(self, e, modulo=None):
            if type(e) is not int or e < 0 or not (modulo is None or type(modulo) is int):
                return NotImplemented
            v = (self.x + self.y) ** e
            return v if modulo is None else v % modulo

        def __eq__(self, o):
            return (self.x, self.y) == (o.x, o.y) if self._other(o) else NotImplemented

        def __lt__(self, o):
            return (self.x, self.y) < (o.x, o.y) if self._other(o) else NotImplemented

        def __le__(self, o):
            return (self.x, self.y) <= (o.x, o.y) if self._other(o) else NotImplemented

        __hash__ = None

    Vec2.__name__ = Vec2.__qualname__ = "limptest.parity.Vec2"
    return Vec2


class Obj:
    def __radd__(self, o):
        return "Obj.__radd__"

    def __rsub__(self, o):
        return "Obj.__rsub__"

    def __gt__(self, o):
        return "Obj.__gt__"

    def __eq__(self, o):
        return "Obj.__eq__"


def norm(result):
    """Compare results across the twin and limpet: vectors by value, exceptions by text
    (3.15's %T messages name the module-qualified type for both)."""
    if result[0] == "ok":
        v = result[1]
        return ("ok", (v.x, v.y)) if hasattr(v, "x") else result
    return result


EXPRS = [
    "v + w", "v + 1", "1 + v", "v + Obj()", "v + None", "v - w", "5 - v", "v - 2.5", "v - Obj()",
    "v * 3", "v * -1", "v * 2.0", "v * 'a'", "3 * v", "300 * v", "-1 * v", "v ** 2", "pow(v, 2, 5)",
    "pow(v, 2, 'x')", "v ** 'x'", "v == w", "v == v2", "v == 0", "0 == v", "v != 0", "v == Obj()",
    "v < w", "v < 0", "0 < v", "v <= 'a'", "v > 0", "v < Obj()", "v > w",
]


@pytest.mark.parametrize("expr", EXPRS)
def test_operators_match_python_twin(expr):
    T = twin_vec2()

    def run(cls):
        env = {"v": cls(1, 2), "w": cls(3, 4), "v2": cls(1, 2), "Obj": Obj}
        return norm(outcome(lambda: eval(expr, env)))

    assert run(p.Vec2) == run(T)


@pytest.mark.parametrize("other", [1, None, "s", 2.5])
def test_inplace_falls_back_like_python(other):
    T = twin_vec2()

    def run(cls):
        def go():
            v = cls(1, 2)
            v += other
            return v

        return norm(outcome(go))

    assert run(p.Vec2) == run(T)


def test_inplace_with_vec_mutates():
    v = p.Vec2(1, 2)
    v += p.Vec2(1, 1)
    # `fn __iadd__(&mut self, ..)` returns (): Python binds the result, None (as a Python
    # __iadd__ without `return self`).
    assert v is None


def test_operand_error_from_direct_call_is_not_implemented():
    assert p.Vec2(1, 2).__add__(1) is NotImplemented
    assert p.Vec2(1, 2).__eq__(None) is NotImplemented
    with pytest.raises(TypeError):
        p.Vec2(1, 2).__add__()


def test_kwargs_option_none_without_extras():
    assert p.kw_opt() == (0, None)
    assert p.kw_opt(a=1) == (1, None)
    assert p.kw_opt(a=1, b=2) == (1, {"b": 2})
    assert p.kw_opt(**{}) == (0, None)
    assert p.kw_map() == {}
    assert p.kw_map(z=3) == {"z": 3}


def test_next_returns_value_and_yields_none():
    def gen():
        yield 2
        yield 1
        yield None
        return "done"

    for make in (lambda: p.Countdown(3), gen):
        it = iter(make())
        assert [next(it), next(it), next(it)] == [2, 1, None]
        with pytest.raises(StopIteration) as e:
            next(it)
        assert e.value.value == "done"
    assert list(p.Countdown(3)) == [2, 1, None]

    def delegate(it):
        return (yield from it)

    g = delegate(p.Countdown(1))
    assert next(g) is None
    with pytest.raises(StopIteration) as e:
        next(g)
    assert e.value.value == "done"


def test_next_err_stop_iteration_with_value():
    it = p.Nones()
    assert [next(it), next(it), next(it)] == [None, 1, None]
    with pytest.raises(StopIteration) as e:
        next(it)
    assert e.value.value == (1, 2)
    assert e.value.args == ((1, 2),)


class SlotTwin:
    def __init__(self, v):
        self._v = v

    @property
    def value(self):
        if self._v is None:
            raise AttributeError("value was deleted")
        return self._v

    @value.setter
    def value(self, v):
        self._v = v

    @value.deleter
    def value(self):
        if self._v is None:
            raise AttributeError("value was deleted")
        self._v = None

    fixed = property(lambda self: 7)
    settable = property(lambda self: 8, lambda self, v: None)


SlotTwin.__name__ = SlotTwin.__qualname__ = "Slot"


@pytest.mark.parametrize(
    "action",
    [
        "del o.value; o.value", "del o.value; del o.value", "del o.value; o.value = 5; o.value",
        "del o.fixed", "del o.settable", "o.fixed = 1", "o.settable = 1; o.settable",
    ],
)
def test_deleter_matches_python_property(action):
    def run(cls):
        env = {"o": cls(3)}
        return outcome(lambda: exec(action, env) or env["o"].value)

    assert run(p.Slot) == run(SlotTwin)


def test_paths_and_os_strings():
    assert p.echo_pathbuf("/a/b") == pathlib.Path("/a/b")
    assert type(p.echo_pathbuf("x")) is type(pathlib.Path("x"))
    assert p.echo_pathbuf(pathlib.Path("rel/x")) == pathlib.Path("rel/x")
    assert p.path_str(b"/bytes/path") == "/bytes/path"
    odd = os.fsdecode(b"caf\xff")  # a surrogate escape round-trips
    assert p.echo_osstring(odd) == odd
    assert p.echo_osstring(b"caf\xff") == odd
    assert outcome(p.echo_pathbuf, (1,))[:2] == ("raise", TypeError)


def test_duration():
    td = datetime.timedelta(days=2, seconds=3, microseconds=4)
    assert p.echo_duration(td) == td
    assert p.duration_parts(td) == (2 * 86400 + 3, 4000)
    assert p.make_duration(1, 1_500_999) == datetime.timedelta(seconds=1, microseconds=1500)
    assert outcome(p.echo_duration, (datetime.timedelta(seconds=-1),))[:2] == ("raise", ValueError)
    assert outcome(p.echo_duration, (1.5,))[:2] == ("raise", TypeError)
    assert outcome(p.make_duration, (10**15, 0))[:2] == ("raise", OverflowError)


def test_systemtime():
    utc = datetime.timezone.utc
    t = datetime.datetime(2021, 5, 6, 7, 8, 9, 123456, tzinfo=utc)
    assert p.echo_systemtime(t) == t
    assert p.echo_systemtime(t).tzinfo is utc
    old = datetime.datetime(1960, 1, 1, tzinfo=utc)
    assert p.echo_systemtime(old) == old
    assert p.systemtime_secs(old) == old.timestamp()
    other = datetime.datetime(2021, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=5)))
    assert p.echo_systemtime(other) == other
    naive = outcome(p.echo_systemtime, (datetime.datetime(2021, 1, 1),))
    assert naive[:2] == ("raise", TypeError) and "naive" in naive[2]


def test_ip_addresses():
    v4, v6 = ipaddress.ip_address("10.1.2.3"), ipaddress.ip_address("2001:db8::1")
    assert p.echo_ipaddr(v4) == v4 and p.echo_ipaddr(v6) == v6
    assert p.echo_ipaddr("::1") == ipaddress.ip_address("::1")
    assert p.echo_ipv4(v4) == v4 and type(p.echo_ipv4("1.2.3.4")) is ipaddress.IPv4Address
    assert p.echo_ipv6(v6) == v6
    assert outcome(p.echo_ipv4, (v6,))[:2] == ("raise", TypeError)
    assert outcome(p.echo_ipaddr, ("nope",))[:2] == ("raise", ValueError)
    assert outcome(p.echo_ipaddr, (1,))[:2] == ("raise", TypeError)


def test_arrays_and_containers():
    assert p.echo_array3((1, 2, 3)) == [1, 2, 3]
    assert p.echo_bytes4(b"abcd") == b"abcd"

    def unpack3(seq):
        a, b, c = seq
        return [a, b, c]

    for seq in ([1, 2], [1, 2, 3, 4], []):
        assert outcome(p.echo_array3, (seq,))[:2] == outcome(unpack3, (seq,))[:2]
        assert outcome(p.echo_array3, (seq,))[2].endswith(outcome(unpack3, (seq,))[2])
    assert p.echo_vecdeque((1, 2)) == [1, 2]
    assert p.echo_box(7) == 7
    assert p.echo_cow_bytes(bytearray(b"cow")) == b"cow"
    assert p.echo_nonzero_i64(-5) == -5 and p.echo_nonzero_u8(255) == 255
    assert outcome(p.echo_nonzero_i64, (0,))[:2] == ("raise", ValueError)
    assert outcome(p.echo_nonzero_u8, (256,))[:2] == ("raise", OverflowError)


def test_module_init_hook():
    assert p.INIT_RAN is True
    assert (p.ORIGIN_PLUS_ONE.x, p.ORIGIN_PLUS_ONE.y) == (1, 1)
    assert sys.modules["limptest_parity_alias"] is p


def test_new_receives_class_and_classattr_takes_py():
    class Square(p.Shape):
        pass

    assert p.Shape().kind == "Shape:1"
    assert Square(4).kind == "Square:4"
    assert type(Square(4)) is Square
    assert str(p.Shape.UNIT) == "1/3" and p.Shape.SIDES == 0


def test_class_unavailable_here_does_not_fail_import():
    assert isinstance(p.LateDict(), p.LateDict)  # #[dict] works on every version (test_parity_classes.py)
    for name, minor in (("LateBuffer", 11),):
        if PY >= (3, minor):
            assert isinstance(getattr(p, name)(), getattr(p, name))
        else:
            with pytest.raises(NotImplementedError, match=r"needs CPython 3\.%d or newer" % minor):
                getattr(p, name)
    with pytest.raises(AttributeError, match="has no attribute 'missing'"):
        p.missing


def test_stubs_of_parity_module():
    text = limptest.__limpet_stubs__(files=True)["limptest/parity.pyi"]
    for needle in (
        "import pathlib", "import datetime", "import ipaddress", "import os",
        "def echo_pathbuf(p: typing.Union[str, os.PathLike[str]]) -> pathlib.Path: ...",
        "def echo_duration(d: datetime.timedelta) -> datetime.timedelta: ...",
        "def echo_array3(a: typing.Sequence[int]) -> typing.List[int]: ...",
        "@value.deleter",
    ):
        assert needle in text, needle
