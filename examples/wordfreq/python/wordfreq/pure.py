"""Pure-Python twin of ``wordfreq._wordfreq``: same functions, same results, no extension.

Words are runs of alphanumeric characters and apostrophes (``str.isalnum``; the extension uses
Rust's ``char::is_alphanumeric``, which agrees on letters and digits of the common scripts).
"""
import re
from typing import Dict, List, Tuple

__all__ = ["EmptyTextError", "levenshtein", "tokenize", "top_words"]

_SEP = re.compile(r"[^\w']|_")  # \w is isalnum() plus "_"; "_" separates words here


class EmptyTextError(ValueError):
    """Raised when a text has no words."""


def _words(text: str, lower: bool) -> List[str]:
    words = [w for w in _SEP.split(text) if w]
    return [w.lower() for w in words] if lower else words


def tokenize(text: str, *, lower: bool = True) -> List[str]:
    """Split `text` into words (runs of alphanumeric characters and apostrophes)."""
    if not isinstance(text, str):
        raise TypeError("tokenize() argument 'text' must be str, not %s" % type(text).__name__)
    return _words(text, lower)


def top_words(text: str, n: int = 10) -> List[Tuple[str, int]]:
    """The `n` most frequent words with their counts, most frequent first (ties by word)."""
    if n < 0:
        raise OverflowError("can't convert negative int to unsigned")
    counts: Dict[str, int] = {}
    for w in _words(text, True):
        counts[w] = counts.get(w, 0) + 1
    if not counts:
        raise EmptyTextError("the text has no words")
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def levenshtein(a: str, b: str) -> int:
    """Levenshtein edit distance between two strings, counted in characters."""
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError("levenshtein() arguments must be str")
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a):
        diagonal, row[0] = row[0], i + 1
        for j, cb in enumerate(b):
            substitution = diagonal + (ca != cb)
            diagonal = row[j + 1]
            row[j + 1] = min(substitution, row[j] + 1, diagonal + 1)
    return row[len(b)]
