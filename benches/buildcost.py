#!/usr/bin/env python3
"""Build cost of one limpet crate, in figures that a loaded machine does not skew much.

    python3 benches/buildcost.py CRATE_DIR LIB [--target DIR] [--ir] [--env K=V ...] [--json OUT]

Clean `cargo build --release --timings` in a fresh target dir: wall-clock seconds AND CPU
seconds (user+sys of all child processes, from getrusage: what a loaded machine inflates least),
the per-crate durations cargo reports, rebuild after touching src/lib.rs (wall and CPU),
stripped .so size; with --check, `cargo check` after a touch (the front end's share); with
--ir, the LLVM IR line counts of the user crate and of limpet (`cargo rustc --release --
--emit=llvm-ir`), the deterministic figure for generated code.
`--env CARGO_PROFILE_RELEASE_LTO=fat` etc. try a release profile without editing any file.
`--limpet-features async,records` (or `none`) builds a copy of the crate whose limpet
dependency has `default-features = false` and those features: what each feature costs.
"""
import argparse
import glob
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time


def run(cmd, cwd, env):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode:
        sys.stdout.write(p.stdout.decode(errors="replace"))
        raise SystemExit("failed: %s" % " ".join(cmd))
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return round(wall, 2), round(cpu, 2)


def units(td):
    """{crate: seconds} from cargo's --timings report."""
    html = open(os.path.join(td, "cargo-timings", "cargo-timing.html")).read()
    m = re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S)
    out = {}
    for u in json.loads(m.group(1)):
        key = u["name"] + ("(build)" if u.get("target", "").strip() in ("build-script", '(build script)', ' build script') or "build" in u.get("target", "") else "")
        out[key] = round(out.get(key, 0) + u["duration"], 2)
    return out


def ir_lines(crate, td, env, pkg=None):
    cmd = ["cargo", "rustc", "--release", "--offline", "--lib"] + (["-p", pkg] if pkg else []) + ["--", "--emit=llvm-ir"]
    run(cmd, crate, env)
    name = (pkg or "").replace("-", "_")
    lls = glob.glob(os.path.join(td, "release", "deps", "*.ll"))
    res = {}
    for ll in lls:
        with open(ll, "rb") as f:
            n = sum(1 for _ in f)
        res[os.path.basename(ll).rsplit("-", 1)[0]] = n
        os.unlink(ll)
    return res


def with_features(crate, td, features):
    """A copy of `crate` (in td/crate) whose limpet dependency has only `features`."""
    copy = os.path.join(td, "crate")
    shutil.copytree(crate, copy, ignore=shutil.ignore_patterns("target"))
    toml = os.path.join(copy, "Cargo.toml")
    text = open(toml).read()
    feats = [f for f in features.split(",") if f and f != "none"]

    def dep(m):
        body = re.sub(r'path = "([^"]*)"', lambda p: 'path = "%s"' % os.path.normpath(os.path.join(crate, p.group(1))),
                      m.group(1))
        return "limpet = {%s, default-features = false, features = %s }" % (body.rstrip(" ,"), json.dumps(feats))
    text, n = re.subn(r"limpet = \{([^}]*)\}", dep, text)
    if n != 1:
        raise SystemExit("no `limpet = { ... }` dependency in " + toml)
    open(toml, "w").write(text)
    return copy


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("crate")
    ap.add_argument("lib")
    ap.add_argument("--target", default=None)
    ap.add_argument("--ir", action="store_true")
    ap.add_argument("--no-touch", action="store_true")
    ap.add_argument("--check", action="store_true", help="also `cargo check` after a touch: the front end's share")
    ap.add_argument("--dev", action="store_true", help="the dev profile (what `develop` builds) instead of release")
    ap.add_argument("--env", action="append", default=[])
    ap.add_argument("--limpet-features", default=None, help="comma list of limpet features (none: no features) "
                    "instead of the defaults: the crate is copied with its limpet dependency rewritten")
    ap.add_argument("--json")
    a = ap.parse_args()
    crate = os.path.abspath(a.crate)
    td = os.path.abspath(a.target or os.path.join("/tmp", "buildcost", os.path.basename(crate)))
    shutil.rmtree(td, ignore_errors=True)
    if a.limpet_features is not None:
        crate = with_features(crate, td, a.limpet_features)
    env = dict(os.environ, CARGO_TARGET_DIR=td, CARGO_TERM_COLOR="never")
    for k in ("RUSTC_WRAPPER", "CARGO_BUILD_RUSTC_WRAPPER"):
        env.pop(k, None)
    for kv in a.env:
        k, v = kv.split("=", 1)
        env[k] = v
    res = {"load_before": round(os.getloadavg()[0], 2), "env": a.env, "limpet_features": a.limpet_features}
    run(["cargo", "fetch", "-q"], crate, env)
    prof = [] if a.dev else ["--release"]
    res["profile"] = "dev" if a.dev else "release"
    res["clean_wall_s"], res["clean_cpu_s"] = run(["cargo", "build", "--offline", "--timings"] + prof, crate, env)
    res["units_s"] = units(td)
    if not a.no_touch:
        os.utime(os.path.join(crate, "src", "lib.rs"))
        res["touch_wall_s"], res["touch_cpu_s"] = run(["cargo", "build", "--offline"] + prof, crate, env)
    if a.check:
        # The front end's share of a touch rebuild (expansion, type checking, borrow checking,
        # const evaluation; no code generation): `cargo check` after a touch.
        run(["cargo", "check", "--offline"] + prof, crate, env)
        os.utime(os.path.join(crate, "src", "lib.rs"))
        res["touch_check_wall_s"], res["touch_check_cpu_s"] = run(["cargo", "check", "--offline"] + prof, crate, env)
    so = os.path.join(td, "debug" if a.dev else "release", "lib%s.so" % a.lib)
    res["so_bytes"] = os.path.getsize(so)
    subprocess.run(["strip", "-o", so + ".stripped", so], check=True)
    res["so_stripped_bytes"] = os.path.getsize(so + ".stripped")
    if a.ir:
        res["ir_lines"] = ir_lines(crate, td, env)
        res["ir_lines"].update(ir_lines(crate, td, env, "limpet-abi3"))
    res["load_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(res, indent=1))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
