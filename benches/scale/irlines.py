#!/usr/bin/env python3
"""LLVM IR lines of a crate's functions, grouped by name with the numbers taken out: what each
kind of generated item costs (one line per kind: total lines, copies, name).

    irlines.py FILE.ll [--top N]

FILE.ll: `cargo rustc --release --lib -- --emit=llvm-ir` of the crate (optimized IR, the
figure benches/buildcost.py --ir reports as a total), e.g. the scale module of gen_scale.py:
`scale_limpet::CN::__limpet_body_mN` is the body of every method, `__limpet_fn_funcN::*` the
items of every function. For the unoptimized figure, `cargo llvm-lines --release --lib`.
"""
import argparse
import collections
import re
import subprocess


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ll")
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args()
    sizes = {}
    cur, n = None, 0
    with open(a.ll) as f:
        for line in f:
            if line.startswith("define"):
                m = re.search(r'@"?([^"(]+)"?\(', line)
                cur, n = m.group(1), 0
            if cur:
                n += 1
                if line.startswith("}"):
                    sizes[cur] = n
                    cur = None
    names = subprocess.run(["c++filt"], input="\n".join(sizes), capture_output=True, text=True).stdout.split("\n")
    lines, copies = collections.Counter(), collections.Counter()
    for (sym, n), name in zip(sizes.items(), names):
        key = re.sub(r"\d+", "N", re.sub(r"::h[0-9a-f]{16}$", "", name or sym))
        lines[key] += n
        copies[key] += 1
    print("%d lines in %d functions" % (sum(lines.values()), len(sizes)))
    for key, n in lines.most_common(a.top):
        print("%8d %5d  %s" % (n, copies[key], key))


if __name__ == "__main__":
    main()
