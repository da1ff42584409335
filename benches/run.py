#!/usr/bin/env python3
"""limpet benchmarks: call overhead and build cost against PyO3 and hand-written C, in one run.

    python3 benches/run.py [--work DIR] [--interpreters all|3.7,3.11,...] [--procs N]
                           [--repeat N] [--target-s S] [--skip-build] [--skip-scale]

1. Build cost (the machine otherwise idle): for limpet, PyO3 0.28.3 (abi3-py37) and the newest
   PyO3 (its lowest abi3 floor): clean release and clean debug builds in a fresh target dir
   (crates fetched beforehand, builds --offline), release rebuild after touching the module
   source (best of 2), stripped .so size; the C module with gcc. Then the generated scale
   module (benches/scale/gen_scale.py) in limpet and both PyO3s: clean release and touch.
2. Call overhead: per interpreter and process, benches/callbench.py imports all five variants
   and interleaves their timings; `--procs` processes per interpreter, the interpreters
   alternating. ns per call = best over all rounds of all processes (median kept too); ratio to
   C full-API = best / best of c_full; gmean over the 5 core calls.
3. Prints the tables, writes benches/results.json and benches/RESULTS.md.
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from interpreters import discover  # noqa: E402

VARIANTS = ["limpet", "pyo3_0_28_abi3", "pyo3_latest_abi3", "c_full", "c_abi3"]
RUST = {
    "limpet": ("limpet_bench", "bench_limpet"),
    "pyo3_0_28_abi3": ("pyo3/v0_28", "bench_pyo3_028"),
    "pyo3_latest_abi3": ("pyo3/latest", "bench_pyo3_latest"),
}
CORE = ["noop()", "add(1, 2)", "concat('hello', 'world')", "kw(1, 2, c=3)", "c.incr()"]
CFLAGS = ["-O2", "-fPIC", "-shared", "-Wall", "-Wno-missing-field-initializers", "-Wno-cast-function-type"]


def log(*a):
    print(*a, flush=True)


def run(cmd, cwd=None, env=None):
    r = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        sys.stdout.write(r.stdout.decode(errors="replace"))
        raise SystemExit("command failed (%d): %s" % (r.returncode, " ".join(cmd)))
    return r.stdout.decode(errors="replace")


def timed(cmd, cwd=None, env=None):
    t0 = time.perf_counter()
    run(cmd, cwd=cwd, env=env)
    return time.perf_counter() - t0


def abi3_floor(crate_dir):
    """(3, N) from the `abi3-py3N` feature of a PyO3 bench crate; (3, 7) for limpet."""
    with open(os.path.join(crate_dir, "Cargo.toml")) as f:
        m = re.search(r'"abi3-py3(\d+)"', f.read())
    return (3, int(m.group(1))) if m else (3, 7)


def pyo3_version(crate_dir):
    with open(os.path.join(crate_dir, "Cargo.toml")) as f:
        m = re.search(r'pyo3 = \{ version = "=?([0-9.]+)", features = \["(abi3-py3\d+)"\]', f.read())
    return m.group(1), m.group(2)


def cargo_env(target_dir):
    env = dict(os.environ, CARGO_TARGET_DIR=target_dir, CARGO_TERM_COLOR="never", PYO3_PYTHON=sys.executable)
    for k in ("RUSTC_WRAPPER", "CARGO_BUILD_RUSTC_WRAPPER"):
        env.pop(k, None)
    return env


def touch(path):
    now = time.time()
    os.utime(path, (now, now))


def strip_size(so, out):
    run(["strip", "-o", out, so])
    return os.path.getsize(out)


def build_cost(crate_dir, lib, work, label, mods_dir, do_debug=True):
    """Clean release, touch release (best of 2), clean debug; copies the release .so to mods_dir."""
    td = os.path.join(work, "target", label)
    shutil.rmtree(td, ignore_errors=True)
    env = cargo_env(td)
    res = {"clean_release_s": timed(["cargo", "build", "--release", "--offline"], crate_dir, env)}
    touches = []
    for _ in range(2):
        touch(os.path.join(crate_dir, "src", "lib.rs"))
        touches.append(timed(["cargo", "build", "--release", "--offline"], crate_dir, env))
    res["touch_release_s"] = min(touches)
    so = os.path.join(td, "release", "lib%s.so" % lib)
    if mods_dir:
        shutil.copy(so, os.path.join(mods_dir, "%s.abi3.so" % lib))
    res["so_bytes_stripped"] = strip_size(so, os.path.join(work, "%s.stripped.so" % label))
    if do_debug:
        tdd = td + "-debug"
        shutil.rmtree(tdd, ignore_errors=True)
        res["clean_debug_s"] = timed(["cargo", "build", "--offline"], crate_dir, cargo_env(tdd))
        shutil.rmtree(tdd, ignore_errors=True)
    return res


def probe_include(py):
    out = run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['include'])"])
    inc = out.strip().splitlines()[-1]
    return ["-I" + inc, "-I" + os.path.dirname(inc)]


def gcc(out, includes, defines, debug=False):
    flags = (["-O0", "-g", "-fPIC", "-shared"] if debug else CFLAGS)
    return timed(["gcc"] + flags + defines + includes + [os.path.join(HERE, "c", "bench.c"), "-o", out])


def gmean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def fmt_ns(ns):
    if ns is None:
        return "-"
    return "%.0f" % ns if ns >= 100 else "%.1f" % ns


def fmt_s(s):
    return "-" if s is None else "%.2f s" % s


def fmt_kb(n):
    return "-" if n is None else "%.0f KB" % (n / 1024.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default=os.environ.get("BENCH_WORK", os.path.join(ROOT, "target", "bench")))
    ap.add_argument("--interpreters", default=os.environ.get("BENCH_INTERPRETERS", "all"),
                    help="all, or minor versions: 3.7,3.11,3.13,3.15")
    ap.add_argument("--require", default="3.7", help="minor versions that must be present")
    ap.add_argument("--procs", type=int, default=int(os.environ.get("BENCH_PROCS", "3")))
    ap.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "7")))
    ap.add_argument("--target-s", type=float, default=float(os.environ.get("BENCH_TARGET_S", "0.012")))
    ap.add_argument("--skip-build", action="store_true", help="reuse the .so files of a previous run; no build table")
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument("--out", default=HERE, help="where results.json and RESULTS.md go")
    a = ap.parse_args()

    started = time.time()
    load_start = os.getloadavg()[0]
    work = os.path.abspath(a.work)
    mods = os.path.join(work, "mods")
    abi3_dir = os.path.join(mods, "abi3")
    os.makedirs(abi3_dir, exist_ok=True)

    interps = discover()
    if a.interpreters != "all":
        want = set(a.interpreters.split(","))
        interps = [i for i in interps if i["minor"] in want]
    for r in filter(None, a.require.split(",")):
        if not any(i["minor"] == r for i in interps):
            raise SystemExit("interpreter %s is required but was not found" % r)
    interps.sort(key=lambda i: tuple(int(x) for x in i["minor"].split(".")))
    oldest = interps[0]
    log("interpreters: " + ", ".join(i["version"] for i in interps))

    crate = {v: os.path.join(HERE, d) for v, (d, _) in RUST.items()}
    floors = {v: abi3_floor(crate[v]) for v in RUST}
    floors["c_full"] = floors["c_abi3"] = (3, 7)

    build, scale = {}, {}
    # ---- build cost ----
    if not a.skip_build:
        for v in RUST:
            log("cargo fetch: %s" % v)
            run(["cargo", "fetch", "-q"], crate[v], cargo_env(os.path.join(work, "target", "fetch")))
        for v, (d, lib) in RUST.items():
            log("build cost: %s ..." % v)
            build[v] = build_cost(crate[v], lib, work, v, abi3_dir)
            log("  " + json.dumps({k: round(x, 2) for k, x in build[v].items()}))
        inc37 = probe_include(oldest["path"])
        so = os.path.join(abi3_dir, "bench_c_abi3.abi3.so")
        defs = ["-DBENCH_NAME=bench_c_abi3", "-DPy_LIMITED_API=0x03070000"]
        c_dbg = gcc(os.path.join(work, "c_abi3_debug.so"), inc37, defs, debug=True)
        c_rel = gcc(so, inc37, defs)
        build["c_abi3"] = {"clean_release_s": c_rel, "clean_debug_s": c_dbg, "touch_release_s": c_rel,
                           "so_bytes_stripped": strip_size(so, os.path.join(work, "c_abi3.stripped.so"))}
        if not a.skip_scale:
            sdir = os.path.join(work, "scale")
            cmd = [sys.executable, os.path.join(HERE, "scale", "gen_scale.py"), sdir, "--limpet", ROOT,
                   "--limpet-lock", os.path.join(crate["limpet"], "Cargo.lock")]
            for v in ("pyo3_0_28_abi3", "pyo3_latest_abi3"):
                ver, feat = pyo3_version(crate[v])
                cmd += ["--pyo3", "%s=%s:%s:%s" % (v, ver, feat, os.path.join(crate[v], "Cargo.lock"))]
            run(cmd)
            for v, name in (("limpet", "limpet"), ("pyo3_0_28_abi3", "pyo3_0_28_abi3"),
                            ("pyo3_latest_abi3", "pyo3_latest_abi3")):
                log("scale build: %s ..." % v)
                lib = "scale_" + name
                r = build_cost(os.path.join(sdir, name), lib, work, "scale-" + v, None, do_debug=False)
                scale[v] = r
                log("  " + json.dumps({k: round(x, 2) for k, x in r.items()}))
    else:
        prev = os.path.join(a.out, "results.json")
        if os.path.exists(prev):
            with open(prev) as f:
                old = json.load(f)
            build, scale = old.get("build", {}), old.get("scale", {})

    # ---- C full API, per interpreter ----
    full_dirs = {}
    for i in interps:
        d = os.path.join(mods, "full", i["version"])
        os.makedirs(d, exist_ok=True)
        t = gcc(os.path.join(d, "bench_c_full.so"), probe_include(i["path"]), ["-DBENCH_NAME=bench_c_full"])
        full_dirs[i["minor"]] = d
        if i is interps[-1] and not a.skip_build:
            build["c_full"] = {"clean_release_s": t, "clean_debug_s": None, "touch_release_s": t,
                               "so_bytes_stripped": strip_size(os.path.join(d, "bench_c_full.so"),
                                                               os.path.join(work, "c_full.stripped.so")),
                               "note": "built against %s headers" % i["version"]}

    # ---- call overhead ----
    modules = {"limpet": "bench_limpet", "pyo3_0_28_abi3": "bench_pyo3_028",
               "pyo3_latest_abi3": "bench_pyo3_latest", "c_abi3": "bench_c_abi3", "c_full": "bench_c_full"}
    raw = {i["minor"]: {} for i in interps}
    for p in range(a.procs):
        for i in interps:
            vi = tuple(int(x) for x in i["minor"].split("."))
            variants = []
            for v in VARIANTS:
                if vi < floors[v]:
                    continue
                d = full_dirs[i["minor"]] if v == "c_full" else abi3_dir
                variants.append({"name": v, "dir": d, "module": modules[v]})
            spec = {"variants": variants, "repeat": a.repeat, "target_s": a.target_s}
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
                json.dump(spec, f)
            try:
                log("calls: %s, process %d/%d" % (i["version"], p + 1, a.procs))
                out = run([i["path"], "-I", os.path.join(HERE, "callbench.py"), f.name])
            finally:
                os.unlink(f.name)
            data = json.loads(out.strip().splitlines()[-1])
            raw[i["minor"]]["version"] = data["version"]
            for call, per in data["ns"].items():
                for v, xs in per.items():
                    raw[i["minor"]].setdefault("ns", {}).setdefault(call, {}).setdefault(v, []).extend(xs)

    results = {"interpreters": {}, "build": build, "scale": scale}
    for i in interps:
        r = raw[i["minor"]]
        best = {c: {v: min(xs) for v, xs in per.items()} for c, per in r["ns"].items()}
        med = {c: {v: statistics.median(xs) for v, xs in per.items()} for c, per in r["ns"].items()}
        ratio = {c: {v: per[v] / per["c_full"] for v in per} for c, per in best.items()}
        g = {v: gmean([ratio[c][v] for c in CORE]) for v in VARIANTS if v in ratio[CORE[0]]}
        results["interpreters"][i["minor"]] = {
            "version": r["version"], "ns": best, "ns_median": med, "ratio_to_c_full": ratio,
            "gmean_ratio_to_c_full": g}

    results["targets"] = check_targets(results)
    results["machine"] = machine()
    results["machine"]["loadavg_1min_start_end"] = [round(load_start, 2), round(os.getloadavg()[0], 2)]
    results["date"] = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    results["settings"] = {"procs": a.procs, "repeat": a.repeat, "target_s": a.target_s,
                           "pyo3": {v: pyo3_version(crate[v])[0] for v in ("pyo3_0_28_abi3", "pyo3_latest_abi3")},
                           "elapsed_s": round(time.time() - started, 1)}
    prev = os.path.join(a.out, "results.json")
    if os.path.exists(prev):
        with open(prev) as f:
            keep_other_sections(results, json.load(f))
    md = markdown(results)
    if "instructions" in results:
        from instructions import markdown as instructions_markdown
        md = md.rstrip("\n") + "\n\n" + instructions_markdown(results["instructions"])
    # The "Build cost (issue 13)" section, measured separately with benches/buildcost.py.
    old_md = os.path.join(a.out, "RESULTS.md")
    if os.path.exists(old_md):
        with open(old_md) as f:
            m = re.search(r"<!-- build-cost:start -->.*?<!-- build-cost:end -->", f.read(), re.S)
        if m:
            md = md.rstrip("\n") + "\n\n" + m.group(0) + "\n"
    print()
    print(md)
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(results, f, indent=1, sort_keys=False)
        f.write("\n")
    with open(os.path.join(a.out, "RESULTS.md"), "w") as f:
        f.write(md)
    log("wrote %s and %s (%.0f s)" % (os.path.join(a.out, "results.json"), os.path.join(a.out, "RESULTS.md"),
                                      time.time() - started))


def keep_other_sections(results, old):
    """Sections of the previous results.json that this run does not produce (measured by
    other scripts: benches/instructions.py's "instructions", the "build_cost_issue13" figures
    of benches/buildcost.py, ...) are kept as they are; the ones it produces are replaced."""
    for k, v in old.items():
        if k not in results:
            results[k] = v
    return results


def check_targets(res):
    """The issue's targets, each {what, value, target, ok}; missing inputs are skipped."""
    out = []

    def add(what, value, target, le=True):
        if value is not None:
            out.append({"what": what, "value": round(value, 3), "target": target,
                        "ok": bool(value <= target if le else value >= target)})

    for minor, r in res["interpreters"].items():
        add("gmean ratio to C full, %s" % minor, r["gmean_ratio_to_c_full"].get("limpet"), 1.10)
        ns = r["ns"]
        add("sum_list(1000) limpet / C abi3, %s" % minor, ns["sum_list(1000)"]["limpet"] / ns["sum_list(1000)"]["c_abi3"], 1.15)
        add("Counter(0) limpet / C full, %s" % minor, ns["Counter(0)"]["limpet"] / ns["Counter(0)"]["c_full"], 1.2)
    b, s = res["build"], res["scale"]
    if "limpet" in b and "pyo3_latest_abi3" in b:
        lb, pb = b["limpet"], b["pyo3_latest_abi3"]
        add("clean release build limpet / newest PyO3", lb["clean_release_s"] / pb["clean_release_s"], 0.2)
        add("clean debug build limpet / newest PyO3", lb["clean_debug_s"] / pb["clean_debug_s"], 0.2)
        add("touch rebuild limpet / newest PyO3", lb["touch_release_s"] / pb["touch_release_s"], 1.0)
        add("stripped .so limpet / newest PyO3", lb["so_bytes_stripped"] / pb["so_bytes_stripped"], 1 / 3.0)
    if "limpet" in s and "pyo3_latest_abi3" in s:
        add("scale clean release limpet / newest PyO3", s["limpet"]["clean_release_s"] / s["pyo3_latest_abi3"]["clean_release_s"], 0.5)
        add("scale touch rebuild limpet / newest PyO3", s["limpet"]["touch_release_s"] / s["pyo3_latest_abi3"]["touch_release_s"], 1.0)
    return out


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass

    def ver(cmd):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode().splitlines()[0].strip()
        except Exception:
            return "?"
    return {"cpu": cpu, "cores": os.cpu_count(), "os": platform.platform(), "rustc": ver(["rustc", "--version"]),
            "gcc": ver(["gcc", "--version"])}


def markdown(res):
    m = res["machine"]
    s = res["settings"]
    L = ["# limpet benchmark results", "",
         "Produced by `make bench` (`benches/run.py`) on %s." % res["date"], "",
         "- Machine: %s, %s cores; %s" % (m["cpu"], m["cores"], m["os"]),
         "- 1-minute load average at start / end of the run: %s (above the core count, other work "
         "shared the machine: build times suffer most, call ratios less, being interleaved)" % (
             " / ".join(str(x) for x in m.get("loadavg_1min_start_end", ["?"]))),
         "- %s; %s; PyO3 %s (`abi3-py37`) and %s (lowest abi3 floor)" % (
             m["rustc"], m["gcc"], s["pyo3"]["pyo3_0_28_abi3"], s["pyo3"]["pyo3_latest_abi3"]),
         "- Calls: %d processes per interpreter, %d interleaved rounds each, ~%g ms per timing; "
         "ns per call is the best round (median in results.json), the ratio is to `c_full` "
         "(hand-written C, full API, same process). Whole run: %.0f s." % (
             s["procs"], s["repeat"], s["target_s"] * 1000, s["elapsed_s"]), ""]
    L += ["## Geometric mean over the 5 core calls, ratio to C full API", "",
          "| interpreter | " + " | ".join(VARIANTS) + " |", "|---" * (len(VARIANTS) + 1) + "|"]
    for minor, r in res["interpreters"].items():
        g = r["gmean_ratio_to_c_full"]
        L.append("| %s | " % r["version"] + " | ".join(("x%.2f" % g[v]) if v in g else "-" for v in VARIANTS) + " |")
    L.append("")
    if res["targets"]:
        L += ["## Targets (issue 4)", "", "| target | measured | limit | |", "|---|---|---|---|"]
        for t in res["targets"]:
            L.append("| %s | %.3f | %.3f | %s |" % (t["what"], t["value"], t["target"], "ok" if t["ok"] else "**MISSED**"))
        L.append("")
    for minor, r in res["interpreters"].items():
        L += ["## CPython %s: ns per call (ratio to C full)" % r["version"], "",
              "| call | " + " | ".join(VARIANTS) + " |", "|---" + "|---:" * len(VARIANTS) + "|"]
        for call, per in r["ns"].items():
            cells = []
            for v in VARIANTS:
                if v in per:
                    cells.append("%s (x%.2f)" % (fmt_ns(per[v]), r["ratio_to_c_full"][call][v]))
                else:
                    cells.append("-")
            L.append("| `%s` | " % call + " | ".join(cells) + " |")
        L.append("")
    if res["build"]:
        L += ["## Build cost of the bench module", "",
              "| variant | clean release | clean debug | touch + release | stripped .so |", "|---|---:|---:|---:|---:|"]
        for v in VARIANTS:
            b = res["build"].get(v)
            if b:
                L.append("| %s | %s | %s | %s | %s |" % (v, fmt_s(b["clean_release_s"]), fmt_s(b.get("clean_debug_s")),
                                                        fmt_s(b["touch_release_s"]), fmt_kb(b["so_bytes_stripped"])))
        L += ["", "Clean builds use a fresh target dir with every crate already downloaded (`--offline`); "
              "C is one `gcc -O2` (debug: `-O0 -g`) invocation.", ""]
    if res["scale"]:
        L += ["## Scale module (200 functions, 20 classes x 20 methods)", "",
              "| variant | clean release | touch + release | stripped .so |", "|---|---:|---:|---:|"]
        for v, b in res["scale"].items():
            L.append("| %s | %s | %s | %s |" % (v, fmt_s(b["clean_release_s"]), fmt_s(b["touch_release_s"]),
                                               fmt_kb(b.get("so_bytes_stripped"))))
        L.append("")
    return "\n".join(L)


if __name__ == "__main__":
    main()
