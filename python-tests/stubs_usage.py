"""Checked with `mypy --strict` against the generated limptest.pyi (make stubs-check):
typical calls type-check, and the inferred types are what the Rust signatures say."""
import typing

import limptest

total: int = limptest.add(1, 2, c=3)
text: str = limptest.echo_str("x")
maybe: typing.Optional[int] = limptest.echo_opt_i64(None)
items: typing.List[int] = limptest.echo_vec_i64([1, 2])
data: bytes = limptest.echo_vec_u8(b"ab")
pair: typing.Tuple[int, str, float, bool, typing.Optional[int]] = limptest.echo_tuple_mixed((1, "a", 1.0, True, None))
mapping: typing.Dict[str, int] = limptest.echo_hashmap({"a": 1})
version: str = limptest.VERSION
err: typing.Type[ValueError] = limptest.MyError


async def use_coroutines() -> int:
    counter = limptest.AsyncCounter()
    coro: typing.Coroutine[typing.Any, typing.Any, typing.Any] = counter.add(1)
    added: typing.Any = await coro
    return typing.cast(int, added) + counter.value
