#!/usr/bin/env python3
"""The edit-compile-test loop works: ``python -m limpet_build develop`` and ``pip install -e .``.

On a copy of examples/wordfreq (target/develop-check/wordfreq, limpet by absolute path) and a
fresh venv of the newest pyenv interpreter >= 3.11 (it reads pyproject.toml with tomllib):

  1. ``develop`` installs the project (editable .pth + dist-info that pip lists), the module
     imports from the source folder and its stub is written;
  2. a one-line Rust edit + ``develop`` again: only a rebuild (no reinstall), and a new
     interpreter sees the edit;
  3. ``pip uninstall`` removes every file and folder develop created (its console script
     too) and neither ``wordfreq`` nor ``wordfreq._wordfreq`` imports any more (checked from
     a folder that is not the project's); ``pip install -e .`` (PEP 660, build isolation
     installing limpet-build from its wheel, offline) installs it again.
limpet-build comes from its own wheel (built first), installed into the venv with pip.

Exits non-zero with the failing step. The timing of step 2 is measured by benches/develop.py.
"""
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import interpreters  # noqa: E402

BACKEND = os.path.join(ROOT, "limpet-build")


def backend_wheel(outdir):
    """limpet-build's wheel (it builds itself), the one thing the venv installs it from."""
    shutil.rmtree(outdir, ignore_errors=True)
    p = subprocess.run([sys.executable, "-m", "limpet_build", "wheel", "-o", outdir], cwd=BACKEND,
                       env=dict(env(), PYTHONPATH=os.path.join(BACKEND, "src")),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        sys.exit("develop-check: FAILED: building limpet-build's wheel:\n" + p.stdout.decode())
    return outdir


def env(**extra):
    e = dict(os.environ, PIP_FIND_LINKS="", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", **extra)
    for k in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"):
        e.pop(k, None)
    e.setdefault("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))  # shares the compiled deps
    return e


def run(cmd, cwd=None, check=True):
    p = subprocess.run(cmd, cwd=cwd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.decode(errors="replace")
    if check and p.returncode != 0:
        sys.exit("develop-check: FAILED: %s\n%s" % (" ".join(cmd), out[-3000:]))
    return p.returncode, out


def copy_project(src, dst, pyproject=None):
    """A standalone copy of a crate that uses limpet by path: its own [workspace], limpet absolute."""
    shutil.rmtree(dst, ignore_errors=True)
    ignore = shutil.ignore_patterns("target", "__pycache__", "*.so", "Cargo.lock")
    shutil.copytree(src, dst, ignore=ignore)
    # copytree keeps the mtimes: an edited copy of an earlier run, built later, would look
    # newer to cargo than this fresh copy (whose target dir is shared) and not be rebuilt
    for dirpath, _, filenames in os.walk(os.path.join(dst, "src")):
        for fn in filenames:
            os.utime(os.path.join(dirpath, fn))
    with open(os.path.join(dst, "Cargo.toml")) as f:
        text = f.read()
    text = re.sub(r'(limpet = \{[^}\n]*?path = ")[^"]*"', lambda m: m.group(1) + ROOT + '"', text)
    text = re.sub(r"\.workspace = true", ' = "2021"', text.replace("license.workspace = true\n", ""))
    # A package name of its own: sharing the target dir with the original (for its compiled
    # deps), the same name would overwrite the original's target/<profile>/lib<name>.so.
    text = re.sub(r'^name = "([^"]+)"', lambda m: 'name = "%s-copy"' % m.group(1), text, count=1, flags=re.M)
    if "[workspace]" not in text:
        text += "\n[workspace]\n"
    with open(os.path.join(dst, "Cargo.toml"), "w") as f:
        f.write(text)
    lock = os.path.join(ROOT, "Cargo.lock")
    if os.path.exists(lock):
        shutil.copy(lock, os.path.join(dst, "Cargo.lock"))  # same dependency versions: reuse
    if pyproject is not None:
        with open(os.path.join(dst, "pyproject.toml"), "w") as f:
            f.write(pyproject)


def newest_tomllib_python():
    def minor(r):
        return tuple(int(x) for x in r["minor"].split("."))

    recs = [r for r in interpreters.discover() if r["kind"] == "pyenv" and minor(r) >= (3, 11)]
    if not recs:
        sys.exit("develop-check: no pyenv CPython >= 3.11 found")
    return max(recs, key=minor)


def make_venv(python, vdir, with_pip=True):
    shutil.rmtree(vdir, ignore_errors=True)
    run([python, "-m", "venv"] + ([] if with_pip else ["--without-pip"]) + [vdir])
    return os.path.join(vdir, "bin", "python")


def develop(py, proj, *args):
    t0 = time.perf_counter()
    _, out = run([py, "-m", "limpet_build", "develop"] + list(args), cwd=proj)
    return time.perf_counter() - t0, out


def listing(vdir):
    """Every path in the venv (files and folders), to compare before and after."""
    out = set()
    for dirpath, dirnames, filenames in os.walk(vdir):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        out.update(os.path.join(dirpath, n) for n in dirnames + filenames)
    return out


def main():
    work = os.path.join(ROOT, "target", "develop-check")
    proj = os.path.join(work, "wordfreq")
    neutral = os.path.join(work, "elsewhere")  # imports must not see the project folder as cwd
    copy_project(os.path.join(ROOT, "examples", "wordfreq"), proj)
    shutil.rmtree(neutral, ignore_errors=True)
    os.makedirs(neutral)
    wheels = backend_wheel(os.path.join(work, "backend"))
    rec = newest_tomllib_python()
    vdir = os.path.join(work, "venv")
    py = make_venv(rec["path"], vdir)
    run([py, "-m", "pip", "install", "-q", "--no-index", "--find-links", wheels, "limpet-build"])
    before = listing(vdir)
    probe = "import wordfreq._wordfreq as m; print(m.__file__); print(m.levenshtein('kitten', 'sitting'))"
    script = os.path.join(vdir, "bin", "wordfreq")

    # 1. first develop: installs
    t, out = develop(py, proj)
    if "installed wordfreq._wordfreq" not in out:
        sys.exit("develop-check: FAILED: first develop did not install:\n" + out)
    _, got = run([py, "-c", probe], cwd=neutral)
    so = os.path.join(proj, "python", "wordfreq", "_wordfreq.abi3.so")
    if got.split() != [so, "3"]:
        sys.exit("develop-check: FAILED: import after develop gave %r, want %r" % (got, [so, "3"]))
    if not os.path.exists(os.path.join(proj, "python", "wordfreq", "_wordfreq.pyi")):
        sys.exit("develop-check: FAILED: no stub written next to the sources")
    _, listed = run([py, "-m", "pip", "list", "--format=freeze"])
    if "wordfreq==0.1.0" not in listed:
        sys.exit("develop-check: FAILED: pip does not list the develop install:\n" + listed)
    print("develop-check: first develop installed %s in %.1f s (%s)" % (rec["version"], t, os.path.basename(so)))

    # 2. a one-line edit: levenshtein returns one more; develop only rebuilds
    lib = os.path.join(proj, "src", "lib.rs")
    with open(lib) as f:
        text = f.read()
    edited = text.replace("row[b.len()]", "row[b.len()] + 1", 1)
    if edited == text:
        sys.exit("develop-check: FAILED: the edit point `row[b.len()]` is gone from examples/wordfreq/src/lib.rs")
    with open(lib, "w") as f:
        f.write(edited)
    t, out = develop(py, proj)
    if "rebuilt wordfreq._wordfreq" not in out:
        sys.exit("develop-check: FAILED: second develop should only rebuild:\n" + out)
    _, got = run([py, "-c", probe], cwd=neutral)
    if got.split()[-1:] != ["4"]:
        sys.exit("develop-check: FAILED: the edit is not visible after develop: %r" % got)
    print("develop-check: one-line edit rebuilt and visible in %.1f s" % t)

    # the console script of [project.scripts], listed in RECORD like every file develop made
    got = subprocess.run([script, "1"], cwd=neutral, input=b"a b a", env=env(), stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT).stdout.decode() if os.path.exists(script) else "missing"
    if got.split() != ["2", "a"]:
        sys.exit("develop-check: FAILED: console script %s after develop: %r" % (script, got))

    # 3. pip uninstall removes everything develop created (no file, no empty folder) and the
    #    package no longer imports; pip install -e . (PEP 660) installs it again
    run([py, "-m", "pip", "uninstall", "-y", "wordfreq"])
    left = sorted(listing(vdir) - before)
    if left:
        sys.exit("develop-check: FAILED: pip uninstall left %s" % ", ".join(left))
    for mod in ("wordfreq", "wordfreq._wordfreq"):
        code, _ = run([py, "-c", "import " + mod], cwd=neutral, check=False)
        if code == 0:
            sys.exit("develop-check: FAILED: %s still importable after pip uninstall" % mod)
    e = dict(env(), PIP_FIND_LINKS=wheels, PIP_NO_INDEX="1")
    p = subprocess.run([py, "-m", "pip", "install", "-q", "-e", proj], env=e,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        sys.exit("develop-check: FAILED: pip install -e (build isolation, limpet-build from its "
                 "wheel):\n" + p.stdout.decode()[-3000:])
    _, got = run([py, "-c", probe], cwd=neutral)
    if got.split() != [so, "4"]:
        sys.exit("develop-check: FAILED: import after pip install -e gave %r" % got)
    run([py, "-m", "pip", "uninstall", "-y", "wordfreq"])
    left = sorted(listing(vdir) - before)
    if left:
        sys.exit("develop-check: FAILED: pip uninstall after pip install -e left %s" % ", ".join(left))
    print("develop-check: pip uninstall leaves nothing behind; pip install -e . works")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
