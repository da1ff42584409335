#!/usr/bin/env python3
"""The abi3t binary (issue 17, PEP 803) on real interpreters, and its symbol audit.

    abi3t_check.py symbols EXT.abi3t.so
    abi3t_check.py test --so-dir python-tests/build-abi3t [--paths fastcall,varargs] [-k EXPR]

``symbols``: the abi3t-specific half of the audit (the other half is
``check_symbols.py EXT --max-abi 3.15`` against the Stable ABI manifest): the binary must not
reference what an opaque ``PyObject`` rules out (``_Py_Dealloc``: inline refcounting;
``PyModuleDef_Init``/``PyModule_Create2``/``PyModule_FromDefAndSpec2``/``PyModule_GetDef``:
a ``PyModuleDef`` cannot be made), must export ``PyModExport_<name>`` and not ``PyInit_<name>``.

``test``: the whole pytest suite against the ``.abi3t.so`` on every CPython 3.15+ venv of
scripts/venvs.py (the GIL-enabled 3.15) x both calling paths, and on the free-threaded 3.15t
when scripts/build-freethreaded.sh could provide it (``FT_VERSION=3.15``); then the cp37-abi3
binary's clean ImportError on that 3.15t. 3.15t missing is reported (``3.15t: unavailable``)
and not counted as a failure: Debian does not serve python3.15's source here (see the script).
Prints ``abi3t: N passed, N failed``; exits 1 on any failure.
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(REPO, "python-tests", "runner"))
import venvs  # noqa: E402

CACHE = os.environ.get("LIMPET_CACHE", os.path.expanduser("~/.cache/limpet"))
FORBIDDEN = ("_Py_Dealloc", "PyModuleDef_Init", "PyModule_Create2", "PyModule_FromDefAndSpec2",
             "PyModule_GetDef", "PyModule_ExecDef")


def nm(so, *flags):
    out = subprocess.run(["nm", "-D"] + list(flags) + [so], capture_output=True, text=True, check=True).stdout
    return {line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()}


def symbols(so):
    name = os.path.basename(so).split(".")[0]
    undefined = nm(so, "--undefined-only")
    defined = nm(so, "--defined-only")
    problems = ["references %s (not usable with an opaque PyObject)" % s for s in FORBIDDEN if s in undefined]
    if "PyModExport_" + name not in defined:
        problems.append("does not export PyModExport_%s" % name)
    if "PyInit_" + name in defined:
        problems.append("exports PyInit_%s (the abi3t binary has the PEP 793 hook only)" % name)
    for p in problems:
        print("abi3t symbols: %s: %s" % (so, p))
    print("abi3t symbols: %d undefined checked, %d violations" % (len(undefined), len(problems)))
    return 1 if problems else 0


def free_threaded_315():
    """(python, why): the 3.15t interpreter, or None and the reason."""
    env = dict(os.environ, FT_VERSION="3.15", FT_SUITE="sid")
    p = subprocess.run(["bash", os.path.join(HERE, "build-freethreaded.sh")], env=env,
                       capture_output=True, text=True)
    if p.returncode == 0 and p.stdout.strip():
        return p.stdout.strip().splitlines()[-1], None
    return None, (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[-1]


def ft_venv(python):
    """A venv with pytest/hypothesis for a free-threaded interpreter (cached)."""
    vdir = os.path.join(CACHE, "venvs", "ft-" + os.path.basename(python))
    vpy = venvs.venv_python(vdir)
    if not os.path.exists(vpy):
        subprocess.run([python, "-m", "venv", vdir], check=True)
        subprocess.run([vpy, "-m", "pip", "install", "-q", "pytest", "hypothesis"], check=True)
    return vdir


def test(args, extra):
    import run_matrix  # python-tests/runner: one pytest run per interpreter x path

    so_dir = os.path.abspath(args.so_dir)
    log_dir = os.path.join(so_dir, "logs")
    os.makedirs(log_dir, exist_ok=True)
    ns = argparse.Namespace(so_dir=so_dir, tests=os.path.join(REPO, "python-tests"), log_dir=log_dir,
                            work_dir=os.path.join(so_dir, "work"), timeout=args.timeout)
    _, rows = venvs.ensure_all()
    targets = [(rec, vdir) for rec, vdir, _ in rows
               if vdir and tuple(map(int, rec["minor"].split("."))) >= (3, 15)]
    failed = 0
    if not targets:
        print("abi3t: no CPython 3.15+ venv (make provision venvs)")
        failed += 1
    ft, why = free_threaded_315()
    if ft:
        rec = {"version": "3.15t", "minor": "3.15"}
        targets.append((rec, ft_venv(ft)))
    else:
        print("abi3t: 3.15t: unavailable (%s)" % why)
    paths = [p for p in args.paths.split(",") if p]
    passed = 0
    for rec, vdir in targets:
        for path in paths:
            r = run_matrix.run_one(rec, vdir, path, ns, extra)
            c = r["counts"] or {}
            passed += c.get("passed", 0)
            failed += c.get("failed", 0) + c.get("errors", 0) + (1 if r["problem"] and not c.get("failed") else 0)
            print("%-9s %-9s passed %-4d failed %-3d skipped %-3d %5.1fs%s" % (
                rec["version"], path, c.get("passed", 0), c.get("failed", 0), c.get("skipped", 0), r["secs"],
                "  " + r["problem"] if r["problem"] else ""))
            if r["problem"]:
                print(run_matrix.tail(r["log"]).rstrip())
    if ft and args.abi3_so:
        # The cp37-abi3 binary on 3.15t: a clean ImportError, never a crash.
        with tempfile.TemporaryDirectory() as d:
            os.symlink(os.path.abspath(args.abi3_so), os.path.join(d, os.path.basename(args.abi3_so)))
            code = ("try:\n    import limptest\nexcept ImportError as e:\n    print('ImportError', e)\n"
                    "else:\n    print('imported')\n")
            p = subprocess.run([ft, "-c", code], cwd=d, env=dict(os.environ, PYTHONPATH=d),
                               capture_output=True, text=True, timeout=60)
            ok = p.returncode == 0 and p.stdout.startswith("ImportError") and "free-thread" in p.stdout
            print("3.15t      cp37-abi3 import: %s" % (p.stdout.strip() or p.stderr.strip()[-200:]))
            passed, failed = passed + ok, failed + (not ok)
    print("abi3t: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("symbols")
    s.add_argument("so")
    t = sub.add_parser("test")
    t.add_argument("--so-dir", required=True)
    t.add_argument("--abi3-so", default=os.path.join(REPO, "python-tests", "build", "limptest.abi3.so"),
                   help="the cp37-abi3 binary, for its ImportError on 3.15t")
    t.add_argument("--paths", default="fastcall,varargs")
    t.add_argument("--timeout", type=int, default=900)
    t.add_argument("-k", dest="k", default=None)
    args, extra = ap.parse_known_args(argv)
    if args.cmd == "symbols":
        return symbols(args.so)
    extra = [a for a in extra if a != "--"] + (["-k", args.k] if args.k else [])
    if not os.path.exists(args.abi3_so):
        args.abi3_so = None
    return test(args, extra)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
