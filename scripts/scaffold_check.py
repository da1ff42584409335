#!/usr/bin/env python3
"""``python -m limpet_build new`` writes a project that builds and passes its own test.

  1. limpet-build's wheel is built and installed into a fresh venv (newest pyenv CPython >= 3.11);
  2. ``python -m limpet_build new demo-proj`` (default: the published crate, checked in the
     text) and ``new demo-proj --limpet-path <this checkout>`` (what is built here);
  3. ``pip wheel`` of the new project with build isolation that installs limpet-build from
     its wheel, offline: one ``demo_proj-0.1.0-cp37-abi3-manylinux_*.whl`` with py.typed and
     the generated stub; installed into the venv, the project's own pytest passes.
Exits non-zero with the failing step.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import develop_check as dc  # noqa: E402
import interpreters  # noqa: E402


def fail(msg):
    sys.exit("scaffold-check: FAILED: " + msg)


def main():
    work = os.path.join(ROOT, "target", "scaffold-check")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    wheels = dc.backend_wheel(os.path.join(work, "backend"))
    rec = dc.newest_tomllib_python()
    py = dc.make_venv(rec["path"], os.path.join(work, "venv"))
    dc.run([py, "-m", "pip", "install", "-q", "--no-index", "--find-links", wheels, "limpet-build"])

    # the default text: the published crate and backend
    dc.run([py, "-m", "limpet_build", "new", "demo-proj", "--dir", "published"], cwd=work)
    with open(os.path.join(work, "published", "Cargo.toml")) as f:
        cargo = f.read()
    if 'limpet = { package = "limpet-abi3", version = "0.1" }' not in cargo:
        fail("the default Cargo.toml does not name the published crate:\n" + cargo)
    with open(os.path.join(work, "published", "pyproject.toml")) as f:
        if 'requires = ["limpet-build>=0.1,<0.2"]' not in f.read():
            fail("the default pyproject.toml does not require limpet-build")
    code, out = dc.run([py, "-m", "limpet_build", "new", "demo-proj", "--dir", "published"], cwd=work, check=False)
    if code == 0 or "already exists" not in out:
        fail("new over an existing folder: %r" % out)

    # the one built here: limpet by path (the .lock of this checkout: no index lookups)
    proj = os.path.join(work, "demo-proj")
    dc.run([py, "-m", "limpet_build", "new", "demo-proj", "--limpet-path", ROOT], cwd=work)
    shutil.copy(os.path.join(ROOT, "Cargo.lock"), os.path.join(proj, "Cargo.lock"))
    for must in ["src/lib.rs", "python/demo_proj/__init__.py", "python/demo_proj/py.typed",
                 "tests/test_demo_proj.py", ".gitignore", ".github/workflows/wheels.yml"]:
        if not os.path.isfile(os.path.join(proj, must)):
            fail("new did not write " + must)
    e = dict(dc.env(), PIP_FIND_LINKS=wheels, PIP_NO_INDEX="1")
    p = subprocess.run([py, "-m", "pip", "wheel", "--no-deps", "-q", "-w", os.path.join(work, "dist"), proj],
                       env=e, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        fail("pip wheel of the new project:\n" + p.stdout.decode()[-3000:])
    (whl,) = glob.glob(os.path.join(work, "dist", "demo_proj-*.whl")) or [None]
    if not whl or not re.search(r"demo_proj-0\.1\.0-cp37-abi3-manylinux_\d+_\d+_\w+\.whl$", whl):
        fail("wheel name %r" % whl)
    names = zipfile.ZipFile(whl).namelist()
    for must in ["demo_proj/__init__.py", "demo_proj/py.typed", "demo_proj/_native.abi3.so",
                 "demo_proj/_native.pyi"]:
        if must not in names:
            fail("%s lacks %s" % (os.path.basename(whl), must))
    dc.run([py, "-m", "pip", "install", "-q", "--no-index", whl])
    # pytest from the cached test venv of the same interpreter (scripts/venvs.py)
    cached = os.path.join(interpreters.cache_dir(), "venvs", rec["version"], "bin", "python")
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    theirs, ours = dc.run([cached, "-c", purelib])[1].strip(), dc.run([py, "-c", purelib])[1].strip()
    with open(os.path.join(ours, "_limpet_test_tools.pth"), "w") as f:
        f.write(theirs + "\n")
    code, out = dc.run([py, "-m", "pytest", "-q", "-p", "no:cacheprovider", os.path.join(proj, "tests")],
                       cwd=work, check=False)
    if code != 0:
        fail("the new project's tests:\n" + out[-3000:])
    print("scaffold-check: new demo-proj -> %s; its tests: %s" % (
        os.path.basename(whl), out.strip().splitlines()[-1].strip("= ")))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
