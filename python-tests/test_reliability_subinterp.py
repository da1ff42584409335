"""Sub-interpreters (issue 6, item 6): importing limptest in a second interpreter is refused
with a clear ImportError (never a crash), and the main interpreter keeps working.

Each case runs in a fresh subprocess (a crash there fails the test instead of killing the
run). The APIs by version:

- 3.7: ``_testcapi.run_in_subinterp`` (legacy sub-interpreter, shares the GIL)
- 3.8 .. 3.11: ``_xxsubinterpreters.create()`` + ``run_string``
- 3.12: ``_xxsubinterpreters.create(isolated=True)`` (own GIL, strict extension check)
- 3.13+: ``_interpreters.create()`` (isolated by default) + ``run_string``
- 3.12+ also: the legacy kind through ``_testcapi.run_in_subinterp``, where CPython's
  ``Py_mod_multiple_interpreters`` check does not apply and limpet's own interpreter
  identity check must refuse.
"""
import json
import os
import subprocess
import sys

import pytest

import limptest

PY = sys.version_info[:2]
SO_DIR = os.path.dirname(os.path.abspath(limptest.__file__))

DRIVER = r'''
import json, os, sys, tempfile
mode, order, so_dir = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, so_dir)
out = tempfile.mktemp()
code = """
import sys
sys.path.insert(0, %r)
try:
    import limptest
    r = 'imported: add=%%r' %% (limptest.add(1, 2),)
except ImportError as e:
    r = 'ImportError: ' + str(e)
except BaseException as e:
    r = 'other %%s: %%s' %% (type(e).__name__, e)
with open(%r, 'w') as f:
    f.write(r)
""" % (so_dir, out)
res = {}
if order == 'main-first':
    import limptest
    res['main_before'] = limptest.add(2, 3)

def run_legacy():
    import _testcapi
    res['rc'] = _testcapi.run_in_subinterp(code)

def run_xx(isolated):
    import _xxsubinterpreters as xx
    iid = xx.create(isolated=isolated) if isolated is not None else xx.create()
    try:
        xx.run_string(iid, code)
    finally:
        xx.destroy(iid)

def run_interpreters():
    import _interpreters as xi
    iid = xi.create()
    try:
        r = xi.run_string(iid, code)
        res['run_string'] = repr(r)
    finally:
        xi.destroy(iid)

if mode == 'legacy':
    run_legacy()
elif mode == 'xx':
    run_xx(None)
elif mode == 'xx-isolated':
    run_xx(True)
elif mode == 'interpreters':
    run_interpreters()
res['sub'] = open(out).read() if os.path.exists(out) else None
# the main interpreter keeps working (and can still import the module)
try:
    import limptest
    res['main_after'] = limptest.add(40, 2)
except BaseException as e:
    res['main_after'] = '%s: %s' % (type(e).__name__, e)
print('RESULT ' + json.dumps(res))
'''


def _run(mode, order):
    p = subprocess.run([sys.executable, "-X", "faulthandler", "-c", DRIVER, mode, order, SO_DIR],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60,
                       universal_newlines=True)
    assert p.returncode == 0, "subprocess failed (rc=%s):\n%s\n%s" % (p.returncode, p.stdout, p.stderr[-3000:])
    line = [l for l in p.stdout.splitlines() if l.startswith("RESULT ")]
    assert line, p.stdout + p.stderr
    res = json.loads(line[-1][len("RESULT "):])
    path = os.environ.get("LIMPET_RELIABILITY_RECORD")
    if path:
        with open(path, "a") as f:
            f.write(json.dumps({"kind": "subinterp", "python": "%d.%d.%d" % sys.version_info[:3],
                                "mode": mode, "order": order, "result": res}) + "\n")
    return res


def _modes():
    modes = []
    if PY >= (3, 13):
        modes.append("interpreters")
    elif PY == (3, 12):
        modes.append("xx-isolated")
    elif PY >= (3, 8):
        modes.append("xx")
    modes.append("legacy")
    return modes


def _have(mode):
    import importlib
    name = {"legacy": "_testcapi", "xx": "_xxsubinterpreters", "xx-isolated": "_xxsubinterpreters",
            "interpreters": "_interpreters"}[mode]
    try:
        importlib.import_module(name)
        return True
    except ImportError:
        return False


@pytest.mark.parametrize("mode", _modes())
def test_second_interpreter_refused_cleanly(mode):
    if not _have(mode):
        pytest.skip("no sub-interpreter API for mode %s on this interpreter" % mode)
    res = _run(mode, "main-first")
    assert res["main_before"] == 5
    assert res["sub"] is not None, res
    assert res["sub"].startswith("ImportError: "), res
    assert "subinterpreter" in res["sub"], res
    assert "limptest" in res["sub"], res
    assert res["main_after"] == 42, res


@pytest.mark.parametrize("mode", _modes())
def test_subinterpreter_first_then_main(mode):
    """The sub-interpreter imports first. Isolated kinds (3.12+) refuse it there; the
    legacy kind lets the FIRST interpreter have the module. Either way: no crash, and the
    main interpreter gets a working module or a clean ImportError."""
    if not _have(mode):
        pytest.skip("no sub-interpreter API for mode %s on this interpreter" % mode)
    res = _run(mode, "sub-first")
    assert res["sub"] is not None, res
    assert res["sub"].startswith(("ImportError: ", "imported: ")), res
    if mode in ("interpreters", "xx-isolated"):
        assert res["sub"].startswith("ImportError: "), res
        assert res["main_after"] == 42, res
    else:
        assert res["main_after"] == 42 or str(res["main_after"]).startswith("ImportError"), res


def test_main_interpreter_not_refused_after_legacy_subinterpreter_imported_first():
    if not _have("legacy"):
        pytest.skip("no _testcapi.run_in_subinterp")
    res = _run("legacy", "sub-first")
    assert res["main_after"] == 42, res
