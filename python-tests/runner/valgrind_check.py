#!/usr/bin/env python3
"""Run the pytest suite on one interpreter under valgrind memcheck and judge the log.

    valgrind_check.py --python PY --so-dir DIR [--tests python-tests] [--log FILE]
                      [--record FILE] [-- extra pytest args]

``PYTHONMALLOC=malloc`` (every allocation visible to memcheck), the suppressions in
``valgrind-python.supp``, ``--leak-check=full``. Heavy tests are scaled down for the
~30x slowdown (``LIMPET_LEAK_ITERATIONS=300``, ``LIMPET_FUZZ_EXAMPLES=5``) and
``LIMPET_UNDER_VALGRIND=1`` relaxes wall-clock assertions. Exit 1 if memcheck reports any
invalid read/write (anywhere), any error or definitely-lost block with a limpet frame
(``limpet::``/``limptest``), or if the interpreter crashed. Test failures are reported but
are not memory errors (the normal matrix judges them).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
LIMPET_FRAME = re.compile(r"limpet::|limptest|abi3_sys::")
SUMMARY_RE = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)")


def parse(log_text):
    """Error blocks of a memcheck log: (headline, [frames])."""
    blocks, cur = [], None
    for line in log_text.splitlines():
        m = re.match(r"==\d+== ?(.*)$", line)
        if not m:
            continue
        body = m.group(1)
        if not body.strip():
            if cur:
                blocks.append(cur)
            cur = None
            continue
        if cur is None:
            cur = [body.strip(), []]
        else:
            cur[1].append(body.strip())
    if cur:
        blocks.append(cur)
    return blocks


def judge(log_text):
    res = {"invalid_read": 0, "invalid_write": 0, "invalid_free": 0, "uninit": 0,
           "invalid_rw_in_limpet": 0, "errors_in_limpet": 0, "definitely_lost_blocks_in_limpet": 0,
           "definitely_lost_blocks_total": 0, "definitely_lost_bytes_total": 0, "examples": []}
    for head, frames in parse(log_text):
        in_limpet = any(LIMPET_FRAME.search(f) for f in frames)
        if head.startswith("Invalid read"):
            res["invalid_read"] += 1
        elif head.startswith("Invalid write"):
            res["invalid_write"] += 1
        elif head.startswith(("Invalid free", "Mismatched free")):
            res["invalid_free"] += 1
        elif head.startswith(("Conditional jump", "Use of uninitialised", "Syscall param")):
            res["uninit"] += 1
        m = re.search(r"([\d,]+) (?:\([\d,]+ direct, [\d,]+ indirect\) )?bytes in ([\d,]+) blocks are definitely lost", head)
        if m:
            nblocks = int(m.group(2).replace(",", ""))
            res["definitely_lost_blocks_total"] += nblocks
            res["definitely_lost_bytes_total"] += int(m.group(1).replace(",", ""))
            if in_limpet:
                res["definitely_lost_blocks_in_limpet"] += nblocks
                res["examples"].append("\n".join([head] + frames[:25]))
            continue
        if head.startswith(("Invalid", "Mismatched", "Conditional jump", "Use of uninit", "Syscall param",
                            "Source and destination overlap")):
            if in_limpet:
                res["errors_in_limpet"] += 1
                if head.startswith(("Invalid read", "Invalid write")):
                    res["invalid_rw_in_limpet"] += 1
                res["examples"].append("\n".join([head] + frames[:25]))
    m = re.search(r"ERROR SUMMARY: ([\d,]+) errors", log_text)
    res["error_summary"] = int(m.group(1).replace(",", "")) if m else None
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", required=True)
    ap.add_argument("--so-dir", required=True)
    ap.add_argument("--tests", default=os.path.join(REPO, "python-tests"))
    ap.add_argument("--log", default=os.path.join(REPO, "python-tests", "build", "logs", "valgrind.log"))
    ap.add_argument("--record", default=os.environ.get("LIMPET_RELIABILITY_RECORD"))
    args, extra = ap.parse_known_args()
    extra = [a for a in extra if a != "--"]
    args.log = os.path.abspath(args.log)  # valgrind runs in the log's folder
    os.makedirs(os.path.dirname(args.log), exist_ok=True)
    supp = os.path.join(HERE, "valgrind-python.supp")
    env = dict(os.environ, PYTHONPATH=os.path.abspath(args.so_dir), PYTHONMALLOC="malloc",
               LIMPET_UNDER_VALGRIND="1", PYTHONDONTWRITEBYTECODE="1")
    env.setdefault("LIMPET_LEAK_ITERATIONS", "300")
    env.setdefault("LIMPET_FUZZ_EXAMPLES", "5")
    cmd = ["valgrind", "--tool=memcheck", "--error-limit=no", "--leak-check=full",
           "--show-leak-kinds=definite", "--errors-for-leak-kinds=definite", "--num-callers=40",
           "--suppressions=" + supp, "--log-file=" + args.log,
           args.python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
           "--ignore=" + os.path.join(args.tests, "runner"), "--ignore=" + os.path.join(args.tests, "build"),
           args.tests] + extra
    print("valgrind: " + " ".join(cmd), flush=True)
    t0 = time.time()
    out_path = args.log + ".pytest"
    with open(out_path, "w") as out:
        rc = subprocess.call(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                             cwd=os.path.dirname(args.log))
    elapsed = time.time() - t0
    text = open(out_path, errors="replace").read()
    counts = {}
    for line in reversed(text.splitlines()):
        if re.search(r" in [\d.]+s", line) and SUMMARY_RE.search(line):
            counts = {w: int(n) for n, w in SUMMARY_RE.findall(line)}
            break
    res = judge(open(args.log, errors="replace").read())
    res.update(pytest_rc=rc, pytest=counts, seconds=round(elapsed), python=args.python)
    crashed = rc < 0 or rc not in (0, 1) or not counts
    print("valgrind: pytest rc=%d %s in %d s" % (rc, counts, elapsed))
    print("valgrind: invalid reads %(invalid_read)d, invalid writes %(invalid_write)d, invalid frees "
          "%(invalid_free)d, uninitialised %(uninit)d; errors with a limpet frame %(errors_in_limpet)d "
          "(invalid r/w %(invalid_rw_in_limpet)d); definitely lost: %(definitely_lost_blocks_total)d blocks "
          "(%(definitely_lost_bytes_total)d bytes) in all, %(definitely_lost_blocks_in_limpet)d blocks "
          "with a limpet frame; ERROR SUMMARY %(error_summary)s" % res)
    for ex in res["examples"][:5]:
        print("---\n" + ex)
    if args.record:
        with open(args.record, "a") as f:
            f.write(json.dumps(dict(res, kind="valgrind", examples=res["examples"][:5])) + "\n")
    bad = (res["invalid_read"] or res["invalid_write"] or res["errors_in_limpet"]
           or res["definitely_lost_blocks_in_limpet"] or crashed)
    if crashed:
        print("valgrind: the interpreter crashed or pytest did not finish (rc=%d); see %s" % (rc, out_path))
    print("valgrind: %s (log: %s)" % ("FAILED" if bad else "OK", args.log))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
