"""Print one line: how much faster the extension is than its pure-Python twin.

    python examples/wordfreq/bench.py        (with the wordfreq wheel installed)
"""
import platform
import random
import timeit

import wordfreq
from wordfreq import pure

random.seed(7)
VOCAB = ["".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(random.randint(2, 9)))
         for _ in range(2000)]
TEXT = " ".join(random.choice(VOCAB) + random.choice(["", "", ",", ".", "'s"]) for _ in range(50000))
A, B = "intention" * 20, "execution" * 20


def best(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


CASES = [
    ("tokenize", lambda m: m.tokenize(TEXT), 3),
    ("top_words", lambda m: m.top_words(TEXT, 10), 3),
    ("levenshtein", lambda m: m.levenshtein(A, B), 5),
]

parts = []
for name, fn, number in CASES:
    assert fn(wordfreq) == fn(pure), name
    t_ext = best(lambda: fn(wordfreq), number)
    t_pure = best(lambda: fn(pure), number)
    parts.append("%s %.1fx (%.2f ms vs %.2f ms)" % (name, t_pure / t_ext, t_ext * 1e3, t_pure * 1e3))
print("wordfreq speedup over pure Python on %s %s: %s"
      % (platform.python_implementation(), platform.python_version(), "; ".join(parts)))
