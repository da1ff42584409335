"""The generated stub (`__limpet_stubs__()`) agrees with the live module, on every
interpreter: the same functions, and for each the same parameter names, kinds and which
ones have defaults as `inspect.signature` (3.7 keeps only what its inspect can read)."""
import ast
import inspect
import sys
import types

import pytest

import limptest

STUB = limptest.__limpet_stubs__()
# 3.7's parser has no positional-only marker: drop it there (the signature test is skipped).
TREE = ast.parse(STUB if sys.version_info >= (3, 8) else STUB.replace(", /", ""))
FUNCTIONS = {n.name: n for n in TREE.body if isinstance(n, ast.FunctionDef)}


def stub_params(node):
    a = node.args
    out = []
    posonly = getattr(a, "posonlyargs", [])
    n_defaults = len(a.defaults)
    positional = posonly + a.args
    for i, p in enumerate(positional):
        kind = "POSITIONAL_ONLY" if i < len(posonly) else "POSITIONAL_OR_KEYWORD"
        out.append((p.arg, kind, i >= len(positional) - n_defaults))
    if a.vararg:
        out.append((a.vararg.arg, "VAR_POSITIONAL", False))
    for p, d in zip(a.kwonlyargs, a.kw_defaults):
        out.append((p.arg, "KEYWORD_ONLY", d is not None))
    if a.kwarg:
        out.append((a.kwarg.arg, "VAR_KEYWORD", False))
    return out


def live_params(f):
    return [
        (p.name, p.kind.name, p.default is not inspect.Parameter.empty)
        for p in inspect.signature(f).parameters.values()
    ]


def test_stub_parses_and_lists_every_function():
    live = {
        n for n, f in vars(limptest).items()
        if isinstance(f, types.BuiltinFunctionType) and n != "__limpet_stubs__"
    }
    assert set(FUNCTIONS) == live


@pytest.mark.skipif(sys.version_info < (3, 8), reason="3.7's ast has no positional-only parameters")
@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_stub_signature_matches_inspect(name):
    assert stub_params(FUNCTIONS[name]) == live_params(getattr(limptest, name))


def test_stub_types():
    assert "def add(a: int, b: int = ..., *, c: int = ...) -> int: ..." in STUB
    assert "class MyError(ValueError): ..." in STUB
    assert "VERSION: str" in STUB
    assert "def echo_opt_i64(x: typing.Optional[int]) -> typing.Optional[int]: ..." in STUB
