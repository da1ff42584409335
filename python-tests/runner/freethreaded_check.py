#!/usr/bin/env python3
"""Free-threaded CPython vs limpet's one .abi3.so (issue 6, item 7).

    freethreaded_check.py --python PY313T --so python-tests/build/limptest.abi3.so
                          [--gil-python PY] [--record FILE]

Shows, on a free-threaded interpreter (3.13t, built by scripts/build-freethreaded.sh):
1. pip refuses a cp37-abi3 wheel holding the module ("not a supported wheel"), while a
   GIL-enabled interpreter's pip accepts the very same wheel (control); the abi3 tags are
   absent from the free-threaded interpreter's supported tags (packaging.tags);
2. importing the .abi3.so directly (it is still on EXTENSION_SUFFIXES) raises a clear
   ImportError that mentions free-threading, in a subprocess that must not crash.
Prints one line per check; exits 1 if any check fails.
"""
import argparse
import base64
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

CACHE = os.environ.get("LIMPET_CACHE", os.path.expanduser("~/.cache/limpet"))


def make_wheel(so, outdir, name="limptest", version="0.0.0"):
    """A minimal valid wheel: the module + WHEEL/METADATA/RECORD, tag cp37-abi3-linux_x86_64."""
    tag = "cp37-abi3-linux_x86_64"
    dist = "%s-%s.dist-info" % (name, version)
    files = {
        "%s.abi3.so" % name: open(so, "rb").read(),
        dist + "/METADATA": ("Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version)).encode(),
        dist + "/WHEEL": ("Wheel-Version: 1.0\nGenerator: limpet-freethreaded-check\nRoot-Is-Purelib: false\n"
                          "Tag: %s\n" % tag).encode(),
    }
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (path, digest, len(data)))
    record.append(dist + "/RECORD,,")
    files[dist + "/RECORD"] = ("\n".join(record) + "\n").encode()
    whl = os.path.join(outdir, "%s-%s-%s.whl" % (name, version, tag))
    with zipfile.ZipFile(whl, "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in files.items():
            z.writestr(path, data)
    return whl


def pip_wheel():
    found = sorted(glob.glob(os.path.join(CACHE, "py3.*", "usr", "share", "python-wheels", "pip-*.whl")))
    return found[-1] if found else None


def ensure_venv(python, where):
    """A venv of `python` with pip (from the cached sid pip wheel when ensurepip is absent)."""
    vpy = os.path.join(where, "bin", "python")
    if os.path.exists(vpy) and subprocess.call([vpy, "-m", "pip", "--version"], stdout=subprocess.DEVNULL,
                                               stderr=subprocess.DEVNULL) == 0:
        return vpy
    shutil.rmtree(where, ignore_errors=True)
    subprocess.check_call([python, "-m", "venv", "--without-pip", where])
    w = pip_wheel()
    if w is None:
        raise SystemExit("freethreaded_check: no pip wheel under %s/py3.*/usr/share/python-wheels "
                         "(run scripts/provision-interpreters.sh)" % CACHE)
    env = dict(os.environ, PIP_FIND_LINKS="")
    subprocess.check_call([vpy, os.path.join(w, "pip"), "install", "-q", "--no-index", w], env=env)
    return vpy


def pip_dry_run(vpy, whl):
    env = dict(os.environ, PIP_FIND_LINKS="", PIP_DISABLE_PIP_VERSION_CHECK="1")
    p = subprocess.run([vpy, "-m", "pip", "install", "--dry-run", "--no-index", "--no-deps", "--ignore-installed", whl],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, env=env)
    return p.returncode, p.stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", required=True, help="a free-threaded interpreter (3.13t)")
    ap.add_argument("--so", required=True, help="the built limptest.abi3.so")
    ap.add_argument("--gil-python", default=None, help="a GIL-enabled interpreter (control)")
    ap.add_argument("--record", default=os.environ.get("LIMPET_RELIABILITY_RECORD"))
    args = ap.parse_args()

    results = []

    def check(name, ok, detail):
        results.append({"check": name, "ok": bool(ok), "detail": detail})
        print("%s %s: %s" % ("PASS" if ok else "FAIL", name, detail))

    info = json.loads(subprocess.check_output([args.python, "-c", (
        "import sys, sysconfig, json, importlib.machinery as m; print(json.dumps({'version': sys.version,"
        " 'gil_disabled': sysconfig.get_config_var('Py_GIL_DISABLED'), 'suffixes': m.EXTENSION_SUFFIXES}))")],
        universal_newlines=True))
    check("interpreter is free-threaded", info["gil_disabled"] == 1 and "free-threading" in info["version"],
          info["version"].splitlines()[0])
    check(".abi3.so is an extension suffix there", ".abi3.so" in info["suffixes"], " ".join(info["suffixes"]))

    work = tempfile.mkdtemp(prefix="limpet-ft-")
    try:
        whl = make_wheel(args.so, work)
        vdir = os.path.join(CACHE, "venvs", "3.13t")
        vpy = ensure_venv(args.python, vdir)
        rc, out = pip_dry_run(vpy, whl)
        check("pip refuses the cp37-abi3 wheel on 3.13t", rc != 0 and "not a supported wheel" in out,
              "rc=%d: %s" % (rc, out.splitlines()[-1] if out else ""))
        tags = subprocess.check_output([vpy, "-c", (
            "from pip._vendor.packaging import tags; t = list(tags.sys_tags());"
            " a = [x for x in t if x.abi == 'abi3'];"
            " print(len(a), len(t), sum(x.abi == 'abi3t' for x in t), t[0])")], universal_newlines=True).split()
        check("no abi3 tag among pip's supported tags (only abi3t, PEP 803)", tags[0] == "0",
              "%s abi3 tags of %s (%s abi3t tags; first: %s)" % tuple(tags[:4]))
        if args.gil_python:
            gvpy = os.path.join(work, "gilvenv", "bin", "python")
            subprocess.check_call([args.gil_python, "-m", "venv", os.path.join(work, "gilvenv")],
                                  stdout=subprocess.DEVNULL)
            rc, out = pip_dry_run(gvpy, whl)
            check("control: a GIL-enabled pip accepts the same wheel", rc == 0 and "Would install" in out,
                  "rc=%d: %s" % (rc, out.splitlines()[-1] if out else ""))

        sodir = os.path.join(work, "so")
        os.makedirs(sodir)
        shutil.copy(args.so, os.path.join(sodir, "limptest.abi3.so"))
        code = ("import sys\ntry:\n    import limptest\n    print('IMPORTED')\nexcept ImportError as e:\n"
                "    print('ImportError:', e)\nprint('after:', sum(range(10)))\n")
        env = dict(os.environ, PYTHONPATH=sodir, PYTHONFAULTHANDLER="1")
        env.pop("PYTHON_GIL", None)
        p = subprocess.run([args.python, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, env=env, timeout=60)
        out = p.stdout.strip()
        ok = (p.returncode == 0 and "ImportError:" in out and "free-threaded" in out
              and "after: 45" in out)
        check("direct import raises a clear ImportError (no crash)", ok,
              "rc=%d: %s %s" % (p.returncode, out.replace("\n", " | "), p.stderr.strip()[-500:]))
        # the same with the GIL forced on at run time (PYTHON_GIL=1): still refused
        env["PYTHON_GIL"] = "1"
        p = subprocess.run([args.python, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, env=env, timeout=60)
        out = p.stdout.strip()
        check("refused with PYTHON_GIL=1 too", p.returncode == 0 and "ImportError:" in out,
              "rc=%d: %s" % (p.returncode, out.replace("\n", " | ")))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    if args.record:
        with open(args.record, "a") as f:
            f.write(json.dumps({"kind": "freethreaded", "python": info["version"].splitlines()[0],
                                "results": results}) + "\n")
    failed = [r for r in results if not r["ok"]]
    print("freethreaded: %d checks, %d failed" % (len(results), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
