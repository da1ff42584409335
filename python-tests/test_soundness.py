"""Soundness (issue 14): hidden entry points that safe Rust code can reach check what they
are given instead of writing through it.

``limptest.sound_new_for(cls, v)`` calls ``limpet::class::new_for_subtype::<SoundHolder, _>``
from safe Rust with any object as the type to instantiate. Before the fix it allocated ``cls``
and wrote a SoundHolder cell at SoundHolder's offset: a crash or heap corruption for ``int`` or
a non-type. The cases that crashed run in a child process, whose exit status is checked.
"""
import subprocess
import sys

import pytest

import limptest as lt


def test_new_for_own_class_and_subclass():
    obj = lt.sound_new_for(lt.SoundHolder, 3)
    assert type(obj) is lt.SoundHolder and obj.value == 3

    class Sub(lt.SoundHolder):
        pass

    sub = lt.sound_new_for(Sub, 4)
    assert type(sub) is Sub and sub.value == 4
    sub.extra = 1  # a Python subclass's instance: its __dict__ works
    assert sub.extra == 1


_CHILD = r"""
import sys
import limptest as lt
class Plain:
    pass
for cls in (int, Plain, lt.Point, type, object, 5, "x", None):
    try:
        lt.sound_new_for(cls, 1)
    except TypeError as e:
        print(e)
    else:
        print("created")
"""


def test_new_for_rejects_non_subtypes():
    r = subprocess.run([sys.executable, "-X", "faulthandler", "-c", _CHILD],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    assert r.stdout.decode().splitlines() == [
        "limptest.SoundHolder.__new__(int): int is not a subtype of limptest.SoundHolder",
        "limptest.SoundHolder.__new__(Plain): Plain is not a subtype of limptest.SoundHolder",
        "limptest.SoundHolder.__new__(Point): Point is not a subtype of limptest.SoundHolder",
        "limptest.SoundHolder.__new__(type): type is not a subtype of limptest.SoundHolder",
        "limptest.SoundHolder.__new__(object): object is not a subtype of limptest.SoundHolder",
        "limptest.SoundHolder.__new__(X): X is not a type object (int)",
        "limptest.SoundHolder.__new__(X): X is not a type object (str)",
        "limptest.SoundHolder.__new__(X): X is not a type object (NoneType)",
    ]


def test_new_for_matches_cpython_wording():
    # The wording above is what CPython's own tp_new wrapper says for `SoundHolder.__new__(cls)`.
    with pytest.raises(TypeError) as info:
        lt.SoundHolder.__new__(int)
    assert str(info.value) == "limptest.SoundHolder.__new__(int): int is not a subtype of limptest.SoundHolder"
    with pytest.raises(TypeError) as info:
        lt.SoundHolder.__new__(5)
    assert str(info.value) == "limptest.SoundHolder.__new__(X): X is not a type object (int)"
