#!/usr/bin/env python3
"""Check a built extension against the Stable ABI manifest (abi3info) for a 3.7 baseline.

    check_symbols.py EXT.so [DYNAMIC_SYMBOLS_FILE] [--max-abi 3.7]
    check_symbols.py --abi3audit EXT.so [--max-abi 3.7]

1. Every undefined dynamic symbol of EXT.so (``nm -D --undefined-only``) named ``Py*``/``_Py*``
   (versioned ``foo@GLIBC_x`` and weak ``w`` symbols are ignored) must be a function or data
   of abi3info's manifest, with ``added <= 3.7``, not abi-only-on-another-platform
   (``ifdef`` MS_WINDOWS, Py_REF_DEBUG, ...).
2. EXT.so must not have ``libpython`` in its NEEDED entries (``readelf -d``).
3. Optional DYNAMIC_SYMBOLS_FILE: lines ``NAME 3.10`` (``#`` comments allowed) naming symbols the
   library resolves at run time (dlsym) with the version it gates them on: each must be in the
   manifest with exactly that ``added`` version.
Prints ``symbols: N checked, computed ABI 3.X, V violations`` and exits 1 on any violation.

``--abi3audit`` instead runs ``abi3audit --strict --assume-minimum-abi3 3.7 -v -R`` (from the
same venv) and fails unless its JSON report says computed ABI 3.7 and no non-abi3 symbol.
Run it with the tools venv's python (scripts/venvs.py --tools-only).
"""
import json
import os
import re
import subprocess
import sys

try:
    import abi3info
    from abi3info.models import Symbol
except ImportError:  # pragma: no cover
    sys.exit("check_symbols: abi3info is not installed; run with the tools venv "
             "($LIMPET_CACHE/venvs/tools/bin/python, made by scripts/venvs.py --tools-only)")


def parse_ver(s):
    m = re.fullmatch(r"(\d+)\.(\d+)", s.strip())
    if not m:
        raise ValueError("bad version %r (want 3.X)" % s)
    return int(m.group(1)), int(m.group(2))


def fmt(v):
    return "%d.%d" % v


def manifest_entry(name):
    sym = Symbol(name)
    return abi3info.FUNCTIONS.get(sym) or abi3info.DATAS.get(sym)


def entry_problem(entry, max_abi):
    """None if the manifest entry is usable on Linux with the baseline, else the reason."""
    added = (entry.added.major, entry.added.minor)
    if added > max_abi:
        return "added in %s (> %s)" % (fmt(added), fmt(max_abi))
    if entry.ifdef is not None:
        return "only available %s (ifdef %s)" % (entry.ifdef.doc, entry.ifdef.name)
    return None


def undefined_symbols(so):
    out = subprocess.run(["nm", "-D", "--undefined-only", so], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, check=True).stdout.decode()
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        kind, name = parts[-2], parts[-1]
        if kind in ("w", "v") or "@" in name:  # weak (__gmon_start__...), versioned (glibc)
            continue
        if name.startswith("Py") or name.startswith("_Py"):
            syms.append(name)
    return sorted(set(syms))


def needed(so):
    out = subprocess.run(["readelf", "-d", so], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         check=True).stdout.decode()
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def check(so, dynfile, max_abi):
    violations = []
    computed = (3, 2)
    syms = undefined_symbols(so)
    for name in syms:
        e = manifest_entry(name)
        if e is None:
            violations.append("%s: not in the Stable ABI manifest" % name)
            continue
        computed = max(computed, (e.added.major, e.added.minor))
        p = entry_problem(e, max_abi)
        if p:
            violations.append("%s: %s" % (name, p))
    libs = needed(so)
    for lib in libs:
        if "libpython" in lib:
            violations.append("NEEDED %s: an extension must not link libpython" % lib)
    ndyn = 0
    if dynfile:
        with open(dynfile) as f:
            for n, line in enumerate(f, 1):
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                parts = line.split()
                if len(parts) != 2:
                    violations.append("%s:%d: want 'NAME 3.X', got %r" % (dynfile, n, line))
                    continue
                name, ver = parts
                ndyn += 1
                e = manifest_entry(name)
                if e is None:
                    violations.append("%s (dynamic): not in the Stable ABI manifest" % name)
                    continue
                want = parse_ver(ver)
                got = (e.added.major, e.added.minor)
                if got != want:
                    violations.append("%s (dynamic): gated on %s but the manifest says added %s"
                                      % (name, fmt(want), fmt(got)))
                elif e.ifdef is not None:
                    violations.append("%s (dynamic): only available %s" % (name, e.ifdef.doc))
    for v in violations:
        print("VIOLATION " + v)
    print("NEEDED: %s" % (", ".join(libs) or "(none)"))
    # like abi3audit: the computed ABI is the baseline raised by any newer symbol
    print("symbols: %d checked%s, computed ABI %s (the symbols alone need %s), %d violations" % (
        len(syms), " (+%d dynamic)" % ndyn if dynfile else "", fmt(max(computed, max_abi)),
        fmt(computed), len(violations)))
    return 1 if violations else 0


def run_abi3audit(so, max_abi):
    exe = os.path.join(os.path.dirname(sys.executable), "abi3audit")
    cmd = [exe if os.access(exe, os.X_OK) else "abi3audit", "--strict", "--assume-minimum-abi3",
           fmt(max_abi), "-v", "-R", so]
    print("$ " + " ".join(cmd))
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = p.stderr.decode(errors="replace")
    if err.strip():
        print(err.rstrip())
    try:
        report = json.loads(p.stdout.decode())
    except ValueError:
        print(p.stdout.decode(errors="replace"))
        print("abi3audit: no JSON report (exit %d)" % p.returncode)
        return 1
    problems = []
    found = 0
    for spec in report.get("specs", {}).values():
        for so_name, r in _objects(spec):
            found += 1
            comp = r.get("computed")
            bad = r.get("non_abi3_symbols") or []
            print("abi3audit: %s computed ABI %s, %d non-abi3 symbols%s" % (
                so_name, comp, len(bad), (": " + ", ".join(map(str, bad))) if bad else ""))
            if comp is not None and parse_ver(str(comp)) > max_abi:
                problems.append("%s needs abi3 %s > %s" % (so_name, comp, fmt(max_abi)))
            if bad:
                problems.append("%s uses non-abi3 symbols" % so_name)
    if not found:
        problems.append("no extension found in the report: %s" % json.dumps(report)[:500])
    if p.returncode != 0:
        problems.append("abi3audit exited %d" % p.returncode)
    for x in problems:
        print("VIOLATION " + x)
    print("abi3audit: %s" % ("FAILED" if problems else "ok, computed ABI <= %s, 0 violations" % fmt(max_abi)))
    return 1 if problems else 0


def _objects(spec):
    """(name, result) pairs of one spec of abi3audit's JSON report: a bare object
    ({"kind": "object", "object": {...}}) or a wheel ({"kind": "wheel", "wheel": [...]})."""
    out = []
    for key in ("object", "so", "wheel"):
        v = spec.get(key)
        for o in (v if isinstance(v, list) else [v] if isinstance(v, dict) else []):
            out.append((o.get("name", "?"), o.get("result", o)))
    return out


def main(argv):
    max_abi = (3, 7)
    if "--max-abi" in argv:
        i = argv.index("--max-abi")
        max_abi = parse_ver(argv[i + 1])
        del argv[i:i + 2]
    audit = "--abi3audit" in argv
    argv = [a for a in argv if a != "--abi3audit"]
    if not argv or len(argv) > 2 or not os.path.isfile(argv[0]):
        print(__doc__)
        return 2
    if audit:
        return run_abi3audit(argv[0], max_abi)
    return check(argv[0], argv[1] if len(argv) > 1 else None, max_abi)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
