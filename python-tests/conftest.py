"""Shared helpers for the limptest suite (one .abi3.so, every CPython 3.7+, both calling paths).

The calling path under test comes from LIMPET_CALLCONV (``varargs`` selects
METH_VARARGS|METH_KEYWORDS, anything else/unset METH_FASTCALL|METH_KEYWORDS); the runner
sets it, and ``test_module.py`` checks that the extension really took it.
"""
import os
import re
import sys

import pytest

PY = sys.version_info[:2]

# Property tests check behaviour, not speed: hypothesis' default 200 ms deadline per example
# fails them on a loaded CI machine (seen: test_records at 263 ms on a 2-core box at load 20).
try:
    from hypothesis import settings as _hypothesis_settings
except ImportError:  # the suite's venvs install it; a bare run may not have it
    pass
else:
    _hypothesis_settings.register_profile("limpet", deadline=None)
    _hypothesis_settings.load_profile("limpet")

#: What LIMPET_CALLCONV asks for, in the names ``limptest.callconv()`` returns.
EXPECTED_CALLCONV = "varargs" if os.environ.get("LIMPET_CALLCONV") in ("varargs", "tuple") else "fastcall"

#: Python 3.7 has no ``/`` syntax: positional-only references cannot be written there.
needs_posonly_syntax = pytest.mark.skipif(
    PY < (3, 8), reason="Python 3.7 has no positional-only '/' syntax to write the pure-Python reference"
)

# 3.13+ appends ". Did you mean 'x'?" to some "unexpected keyword argument" messages of
# Python functions (not of builtins); the reference's message is compared without it.
_DID_YOU_MEAN = re.compile(r"\. Did you mean '[^']*'\?$")


def strip_suggestion(msg):
    return _DID_YOU_MEAN.sub("", msg)


def outcome(f, args=(), kwargs=None):
    """``("ok", result)`` or ``("raise", type, message)`` of ``f(*args, **kwargs)``."""
    try:
        return ("ok", f(*args, **(kwargs or {})))
    except Exception as e:  # noqa: BLE001 - compared field by field
        return ("raise", type(e), strip_suggestion(str(e)))


def pyfunc(src, name):
    """Define a Python function from source (so 3.8+ syntax can be used behind a skip)."""
    ns = {}
    exec(src, ns)
    return ns[name]


def run(code, timeout=120):
    """Run `code` in a fresh interpreter that imports this limptest build (faulthandler on);
    fail unless it exits 0; its (stdout, stderr)."""
    import subprocess
    import limptest
    env = dict(os.environ)
    so_dir = os.path.dirname(os.path.abspath(limptest.__file__))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (so_dir, env.get("PYTHONPATH")) if p)
    p = subprocess.run([sys.executable, "-X", "faulthandler", "-c", code], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                       universal_newlines=True)
    assert p.returncode == 0, "subprocess failed (rc=%s):\n%s\n%s" % (p.returncode, p.stdout, p.stderr[-3000:])
    return p.stdout, p.stderr
