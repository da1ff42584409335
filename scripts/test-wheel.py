#!/usr/bin/env python3
"""One wheel, every interpreter: build the example's wheel ONCE, audit it, install that same
file with pip into a fresh venv of every interpreter of the matrix and run the example's tests.

Steps:
  1. limpet-build's own wheel and sdist (limpet-build/, a pure-Python package building itself)
     into $WHEEL_DIR/backend; ``pip wheel`` of examples/wordfreq with build isolation that
     installs limpet-build from that folder, offline (PIP_FIND_LINKS, --no-index), into
     $WHEEL_DIR (default target/wheels): exactly one
     ``wordfreq-0.1.0-cp37-abi3-manylinux_*.whl``, or use ``--wheel FILE``; and the example's
     sdist; ``twine check --strict`` of all four (Metadata 2.4, PEP 639 license files);
  2. ``abi3audit --strict`` on it (tools venv): computed ABI 3.7, no non-abi3 symbols;
     ``auditwheel show`` (own cached venv, skipped with --no-auditwheel) must name the
     wheel's platform tag as the lowest one it accepts;
  3. for every interpreter of scripts/interpreters.py (in parallel): ``python -m venv
     --without-pip``, pip from the interpreter's own pip wheel (ensurepip's or Debian's)
     installs the wheel (``--no-index``), pytest/hypothesis come from the cached test venv
     through a .pth file, then ``pytest examples/wordfreq/tests`` runs in a scratch folder.
Prints one line per interpreter and exits non-zero on any failure.

With ``--abi abi3t`` the same for the second wheel (issue 17, PEP 803): built with
``-C abi=abi3t`` into $WHEEL_DIR/abi3t, exactly one ``wordfreq-0.1.0-cp315-abi3.abi3t-manylinux_*.whl``
holding ``_wordfreq.abi3t.so``; no abi3audit (its baseline is abi3; ``make abi3t-symbols``
audits the abi3t test extension); installed and tested on every interpreter from 3.15 on,
and refused by pip ("not a supported wheel") on every older one.

Usage: scripts/test-wheel.py [--wheel FILE] [--build-only] [--no-auditwheel] [--require 3.7,3.14,3.15]
                             [--abi abi3|abi3t]
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import interpreters  # noqa: E402

EXAMPLE = os.path.join(ROOT, "examples", "wordfreq")
TESTS = os.path.join(EXAMPLE, "tests")
WHEEL_RE = re.compile(r"^wordfreq-0\.1\.0-cp37-abi3-(manylinux_\d+_\d+_[a-z0-9_]+)\.whl$")
ABI3T_WHEEL_RE = re.compile(r"^wordfreq-0\.1\.0-cp315-abi3\.abi3t-(manylinux_\d+_\d+_[a-z0-9_]+)\.whl$")
ABI = "abi3"  # --abi


def env():
    e = dict(os.environ)
    e["PIP_FIND_LINKS"] = ""  # the machine points it at a missing folder
    e["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    e["PIP_NO_INPUT"] = "1"
    for k in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PIP_REQUIRE_VIRTUALENV"):
        e.pop(k, None)
    return e


def run(cmd, **kw):
    kw.setdefault("env", env())
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)


def out_of(p):
    return p.stdout.decode(errors="replace")


def tools_python():
    return os.path.join(interpreters.cache_dir(), "venvs", "tools", "bin", "python")


BACKEND = os.path.join(ROOT, "limpet-build")


def build_backend(outdir):
    """limpet-build's own wheel and sdist (it builds itself: a pure-Python wheel) into
    outdir/backend: the folder that pip's build isolation installs the backend from."""
    bdir = os.path.join(outdir, "backend")
    shutil.rmtree(bdir, ignore_errors=True)
    py = tools_python() if os.access(tools_python(), os.X_OK) else sys.executable
    out = []
    for kind in ("wheel", "sdist"):
        p = run([py, "-m", "limpet_build", kind, "-o", bdir], cwd=BACKEND,
                **{"env": dict(env(), PYTHONPATH=os.path.join(BACKEND, "src"))})
        if p.returncode != 0:
            sys.stdout.write(out_of(p))
            raise SystemExit("backend: building its %s failed" % kind)
        out.append(os.path.join(BACKEND, out_of(p).strip().splitlines()[-1]))
    print("backend: built %s" % ", ".join(os.path.basename(x) for x in out))
    return bdir, out


def build_wheel(outdir):
    """The example's wheel and sdist, built the way a user's pip builds them: build isolation
    installs limpet-build (its `requires`) from the wheel built above, offline (--no-index)."""
    outdir = os.path.abspath(outdir)
    os.makedirs(outdir, exist_ok=True)
    for old in glob.glob(os.path.join(outdir, "wordfreq-*")):
        os.unlink(old)
    bdir, backend = build_backend(outdir)
    py = tools_python() if os.access(tools_python(), os.X_OK) else sys.executable
    t0 = time.time()
    e = dict(env(), PIP_FIND_LINKS=bdir, PIP_NO_INDEX="1")
    pip, abi = [py, "-m", "pip"], []
    if ABI == "abi3t":
        # built by a 3.15 interpreter: limpet-build imports the built module for its stubs,
        # and an abi3t module imports only on 3.15+ (pip run from its unpacked wheel)
        rec = [r for r in interpreters.discover() if tuple(map(int, r["minor"].split("."))) >= (3, 15)][0]
        pip = [rec["path"], os.path.join(unpacked_pip(pip_wheel_for(rec["path"])), "pip")]
        abi = ["--config-settings", "abi=abi3t"]
    p = run(pip + ["wheel", "--no-deps", "-q"] + abi + ["-w", outdir, EXAMPLE], env=e)
    if p.returncode != 0:
        sys.stdout.write(out_of(p))
        raise SystemExit("wheel: build failed")
    wheels = sorted(os.listdir(outdir))
    wheels = [w for w in wheels if w.startswith("wordfreq-") and w.endswith(".whl")]
    if len(wheels) != 1 or not wheel_re().match(wheels[0]):
        raise SystemExit("wheel: expected exactly one %s, got %s" % (wheel_re().pattern, wheels))
    print("wheel: built %s in %.1f s (limpet-build from its wheel, build isolation, offline)"
          % (wheels[0], time.time() - t0))
    # the sdist: through the backend installed from its wheel too (python -m build would
    # need the `build` package; the hook is what it calls)
    venv = os.path.join(outdir, "backend-venv")
    shutil.rmtree(venv, ignore_errors=True)
    for cmd in ([py, "-m", "venv", venv],
                [os.path.join(venv, "bin", "python"), "-m", "pip", "install", "-q", "--no-index",
                 "--find-links", bdir, "limpet-build"]):
        p = run(cmd)
        if p.returncode != 0:
            sys.stdout.write(out_of(p))
            raise SystemExit("sdist: installing limpet-build from its wheel failed")
    p = run([os.path.join(venv, "bin", "python"), "-m", "limpet_build", "sdist", "-o", outdir], cwd=EXAMPLE)
    if p.returncode != 0:
        sys.stdout.write(out_of(p))
        raise SystemExit("sdist: build failed")
    sdist = os.path.join(outdir, "wordfreq-0.1.0.tar.gz")
    shutil.rmtree(venv, ignore_errors=True)
    return os.path.join(outdir, wheels[0]), [sdist] + backend


def twine_check(files):
    """`twine check --strict`: the metadata PyPI would accept (PEP 639 License-Expression and
    License-File need Metadata-Version 2.4, a readme that renders, ...)."""
    p = run([tools_python(), "-m", "twine", "check", "--strict"] + files)
    ok = p.returncode == 0
    print("twine check --strict: %s (%s)" % ("ok" if ok else "FAIL:\n" + out_of(p),
                                            ", ".join(os.path.basename(f) for f in files)))
    return ok


def check_contents(whl):
    with zipfile.ZipFile(whl) as z:
        names = set(z.namelist())
        meta = z.read("wordfreq-0.1.0.dist-info/METADATA").decode()
        wheel = z.read("wordfreq-0.1.0.dist-info/WHEEL").decode()
        eps = z.read("wordfreq-0.1.0.dist-info/entry_points.txt").decode()
    need = {"wordfreq-0.1.0.dist-info/licenses/LICENSE-MIT", "wordfreq-0.1.0.dist-info/licenses/LICENSE-APACHE",
            "wordfreq/__main__.py","wordfreq/__init__.py", "wordfreq/pure.py", "wordfreq/py.typed",
            "wordfreq/_wordfreq.%s.so" % ABI, "wordfreq/_wordfreq.pyi", "wordfreq-0.1.0.dist-info/RECORD"}
    missing = need - names
    errs = ["missing " + ", ".join(sorted(missing))] if missing else []
    if "[console_scripts]\nwordfreq = wordfreq.__main__:main" not in eps:
        errs.append("entry_points.txt: %r" % eps)
    for line in ("Metadata-Version: 2.4", "License-Expression: MIT OR Apache-2.0",
                 "License-File: LICENSE-MIT", "License-File: LICENSE-APACHE"):
        if line + "\n" not in meta:
            errs.append("METADATA lacks %r" % line)
    if "Requires-Python: >=3.7" not in meta:
        errs.append("METADATA lacks Requires-Python: >=3.7")
    tags = ("Tag: cp315-abi3-", "Tag: cp315-abi3t-") if ABI == "abi3t" else ("Tag: cp37-abi3-",)
    if "Root-Is-Purelib: false" not in wheel or not all(t in wheel for t in tags):
        errs.append("WHEEL: " + wheel.replace("\n", " | "))
    print("contents: %s" % ("ok (%d files)" % len(names) if not errs else "FAIL: " + "; ".join(errs)))
    return not errs


def abi3audit(whl):
    py = tools_python()
    p = subprocess.run([py, "-m", "abi3audit", "--strict", "--report", whl], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env())
    try:
        rep = json.loads(p.stdout.decode())
        (spec,) = rep["specs"].values()
        results = [dict(w["result"], name=w["name"]) for w in spec["wheel"]]
    except Exception:
        print("abi3audit: FAIL (exit %d) %s %s" % (p.returncode, p.stdout.decode()[-500:],
                                                    p.stderr.decode()[-500:]))
        return False
    ok = p.returncode == 0 and results and all(
        r["computed"] == "3.7" and not r["non_abi3_symbols"] for r in results)
    print("abi3audit --strict: %s (exit %d; %s)" % (
        "ok" if ok else "FAIL", p.returncode,
        ", ".join("%s computed %s, %d non-abi3 symbols" % (
            os.path.basename(r["name"]), r["computed"], len(r["non_abi3_symbols"])) for r in results)))
    return ok


def auditwheel(whl):
    vdir = os.path.join(interpreters.cache_dir(), "venvs", "wheel-tools")
    exe = os.path.join(vdir, "bin", "auditwheel")
    if not os.access(exe, os.X_OK):
        shutil.rmtree(vdir, ignore_errors=True)
        base = shutil.which("python3") or sys.executable
        for cmd in ([base, "-m", "venv", vdir], [os.path.join(vdir, "bin", "python"), "-m", "pip",
                                                  "install", "-q", "auditwheel"]):
            p = run(cmd)
            if p.returncode != 0:
                print("auditwheel: FAIL (cannot install it): %s" % out_of(p)[-400:])
                return False
    p = run([exe, "show", whl])
    text = " ".join(out_of(p).split())
    m = re.search(r'consistent with the following platform tag: "([^"]+)"', text)
    got = wheel_re().match(os.path.basename(whl)).group(1)
    ok = p.returncode == 0 and m is not None and m.group(1) == got
    print("auditwheel show: %s (lowest accepted tag %s; wheel %s)" % (
        "ok" if ok else "FAIL", m.group(1) if m else "?", got))
    return ok


def _py(cmd_python, code):
    p = run([cmd_python, "-I", "-c", code])
    return out_of(p).strip() if p.returncode == 0 else None


def pip_wheel_for(interp):
    """The interpreter's own pip wheel: ensurepip's bundled one, or Debian's python-wheels."""
    code = ("import glob, os, sys\n"
            "c = glob.glob(os.path.join(sys.base_prefix, 'share', 'python-wheels', 'pip-*.whl'))\n"
            "try:\n"
            "    import ensurepip\n"
            "    c += glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), '_bundled', 'pip-*.whl'))\n"
            "except Exception:\n"
            "    pass\n"
            "print(sorted(c)[-1] if c else '')")
    return _py(interp, code) or None


def unpacked_pip(pipwhl):
    """The pip wheel unpacked once into the cache: pip imports faster from a folder (and keeps
    its .pyc there between runs) than from the zip."""
    dest = os.path.join(interpreters.cache_dir(), "pip-unpacked", os.path.basename(pipwhl)[:-4])
    if not os.path.isdir(dest):
        tmp = tempfile.mkdtemp(dir=os.path.dirname(dest)) if os.path.isdir(os.path.dirname(dest)) else None
        if tmp is None:
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            tmp = tempfile.mkdtemp(dir=os.path.dirname(dest))
        with zipfile.ZipFile(pipwhl) as z:
            z.extractall(tmp)
        try:
            os.rename(tmp, dest)
        except OSError:  # another run got there first
            shutil.rmtree(tmp, ignore_errors=True)
    return dest


def wheel_re():
    return ABI3T_WHEEL_RE if ABI == "abi3t" else WHEEL_RE


def test_one(rec, whl, scratch):
    minor, t0 = rec["minor"], time.time()
    refused = ABI == "abi3t" and tuple(map(int, minor.split("."))) < (3, 15)
    vdir = os.path.join(scratch, "venv-" + minor)
    work = os.path.join(scratch, "work-" + minor)
    os.makedirs(work)
    cached = os.path.join(interpreters.cache_dir(), "venvs", rec["version"], "bin", "python")
    steps = []

    def fail(what, p=None):
        detail = ("\n" + out_of(p)[-3000:]) if p is not None else ""
        return (rec, False, "%s failed%s" % (what, detail), time.time() - t0)

    p = run([rec["path"], "-m", "venv", "--without-pip", vdir])
    if p.returncode != 0:
        return fail("venv", p)
    vpy = os.path.join(vdir, "bin", "python")
    if not rec.get("pip"):
        return fail("finding pip (no ensurepip or python-wheels pip wheel)")
    p = run([vpy, os.path.join(rec["pip"], "pip"), "install", "--no-index", "--no-deps", "--no-compile",
             "-q", whl])
    if refused:  # the abi3t wheel before 3.15: pip must refuse it (PEP 803: cp315 and up)
        if p.returncode != 0 and "is not a supported wheel" in out_of(p):
            return (rec, True, "pip refuses the abi3t wheel (not a supported wheel)", time.time() - t0)
        return fail("refusal check (pip installed the abi3t wheel on %s, or failed otherwise)" % minor, p)
    if p.returncode != 0:
        return fail("pip install", p)
    steps.append("install %.1fs" % (time.time() - t0))
    # pytest + hypothesis from the cached test venv (scripts/venvs.py), after our site-packages
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    theirs, ours = _py(cached, purelib), _py(vpy, purelib)
    if not theirs or not ours:
        return fail("finding site-packages (is %s there? run `make venvs`)" % cached)
    with open(os.path.join(ours, "_limpet_test_tools.pth"), "w") as f:
        f.write(theirs + "\n")
    where = _py(vpy, "import wordfreq._wordfreq as m; print(m.__file__)")
    if not where or not where.startswith(vdir):
        return fail("import check (wordfreq from %s, not the fresh venv)" % where)
    t1 = time.time()
    p = run([vpy, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", work, TESTS], cwd=work)
    if p.returncode != 0:
        return fail("pytest", p)
    summary = [ln for ln in out_of(p).splitlines() if re.search(r"\d+ passed", ln)]
    steps.append("pytest %.1fs: %s" % (time.time() - t1, summary[-1].strip("= ") if summary else "?"))
    return (rec, True, "; ".join(steps), time.time() - t0)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", help="test this wheel instead of building one")
    ap.add_argument("--wheel-dir", default=os.environ.get("WHEEL_DIR", os.path.join(ROOT, "target", "wheels")))
    ap.add_argument("--build-only", action="store_true")
    ap.add_argument("--no-auditwheel", action="store_true")
    ap.add_argument("--require", default="3.7,3.14,3.15", help="minor versions that must be present")
    ap.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 2))
    ap.add_argument("--abi", choices=("abi3", "abi3t"), default="abi3",
                    help="abi3t: the cp315-abi3.abi3t wheel (limpet-build -C abi=abi3t)")
    a = ap.parse_args(argv)
    global ABI
    ABI = a.abi
    if ABI == "abi3t":
        a.wheel_dir = os.path.join(a.wheel_dir, "abi3t")
    t0 = time.time()
    whl, others = (os.path.abspath(a.wheel), []) if a.wheel else build_wheel(a.wheel_dir)
    if a.build_only:
        return 0
    ok = check_contents(whl)
    ok = twine_check([whl] + others) and ok
    if ABI == "abi3":
        ok = abi3audit(whl) and ok
    if not a.no_auditwheel:
        ok = auditwheel(whl) and ok
    recs = interpreters.discover()
    missing = sorted(set(filter(None, a.require.split(","))) - {r["minor"] for r in recs})
    if missing:
        print("interpreters: FAIL, missing %s (run `make provision`)" % ", ".join(missing))
        ok = False
    with ThreadPoolExecutor(max_workers=8) as ex:
        pips = list(ex.map(lambda r: pip_wheel_for(r["path"]), recs))
    for rec, pw in zip(recs, pips):
        rec["pip"] = unpacked_pip(pw) if pw else None
    passed = failed = 0
    scratch = tempfile.mkdtemp(prefix="limpet-wheel-test-")
    try:
        with ThreadPoolExecutor(max_workers=a.jobs) as ex:
            for rec, good, detail, dt in ex.map(lambda r: test_one(r, whl, scratch), recs):
                print("%-8s %-4s %5.1fs  %s" % (rec["version"], "ok" if good else "FAIL", dt, detail))
                passed += good
                failed += not good
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    ok = ok and failed == 0 and passed > 0
    print("%s on %d interpreters in %.0f s" % (os.path.basename(whl), len(recs), time.time() - t0))
    print("wheels: %d passed, %d failed" % (passed, failed))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
