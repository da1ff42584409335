"""The calling path LIMPET_CALLCONV selects is the one really registered: the ``ml_flags`` of
every builtin function of the module, its submodules and the classes' methods, read back with
``PyCFunction_GetFlags`` (in the Stable ABI, called through ``ctypes.pythonapi``).

``limptest.callconv()`` only reports what the runtime chose; if registration ignored that
choice, every test of the varargs half of the matrix would silently repeat the fastcall half.
"""
import ctypes
import inspect
import types

import pytest

import limptest
from conftest import EXPECTED_CALLCONV

METH_VARARGS, METH_KEYWORDS, METH_NOARGS, METH_O = 0x1, 0x2, 0x4, 0x8
METH_CLASS, METH_STATIC, METH_COEXIST, METH_FASTCALL, METH_METHOD = 0x10, 0x20, 0x40, 0x80, 0x200
CALL_BITS = METH_VARARGS | METH_KEYWORDS | METH_NOARGS | METH_O | METH_FASTCALL | METH_METHOD

_get_flags = ctypes.pythonapi.PyCFunction_GetFlags
_get_flags.argtypes = [ctypes.py_object]
_get_flags.restype = ctypes.c_int


def flags(f):
    assert type(f) is types.BuiltinFunctionType, f  # a PyCFunction: GetFlags is defined on it
    return _get_flags(f)


# What registration may choose on each path: every function takes METH_FASTCALL|METH_KEYWORDS
# or METH_VARARGS|METH_KEYWORDS; on the fastcall path a method without parameters may take
# METH_NOARGS instead (src/function.rs).
ALLOWED = {
    "fastcall": {METH_FASTCALL | METH_KEYWORDS, METH_NOARGS},
    "varargs": {METH_VARARGS | METH_KEYWORDS},
}

# instances for the methods (a method descriptor is not a PyCFunction; a bound method is)
INSTANCES = {
    "Point": lambda: limptest.Point(1, 2, 3, 4),
    "AsyncCounter": lambda: limptest.AsyncCounter(0),
    "Shared": lambda: limptest.Shared(1),
}


def _modules():
    seen, todo = [], [limptest]
    while todo:
        m = todo.pop()
        seen.append(m)
        todo.extend(v for v in vars(m).values()
                    if isinstance(v, types.ModuleType) and v.__name__.startswith(m.__name__ + "."))
    return seen


def _instance(cls):
    make = INSTANCES.get(cls.__name__)
    if make is not None:
        return make()
    try:
        return cls()
    except Exception:  # noqa: BLE001 - a class without a no-argument constructor
        return None


def registered_functions():
    """(qualified name, PyCFunction) of every function and of every method reachable as one."""
    out = []
    for m in _modules():
        for name, v in sorted(vars(m).items()):
            if type(v) is types.BuiltinFunctionType:
                out.append(("%s.%s" % (m.__name__, name), v))
            elif isinstance(v, type) and v.__module__.startswith("limptest"):
                # An instance only for a class with methods to read: the others include
                # classes whose Drop panics or leaves an error on purpose (LcPanicDrop,
                # LcErrDrop), reported as unraisable when the instance is freed.
                has_methods = any(type(d).__name__ == "method_descriptor" for d in vars(v).values())
                inst = _instance(v) if has_methods else None
                for attr, d in sorted(vars(v).items()):
                    if isinstance(d, staticmethod):
                        f = d.__func__
                    elif isinstance(d, classmethod) or type(d).__name__ == "classmethod_descriptor":
                        f = getattr(v, attr)
                    elif type(d).__name__ == "method_descriptor" and inst is not None:
                        f = getattr(inst, attr)
                    else:
                        continue
                    if type(f) is types.BuiltinFunctionType:
                        out.append(("%s.%s.%s" % (m.__name__, v.__name__, attr), f))
    return out


FUNCTIONS = registered_functions()


def test_enough_functions_are_checked():
    names = {n for n, _ in FUNCTIONS}
    assert len(FUNCTIONS) > 150, len(FUNCTIONS)
    for n in ("limptest.add", "limptest.sub.add", "limptest.sub.deeper.deep_add", "limptest.classfx.new_point",
              "limptest.reliability.rel_call", "limptest.Point.shift", "limptest.AsyncCounter.double",
              "limptest.AsyncCounter.class_name", "limptest.AsyncCounter.peek"):
        assert n in names, n


def test_every_function_is_registered_with_the_selected_calling_convention():
    allowed = ALLOWED[EXPECTED_CALLCONV]
    wrong = {n: hex(flags(f)) for n, f in FUNCTIONS if flags(f) & CALL_BITS not in allowed}
    assert not wrong, (EXPECTED_CALLCONV, wrong)


def test_the_two_paths_differ():
    """Not a constant: the plain function's flags are exactly the selected path's."""
    want = METH_FASTCALL | METH_KEYWORDS if EXPECTED_CALLCONV == "fastcall" else METH_VARARGS | METH_KEYWORDS
    assert flags(limptest.add) & CALL_BITS == want
    assert flags(limptest.callconv) & CALL_BITS == want
    assert limptest.callconv() == EXPECTED_CALLCONV


def test_binding_flags():
    """Static and class methods carry METH_STATIC / METH_CLASS besides the calling convention."""
    C = limptest.AsyncCounter
    assert flags(vars(C)["double"].__func__) & METH_STATIC
    assert flags(C.class_name) & METH_CLASS
    assert not flags(C(0).peek) & (METH_STATIC | METH_CLASS)


def test_flags_reader_sees_cpython_builtins():
    """The reader itself: CPython's own builtins report their known flags."""
    assert flags(len) & CALL_BITS == METH_O
    assert flags(globals) & CALL_BITS == METH_NOARGS
    assert inspect.isbuiltin(len)
