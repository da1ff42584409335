#!/usr/bin/env python3
"""Instructions per call, counted by callgrind: limpet vs PyO3 vs hand-written C.

    python3 benches/instructions.py [--work DIR] [--interpreters 3.7,3.11,3.15|all]
                                    [--variants limpet,c_abi3,...] [--baseline] [--no-build]

Wall-clock timings on a shared machine wander with the load; instruction counts do not. For
each interpreter, one process per variant runs under `valgrind --tool=callgrind
--dump-before=bench_marker`: `bench_c_abi3.mark()` (a C function that does nothing) closes a
counting interval each time it is called. For every call of benches/callbench.py's list, the
process runs a loop `for _ in range(n): CALL` once with n = N and once with n = 2N (after a
warm-up, so 3.11+'s specializing interpreter has settled), and

    instructions per call = (count(2N loop) - count(N loop)) / N  -  the same for `pass`

that is: everything the interpreter executes for the call statement (loading the callable and
the arguments, the call, the conversions, the result's release), minus the loop itself.

Builds first (incremental, in WORK/target/*-incr): limpet, PyO3 0.28 and the newest PyO3 (the
crates of benches/run.py), the C module against the 3.7 headers (Limited API) and per
interpreter (full API). Writes the "instructions" section of benches/results.json (the rest
of the file is left as it is) and the matching section of benches/RESULTS.md.
`--baseline` also stores limpet's figures as "limpet_before" (the column kept for comparison).
"""
import argparse
import datetime
import glob
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import run as bench_run  # noqa: E402
from callbench import CALLS  # noqa: E402
from interpreters import discover  # noqa: E402

VARIANTS = ["limpet", "pyo3_0_28_abi3", "pyo3_latest_abi3", "c_abi3", "c_full"]
MODULES = {"limpet": "bench_limpet", "pyo3_0_28_abi3": "bench_pyo3_028", "pyo3_latest_abi3": "bench_pyo3_latest",
           "c_abi3": "bench_c_abi3", "c_full": "bench_c_full"}
CORE = bench_run.CORE
# Calls only some variants have: (label, statement, setup, variants).
EXTRA = [("noop_fast() [METH_FASTCALL]", "f()", "f = m.noop_fast", ("c_abi3", "c_full"))]
# Calling Python from the extension (issue 12, item 5): measured only here, not in callbench.
APPLY = ("apply(f, xs) [100 calls]", "g(f, xs)", "g = m.apply; xs = list(range(100)); f = (lambda x: x)")
MARK = "bench_marker"
SECTION_START = "<!-- instructions: written by benches/instructions.py -->"
SECTION_END = "<!-- /instructions -->"

# Runs inside the measured interpreter: argv = spec.json. Prints nothing the parent needs:
# the parent reads the callgrind dumps, three per measurement (see order below).
CHILD = r"""
import gc, importlib, json, sys
spec = json.load(open(sys.argv[1]))
for d in spec["path"]:
    sys.path.insert(0, d)
mark = importlib.import_module("bench_c_abi3").mark
m = importlib.import_module(spec["module"])
gc.collect()
gc.disable()
for label, stmt, setup, n in spec["calls"]:
    src = "def run(_n_, m=m):\n    %s\n    for _ in range(_n_):\n        %s\n" % (setup.replace("; ", "\n    "), stmt)
    ns = {"m": m}
    exec(src, ns)
    run = ns["run"]
    run(200)
    run(200)
    mark()
    run(n)
    mark()
    run(2 * n)
    mark()
"""


def log(*a):
    print(*a, flush=True)


def build_rust(v, work, mods):
    crate, lib = bench_run.RUST[v]
    td = os.path.join(work, "target", v + "-incr")
    env = bench_run.cargo_env(td)
    log("build %s (incremental) ..." % v)
    bench_run.run(["cargo", "build", "--release", "-q"], os.path.join(HERE, crate), env)
    shutil.copy(os.path.join(td, "release", "lib%s.so" % lib), os.path.join(mods, "%s.abi3.so" % lib))


def build_all(interps, work, variants, rebuild_pyo3):
    abi3 = os.path.join(work, "mods", "abi3")
    os.makedirs(abi3, exist_ok=True)
    for v in ("limpet", "pyo3_0_28_abi3", "pyo3_latest_abi3"):
        so = os.path.join(abi3, "%s.abi3.so" % bench_run.RUST[v][1])
        if v in variants and (v == "limpet" or rebuild_pyo3 or not os.path.exists(so)):
            build_rust(v, work, abi3)
    oldest = min(discover(), key=lambda i: tuple(int(x) for x in i["minor"].split(".")))
    bench_run.gcc(os.path.join(abi3, "bench_c_abi3.abi3.so"), bench_run.probe_include(oldest["path"]),
                  ["-DBENCH_NAME=bench_c_abi3", "-DPy_LIMITED_API=0x03070000"])
    full = {}
    for i in interps:
        d = os.path.join(work, "mods", "full", i["version"])
        os.makedirs(d, exist_ok=True)
        bench_run.gcc(os.path.join(d, "bench_c_full.so"), bench_run.probe_include(i["path"]), ["-DBENCH_NAME=bench_c_full"])
        full[i["minor"]] = d
    return abi3, full


def iterations(label):
    return 40 if "(1000)" in label or "apply" in label else 1000


def measure(py, variant, dirs, calls, tmp):
    """{label: instructions per loop iteration} for one variant in one interpreter process."""
    spec = {"path": dirs, "module": MODULES[variant],
            "calls": [[label, stmt, setup, iterations(label)] for label, stmt, setup in calls]}
    sp = os.path.join(tmp, "spec.json")
    child = os.path.join(tmp, "child.py")
    with open(sp, "w") as f:
        json.dump(spec, f)
    with open(child, "w") as f:
        f.write(CHILD)
    for old in glob.glob(os.path.join(tmp, "cg.out*")):
        os.unlink(old)
    out = os.path.join(tmp, "cg.out")
    env = dict(os.environ, PYTHONHASHSEED="0")
    cmd = ["valgrind", "--tool=callgrind", "--dump-before=" + MARK, "--dump-instr=no", "--dump-line=no",
           "--callgrind-out-file=" + out, py, "-I", "-S", child, sp]
    r = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        sys.stdout.write(r.stdout.decode(errors="replace")[-4000:])
        raise SystemExit("callgrind run failed: %s %s" % (py, variant))
    totals = {}
    for fn in glob.glob(out + ".*"):
        k = int(fn.rsplit(".", 1)[1])
        with open(fn) as f:
            for line in f:
                mm = re.match(r"^(?:summary|totals):\s+(\d+)", line)
                if mm:
                    totals[k] = int(mm.group(1))
                    break
    res = {}
    for j, (label, _, _) in enumerate(calls):
        # dump k closes the interval ending at the k-th mark() (1-based); three marks each
        a, b = totals[3 * j + 2], totals[3 * j + 3]
        res[label] = (b - a) / float(iterations(label))
    return res


def gmean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default=os.environ.get("BENCH_WORK", os.path.join(ROOT, "target", "bench")))
    ap.add_argument("--interpreters", default=os.environ.get("BENCH_INSTR_INTERPRETERS", "3.7,3.11,3.15"))
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--baseline", action="store_true", help="also store limpet's figures as limpet_before")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--rebuild-pyo3", action="store_true")
    ap.add_argument("--out", default=HERE)
    a = ap.parse_args()
    work = os.path.abspath(a.work)
    interps = discover()
    if a.interpreters != "all":
        want = a.interpreters.split(",")
        interps = [i for i in interps if i["minor"] in want]
    interps.sort(key=lambda i: tuple(int(x) for x in i["minor"].split(".")))
    variants = [v for v in VARIANTS if v in a.variants.split(",")]
    if not a.no_build:
        abi3, full = build_all(interps, work, variants, a.rebuild_pyo3)
    else:
        abi3 = os.path.join(work, "mods", "abi3")
        full = {i["minor"]: os.path.join(work, "mods", "full", i["version"]) for i in interps}
    floors = {v: bench_run.abi3_floor(os.path.join(HERE, bench_run.RUST[v][0])) for v in bench_run.RUST}
    floors["c_full"] = floors["c_abi3"] = (3, 7)

    path = os.path.join(a.out, "results.json")
    results = {}
    if os.path.exists(path):
        with open(path) as f:
            results = json.load(f)
    section = results.setdefault("instructions", {})
    section.setdefault("interpreters", {})
    tmp = tempfile.mkdtemp(prefix="limpet-instr-")
    try:
        for i in interps:
            vi = tuple(int(x) for x in i["minor"].split("."))
            entry = section["interpreters"].setdefault(i["minor"], {})
            entry["version"] = i["version"]
            per = entry.setdefault("per_call", {})
            for v in variants:
                if vi < floors[v]:
                    continue
                calls = [c for c in CALLS] + [APPLY] + [(lb, st, se) for lb, st, se, vs in EXTRA if v in vs]
                calls.append(("pass", "pass", "pass"))
                dirs = [abi3] + ([full[i["minor"]]] if v == "c_full" else [])
                log("callgrind: %s %s ..." % (i["version"], v))
                got = measure(i["path"], v, dirs, calls, tmp)
                base = got.pop("pass")
                for label, x in got.items():
                    per.setdefault(label, {})[v] = round(x - base, 1)
                if v == "limpet" and a.baseline:
                    for label, x in got.items():
                        per[label]["limpet_before"] = round(x - base, 1)
            summarize(entry)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    section["date"] = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    section["method"] = ("callgrind Ir per call: (loop of 2N calls - loop of N calls) / N minus the same for an "
                         "empty loop body; PYTHONHASHSEED=0, gc disabled; benches/instructions.py")
    with open(path, "w") as f:
        json.dump(results, f, indent=1, sort_keys=False)
        f.write("\n")
    md = markdown(section)
    print(md)
    write_section(os.path.join(a.out, "RESULTS.md"), md)


def summarize(entry):
    per = entry["per_call"]
    ratio = {}
    for label, row in per.items():
        if row.get("c_abi3"):
            ratio[label] = {v: round(x / row["c_abi3"], 3) for v, x in row.items()}
    entry["ratio_to_c_abi3"] = ratio
    g = {}
    for v in VARIANTS + ["limpet_before"]:
        xs = [ratio[c][v] for c in CORE if c in ratio and v in ratio[c]]
        if len(xs) == len(CORE):
            g[v] = round(gmean(xs), 3)
    entry["gmean_core_ratio_to_c_abi3"] = g


def markdown(section):
    cols = ["limpet_before", "limpet", "pyo3_0_28_abi3", "pyo3_latest_abi3", "c_abi3", "c_full"]
    L = [SECTION_START, "## Instructions per call (callgrind)", "",
         "Counted, not timed: %s. Measured %s. Ratios are to C abi3 (the same Limited API as limpet); "
         "the gmean is over the core calls (%s)." % (section.get("method", ""), section.get("date", ""),
                                                   ", ".join(CORE)), ""]
    for minor, entry in sorted(section["interpreters"].items(), key=lambda kv: tuple(int(x) for x in kv[0].split("."))):
        per = entry["per_call"]
        present = [c for c in cols if any(c in row for row in per.values())]
        L += ["### CPython %s" % entry["version"], "",
              "| call | " + " | ".join(present) + " | limpet / C abi3 |", "|---|" + "---:|" * (len(present) + 1)]
        for label, row in per.items():
            r = entry["ratio_to_c_abi3"].get(label, {}).get("limpet")
            L.append("| %s | %s | %s |" % (label, " | ".join(fmt(row.get(c)) for c in present),
                                           "-" if r is None else "%.2fx" % r))
        g = entry["gmean_core_ratio_to_c_abi3"]
        L.append("| **gmean of core / C abi3** | %s | |" % " | ".join(
            "%.2fx" % g[c] if c in g else "-" for c in present))
        L.append("")
    L.append(SECTION_END)
    return "\n".join(L) + "\n"


def fmt(x):
    if x is None:
        return "-"
    return "%.1fk" % (x / 1000.0) if x >= 10000 else "%.0f" % x


def write_section(path, md):
    text = open(path).read() if os.path.exists(path) else ""
    if SECTION_START in text and SECTION_END in text:
        pre, rest = text.split(SECTION_START, 1)
        post = rest.split(SECTION_END, 1)[1].lstrip("\n")
        text = pre + md + ("\n" + post if post else "")
    else:
        text = text.rstrip("\n") + "\n\n" + md
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
