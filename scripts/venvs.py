#!/usr/bin/env python3
"""Create (cached) the test venvs: one per interpreter of scripts/interpreters.py, in
``$LIMPET_CACHE/venvs/<full-version>``, with pytest (``pytest<8`` on 3.7, the newest that
resolves elsewhere) and hypothesis; plus the tools venv ``$LIMPET_CACHE/venvs/tools``
(system python3) with abi3audit, abi3info, uv, mypy and twine.

A venv is reused when its python runs, has the expected version and imports pytest and
hypothesis; otherwise it is deleted and recreated.

Installer (``--installer``, default ``auto``):
  uv   the tools venv's uv (PyPI) installs into every venv (``uv venv`` + ``uv pip install``),
       with its cache in $LIMPET_CACHE/uv. Measured: the fastest.
  pip  ``python -m venv`` (``--without-pip`` + pip from the prefix's own wheel for the
       Debian-sid 3.14/3.15), wheels downloaded once per interpreter into
       $LIMPET_CACHE/wheelhouse and installed offline (``--no-index``).
  auto uv, falling back to pip for a venv where uv fails.

Usage: scripts/venvs.py [--installer auto|uv|pip] [--tools-only] [--json]
Prints one line per venv: ``VERSION VENV_PYTHON (cached|created in N s)``.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interpreters  # noqa: E402

TOOLS_REQS = ["abi3audit", "abi3info", "uv", "mypy", "twine"]


def _env():
    env = dict(os.environ)
    # the machine points PIP_FIND_LINKS at an empty/nonexistent folder: blank it
    env["PIP_FIND_LINKS"] = ""
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    env["UV_CACHE_DIR"] = os.path.join(interpreters.cache_dir(), "uv")
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env["UV_NO_CONFIG"] = "1"
    return env


def _run(cmd, log, **kw):
    log.append("$ " + " ".join(cmd))
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=_env(), **kw)
    log.append(p.stdout.decode(errors="replace"))
    if p.returncode != 0:
        raise RuntimeError("command failed (%d): %s" % (p.returncode, " ".join(cmd)))
    return p.stdout.decode(errors="replace")


def venv_python(vdir):
    return os.path.join(vdir, "bin", "python")


def test_reqs(minor):
    major_minor = tuple(map(int, minor.split(".")))
    return ["pytest<8" if major_minor < (3, 8) else "pytest", "hypothesis"]


def healthy(vdir, version, imports):
    py = venv_python(vdir)
    if not os.access(py, os.X_OK):
        return False
    code = "import platform, %s; print(platform.python_version())" % ", ".join(imports)
    try:
        proc = subprocess.run([py, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              env=_env(), timeout=120)
    except Exception:
        return False
    out = proc.stdout.decode().strip()
    return proc.returncode == 0 and (version is None or out == version)


def tools_venv(log=None):
    """Return the tools venv directory, creating it if needed (system python3 + pip)."""
    log = [] if log is None else log
    vdir = os.path.join(interpreters.cache_dir(), "venvs", "tools")
    if healthy(vdir, None, ["abi3audit", "abi3info", "mypy"]) and os.access(
            os.path.join(vdir, "bin", "uv"), os.X_OK):
        if healthy(vdir, None, ["twine"]):
            return vdir, "cached"
        # added later (make wheel-test runs `twine check`): install it into the cached venv
        _run([venv_python(vdir), "-m", "pip", "install", "-q", "twine"], log)
        return vdir, "cached, twine added"
    t0 = time.time()
    shutil.rmtree(vdir, ignore_errors=True)
    base = shutil.which("python3") or sys.executable
    _run([base, "-m", "venv", vdir], log)
    _run([venv_python(vdir), "-m", "pip", "install", "-q"] + TOOLS_REQS, log)
    if not healthy(vdir, None, ["abi3audit", "abi3info", "mypy"]):
        raise RuntimeError("tools venv is broken after creation: " + vdir)
    return vdir, "created in %.0f s" % (time.time() - t0)


def _create_uv(rec, vdir, uv, log):
    _run([uv, "venv", "-q", "--no-project", "--python", rec["path"], vdir], log)
    _run([uv, "pip", "install", "-q", "--python", venv_python(vdir)] + test_reqs(rec["minor"]), log)


def _create_pip(rec, vdir, log):
    cache = interpreters.cache_dir()
    if rec["kind"] == "provisioned":
        # Debian's ensurepip would take the system's (bookworm) old pip wheel: bootstrap pip
        # from the prefix's own python3-pip-whl instead.
        prefix = os.path.dirname(os.path.dirname(os.path.dirname(rec["path"])))
        wheels = sorted(glob.glob(os.path.join(prefix, "usr", "share", "python-wheels", "pip-*.whl")))
        if not wheels:
            raise RuntimeError("no pip wheel in %s/usr/share/python-wheels" % prefix)
        _run([rec["path"], "-m", "venv", "--without-pip", vdir], log)
        _run([venv_python(vdir), os.path.join(wheels[-1], "pip"), "install", "-q", "--no-index",
              wheels[-1]], log)
    else:
        _run([rec["path"], "-m", "venv", vdir], log)
    wh = os.path.join(cache, "wheelhouse")
    os.makedirs(wh, exist_ok=True)
    reqs = test_reqs(rec["minor"])
    pip = [venv_python(vdir), "-m", "pip"]
    try:  # offline first: the wheelhouse usually has everything already
        _run(pip + ["install", "-q", "--no-index", "--find-links", wh] + reqs, log)
    except RuntimeError:
        _run(pip + ["download", "-q", "--only-binary=:all:", "-d", wh] + reqs, log)
        _run(pip + ["install", "-q", "--no-index", "--find-links", wh] + reqs, log)


def ensure_venv(rec, installer, uv):
    vdir = os.path.join(interpreters.cache_dir(), "venvs", rec["version"])
    if healthy(vdir, rec["version"], ["pytest", "hypothesis"]):
        return vdir, "cached", ""
    t0 = time.time()
    log = []
    methods = {"uv": ["uv"], "pip": ["pip"], "auto": ["uv", "pip"]}[installer]
    if not uv:
        methods = [m for m in methods if m != "uv"] or ["pip"]
    err = None
    for m in methods:
        shutil.rmtree(vdir, ignore_errors=True)
        try:
            if m == "uv":
                _create_uv(rec, vdir, uv, log)
            else:
                _create_pip(rec, vdir, log)
            if healthy(vdir, rec["version"], ["pytest", "hypothesis"]):
                return vdir, "created with %s in %.0f s" % (m, time.time() - t0), ""
            err = "venv made with %s does not import pytest/hypothesis" % m
        except RuntimeError as e:
            err = str(e)
        log.append("!! %s" % err)
    shutil.rmtree(vdir, ignore_errors=True)
    return None, "FAILED: %s" % err, "\n".join(log)


def ensure_all(installer="auto", jobs=3, out=sys.stdout):
    """Create/reuse every venv. Returns (tools_dir, [(rec, venv_dir_or_None, status)])."""
    tlog = []
    try:
        tdir, tstatus = tools_venv(tlog)
    except RuntimeError as e:
        print("tools venv FAILED: %s\n%s" % (e, "\n".join(tlog)), file=out)
        raise
    print("tools %s (%s)" % (venv_python(tdir), tstatus), file=out)
    uv = os.path.join(tdir, "bin", "uv")
    uv = uv if os.access(uv, os.X_OK) else None
    recs = interpreters.discover()
    with ThreadPoolExecutor(max_workers=jobs) as ex:
        results = list(ex.map(lambda r: ensure_venv(r, installer, uv), recs))
    rows = []
    for rec, (vdir, status, log) in zip(recs, results):
        print("%-8s %s (%s)" % (rec["version"], venv_python(vdir) if vdir else "-", status), file=out)
        if log:
            print(log[-4000:], file=out)
        rows.append((rec, vdir, status))
    return tdir, rows


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--installer", choices=["auto", "uv", "pip"],
                    default=os.environ.get("LIMPET_INSTALLER", "auto"))
    ap.add_argument("--jobs", type=int, default=3)
    ap.add_argument("--tools-only", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.time()
    if args.tools_only:
        tdir, status = tools_venv()
        print("tools %s (%s)" % (venv_python(tdir), status))
        return 0
    try:
        _, rows = ensure_all(args.installer, args.jobs)
    except RuntimeError:
        return 1
    print("venvs: %d ready in %.0f s" % (sum(1 for r in rows if r[1]), time.time() - t0))
    return 0 if all(r[1] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
