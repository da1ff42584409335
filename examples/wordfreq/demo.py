"""Run the wordfreq example: python demo.py (with the wordfreq package installed)."""
import inspect
import sys

import wordfreq

TEXT = "The quick brown fox jumps over the lazy dog. The dog sleeps; the fox doesn't."

print("Python", sys.version.split()[0], "| wordfreq", wordfreq.__version__, "from", wordfreq._wordfreq.__file__)
print("tokenize:", wordfreq.tokenize(TEXT)[:6], "...")
print("top_words:", wordfreq.top_words(TEXT, 3))
print("levenshtein('kitten', 'sitting') =", wordfreq.levenshtein("kitten", "sitting"))
print("signature:", "top_words" + str(inspect.signature(wordfreq.top_words)))
try:
    wordfreq.top_words("... !!!")
except wordfreq.EmptyTextError as e:
    print("EmptyTextError:", e, "| is a ValueError:", isinstance(e, ValueError))
try:
    wordfreq.levenshtein("a", 1)
except TypeError as e:
    print("TypeError:", e)
