"""`#[extends]` of a base that lies about its layout: refused with a TypeError before any
instance is laid out, never a cell written over the object header (issue 14).

Each case runs in a subprocess: before the fix, the first one read a non-type object as a
`PyTypeObject` and the second laid the Rust value over the object header (a crash)."""

import subprocess
import sys
import textwrap

import pytest

HOSTILE = textwrap.dedent("""
    import sys, types
    mod = types.ModuleType("limptest_hostile_bases")

    class FakeType:
        # isinstance(obj, type) believes __class__; so did limpet's check.
        __class__ = property(lambda self: type)
        __name__ = "FakeType"
        __flags__ = 1 << 10  # BASETYPE, not HEAPTYPE
        __itemsize__ = 0
        __basicsize__ = 16
        __dictoffset__ = 0
        __weakrefoffset__ = 0

    class Meta(type):
        # What getattr(Lying, ...) returns: a static (non-heap) type with no items whose
        # header would end at 8 bytes.
        __flags__ = property(lambda cls: type.__dict__["__flags__"].__get__(cls) & ~(1 << 9))
        __itemsize__ = property(lambda cls: 0)
        __basicsize__ = property(lambda cls: 8)
        __dictoffset__ = property(lambda cls: 0)
        __weakrefoffset__ = property(lambda cls: 0)

    class Lying(int, metaclass=Meta):
        pass

    mod.fake_type = FakeType()
    mod.Lying = Lying
    sys.modules[mod.__name__] = mod
""")


def run(which):
    code = HOSTILE + textwrap.dedent(f"""
        import limptest
        try:
            limptest.extends.hostile_base({which!r})
        except TypeError as e:
            print("TypeError:", e)
        else:
            print("accepted")
    """)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("which, message", [
    ("fake", "TypeError: class OnFakeType cannot extend <"),
    ("lying", "TypeError: class OnLying cannot extend the Python class 'Lying'"),
])
def test_lying_base_is_refused(which, message):
    proc = run(which)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(message), proc.stdout
    if which == "fake":
        assert proc.stdout.rstrip().endswith(": it is not a type"), proc.stdout
