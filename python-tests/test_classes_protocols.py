"""Class protocols: each dunder of a limpet class against the same dunder of a pure-Python
class (same results, same exception types and messages up to the ``limptest.`` prefix CPython
puts in a heap type's ``tp_name``)."""
import asyncio
import operator
import sys

import pytest

import limptest as lt
from conftest import PY, needs_posonly_syntax, outcome, pyfunc

fx = lt.classfx


def norm(o, types_only=False):
    if o[0] == "ok":
        return ("ok", repr(o[1]))
    if types_only:
        return o[:2]
    return (o[0], o[1], o[2].replace("limptest.", "").replace(__name__ + ".", ""))


def run_expr(expr, ns):
    return outcome(lambda: eval(expr, dict(ns, operator=operator)))


# --- numbers, comparison, hashing -----------------------------------------------------------

class Num:
    def __init__(self, v=0):
        self.v = v

    def _o(self, other):
        if isinstance(other, Num):
            return other.v
        if isinstance(other, int):
            return other
        return None

    def __repr__(self):
        return "Num(%d)" % self.v

    def __str__(self):
        return str(self.v)

    def __hash__(self):
        return self.v

    def __bool__(self):
        return self.v != 0

    def __eq__(self, other):
        o = self._o(other)
        return NotImplemented if o is None else self.v == o

    def __lt__(self, other):
        o = self._o(other)
        return NotImplemented if o is None else self.v < o

    def __le__(self, other):
        o = self._o(other)
        return NotImplemented if o is None else self.v <= o

    def __gt__(self, other):
        o = self._o(other)
        return NotImplemented if o is None else self.v > o

    def __ge__(self, other):
        o = self._o(other)
        return NotImplemented if o is None else self.v >= o

    def __add__(self, other):
        o = self._o(other)
        return NotImplemented if o is None else Num(self.v + o)

    def __radd__(self, other):
        o = self._o(other)
        return NotImplemented if o is None else Num(o + self.v)

    def __sub__(self, other):
        o = self._o(other)
        return NotImplemented if o is None else Num(self.v - o)

    def __rsub__(self, other):
        o = self._o(other)
        return NotImplemented if o is None else Num(o - self.v)

    def __mul__(self, other):
        o = self._o(other)
        return NotImplemented if o is None else Num(self.v * o)

    def __truediv__(self, other):
        o = self._o(other)
        if o == 0:
            raise ZeroDivisionError("division by zero")
        return NotImplemented if o is None else self.v / o

    def __pow__(self, other, modulo=None):
        r = 1
        for _ in range(other):
            r *= self.v
            if modulo is not None:
                r %= modulo
        return Num(r)

    def __iadd__(self, other):
        o = self._o(other)
        if o is None:
            return NotImplemented
        self.v += o
        return self

    def __neg__(self):
        return Num(-self.v)

    def __pos__(self):
        return Num(self.v)

    def __abs__(self):
        return Num(abs(self.v))

    def __invert__(self):
        return Num(~self.v)

    def __int__(self):
        return self.v

    def __float__(self):
        return self.v + 0.5

    def __index__(self):
        return self.v


NUM_EXPRS = [
    "repr(N(3))", "str(N(-2))", "'%s' % N(4)", "hash(N(7))", "hash(N(-1))", "bool(N(0))", "bool(N(5))",
    "not N(0)", "N(3) == N(3)", "N(3) == 3", "N(3) == 'x'", "N(3) != N(4)", "N(3) != N(3)", "N(3) != 'x'",
    "N(2) < N(3)", "N(2) <= 2", "N(4) > 3", "N(4) >= N(5)", "3 < N(4)", "3 >= N(4)", "N(1) < 'x'",
    "'x' < N(1)", "N(1) <= None", "N(1) + N(2)", "N(1) + 2", "2 + N(1)", "N(1) + 1.5", "1.5 + N(1)",
    "N(1) + 'x'", "'x' + N(1)", "N(5) - 2", "2 - N(5)", "N(5) - N(7)", "N(3) * 4", "4 * N(3)", "N(3) / 2",
    "N(3) / 0", "N(3) / 'x'", "N(2) ** 10", "pow(N(2), 10, 7)", "-N(3)", "+N(3)", "abs(N(-3))", "~N(5)",
    "int(N(7))", "float(N(7))", "operator.index(N(4))", "list(range(N(3)))", "list(range(N(1), N(9), N(3)))",
    "[0, 1, 2, 3, 4][N(1):N(3)]", "'abcdef'[N(2)]", "(1, 2, 3)[N(-1)]", "bin(N(5))", "hex(N(255))",
    "sorted([N(3), N(1), N(2)])", "max(N(1), N(5))", "{N(1): 'a'}[1]", "N(3) in {3}", "sum([N(1), N(2)], N(0))",
    "divmod(N(7), 2)", "N(1) @ N(2)", "round(N(1))",
]


@pytest.mark.parametrize("expr", NUM_EXPRS)
def test_num_protocol_matches_python(expr):
    got = norm(run_expr(expr, {"N": lt.Num}))
    want = norm(run_expr(expr, {"N": Num}))
    assert got == want


def _iadd(N):
    a = N(1)
    b = a
    a += 2
    a += N(3)
    return (a is b, a.v, b.v)


def _iadd_foreign(N):
    a = N(1)
    a += 1.5
    return a


def _isub_fallback(N):
    a = N(5)
    b = a
    a -= 2  # no __isub__: falls back to __sub__, a new object
    return (a is b, a.v, b.v)


@pytest.mark.parametrize("f", [_iadd, _iadd_foreign, _isub_fallback])
def test_inplace_matches_python(f):
    assert norm(outcome(f, (lt.Num,))) == norm(outcome(f, (Num,)))


def test_reflected_used_for_foreign_left_operand():
    assert (10 + lt.Num(1)).v == 11
    assert (10 - lt.Num(1)).v == 9


class EqOnly:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return self.v == other.v if isinstance(other, EqOnly) else NotImplemented


@pytest.mark.parametrize("expr", [
    "hash(E(1))", "E.__hash__ is None", "E(1) == E(1)", "E(1) != E(2)", "E(1) == 1", "{E(1)}",
    "E(1) in [E(1)]", "E(1) < E(2)",
])
def test_eq_without_hash_is_unhashable(expr):
    assert norm(run_expr(expr, {"E": lt.EqOnly})) == norm(run_expr(expr, {"E": EqOnly}))


# --- containers and iteration ---------------------------------------------------------------

class BagIter:
    def __init__(self, items):
        self.items, self.pos = items, 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.pos >= len(self.items):
            raise StopIteration
        self.pos += 1
        return self.items[self.pos - 1]


class Bag:
    def __init__(self, *items):
        self.items = list(items)

    def _i(self, index):
        if not isinstance(index, int):
            raise TypeError("int")
        return index + len(self.items) if index < 0 else index

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        i = self._i(index)
        if not 0 <= i < len(self.items):
            raise IndexError("Bag index out of range")
        return self.items[i]

    def __setitem__(self, index, value):
        i = self._i(index)
        if not isinstance(value, int):
            raise TypeError("int")
        if not 0 <= i < len(self.items):
            raise IndexError("Bag assignment index out of range")
        self.items[i] = value

    def __delitem__(self, index):
        i = self._i(index)
        if not 0 <= i < len(self.items):
            raise IndexError("Bag assignment index out of range")
        del self.items[i]

    def __contains__(self, value):
        return value in self.items if isinstance(value, int) else False

    def __iter__(self):
        return BagIter(list(self.items))


BAG_EXPRS = [
    "len(B(1, 2, 3))", "len(B())", "B(1, 2, 3)[0]", "B(1, 2, 3)[-1]", "B(1, 2)[5]", "B(1, 2)[-3]", "B()[0]",
    "B(4, 5)[True]", "list(B(1, 2, 3))", "tuple(B())", "3 in B(1, 2, 3)", "4 in B(1, 2)", "'x' in B(1)",
    "4 not in B(1)", "bool(B())", "bool(B(0))", "[x * 2 for x in B(1, 2)]", "sorted(B(3, 1, 2))",
    "list(reversed(B(1, 2, 3)))", "sum(B(1, 2, 3))", "list(zip(B(1, 2), B(3, 4)))", "dict(enumerate(B(7, 8)))",
    "next(iter(B()), 'default')", "list(iter(B(5)))", "max(B(2, 9, 4))",
]


@pytest.mark.parametrize("expr", BAG_EXPRS)
def test_sequence_protocol_matches_python(expr):
    got = norm(run_expr(expr, {"B": lt.Bag}))
    want = norm(run_expr(expr, {"B": Bag}))
    assert got == want


def _set(B):
    b = B(1, 2, 3)
    b[0] = 10
    b[-1] = 30
    return list(b)


def _set_oob(B):
    b = B(1)
    b[3] = 1


def _set_badvalue(B):
    b = B(1)
    b[0] = "x"


def _del(B):
    b = B(1, 2, 3)
    del b[1]
    del b[-1]
    return list(b)


def _del_oob(B):
    b = B()
    del b[0]


def _iter_exhaust(B):
    it = iter(B(1))
    return (iter(it) is it, next(it), next(it, "end"), next(it, "end"))


def _stop(B):
    next(iter(B()))


@pytest.mark.parametrize("f", [_set, _set_oob, _del, _del_oob, _iter_exhaust, _stop])
def test_mutation_and_iteration_match_python(f):
    assert norm(outcome(f, (lt.Bag,))) == norm(outcome(f, (Bag,)))


@pytest.mark.parametrize("f", [_set_badvalue])
def test_mutation_errors_types_match_python(f):
    assert norm(outcome(f, (lt.Bag,)), True) == norm(outcome(f, (Bag,)), True)


def test_index_errors_type_match_python():
    for expr in ("B(1)['x']", "B(1)[1.5]"):
        assert norm(run_expr(expr, {"B": lt.Bag}), True) == norm(run_expr(expr, {"B": Bag}), True)


def test_stop_iteration_value_is_none():
    with pytest.raises(StopIteration) as info:
        next(iter(lt.Bag()))
    assert info.value.value is None and info.value.args == ()


# --- __call__ -----------------------------------------------------------------------------

CALLS = [
    ((1,), {"d": 4}), ((1, 2, 3, 4, 5), {"d": 0}), ((1,), {"d": 1, "x": 9}), ((1,), {"a": 5, "d": 1}),
    ((1,), {"b": 7, "d": 1}), ((1,), {"c": 8, "d": 2, "e": 3}), ((), {"d": 1}), ((1,), {}),
    ((1, 2, 3), {"c": 4, "d": 1}), ((), {}), (("x",), {"d": 1}),
]


@needs_posonly_syntax
@pytest.mark.parametrize("args,kwargs", CALLS)
def test_call_matches_python(args, kwargs):
    ref = pyfunc(
        "def __call__(a, b=2, /, c=3, *args, d, e=5, **kwargs):\n"
        "    for v in (a, b, c, d, e) + args + tuple(kwargs.values()):\n"
        "        if not isinstance(v, int): raise TypeError('int')\n"
        "    return (a, b, c, list(args), d, e, kwargs)\n",
        "__call__",
    )
    c = lt.Caller()
    got, want = outcome(c, args, kwargs), outcome(ref, args, kwargs)
    assert got[:2] == want[:2]


def test_call_direct():
    c = lt.Caller()
    assert c(1, d=4) == (1, 2, 3, [], 4, 5, {})
    assert c(1, 2, 3, 4, d=0, z=1) == (1, 2, 3, [4], 0, 5, {"z": 1})
    assert callable(c) and c.calls == 2
    with pytest.raises(TypeError):
        c()


# --- attribute hooks ------------------------------------------------------------------------

class Dyn:
    def __init__(self):
        object.__setattr__(self, "_store", {})

    def real(self):
        return "real"

    def __getattr__(self, name):
        try:
            return self._store[name]
        except KeyError:
            raise AttributeError(name)

    def __setattr__(self, name, value):
        if name == "locked":
            raise AttributeError("locked is read-only")
        if not isinstance(value, int):
            raise TypeError("int")
        self._store[name] = value

    def __delattr__(self, name):
        try:
            del self._store[name]
        except KeyError:
            raise AttributeError(name)


def _attrs(D):
    d = D()
    d.a = 1
    d.b = 2
    r = [d.a, d.b, d.real(), getattr(d, "zz", 5), hasattr(d, "a"), hasattr(d, "zz")]
    del d.a
    r.append(hasattr(d, "a"))
    return r


def _missing(D):
    return D().missing


def _del_missing(D):
    del D().missing


def _locked(D):
    D().locked = 1


def _bad_value(D):
    D().a = "x"


@pytest.mark.parametrize("f", [_attrs, _missing, _del_missing, _locked])
def test_attribute_hooks_match_python(f):
    assert norm(outcome(f, (lt.Dyn,))) == norm(outcome(f, (Dyn,)))


def test_setattr_wrong_type():
    assert norm(outcome(_bad_value, (lt.Dyn,)), True) == norm(outcome(_bad_value, (Dyn,)), True)


# --- descriptors --------------------------------------------------------------------------

class Desc:
    def __init__(self, value):
        self.value = value

    def __get__(self, obj, owner):
        return (self.value, obj is None, owner.__name__)

    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError("int")
        self.value = value

    def __delete__(self, obj):
        self.value = -1


def _descriptor(D):
    class Host:
        d = D(5)

    h = Host()
    r = [h.d, Host.d]
    h.d = 7
    r.append(h.d)
    r.append(Host().d)
    del h.d
    r.append(h.d)
    r.append("d" in h.__dict__)
    return r


def _descriptor_bad(D):
    class Host:
        d = D(5)

    Host().d = "x"


def test_descriptor_matches_python():
    assert norm(outcome(_descriptor, (lt.Desc,))) == norm(outcome(_descriptor, (Desc,)))
    assert norm(outcome(_descriptor_bad, (lt.Desc,)), True) == norm(outcome(_descriptor_bad, (Desc,)), True)


# --- context managers -----------------------------------------------------------------------

class Ctx:
    def __init__(self, suppress=False):
        self.log, self.suppress = [], suppress

    def __enter__(self):
        self.log.append("enter")
        return self

    def __exit__(self, ty, value, tb):
        self.log.append("exit:" + ("None" if ty is None else ty.__name__))
        return self.suppress


def _with_ok(C):
    c = C()
    with c as got:
        inside = list(c.log)
    return (got is c, inside, c.log)


def _with_raise(C):
    c = C()
    try:
        with c:
            raise ValueError("boom")
    except ValueError as e:
        return ("raised", str(e), c.log)


def _with_suppress(C):
    c = C(True)
    with c:
        raise KeyError("k")
    return c.log


@pytest.mark.parametrize("f", [_with_ok, _with_raise, _with_suppress])
def test_context_manager_matches_python(f):
    assert norm(outcome(f, (lt.Ctx,))) == norm(outcome(f, (Ctx,)))


# --- async ----------------------------------------------------------------------------------

def run(coro):
    if PY >= (3, 7):
        loop = asyncio.new_event_loop()
        try:
            return loop.run_until_complete(coro)
        finally:
            loop.close()


class Waiter:
    def __init__(self, n=1):
        self.n = n

    def __await__(self):
        for _ in range(self.n):
            yield


def _interleave(W):
    log = []

    async def other():
        for i in range(3):
            log.append("o%d" % i)
            await asyncio.sleep(0)

    async def main():
        t = asyncio.ensure_future(other())
        log.append("wait")
        await W(3)
        log.append("done")
        await t
        return log

    return run(main())


def test_await_drives_the_loop_like_python():
    assert _interleave(lt.Waiter) == _interleave(Waiter)


def test_await_result_matches_python():
    async def main(W):
        return await W(2)

    assert run(main(lt.Waiter)) == run(main(Waiter))


async def _wrap(v):
    return v * 10


class ACounter:
    def __init__(self, n, wrap):
        self.i, self.n, self.wrap = 0, n, wrap

    def __aiter__(self):
        return self

    def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.wrap(self.i)


def test_aiter_anext_items():
    async def main():
        c = lt.ACounter(3, _wrap)
        assert c.__aiter__() is c
        return [await c.__anext__() for _ in range(3)]

    assert run(main()) == [10, 20, 30]


def test_async_for_matches_python():
    async def main(C):
        return [x async for x in C(3, _wrap)]

    assert outcome(run, (main(lt.ACounter),)) == outcome(run, (main(ACounter),))
