#!/usr/bin/env python3
"""Count the unsafe surface of limpet's runtime.

For every Rust file in src/ (recursively) and macros/, print the number of non-comment lines
that contain the word `unsafe` and the number of non-blank non-comment lines, then the totals.
A comment line is one whose first non-blank characters are `//` (doc comments, SAFETY lines,
commented-out code); `unsafe` inside a trailing comment of a code line still counts, and so
does a lint name such as `clippy::undocumented_unsafe_blocks` (the same rule as
`grep -v '^\s*//' FILE | grep -c unsafe`).

Usage: python3 scripts/count_unsafe.py [--total | --ceiling N]
  --total: print only the total count
  --ceiling N: print the table, then fail (exit 1) when the total is above N
"""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def count(path):
    unsafe = code = 0
    for line in path.read_text().splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        code += 1
        if "unsafe" in line:
            unsafe += 1
    return unsafe, code


def main():
    files = sorted((ROOT / "src").rglob("*.rs")) + sorted((ROOT / "macros").rglob("*.rs"))
    rows = [(str(f.relative_to(ROOT)),) + count(f) for f in files]
    total_unsafe = sum(r[1] for r in rows)
    total_code = sum(r[2] for r in rows)
    if sys.argv[1:] == ["--total"]:
        print(total_unsafe)
        return
    ceiling = None
    if sys.argv[1:2] == ["--ceiling"] and len(sys.argv) == 3:
        ceiling = int(sys.argv[2])
    elif sys.argv[1:]:
        sys.exit(__doc__)
    width = max(len(r[0]) for r in rows)
    print(f"{'file':<{width}}  unsafe   lines")
    for name, unsafe, code in sorted(rows, key=lambda r: (-r[1], r[0])):
        print(f"{name:<{width}}  {unsafe:6}  {code:6}")
    print(f"{'total':<{width}}  {total_unsafe:6}  {total_code:6}")
    if ceiling is not None:
        if total_unsafe > ceiling:
            sys.exit(f"unsafe surface: {total_unsafe} lines, above the ceiling of {ceiling} (Makefile UNSAFE_CEILING)")
        print(f"unsafe surface: {total_unsafe} lines (ceiling {ceiling})")


if __name__ == "__main__":
    main()
