"""The extension (wordfreq) against its pure-Python twin (wordfreq.pure), on the installed wheel."""
import inspect
import os
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wordfreq
from wordfreq import pure

# Letters and digits on which Rust's char::is_alphanumeric and str.isalnum agree on every
# Python 3.7+ (Unicode 11+), plus separators, apostrophes and a final-sigma case.
ALPHABET = st.sampled_from(list("abcxyzABCXYZ019 \t\n.,;:!?'-_\"()") + list("éüÄßΣσЖж"))
TEXT = st.text(ALPHABET, max_size=200)
SETTINGS = settings(max_examples=100, deadline=None)
# short strings over a small alphabet, with one astral character: edits, not text shape
WORD = st.text(st.sampled_from(list("abcdeéß\U0001F600")), max_size=16)

SAMPLE = "The quick brown fox jumps over the lazy dog. The dog sleeps; the fox doesn't."


def test_is_the_extension():
    so = wordfreq._wordfreq.__file__
    assert so.endswith(("_wordfreq.abi3.so", "_wordfreq.abi3t.so")), so  # cp37-abi3 or abi3t wheel
    # the test must exercise the installed wheel, not a source checkout
    assert "site-packages" in so, so
    assert wordfreq.__version__ == "0.1.0"


def test_typed_package():
    d = os.path.dirname(wordfreq.__file__)
    assert os.path.exists(os.path.join(d, "py.typed"))
    assert os.path.exists(os.path.join(d, "_wordfreq.pyi"))


def test_examples():
    assert wordfreq.tokenize(SAMPLE)[:4] == ["the", "quick", "brown", "fox"]
    assert wordfreq.tokenize("Don't STOP", lower=False) == ["Don't", "STOP"]
    assert wordfreq.top_words(SAMPLE, 2) == [("the", 4), ("dog", 2)]
    assert wordfreq.levenshtein("kitten", "sitting") == 3
    assert wordfreq.levenshtein("", "abc") == 3
    assert wordfreq.levenshtein("naïve", "naive") == 1


@pytest.mark.parametrize("mod", [wordfreq, pure], ids=["ext", "pure"])
def test_errors(mod):
    with pytest.raises(mod.EmptyTextError) as ei:
        mod.top_words("... !!!")
    assert isinstance(ei.value, ValueError)
    with pytest.raises(TypeError):
        mod.levenshtein("a", 1)
    with pytest.raises(TypeError):
        mod.tokenize(b"bytes")
    with pytest.raises(OverflowError):
        mod.top_words("a b", -1)


def test_exception_identity():
    assert wordfreq.EmptyTextError.__module__ == "wordfreq"
    assert issubclass(wordfreq.EmptyTextError, ValueError)


def test_signatures():
    sig = inspect.signature(wordfreq.top_words)
    assert list(sig.parameters) == ["text", "n"]
    assert sig.parameters["n"].default == 10
    p = inspect.signature(wordfreq.tokenize).parameters
    assert p["text"].kind is inspect.Parameter.POSITIONAL_ONLY
    assert p["lower"].kind is inspect.Parameter.KEYWORD_ONLY
    with pytest.raises(TypeError):
        wordfreq.tokenize(text="a b")


@SETTINGS
@given(TEXT, st.booleans())
def test_tokenize_matches_twin(text, lower):
    assert wordfreq.tokenize(text, lower=lower) == pure.tokenize(text, lower=lower)


@SETTINGS
@given(TEXT, st.integers(0, 12))
def test_top_words_matches_twin(text, n):
    try:
        expected = pure.top_words(text, n)
    except pure.EmptyTextError:
        with pytest.raises(wordfreq.EmptyTextError):
            wordfreq.top_words(text, n)
    else:
        assert wordfreq.top_words(text, n) == expected


@SETTINGS
@given(WORD, WORD)
def test_levenshtein_matches_twin(a, b):
    d = wordfreq.levenshtein(a, b)
    assert d == pure.levenshtein(a, b)
    assert d == wordfreq.levenshtein(b, a)
    assert d <= max(len(a), len(b))


def test_large_input():
    text = SAMPLE * 2000
    assert wordfreq.top_words(text, 5) == pure.top_words(text, 5)
    assert wordfreq.tokenize(text) == pure.tokenize(text)


def test_version_line():
    # one line per interpreter in the test log
    print("wordfreq %s on Python %s" % (wordfreq.__version__, sys.version.split()[0]))
