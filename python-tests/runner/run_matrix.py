#!/usr/bin/env python3
"""Run the pytest suite against ONE built ``.abi3.so`` on every interpreter x calling path.

    run_matrix.py --so-dir python-tests/build [--tests python-tests] [--paths fastcall,varargs]
                  [--require 3.7,3.15] [--jobs 2] [-k EXPR] [-- extra pytest args]

Interpreters come from scripts/interpreters.py, venvs (cached) from scripts/venvs.py. For each
interpreter and each calling path it runs, with ``PYTHONPATH=<so-dir>`` and
``LIMPET_CALLCONV=<path>``:

    <venv>/bin/python -m pytest -q -p no:cacheprovider <tests>

two interpreters at a time, logging to python-tests/build/logs/<version>-<path>.log. Prints
one line per run (beginning with the full version), then ``matrix: N passed, N failed``.
Exits 1 if a run failed, errored, collected no test or crashed (the signal is reported), if a
venv could not be made, or if 3.7 / the newest minor found (and any ``--require``d minor) is
missing. Unknown options are passed to pytest.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "scripts"))
import venvs  # noqa: E402

COUNT_RE = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed|deselected)\b")
SUMMARY_RE = re.compile(r"\b(passed|failed|skipped|errors?|no tests ran|deselected)\b.* in [\d.]+s")


def parse_summary(text):
    """Counts from pytest's final summary line; None if there is no such line."""
    for line in reversed(text.splitlines()):
        s = line.strip().strip("=").strip()
        if SUMMARY_RE.search(s):
            c = {"passed": 0, "failed": 0, "skipped": 0, "errors": 0, "xfailed": 0, "xpassed": 0}
            for n, what in COUNT_RE.findall(s):
                key = "errors" if what.startswith("error") else what
                if key in c:
                    c[key] += int(n)
            return c
    return None


def tail(path, n=40):
    """The log's last n lines; for a crash, faulthandler's Python stack first."""
    try:
        with open(path, errors="replace") as f:
            lines = f.readlines()
    except OSError as e:
        return "(no log: %s)\n" % e
    head = []
    for i, line in enumerate(lines):
        if line.startswith("Fatal Python error"):
            stop = next((j for j in range(i + 1, len(lines)) if "C stack" in lines[j]
                         or lines[j].startswith("Extension modules")), min(i + 40, len(lines)))
            head = lines[max(0, i - 5):stop] + ["[...]\n"]
            break
    return "".join(head + lines[-n:] if not head else head + lines[-3:])


def run_one(rec, vdir, path, args, extra):
    log = os.path.join(args.log_dir, "%s-%s.log" % (rec["version"], path))
    work = os.path.join(args.work_dir, "%s-%s" % (rec["version"], path))
    os.makedirs(work, exist_ok=True)  # cwd per run: .hypothesis/ etc. stay out of the repo
    env = dict(os.environ)
    for k in ("PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"):
        env.pop(k, None)
    env["PYTHONPATH"] = args.so_dir
    env["LIMPET_CALLCONV"] = path
    env["PYTHONFAULTHANDLER"] = "1"  # a segfault prints the Python stack into the log
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    cmd = [venvs.venv_python(vdir), "-m", "pytest", "-q", "-p", "no:cacheprovider",
           "--ignore=" + os.path.join(args.tests, "runner"),
           "--ignore=" + os.path.join(args.tests, "build"), args.tests] + extra
    t0 = time.time()
    with open(log, "w") as f:
        f.write("# %s\n# cwd=%s PYTHONPATH=%s LIMPET_CALLCONV=%s\n" % (
            " ".join(cmd), work, args.so_dir, path))
        f.flush()
        try:
            rc = subprocess.run(cmd, cwd=work, env=env, stdout=f, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, timeout=args.timeout).returncode
        except subprocess.TimeoutExpired:
            rc = None
    with open(log, errors="replace") as f:
        counts = parse_summary(f.read())
    res = {"rec": rec, "path": path, "log": log, "rc": rc, "counts": counts,
           "secs": time.time() - t0, "problem": None}
    if rc is None:
        res["problem"] = "TIMEOUT after %d s" % args.timeout
    elif rc < 0:
        try:
            name = signal.Signals(-rc).name
        except ValueError:
            name = "signal %d" % -rc
        res["problem"] = "CRASHED (%s)" % name
    elif counts is None:
        res["problem"] = "no pytest summary (exit %d)" % rc
    elif rc == 5 or counts["passed"] + counts["failed"] + counts["errors"] + counts["xpassed"] == 0:
        res["problem"] = "NO TESTS RAN (exit %d)" % rc
    elif counts["failed"] or counts["errors"] or rc != 0:
        res["problem"] = "FAILED (exit %d)" % rc
    return res


def main(argv):
    ap = argparse.ArgumentParser(usage=__doc__.split("\n\n")[1].strip())
    ap.add_argument("--so-dir", required=True, help="folder holding the built <name>.abi3.so")
    ap.add_argument("--tests", default=os.path.join(REPO, "python-tests"))
    ap.add_argument("--paths", default="fastcall,varargs", help="LIMPET_CALLCONV values")
    ap.add_argument("--require", default="3.7",
                    help="minors that must be present (the newest minor found is always required)")
    ap.add_argument("--jobs", type=int, default=2, help="interpreters run at the same time")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per pytest run")
    ap.add_argument("--log-dir", default=os.path.join(REPO, "python-tests", "build", "logs"))
    ap.add_argument("--installer", default=os.environ.get("LIMPET_INSTALLER", "auto"))
    ap.add_argument("-k", dest="k", default=None, help="passed to pytest")
    args, extra = ap.parse_known_args(argv)
    extra = [a for a in extra if a != "--"]
    if args.k:
        extra = ["-k", args.k] + extra
    args.so_dir = os.path.abspath(args.so_dir)
    args.tests = os.path.abspath(args.tests)
    args.log_dir = os.path.abspath(args.log_dir)
    args.work_dir = os.path.join(os.path.dirname(args.log_dir), "work")
    os.makedirs(args.log_dir, exist_ok=True)
    paths = [p for p in args.paths.split(",") if p]
    sos = [f for f in os.listdir(args.so_dir) if f.endswith(".so")] if os.path.isdir(args.so_dir) else []
    if not sos:
        print("run_matrix: no .so in %s (build the test extension first)" % args.so_dir)
        print("matrix: 0 passed, 1 failed")
        return 1

    t0 = time.time()
    _, rows = venvs.ensure_all(args.installer)
    ready = [(rec, vdir) for rec, vdir, _ in rows if vdir]
    broken = [(rec, status) for rec, vdir, status in rows if not vdir]
    print("run_matrix: %s on %d interpreters x %d paths (%s), %d at a time; logs in %s" % (
        ", ".join(sorted(sos)), len(ready), len(paths), ",".join(paths), args.jobs, args.log_dir))
    sys.stdout.flush()

    def per_interp(item):
        rec, vdir = item
        return [run_one(rec, vdir, p, args, extra) for p in paths]

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        results = [r for rs in ex.map(per_interp, ready) for r in rs]

    bad = [r for r in results if r["problem"]]
    for r in bad:
        print("\n----- %s %s: %s; tail of %s -----" % (r["rec"]["version"], r["path"], r["problem"], r["log"]))
        print(tail(r["log"]).rstrip())
    if bad:
        print()

    minors = [rec["minor"] for rec, _, _ in rows]
    key = lambda m: tuple(map(int, m.split(".")))  # noqa: E731
    required = set(m for m in args.require.split(",") if m)
    if minors:
        required.add(max(minors, key=key))
    ok_minors = set(r["rec"]["minor"] for r in results)
    missing = sorted((m for m in required if m not in ok_minors), key=key)

    tot = {"passed": 0, "failed": 0, "skipped": 0, "errors": 0}
    for r in results:
        c = r["counts"] or {}
        for k in tot:
            tot[k] += c.get(k, 0)
        print("%-9s %-9s passed %-4d failed %-3d skipped %-3d errors %-3d %5.1fs%s" % (
            r["rec"]["version"], r["path"], c.get("passed", 0), c.get("failed", 0),
            c.get("skipped", 0), c.get("errors", 0), r["secs"],
            "  " + r["problem"] if r["problem"] else ""))
    for rec, status in broken:
        print("%-9s %-9s venv %s" % (rec["version"], "-", status))
    for m in missing:
        print("MISSING: no working CPython %s interpreter (required)" % m)
    # runs that crashed / collected nothing count as one failure each, errors as failures
    failed = tot["failed"] + tot["errors"] + sum(
        1 for r in bad if not (r["counts"] and (r["counts"]["failed"] or r["counts"]["errors"])))
    failed += len(broken) + len(missing)
    print("skipped %d, errors %d, %d runs in %.0f s" % (tot["skipped"], tot["errors"], len(results),
                                                       time.time() - t0))
    print("matrix: %d passed, %d failed" % (tot["passed"], failed))
    return 1 if (bad or broken or missing) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
