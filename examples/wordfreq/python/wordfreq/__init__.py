"""Word frequencies and edit distance.

The functions come from the Rust extension ``wordfreq._wordfreq`` (one ``.abi3.so`` for every
CPython 3.7+); ``wordfreq.pure`` is a pure-Python twin with the same API and results.
"""
from ._wordfreq import EmptyTextError, __version__, levenshtein, tokenize, top_words

__all__ = ["EmptyTextError", "levenshtein", "tokenize", "top_words", "__version__"]
