#!/usr/bin/env python3
"""Build and run the embedding test program (examples/embedding) once per interpreter.

    embed_matrix.py [--require 3.7,3.8,...] [--cargo cargo] [--keep-going]

Interpreters come from scripts/interpreters.py. For each one with a shared libpython:

    LIMPET_PYTHON=<interpreter> cargo build -p limpet-embedding
    <copy of the binary>        (with PYTHONHOME when the interpreter was moved after its build)

limpet is built once (feature `embed-api`: it links nothing and does not watch LIMPET_PYTHON);
only the small program is recompiled and linked per interpreter, by its own build script.
An interpreter unpacked into a private prefix with its own C library (the Debian 3.14/3.15 of
scripts/provision-interpreters.sh) gets the same ELF interpreter and library path through
LIMPET_EMBED_LINK_ARGS. Binaries are kept in <target>/embed-matrix/<minor>/.

Prints one line per interpreter, then ``embed-matrix: N passed, N failed (T s)``. Exits 1 if
a build or run fails, or if a required minor (default: every minor 3.7..3.15) is missing or has
no shared libpython.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import interpreters  # noqa: E402

PACKAGE = "limpet-embedding"
DEFAULT_REQUIRE = ",".join("3.%d" % m for m in range(7, 16))

PROBE = r"""
import json, os, sys, sysconfig as s
v = s.get_config_var
print(json.dumps({"shared": v("Py_ENABLE_SHARED") == 1, "base_prefix": sys.base_prefix,
                  "moved": not os.path.exists(os.path.join(v("LIBDIR"), v("LDLIBRARY") or "")),
                  "executable": os.path.realpath(sys.executable)}))
"""


def probe(python):
    out = subprocess.run([python, "-I", "-c", PROBE], stdout=subprocess.PIPE, check=True).stdout
    return json.loads(out.decode().strip().splitlines()[-1])


def elf_loader_and_rpath(exe):
    """(PT_INTERP, [RPATH/RUNPATH entries]) of an executable, from readelf."""
    try:
        hdr = subprocess.run(["readelf", "-l", "-d", exe], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, check=True).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        return None, []
    m = re.search(r"Requesting program interpreter: ([^\]]+)\]", hdr)
    paths = []
    for r in re.findall(r"\((?:RPATH|RUNPATH)\)\s+Library (?:rpath|runpath): \[([^\]]*)\]", hdr):
        paths += [p for p in r.split(":") if p and "$ORIGIN" not in p]
    return (m.group(1) if m else None), paths


def link_env(info):
    """Environment for building (LIMPET_EMBED_LINK_ARGS) and running (PYTHONHOME)."""
    build, run = {}, {}
    loader, rpaths = elf_loader_and_rpath(info["executable"])
    private_loader = loader and not loader.startswith(("/lib", "/usr/lib", "/lib64"))
    if private_loader:
        # DT_RPATH (not RUNPATH): it also applies to libpython's own dependencies (libc, libm)
        args = ["-Wl,--dynamic-linker=" + loader, "-Wl,--disable-new-dtags"]
        for p in rpaths:
            args += ["-Wl,-rpath-link," + p, "-Wl,-rpath," + p]
        build["LIMPET_EMBED_LINK_ARGS"] = " ".join(args)
    if info["moved"]:  # not where it was built: the embedded interpreter needs its home
        run["PYTHONHOME"] = info["base_prefix"]
    return build, run


def target_dir():
    if os.environ.get("CARGO_TARGET_DIR"):
        return os.environ["CARGO_TARGET_DIR"]
    return os.path.join(REPO, "target")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--require", default=DEFAULT_REQUIRE,
                    help="comma-separated minors that must be found with a shared libpython")
    ap.add_argument("--cargo", default=os.environ.get("CARGO", "cargo"))
    ap.add_argument("--keep-going", action="store_true", help="run every interpreter after a failure")
    args = ap.parse_args(argv)
    required = [m for m in args.require.split(",") if m]
    t0 = time.time()
    recs = interpreters.discover()
    found = {r["minor"]: r for r in recs}
    failed, passed, problems = [], [], []
    for minor in required:
        if minor not in found:
            problems.append("%s: no interpreter found (scripts/interpreters.py)" % minor)
    out_root = os.path.join(target_dir(), "embed-matrix")
    for r in recs:
        info = probe(r["path"])
        label = "%-8s %s" % (r["version"], r["path"])
        if not info["shared"]:
            line = "%s: SKIP (no shared libpython)" % label
            if r["minor"] in required:
                problems.append(line)
            print(line, flush=True)
            continue
        build_env, run_env = link_env(info)
        env = dict(os.environ, LIMPET_PYTHON=r["path"], **build_env)
        t = time.time()
        b = subprocess.run([args.cargo, "build", "-q", "-p", PACKAGE], cwd=REPO, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        tb = time.time() - t
        if b.returncode != 0:
            print("%s: BUILD FAILED (%.1f s)\n%s" % (label, tb, b.stdout.decode(errors="replace")), flush=True)
            failed.append(r["version"])
            if not args.keep_going:
                break
            continue
        exe = os.path.join(out_root, r["minor"], PACKAGE)
        os.makedirs(os.path.dirname(exe), exist_ok=True)
        shutil.copy2(os.path.join(target_dir(), "debug", PACKAGE), exe)
        env = dict(os.environ, **run_env)
        env.pop("PYTHONPATH", None)
        t = time.time()
        p = subprocess.run([exe], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        tr = time.time() - t
        text = p.stdout.decode(errors="replace").strip()
        ok = p.returncode == 0 and ("embedding OK: Python %s" % r["version"]) in text
        if ok:
            passed.append(r["version"])
            print("%s: ok (build %.1f s, run %.1f s) %s" % (label, tb, tr, text.splitlines()[-1]), flush=True)
        else:
            failed.append(r["version"])
            status = p.returncode if p.returncode >= 0 else "signal %d" % -p.returncode
            print("%s: FAILED (exit %s)\n%s" % (label, status, text), flush=True)
            if not args.keep_going:
                break
    for x in problems:
        print("embed-matrix: MISSING " + x)
    print("embed-matrix: %d passed, %d failed (%.0f s)" % (len(passed), len(failed), time.time() - t0))
    return 1 if failed or problems or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
