#!/usr/bin/env python3
"""Windows and macOS, checked from Linux (scripts/provision-cross.sh installs the targets):

  1. ``python -m limpet_build wheel --target x86_64-pc-windows-gnu`` of examples/wordfreq,
     built and linked for real (MinGW-w64): one ``wordfreq-0.1.0-cp37-abi3-win_amd64.whl``
     holding ``wordfreq/_wordfreq.pyd``; the .pyd's import table (objdump -p) names only
     python3.dll (the Stable-ABI DLL, imported through raw-dylib: no import library, no
     Windows CPython) plus Windows system / C runtime DLLs, and from python3.dll only
     symbols of the Stable ABI of CPython 3.7 (abi3info's manifest, tools venv);
  2. ``cargo check`` of the test extension for x86_64-pc-windows-msvc, x86_64-apple-darwin
     and aarch64-apple-darwin (no MSVC or Apple linker here: compile only).
Exits non-zero on any failure.
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

# what Rust's std and the MinGW C runtime import; anything else would have to ship in the wheel
SYSTEM_DLLS = re.compile(r"^(kernel32|msvcrt|ntdll|userenv|ws2_32|advapi32|bcrypt|bcryptprimitives|"
                         r"ucrtbase|vcruntime140|api-ms-win-[a-z0-9-]+)\.dll$", re.I)
CHECK_TARGETS = ["x86_64-pc-windows-msvc", "x86_64-apple-darwin", "aarch64-apple-darwin"]


def imports(path):
    """{dll: [symbol names]} from ``objdump -p`` of a PE file."""
    out = subprocess.run(["x86_64-w64-mingw32-objdump", "-p", path], stdout=subprocess.PIPE,
                         check=True).stdout.decode(errors="replace")
    table, cur = {}, None
    for line in out.splitlines():
        m = re.match(r"^\s*DLL Name: (\S+)", line)
        if m:
            cur = table.setdefault(m.group(1), [])
            continue
        if line and not line[0].isspace():
            cur = None  # a new top-level section of objdump's output ends the import tables
        if cur is None or not line.strip():
            continue
        m = re.match(r"^\s*[0-9a-f]+\s+\d+\s+(\S+)$", line)
        if m:
            cur.append(m.group(1))
    return table


def stable_abi_37(names):
    """The names that are NOT in the Stable ABI of 3.7 (abi3info, tools venv)."""
    tools = os.path.join(os.environ.get("LIMPET_CACHE", os.path.expanduser("~/.cache/limpet")),
                         "venvs", "tools", "bin", "python")
    code = ("import sys, abi3info\n"
            "from abi3info.models import Symbol\n"
            "bad = []\n"
            "for n in sys.stdin.read().split():\n"
            "    e = abi3info.FUNCTIONS.get(Symbol(n)) or abi3info.DATAS.get(Symbol(n))\n"
            "    if e is None:\n"
            "        bad.append(n + ': not in the Stable ABI')\n"
            "    elif (e.added.major, e.added.minor) > (3, 7):\n"
            "        bad.append('%s: added in %d.%d' % (n, e.added.major, e.added.minor))\n"
            "    elif e.ifdef is not None and e.ifdef.name != 'MS_WINDOWS':\n"
            "        bad.append('%s: only %s' % (n, e.ifdef.doc))\n"
            "print('\\n'.join(bad))\n")
    p = subprocess.run([tools, "-c", code], input="\n".join(names).encode(), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    if p.returncode != 0:
        sys.exit("cross-check: FAILED: abi3info: " + p.stdout.decode())
    return [ln for ln in p.stdout.decode().splitlines() if ln.strip()]


def main():
    ok = True
    out = os.path.join(ROOT, "target", "cross-check")
    shutil.rmtree(out, ignore_errors=True)
    e = dict(dc.env(), PYTHONPATH=os.path.join(ROOT, "limpet-build", "src"))
    p = subprocess.run([sys.executable, "-m", "limpet_build", "wheel", "--target", "x86_64-pc-windows-gnu",
                        "-o", out], cwd=os.path.join(ROOT, "examples", "wordfreq"), env=e,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        sys.exit("cross-check: FAILED: windows-gnu wheel:\n" + p.stdout.decode()[-3000:])
    wheels = glob.glob(os.path.join(out, "*.whl"))
    if [os.path.basename(w) for w in wheels] != ["wordfreq-0.1.0-cp37-abi3-win_amd64.whl"]:
        sys.exit("cross-check: FAILED: wheels %s" % wheels)
    with zipfile.ZipFile(wheels[0]) as z:
        names = z.namelist()
        if "wordfreq/_wordfreq.pyd" not in names or any(n.endswith(".so") for n in names):
            sys.exit("cross-check: FAILED: wheel contents %s" % names)
        pyd = os.path.join(out, "_wordfreq.pyd")
        with open(pyd, "wb") as f:
            f.write(z.read("wordfreq/_wordfreq.pyd"))
    table = imports(pyd)
    foreign = sorted(d for d in table if d.lower() != "python3.dll" and not SYSTEM_DLLS.match(d))
    py = table.get("python3.dll", [])
    versioned = [d for d in table if re.match(r"python3\d+\.dll", d, re.I)]
    bad = stable_abi_37(py)
    if foreign or versioned or not py or bad:
        ok = False
        print("cross-check: FAIL windows-gnu .pyd imports: foreign DLLs %s, versioned %s, %d from "
              "python3.dll, not Stable ABI 3.7: %s" % (foreign, versioned, len(py), bad))
    else:
        print("cross-check: ok %s: _wordfreq.pyd imports %d Stable-ABI-3.7 symbols from python3.dll "
              "only (+ %s)" % (os.path.basename(wheels[0]), len(py),
                               ", ".join(sorted(d for d in table if d.lower() != "python3.dll"))))
    for t in CHECK_TARGETS:
        p = subprocess.run(["cargo", "check", "-q", "-p", "limptest", "--target", t], cwd=ROOT,
                           env=dc.env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        print("cross-check: %s cargo check %s" % ("ok" if p.returncode == 0 else "FAIL", t))
        if p.returncode != 0:
            ok = False
            print(p.stdout.decode()[-3000:])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
