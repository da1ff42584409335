#!/usr/bin/env python3
"""The edit-compile-test loop works: ``limpet_build.py develop`` and ``pip install -e .``.

On a copy of examples/wordfreq (target/develop-check/wordfreq, limpet by absolute path) and a
fresh venv of the newest pyenv interpreter >= 3.11 (it reads pyproject.toml with tomllib):

  1. ``develop`` installs the project (editable .pth + dist-info that pip lists), the module
     imports from the source folder and its stub is written;
  2. a one-line Rust edit + ``develop`` again: only a rebuild (no reinstall), and a new
     interpreter sees the edit;
  3. ``pip uninstall`` removes it; ``pip install -e .`` (the PEP 660 hook) installs it again.

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

BACKEND = os.path.join(ROOT, "limpet-build", "limpet_build.py")


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
    ignore = shutil.ignore_patterns("target", "__pycache__", "*.so", "build-backend", "Cargo.lock")
    shutil.copytree(src, dst, ignore=ignore)
    with open(os.path.join(dst, "Cargo.toml")) as f:
        text = f.read()
    text = re.sub(r'limpet = \{ path = "[^"]*"', 'limpet = { path = "%s"' % ROOT, text)
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
    os.makedirs(os.path.join(dst, "build-backend"))
    shutil.copy(BACKEND, os.path.join(dst, "build-backend", "limpet_build.py"))
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
    _, out = run([py, os.path.join("build-backend", "limpet_build.py"), "develop"] + list(args), cwd=proj)
    return time.perf_counter() - t0, out


def main():
    work = os.path.join(ROOT, "target", "develop-check")
    proj = os.path.join(work, "wordfreq")
    copy_project(os.path.join(ROOT, "examples", "wordfreq"), proj)
    rec = newest_tomllib_python()
    py = make_venv(rec["path"], os.path.join(work, "venv"))
    probe = "import wordfreq._wordfreq as m; print(m.__file__); print(m.levenshtein('kitten', 'sitting'))"

    # 1. first develop: installs
    t, out = develop(py, proj)
    if "installed wordfreq._wordfreq" not in out:
        sys.exit("develop-check: FAILED: first develop did not install:\n" + out)
    _, got = run([py, "-c", probe], cwd=work)
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
    _, got = run([py, "-c", probe], cwd=work)
    if got.split()[-1:] != ["4"]:
        sys.exit("develop-check: FAILED: the edit is not visible after develop: %r" % got)
    print("develop-check: one-line edit rebuilt and visible in %.1f s" % t)

    # 3. pip uninstall removes it; pip install -e . (PEP 660) installs it again
    run([py, "-m", "pip", "uninstall", "-y", "wordfreq"])
    code, _ = run([py, "-c", probe], cwd=work, check=False)
    if code == 0:
        sys.exit("develop-check: FAILED: wordfreq still importable after pip uninstall")
    run([py, "-m", "pip", "install", "-q", "--no-build-isolation", "--no-index", "-e", proj])
    _, got = run([py, "-c", probe], cwd=work)
    if got.split() != [so, "4"]:
        sys.exit("develop-check: FAILED: import after pip install -e gave %r" % got)
    print("develop-check: pip uninstall and pip install -e . work")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
