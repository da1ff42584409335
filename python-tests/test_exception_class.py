"""`create_exception!` classes are the classes `PyErr_NewExceptionWithDoc` makes (limpet builds
them with `type(name, (base,), namespace)` through safe calls): the same namespace, layout,
metaclass and names, with and without a docstring, for a dotted module path too."""
import ctypes

import pytest

import limptest as lt
from limptest import extends as ext


def reference(qualified, doc, base):
    f = ctypes.pythonapi.PyErr_NewExceptionWithDoc
    f.restype = ctypes.py_object
    f.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.py_object, ctypes.c_void_p]  # dict: NULL
    return f(qualified.encode(), None if doc is None else doc.encode(), base, None)


def shape(cls):
    return {
        "namespace": sorted(vars(cls)),
        "module": cls.__module__,
        "name": cls.__name__,
        "qualname": cls.__qualname__,
        "doc": cls.__doc__,
        "mro": [c.__name__ for c in cls.__mro__[1:]],
        "metaclass": type(cls),
        "basicsize": cls.__basicsize__,
        "dictoffset": cls.__dictoffset__,
        "weakrefoffset": cls.__weakrefoffset__,
        # Py_TPFLAGS_VALID_VERSION_TAG (1 << 19) is the method cache's state: set once
        # attributes of the class were looked up, which earlier tests do.
        "flags": cls.__flags__ & ~(1 << 19),
    }


@pytest.mark.parametrize("cls, qualified, doc, base", [
    (lambda: lt.MyError, "limptest.MyError", "A test error, a ValueError subclass.", ValueError),
    (lambda: lt.MyChildError, "limptest.MyChildError", None, lambda: lt.MyError),
    (lambda: ext.dotted_error(), "limptest.deep.pkg.DottedError", "An exception of a dotted module path.",
     ValueError),
])
def test_same_class_as_pyerr_new_exception_with_doc(cls, qualified, doc, base):
    cls = cls()
    base = base if isinstance(base, type) else base()
    assert shape(cls) == shape(reference(qualified, doc, base))
