"""Interpreter shutdown while threads still use limpet (issue 11, items 4 and 5).

When the main thread finishes, CPython finalizes the interpreter while daemon threads (and
threads Python does not know, such as Rust's std::thread) may still run. Before 3.14 a thread
that then takes the GIL is ended with pthread_exit, a forced unwind that aborts the process
when it meets Rust frames ("FATAL: exception not rethrown"); 3.14+ hangs such threads, and
taking the GIL once finalization has completed crashes. Every scenario below must end with
exit status 0 and a clean stderr, on every interpreter.

Each scenario runs in a fresh subprocess, several times. `Slow.__del__` runs while the
interpreter finalizes (after `sys.is_finalizing()` turned True, when sys.modules is
emptied) and releases the GIL for a while, so that the threads, which retry every few milliseconds, meet the finalizing
interpreter on every run; the scenarios without it race the plain exit instead.
"""
import os
import subprocess
import sys
import weakref

import pytest

import limptest

SO_DIR = os.path.dirname(os.path.abspath(limptest.__file__))
RUNS = 3

PROLOGUE = r'''
import sys, threading, time, types
sys.path.insert(0, %r)
import limptest
sd = limptest.reliability

class Slow:
    """Torn down while the interpreter finalizes; its sleep hands the GIL to the threads."""
    def __del__(self, sleep=time.sleep):
        sleep(0.15)

def slow_teardown():
    # One kept by a module of its own: 3.7/3.8 do not clear __main__ while daemon threads
    # still run (their frames refer to it), but every module in sys.modules is released.
    m = sys.modules["_sd_slow"] = types.ModuleType("_sd_slow")
    m.slow = Slow()
    # One in __main__, torn down later (3.9+).
    globals()["slow"] = Slow()

def daemons(n, target, *args):
    def loop():
        while True:
            target(*args)
    for _ in range(n):
        threading.Thread(target=loop, daemon=True).start()
''' % SO_DIR

SCENARIOS = {
    # item 4: daemon Python threads inside py.allow_threads when the interpreter finalizes
    "daemon-allow-threads": "daemons(4, sd.sd_nogil_sleep, 2)\nslow_teardown()\ntime.sleep(0.05)",
    "daemon-allow-threads-race": "daemons(4, sd.sd_nogil_sleep, 1)\ntime.sleep(0.05)",
    # item 5: a Py<T> dropped without the GIL (inside allow_threads) on daemon threads
    "daemon-drop-nogil": "daemons(4, lambda: sd.sd_nogil_drop(object(), 2))\nslow_teardown()\ntime.sleep(0.05)",
    # item 5: Rust threads calling with_gil during and after finalization
    "rust-with-gil": "sd.sd_spawn_with_gil(3, 2)\nslow_teardown()\ntime.sleep(0.05)",
    "rust-with-gil-hammer": "sd.sd_spawn_with_gil(2, 0)\ntime.sleep(0.05)",
    "rust-with-gil-hammer-slow": "sd.sd_spawn_with_gil(2, 0)\nslow_teardown()\ntime.sleep(0.05)",
    # a Rust thread inside allow_threads within with_gil (it has a Python thread state)
    "rust-nested-allow-threads": "sd.sd_spawn_nested(2, 2)\nslow_teardown()\ntime.sleep(0.05)",
    # item 5: a Rust thread dropping Py<T>s it holds
    "rust-dropper": "sd.sd_spawn_dropper([object() for _ in range(5000)], 1)\nslow_teardown()\ntime.sleep(0.05)",
    "rust-dropper-hammer": "sd.sd_spawn_dropper([[i] for i in range(200000)], 0)\ntime.sleep(0.02)",
    # everything at once
    "all": "daemons(2, sd.sd_nogil_sleep, 1)\ndaemons(2, lambda: sd.sd_nogil_drop([1], 1))\n"
           "sd.sd_spawn_with_gil(2, 0)\nsd.sd_spawn_nested(1, 1)\n"
           "sd.sd_spawn_dropper([object() for _ in range(5000)], 1)\nslow_teardown()\ntime.sleep(0.05)",
}

BAD = ("FATAL", "Fatal Python error", "abort", "Abort", "panicked", "Segmentation", "Traceback")


def _run(body):
    script = PROLOGUE + body + "\nprint('main done', flush=True)\n"
    p = subprocess.run([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=dict(os.environ), timeout=120, universal_newlines=True)
    return p


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_exit_while_threads_use_python(name):
    for run in range(RUNS):
        p = _run(SCENARIOS[name])
        where = "%s, run %d: rc=%s\nstdout:\n%s\nstderr:\n%s" % (name, run, p.returncode, p.stdout, p.stderr[-3000:])
        assert p.returncode == 0, where
        assert "main done" in p.stdout, where
        for bad in BAD:
            assert bad not in p.stderr, where


def test_drop_on_rust_thread_releases_reference():
    """Without shutdown, a Py<T> dropped on a thread without the GIL is released as usual."""

    class Obj:
        pass

    obj = Obj()
    ref = weakref.ref(obj)
    assert limptest.reliability.sd_drop_on_thread(obj)
    del obj
    assert ref() is None


def test_threads_work_before_shutdown():
    """The same functions used while the interpreter runs: nothing hangs or leaks."""
    sd = limptest.reliability
    assert sd.sd_nogil_sleep(1) == 1

    class Obj:
        pass

    obj = Obj()
    ref = weakref.ref(obj)
    sd.sd_nogil_drop(obj, 1)
    del obj
    assert ref() is None
