"""Classes extending builtin types with Rust data (issue 15): exceptions (`#[extends(PyValueError)]`,
`#[extends(PyException)]`), `dict` (`#[extends(PyDict)]`), a base found at run time
(`datetime.tzinfo` through `ClassBase::Import`), and the bases that cannot be extended
(variable-size, Python classes, not subclassable), on every interpreter from one binary."""
import datetime
import gc
import pickle
import sys
import weakref

import pytest

from limptest import extends as ext
from leakcheck import assert_rust_stable, rust_heap


class Marker:
    pass


# ---- exceptions ---------------------------------------------------------------------------------


def test_exception_fields_methods_and_args():
    e = ext.CodedError("bad", 3)
    assert e.code == 3 and e.double == 6
    assert e.describe() == "bad! (3)"
    assert e.args == ("bad", 3)
    assert str(e) == "('bad', 3)"
    assert repr(e) == "CodedError('bad', 3)"
    assert isinstance(e, ValueError) and isinstance(e, Exception)
    assert type(e).__mro__ == (ext.CodedError, ValueError, Exception, BaseException, object)
    assert type(e).__module__ == "limptest.extends"
    e.extra = 1  # exceptions have a __dict__ of their own
    assert e.__dict__ == {"extra": 1}


def test_one_argument_str():
    assert str(ext.CodedError("only")) == "only"


def test_raise_in_python_caught_as_valueerror():
    with pytest.raises(ValueError) as info:
        raise ext.CodedError("x", 5)
    assert info.value.code == 5
    try:
        raise ext.CodedError("y", 6)
    except ValueError as err:
        assert err.describe() == "y! (6)"


def test_raise_from_rust_caught_in_python():
    with pytest.raises(ext.CodedError) as info:
        ext.raise_coded(7)
    assert info.value.code == 7
    assert info.value.describe() == "from rust (7)"
    assert info.value.__traceback__ is not None


def test_caught_in_rust():
    def raise_it():
        raise ext.CodedError("z", 11)

    assert ext.catch_coded(raise_it) == 11
    assert ext.catch_coded(lambda: ext.raise_coded(9)) == 9
    assert ext.catch_coded(lambda: None) is None
    with pytest.raises(KeyError):
        ext.catch_coded(lambda: {}[1])


def test_exception_subclass_in_python():
    class Sub(ext.CodedError):
        def describe(self):
            return "sub:" + super().describe()

    s = Sub("s", 4)
    assert s.code == 4 and s.describe() == "sub:s! (4)"
    with pytest.raises(ValueError):
        raise s


def test_pickle_roundtrip():
    e = ext.CodedError("p", 2)
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is ext.CodedError and back.code == 2 and back.args == ("p", 2)


def test_exception_traceback_and_context():
    try:
        try:
            raise KeyError("inner")
        except KeyError:
            raise ext.CodedError("outer", 1)
    except ext.CodedError as err:
        assert isinstance(err.__context__, KeyError)


def test_gc_collects_a_cycle_through_rust_and_exception_fields():
    # through the Rust field (our traverse) ...
    marker = Marker()
    probe = weakref.ref(marker)
    held = [marker]
    err = ext.HoldingError(held)
    held.append(err)
    del marker, held, err
    gc.collect()
    assert probe() is None
    # ... and through the exception's own fields (the base's traverse, chained)
    marker = Marker()
    probe = weakref.ref(marker)
    err = ext.HoldingError(None)
    err.note = [marker, err]
    err.__context__ = err
    del marker, err
    gc.collect()
    assert probe() is None


# ---- dict ---------------------------------------------------------------------------------------


def test_dict_subclass():
    d = ext.CountingDict({"a": 1}, b=2)
    assert d == {"a": 1, "b": 2} and isinstance(d, dict)
    d["c"] = 3
    assert d.lookup("a") == 1 and d.lookup("c") == 3
    assert d.hits == 2 and len(d) == 3
    with pytest.raises(KeyError):
        d.lookup("zz")
    assert type(d).__mro__ == (ext.CountingDict, dict, object)


def test_dict_subclass_in_python_and_cycles():
    class Sub(ext.CountingDict):
        pass

    s = Sub(x=1)
    assert s.lookup("x") == 1 and s.hits == 1
    marker = Marker()
    probe = weakref.ref(marker)
    s["self"] = s
    s["m"] = marker
    del s, marker
    gc.collect()
    assert probe() is None


# ---- a base found at run time -------------------------------------------------------------------


def test_tzinfo_base():
    tz = ext.FixedZone(90)
    assert isinstance(tz, datetime.tzinfo) and tz.minutes == 90
    when = datetime.datetime(2020, 1, 1, tzinfo=tz)
    assert when.isoformat() == "2020-01-01T00:00:00+01:30"
    assert when.tzname() == "UTC+90"
    assert when.astimezone(datetime.timezone.utc).hour == 22


# ---- refused bases ------------------------------------------------------------------------------


def test_variable_size_base_is_refused():
    with pytest.raises(TypeError, match=r"class BadInt cannot extend 'int': it is a variable-size type"):
        ext.bad_base("int")


def test_python_class_base_is_refused():
    with pytest.raises(TypeError, match=r"cannot extend the Python class 'Fraction'"):
        ext.bad_base("fraction")


def test_final_base_is_refused_in_cpythons_words():
    with pytest.raises(TypeError, match=r"^type 'bool' is not an acceptable base type$"):
        ext.bad_base("bool")


# ---- leaks and references -----------------------------------------------------------------------


@pytest.mark.parametrize("cls, make", [
    (ext.CodedError, lambda: ext.CodedError("m", 1)),
    (ext.HoldingError, lambda: ext.HoldingError([1])),
    (ext.CountingDict, lambda: ext.CountingDict(a=1)),
    (ext.FixedZone, lambda: ext.FixedZone(5)),
    (ext.CodedError, lambda: pytest.raises(ValueError, ext.raise_coded, 1)),
], ids=["valueerror", "exception", "dict", "tzinfo", "raise-from-rust"])
def test_no_leak_and_type_refcount_stable(cls, make):
    for _ in range(100):
        make()
    gc.collect()
    refs = sys.getrefcount(cls)
    heap = rust_heap()
    n = 2000
    for _ in range(n):
        make()
    gc.collect()
    assert_rust_stable(heap, n)
    assert sys.getrefcount(cls) == refs


def test_python_subclass_instances_release_their_type():
    class Sub(ext.CodedError):
        pass

    Sub("w")
    refs = sys.getrefcount(Sub)
    for _ in range(500):
        Sub("x", 1)
    assert sys.getrefcount(Sub) == refs


# ---- create_exception! with a dotted module path ----------------------------------------------


def test_create_exception_dotted_module():
    cls = ext.dotted_error()
    assert cls.__module__ == "limptest.deep.pkg"
    assert cls.__name__ == cls.__qualname__ == "DottedError"
    assert issubclass(cls, ValueError)
    assert cls.__doc__ == "An exception of a dotted module path."
    assert repr(cls("x")) == "DottedError('x')"


# ---- #[extends] classes built in Rust -----------------------------------------------------------


def test_extends_class_built_in_rust():
    dog = ext.make_dog("Rex", "collie")
    assert type(dog) is ext.Dog and isinstance(dog, ext.Animal)
    assert (dog.name, dog.breed) == ("Rex", "collie")
    assert dog.speak() == "Rex makes a sound"
    py_dog = ext.Dog("Fido", "pug")
    assert (py_dog.name, py_dog.breed) == ("Fido", "pug")


def test_extends_class_without_its_base_part_is_refused():
    with pytest.raises(TypeError, match=r"Dog extends Animal: its #\[new\] must return \(Dog, Animal\)"):
        ext.make_dog_without_base()


def test_chain_on_a_builtin_base():
    e = ext.DetailedError("msg", "why")
    assert (e.detail, e.code, e.describe()) == ("why", 42, "msg (42)")
    assert isinstance(e, ext.CodedError) and isinstance(e, ValueError)
    assert e.args == ("msg", "why")
    with pytest.raises(ext.CodedError) as info:
        ext.raise_detailed("deep")
    assert (info.value.detail, info.value.code) == ("deep", 7)
    assert type(info.value).__mro__[:3] == (ext.DetailedError, ext.CodedError, ValueError)


@pytest.mark.parametrize("make", [
    lambda: ext.make_dog("a", "b"),
    lambda: ext.DetailedError("m", "d"),
    lambda: pytest.raises(ValueError, ext.raise_detailed, "x"),
], ids=["rust-dog", "chain", "chain-from-rust"])
def test_chains_do_not_leak(make):
    for _ in range(100):
        make()
    gc.collect()
    heap = rust_heap()
    for _ in range(2000):
        make()
    gc.collect()
    assert_rust_stable(heap, 2000)


# ---- a Clone class by value ----------------------------------------------------------------------


def test_clone_class_by_value():
    p = ext.Pt(1, 2)
    assert ext.pt_sum(p) == 3
    q = ext.pt_shift(p, 10)
    assert (q.x, q.y, p.x) == (11, 2, 1) and q is not p
    assert ext.pt_total(p, [p, ext.Pt(5, 5)]) == 16
    assert ext.pt_total(None, []) == 0
    with pytest.raises(TypeError, match=r"pt_sum\(\) argument 'p' must be Pt, not int"):
        ext.pt_sum(3)


DEEP = r"""
import gc, sys
from limptest import extends as ext
class Sub(ext.CountingDict):
    pass
for make in (ext.CountingDict, Sub, lambda: ext.HoldingError(None)):
    d = None
    for _ in range(200000):
        n = make()
        if isinstance(n, dict):
            n["x"] = d
        else:
            n.note = d
        d = n
    del d, n
    gc.collect()
print("deep ok")
"""


def test_deeply_nested_instances_are_freed_without_crash():
    # 200,000 nested deallocs through the base's dealloc (dict's uses CPython's trashcan,
    # which may defer an object and call our dealloc again on 3.7): in a subprocess.
    import os
    import subprocess

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    p = subprocess.run([sys.executable, "-c", DEEP], env=env, capture_output=True, text=True, timeout=300)
    assert (p.returncode, p.stdout.strip(), p.stderr) == (0, "deep ok", "")
