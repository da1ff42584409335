"""Checked with `mypy --strict` against the generated stub package limptest/__init__.pyi,
limptest/classfx.pyi, ... (make stubs-check, scripts/stubs_check.py): typical calls
type-check, and the inferred types are what the Rust signatures say, submodules included."""
import typing

import limptest
import limptest.sub.deeper
from limptest.records import rec_pair, rec_triple

total: int = limptest.add(1, 2, c=3)
text: str = limptest.echo_str("x")
maybe: typing.Optional[int] = limptest.echo_opt_i64(None)
items: typing.List[int] = limptest.echo_vec_i64([1, 2])
data: bytes = limptest.echo_vec_u8(b"ab")
mixed: typing.Tuple[int, str, float, bool, typing.Optional[int]] = limptest.echo_tuple_mixed((1, "a", 1.0, True, None))
mapping: typing.Dict[str, int] = limptest.echo_hashmap({"a": 1})
version: str = limptest.VERSION
err: typing.Type[ValueError] = limptest.MyError


async def use_coroutines() -> int:
    counter = limptest.AsyncCounter()
    coro: typing.Coroutine[typing.Any, typing.Any, typing.Any] = counter.add(1)
    added: typing.Any = await coro
    return typing.cast(int, added) + counter.value


# submodules: attribute access after `import limptest`, `from limptest.X import ...`
point: limptest.Point = limptest.classfx.new_point(1, 2)
norm: int = limptest.classfx.point_norm(point)
maybe_x: typing.Optional[int] = limptest.classfx.point_opt(None)
pair: typing.Tuple[int, str] = rec_pair((1, "a"))
triple: typing.Tuple[int, typing.Optional[float], typing.List[int]] = rec_triple((1, None, [2, 3]))
celsius: float = limptest.records.rec_celsius("3.5")
level: int = limptest.sub.LEVEL + limptest.sub.deeper.LEVEL
deep: int = limptest.sub.deeper.deep_add(1, 2)
hello: str = limptest.sub.sub_hello()


async def use_submodule_coroutines() -> int:
    total: int = await limptest.asyncfx.sleep_then_add(1, 2, secs=0.0)
    text: str = await limptest.asyncfx.hold_and_sleep(0.0)
    return total + len(text) + limptest.asyncfx.drop_count()


async def use_async_methods() -> int:
    counter = limptest.AsyncCounter(1)
    peeked: int = await counter.peek(0.0)
    bumped: int = await counter.bump(1)
    later: int = await counter.add_later(2, secs=0.0)
    doubled: int = await limptest.AsyncCounter.double(2)
    name: str = await limptest.AsyncCounter.class_name()
    await counter.set_then_fail(1, "x")
    step: int = await counter.__anext__()
    coro: typing.Coroutine[typing.Any, typing.Any, int] = counter.peek()
    async for item in counter:
        peeked += typing.cast(int, item)
    return peeked + bumped + later + doubled + len(name) + step + await coro

# PyO3 parity: std conversions' hints name pathlib / datetime / ipaddress types.
import datetime  # noqa: E402
import ipaddress  # noqa: E402
import pathlib  # noqa: E402

import limptest.parity  # noqa: E402

where: pathlib.Path = limptest.parity.echo_pathbuf("x")
delta: datetime.timedelta = limptest.parity.echo_duration(datetime.timedelta(1))
when: datetime.datetime = limptest.parity.echo_systemtime(datetime.datetime.now(datetime.timezone.utc))
addr: ipaddress.IPv4Address = limptest.parity.echo_ipv4("1.2.3.4")
arr3: typing.List[int] = limptest.parity.echo_array3([1, 2, 3])
extras: typing.Tuple[int, typing.Optional[typing.Dict[str, int]]] = limptest.parity.kw_opt(a=1, b=2)

# Class options: orderings and equality derived from Rust traits, the Python name.
import limptest.options  # noqa: E402

first = limptest.options.OptOrd(1.0)
ordered: bool = first < limptest.options.OptOrd(2.0) and first != 3
pretty: limptest.options.Pretty = limptest.options.make_pretty(1)
shown: str = str(limptest.options.OptText(1, "a")) + repr(pretty)
hashed: int = hash(limptest.options.OptHash("a", 1))

# Classes extending builtin types (test_extends.py): their stubs name the base.
import limptest.extends  # noqa: E402

coded: ValueError = limptest.extends.CodedError("x", 1)
coded_code: int = limptest.extends.CodedError("x").code
counting: typing.Dict[typing.Any, typing.Any] = limptest.extends.CountingDict()
zone: datetime.tzinfo = limptest.extends.FixedZone(60)
dog: limptest.extends.Animal = limptest.extends.make_dog("Rex", "collie")
pt_total: int = limptest.extends.pt_sum(limptest.extends.Pt(1, 2))
dotted: type = limptest.extends.dotted_error()

# Tuple and unit struct classes: named properties of numbered fields.
import limptest.tuples  # noqa: E402

tpoint: limptest.tuples.TPoint = limptest.tuples.make_tpoint(1, 2)
tx: int = tpoint.x + tpoint.y + limptest.tuples.tpoint_sum(tpoint)
tpair = limptest.tuples.TPair(1, "a")
tpair.first = 2
tpair.second = "b"
unit: limptest.tuples.Unit = limptest.tuples.Unit()
unit_hello: str = unit.hello()
