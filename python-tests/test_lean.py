"""Issue 13 (a lean build): the tuple/dict calling path is one shared adapter to the fastcall
shims; it must own what it lays out (run on both paths by the matrix)."""
import os
import subprocess
import sys

SCRIPT = r"""
import weakref
import limptest as lt

class Obj:
    pass

for _ in range(50):
    d = {"value": Obj()}          # the dict holds the only reference
    w = weakref.ref(d["value"])
    r = lt.kw_after_callback(d.clear, **d)   # the body empties the very dict CPython passed
    assert d == {}
    assert type(r) is Obj and w() is r, (type(r), w())
print("ok")
"""


def test_keyword_values_outlive_a_cleared_kwargs_dict():
    # The debug allocator poisons freed memory: a keyword value the adapter did not own would
    # be read after the free.
    env = dict(os.environ, PYTHONMALLOC="debug")
    p = subprocess.run([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert p.returncode == 0, p.stderr.decode(errors="replace")
    assert p.stdout.decode().strip() == "ok"
