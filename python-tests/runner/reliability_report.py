#!/usr/bin/env python3
"""Run the reliability tests on every interpreter x calling path and write the figures.

    reliability_report.py --so-dir python-tests/build [--out docs/reliability.md]
        [--only fuzz,leaks,subinterp] [--versions "3.7 3.11 newest"] [--leak-iterations N]
        [--fuzz-examples N] [--free-threaded PY313T] [--valgrind-python PY]

Each pytest run appends JSON lines to a record file (LIMPET_RELIABILITY_RECORD); this
script aggregates them: hypothesis cases per interpreter, leak figures (worst feature per
interpreter), sub-interpreter outcomes, the free-threaded check and the valgrind summary.
With --out it rewrites that Markdown file (docs/reliability.md); it always prints it.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CACHE = os.environ.get("LIMPET_CACHE", os.path.expanduser("~/.cache/limpet"))
TESTS = {"fuzz": ["test_fuzz.py"], "leaks": ["test_reliability_leaks.py"],
         "subinterp": ["test_reliability_subinterp.py"], "reliability": ["test_reliability.py"]}
SUMMARY_RE = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)")


def venvs():
    out = []
    for d in glob.glob(os.path.join(CACHE, "venvs", "3.*")):
        name = os.path.basename(d)
        if re.fullmatch(r"3\.\d+\.\d+", name) and os.path.exists(os.path.join(d, "bin", "python")):
            out.append((tuple(int(x) for x in name.split(".")), name, os.path.join(d, "bin", "python")))
    return [(n, p) for _, n, p in sorted(out)]


def pick(all_venvs, spec):
    if not spec:
        return all_venvs
    chosen = []
    for want in spec.split():
        if want == "newest":
            chosen.append(all_venvs[-1])
        else:
            chosen += [v for v in all_venvs if v[0] == want or v[0].startswith(want + ".")]
    seen, out = set(), []
    for v in chosen:
        if v[0] not in seen:
            seen.add(v[0])
            out.append(v)
    return out


def run_pytest(py, so_dir, files, env_extra, record):
    env = dict(os.environ, PYTHONPATH=os.path.abspath(so_dir), LIMPET_RELIABILITY_RECORD=record,
               PYTHONDONTWRITEBYTECODE="1", **env_extra)
    for k in ("PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(k, None)
    cmd = [py, "-m", "pytest", "-q", "-p", "no:cacheprovider"] + [os.path.join(REPO, "python-tests", f) for f in files]
    t0 = time.time()
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                       cwd=tempfile.gettempdir())
    counts = {}
    for line in reversed(p.stdout.splitlines()):
        if re.search(r" in [\d.]+s", line) and SUMMARY_RE.search(line):
            counts = {w: int(n) for n, w in SUMMARY_RE.findall(line)}
            break
    return p.returncode, counts, time.time() - t0, p.stdout


def load(record):
    rows = []
    if os.path.exists(record):
        with open(record) as f:
            rows = [json.loads(l) for l in f if l.strip()]
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--so-dir", required=True)
    ap.add_argument("--out", default=None)
    ap.add_argument("--only", default="reliability,fuzz,leaks,subinterp")
    ap.add_argument("--versions", default="")
    ap.add_argument("--paths", default="fastcall,varargs")
    ap.add_argument("--leak-iterations", type=int, default=None)
    ap.add_argument("--fuzz-examples", type=int, default=None)
    ap.add_argument("--free-threaded", default=None)
    ap.add_argument("--valgrind-python", default=None)
    args = ap.parse_args()

    record = tempfile.mktemp(prefix="limpet-rel-", suffix=".jsonl")
    env_extra = {}
    if args.leak_iterations:
        env_extra["LIMPET_LEAK_ITERATIONS"] = str(args.leak_iterations)
    if args.fuzz_examples:
        env_extra["LIMPET_FUZZ_EXAMPLES"] = str(args.fuzz_examples)
    files = [f for k in args.only.split(",") for f in TESTS[k]]
    runs, failed = [], 0
    for ver, py in pick(venvs(), args.versions):
        for path in args.paths.split(","):
            rc, counts, secs, out = run_pytest(py, args.so_dir, files, dict(env_extra, LIMPET_CALLCONV=path), record)
            runs.append((ver, path, rc, counts, secs))
            print("%-8s %-8s rc=%d %s %.1f s" % (ver, path, rc, counts, secs), flush=True)
            if rc != 0:
                failed += 1
                print("\n".join(out.splitlines()[-30:]))
    extra_lines = []
    if args.free_threaded:
        p = subprocess.run([sys.executable, os.path.join(HERE, "freethreaded_check.py"), "--python", args.free_threaded,
                            "--so", os.path.join(args.so_dir, "limptest.abi3.so"), "--record", record,
                            "--gil-python", pick(venvs(), "3.11")[0][1] if pick(venvs(), "3.11") else venvs()[-1][1]],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        extra_lines.append(p.stdout)
        failed += p.returncode != 0
    if args.valgrind_python:
        p = subprocess.run([sys.executable, os.path.join(HERE, "valgrind_check.py"), "--python", args.valgrind_python,
                            "--so-dir", args.so_dir, "--record", record],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        extra_lines.append(p.stdout)
        failed += p.returncode != 0
    text = render(load(record), runs, args)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    return 1 if failed else 0


def render(rows, runs, args):
    L = ["# Reliability figures", "",
         "Generated by `python-tests/runner/reliability_report.py` (`make reliability-report`; "
         "`make fuzz`, `make leaks`, `make test-freethreaded`, `make valgrind` run the parts).", ""]
    L += ["## Test runs", "", "| interpreter | path | result | seconds |", "|---|---|---|---|"]
    for ver, path, rc, counts, secs in runs:
        L.append("| %s | %s | %s | %.1f |" % (ver, path, ", ".join("%d %s" % (n, w) for w, n in counts.items())
                                              or "rc=%d" % rc, secs))
    fuzz = [r for r in rows if r["kind"] == "fuzz"]
    if fuzz:
        L += ["", "## Fuzzing (hypothesis): cases per interpreter", "",
              "| interpreter | path | max_examples | cases | properties |", "|---|---|---|---|---|"]
        for r in fuzz:
            L.append("| %s | %s | %d | %d | %d |" % (r["python"], r["callconv"], r["max_examples"], r["cases"],
                                                  len(r["per_property"])))
        L.append("")
        L.append("Total: %d cases." % sum(r["cases"] for r in fuzz))
    leaks = [r for r in rows if r["kind"] == "leak"]
    if leaks:
        L += ["", "## Leaks: worst growth over all features per run", "",
              "| interpreter | path | features | iterations | max Rust heap bytes / allocations | max gc objects "
              "| max pymalloc blocks | max traced bytes (N/10 calls) | max RSS bytes |", "|---|---|---|---|---|---|---|---|---|"]
        keyed = {}
        for r in leaks:
            keyed.setdefault((r["python"], r["callconv"]), []).append(r)
        for (ver, path), rs in keyed.items():
            L.append("| %s | %s | %d | %d | %d / %d | %d | %d | %d | %d |" % (
                ver, path, len(rs), max(r["iterations"] for r in rs if "rust-thread" not in r["feature"]),
                max(r.get("rust_bytes", 0) for r in rs), max(r.get("rust_blocks", 0) for r in rs),
                max(r["objects"] for r in rs), max(r["blocks"] for r in rs), max(r["traced_bytes"] for r in rs),
                max(r["rss_bytes"] for r in rs)))
    sub = [r for r in rows if r["kind"] == "subinterp"]
    if sub:
        L += ["", "## Sub-interpreters", "", "| interpreter | API | order | in the sub-interpreter | main after |",
              "|---|---|---|---|---|"]
        seen = set()
        for r in sub:
            key = (r["python"], r["mode"], r["order"])
            if key in seen:
                continue
            seen.add(key)
            L.append("| %s | %s | %s | %s | %s |" % (r["python"], r["mode"], r["order"],
                                                     (r["result"].get("sub") or "")[:110], r["result"].get("main_after")))
    for r in rows:
        if r["kind"] == "freethreaded":
            L += ["", "## Free-threaded (%s)" % r["python"], ""]
            L += ["- %s %s: %s" % ("PASS" if c["ok"] else "FAIL", c["check"], c["detail"][:200]) for c in r["results"]]
        if r["kind"] == "valgrind":
            L += ["", "## valgrind memcheck (%s)" % r["python"], "",
                  "pytest %s in %s s; invalid reads %d, invalid writes %d, errors with a limpet frame %d, "
                  "definitely lost blocks with a limpet frame %d (all frames: %d blocks, %d bytes)." % (
                      r["pytest"], r["seconds"], r["invalid_read"], r["invalid_write"], r["errors_in_limpet"],
                      r["definitely_lost_blocks_in_limpet"], r["definitely_lost_blocks_total"],
                      r["definitely_lost_bytes_total"])]
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    sys.exit(main())
