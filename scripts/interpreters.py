#!/usr/bin/env python3
"""List the CPython interpreters the test matrix runs on, one per line: ``VERSION PATH``.

Sources, in order of preference when two give the same minor version:
  1. every ``pyenv versions --bare`` entry (CPython >= 3.7; highest patch per minor),
  2. the interpreters provisioned by scripts/provision-interpreters.sh
     (``$LIMPET_CACHE/py3.X/usr/bin/python3.X``),
  3. every ``python3.X`` found on PATH (pyenv shims are skipped: they are covered by 1).
Skipped: anything that is not CPython, older than 3.7, or free-threaded (Py_GIL_DISABLED).

Run with any python3 (3.7+). ``--json`` prints the records with their source ("kind").
Importable: ``discover()`` returns a list of dicts {version, minor, path, kind}.
"""
import glob
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

MIN = (3, 7)

PROBE = r"""
import json, platform, sys, sysconfig
print(json.dumps({
    "impl": platform.python_implementation(),
    "version": platform.python_version(),
    "vi": list(sys.version_info[:3]),
    "gil_disabled": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "executable": sys.executable,
}))
"""


def cache_dir():
    return os.environ.get("LIMPET_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "limpet")


def _probe(path):
    try:
        out = subprocess.run([path, "-I", "-c", PROBE], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, timeout=60, check=True).stdout
        return json.loads(out.decode().strip().splitlines()[-1])
    except Exception:
        return None


def _pyenv_candidates():
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    names = []
    try:
        out = subprocess.run(["pyenv", "versions", "--bare"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, timeout=60, check=True).stdout.decode()
        names = [line.strip() for line in out.splitlines() if line.strip()]
        r = subprocess.run(["pyenv", "root"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           timeout=60).stdout.decode().strip()
        if r:
            root = r
    except Exception:
        names = sorted(os.listdir(os.path.join(root, "versions"))) if os.path.isdir(
            os.path.join(root, "versions")) else []
    out = []
    for n in names:
        # plain CPython versions only: "3.11.7" (not "pypy3.10-7.3", "3.13.0t", "miniconda",
        # nor pyenv-virtualenv entries "3.11.7/envs/x")
        if not re.fullmatch(r"\d+\.\d+\.\d+", n):
            continue
        for exe in ("python3", "python"):
            p = os.path.join(root, "versions", n, "bin", exe)
            if os.access(p, os.X_OK):
                out.append(p)
                break
    return out


def _provisioned_candidates():
    out = []
    for d in sorted(glob.glob(os.path.join(cache_dir(), "py3.*"))):
        v = os.path.basename(d)[2:]
        p = os.path.join(d, "usr", "bin", "python" + v)
        if os.access(p, os.X_OK):
            out.append(p)
    return out


def _path_candidates():
    shims = os.path.join(os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv"), "shims")
    out, seen = [], set()
    for d in os.environ.get("PATH", "").split(os.pathsep):
        if not d or os.path.realpath(d) == os.path.realpath(shims) or not os.path.isdir(d):
            continue
        for p in sorted(glob.glob(os.path.join(d, "python3.*"))):
            if not re.fullmatch(r"python3\.\d+", os.path.basename(p)) or not os.access(p, os.X_OK):
                continue
            rp = os.path.realpath(p)
            if rp in seen:
                continue
            seen.add(rp)
            out.append(p)
    return out


def discover():
    groups = [("pyenv", _pyenv_candidates()), ("provisioned", _provisioned_candidates()),
              ("path", _path_candidates())]
    flat = [(kind, p) for kind, ps in groups for p in ps]
    with ThreadPoolExecutor(max_workers=8) as ex:
        infos = list(ex.map(lambda kp: _probe(kp[1]), flat))
    chosen = {}  # minor -> record
    for (kind, path), info in zip(flat, infos):
        if not info or info["impl"] != "CPython" or info["gil_disabled"]:
            continue
        vi = tuple(info["vi"])
        if vi[:2] < MIN:
            continue
        minor = "%d.%d" % vi[:2]
        rec = {"version": info["version"], "minor": minor, "path": path, "kind": kind,
               "vi": list(vi)}
        old = chosen.get(minor)
        if old is None:
            chosen[minor] = rec
        elif old["kind"] == kind and tuple(old["vi"]) < vi:
            chosen[minor] = rec  # same source: highest patch wins
    return [chosen[m] for m in sorted(chosen, key=lambda m: tuple(map(int, m.split("."))))]


def main(argv):
    recs = discover()
    if "--json" in argv:
        print(json.dumps(recs, indent=1))
    else:
        for r in recs:
            print(r["version"], r["path"])
    return 0 if recs else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
