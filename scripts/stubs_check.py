"""make stubs-check: write limptest's generated stub files into OUTDIR, then with mypy --strict
(MYPYPATH=OUTDIR) require python-tests/stubs_usage.py to pass and python-tests/stubs_misuse.py
to fail with exactly the errors its `# E: CODE` comments mark.

Run with the tools venv's python (mypy) and PYTHONPATH pointing at the built limptest.abi3.so:
    PYTHONPATH=python-tests/build python scripts/stubs_check.py python-tests/build/stubs
"""
import os
import re
import shutil
import subprocess
import sys

import limptest

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.abspath(sys.argv[1])
shutil.rmtree(out, ignore_errors=True)
files = limptest.__limpet_stubs__(files=True)
for rel, text in files.items():
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def mypy(rel):
    env = dict(os.environ, MYPYPATH=out)
    p = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--no-error-summary",
                        "--show-error-codes", os.path.join(root, rel)],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=root)
    return p.returncode, p.stdout.decode()


code, text = mypy("python-tests/stubs_usage.py")
if code != 0:
    sys.exit("stubs-check: FAILED: mypy --strict rejects python-tests/stubs_usage.py:\n" + text)

misuse = "python-tests/stubs_misuse.py"
with open(os.path.join(root, misuse), encoding="utf-8") as f:
    want = {(i, m.group(1)) for i, line in enumerate(f, 1) for m in [re.search(r"# E: ([a-z][a-z-]*)\s*$", line)] if m}
code, text = mypy(misuse)
got = {(int(m.group(1)), m.group(2)) for m in re.finditer(r"stubs_misuse\.py:(\d+): error: .*\[([\w-]+)\]", text)}
if code == 0 or got != want:
    sys.exit("stubs-check: FAILED: mypy --strict on %s: want errors %s, got %s:\n%s"
             % (misuse, sorted(want), sorted(got), text))
print("stubs-check: %d stub files; stubs_usage.py type-checks, stubs_misuse.py fails with its %d marked errors"
      % (len(files), len(want)))
