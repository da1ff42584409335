"""Fast paths of issue 12 (this round): each gives the same results and errors as the path it
short-cuts, on every interpreter and on both calling paths (the matrix runs both).

- `str` results: ASCII text is made by the Latin-1 decoder before 3.10, other text by the
  UTF-8 decoder: the same `str` (value, width, size) either way.
"""
import sys

import pytest

import limptest

TEXTS = [
    "",
    "a",
    "\x00",
    "\x7f",
    "\x80",
    "hello",
    "helloworld" * 10,
    "a\x00b",
    "caf\xe9",
    "\xff" * 3,
    "\u4e2d\u6587",
    "a\U0001f600",
    "x" * 1000 + "\xe9",
]


@pytest.mark.parametrize("text", TEXTS, ids=repr)
def test_str_results_same_as_utf8_decoder(text):
    for f in (limptest.echo_str, limptest.echo_string):
        out = f(text)
        assert type(out) is str
        assert out == text
        # the same compact representation (1, 2 or 4 bytes per character) as CPython's own
        # decoder makes (a fresh str: `text` may carry a cached UTF-8 copy by now)
        assert sys.getsizeof(out) == sys.getsizeof(text.encode("utf-8").decode("utf-8"))
