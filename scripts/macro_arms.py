#!/usr/bin/env python3
"""Count the arms of every `macro_rules!` under macros/ and src/, and fail above a ceiling.

Issue 14: no internal macro over ~25 arms (the `class!` front end was one macro of 131).
Prints the macros sorted by arm count; `--ceiling N` (default 25) makes any macro with more
arms an error. Run by `make test` (`macro-arms-check`).
"""
import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OPEN, CLOSE = "([{", ")]}"


def skip_literal(text, i):
    """If a string, char literal or comment starts at i, return the index after it, else i."""
    if text.startswith("//", i):
        j = text.find("\n", i)
        return len(text) if j < 0 else j
    if text.startswith("/*", i):
        depth, j = 0, i
        while j < len(text):
            if text.startswith("/*", j):
                depth, j = depth + 1, j + 2
            elif text.startswith("*/", j):
                depth, j = depth - 1, j + 2
                if depth == 0:
                    return j
            else:
                j += 1
        return j
    m = re.compile(r'b?r(#*)"').match(text, i)
    if m and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
        end = '"' + m.group(1)
        j = text.find(end, m.end())
        return j + len(end)
    if text[i] == '"' or text.startswith('b"', i):
        j = i + (2 if text[i] == "b" else 1)
        while text[j] != '"':
            j += 2 if text[j] == "\\" else 1
        return j + 1
    if text[i] == "'":
        m = re.compile(r"'(\\.[^']*|[^\\'])'").match(text, i)
        if m:
            return m.end()
    return i


def group_end(text, i):
    """text[i] opens a group: the index after its closing delimiter."""
    depth = 0
    while i < len(text):
        j = skip_literal(text, i)
        if j != i:
            i = j
            continue
        c = text[i]
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced group")


def count_arms(body):
    """Arms of a macro body (the text between its braces)."""
    arms, i = 0, 0
    while i < len(body):
        j = skip_literal(body, i)
        if j != i:
            i = j
            continue
        if body[i] in OPEN:
            i = group_end(body, i)  # the matcher
            k = body.index("=>", i)
            k += 2
            while body[k].isspace():
                k += 1
            i = group_end(body, k)  # the transcriber
            arms += 1
            continue
        i += 1
    return arms


def macros(path):
    text = path.read_text()
    for m in re.finditer(r"macro_rules!\s*([A-Za-z_][A-Za-z0-9_]*)\s*\{", text):
        start = m.end() - 1
        if any(text.rfind(tok, 0, m.start()) > text.rfind("\n", 0, m.start()) for tok in ("//",)):
            continue  # in a comment
        end = group_end(text, start)
        yield m.group(1), count_arms(text[start + 1 : end - 1])


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ceiling", type=int, default=25)
    args = ap.parse_args()
    found = []
    for path in sorted(list((ROOT / "macros").rglob("*.rs")) + list((ROOT / "src").rglob("*.rs"))):
        for name, arms in macros(path):
            found.append((arms, name, path.relative_to(ROOT)))
    found.sort(reverse=True)
    for arms, name, path in found:
        print(f"{arms:4d}  {name}  ({path})")
    over = [f for f in found if f[0] > args.ceiling]
    if over:
        print(f"error: {len(over)} macro(s) over {args.ceiling} arms (issue 14: split by job)", file=sys.stderr)
        return 1
    print(f"{len(found)} macros, none over {args.ceiling} arms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
