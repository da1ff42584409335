#!/usr/bin/env python3
"""Instructions per call of the typed numeric/item/attribute slots (issue 12), by callgrind.

    python3 benches/slot_instructions.py PYTHON SO_DIR [SO_DIR_BEFORE]

Imports `limptest` from SO_DIR (the test extension, `make ext`) and runs each statement of
CALLS in a loop of N and of 2N iterations under `valgrind --tool=callgrind`; instructions
per call = (total(2N) - total(N)) / N minus the same for `pass`. Prints a table (and the
"before" column when a second build of the extension is given).
"""
import re
import subprocess
import sys

N = 20000
CALLS = [
    ("c + 1", "c + 1"),
    ("1 + c", "1 + c"),
    ("x = c; x += 1", "x = c\n    x += 1"),
    ("c[0]", "c[0]"),
    ("0 in c", "0 in c"),
    ("c.attr (__getattr__)", "c.attr"),
    ("-c", "-c"),
    ("pass", "pass"),
]

CHILD = """
import sys
sys.path.insert(0, {so_dir!r})
import limptest
c = limptest.numslots.NsBench(5)
def run(n):
  for _ in range(n):
    {stmt}
run(500)
run({n})
"""


def total(python, so_dir, stmt, n):
    src = CHILD.format(so_dir=so_dir, stmt=stmt, n=n)
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", python, "-c", src],
                         capture_output=True, text=True, check=True)
    m = re.search(r"Collected : (\d+)", out.stderr)
    return int(m.group(1))


def per_call(python, so_dir):
    raw = {}
    for label, stmt in CALLS:
        raw[label] = (total(python, so_dir, stmt, 2 * N) - total(python, so_dir, stmt, N)) / N
    base = raw.pop("pass")
    return {k: v - base for k, v in raw.items()}


def main():
    python, so_dir = sys.argv[1], sys.argv[2]
    after = per_call(python, so_dir)
    before = per_call(python, sys.argv[3]) if len(sys.argv) > 3 else None
    print(f"| call | {'before | ' if before else ''}after |")
    print(f"|---|{'---:|' if before else ''}---:|")
    for label, v in after.items():
        b = f"{before[label]:.0f} | " if before else ""
        print(f"| `{label}` | {b}{v:.0f} |")


if __name__ == "__main__":
    main()
