"""`bool` parameters accept numpy's boolean scalars (issue 15), as PyO3 does: a type named
`bool_` (numpy 1) or `bool` (numpy 2) whose module is `numpy` gives what its `__bool__`
returns. Tested with stand-ins of those types (no numpy needed) and with numpy itself when it
is installed. Other objects stay TypeErrors, and one whose type is also called `bool` is
named with its module ("not numpy.bool", never "must be bool, not bool")."""
import pytest

import limptest as lt


def fake(name, module="numpy", result=None):
    def __bool__(self):
        return self.value if result is None else result

    def __init__(self, value):
        self.value = value

    return type(name, (), {"__module__": module, "__bool__": __bool__, "__init__": __init__})


@pytest.mark.parametrize("name", ["bool_", "bool"])
def test_numpy_bool_stand_ins(name):
    cls = fake(name)
    assert lt.echo_bool(cls(True)) is True
    assert lt.echo_bool(cls(False)) is False


def test_a_bool_that_is_not_numpys_names_its_module():
    cls = fake("bool", module="mymod")
    with pytest.raises(TypeError) as info:
        lt.echo_bool(cls(True))
    assert str(info.value) == "echo_bool() argument 'x' must be bool, not mymod.bool"


def test_numpy_named_type_that_is_not_a_bool_scalar():
    with pytest.raises(TypeError) as info:
        lt.echo_bool(fake("int64")(1))
    assert str(info.value) == "echo_bool() argument 'x' must be bool, not int64"
    with pytest.raises(TypeError, match=r"__bool__ should return bool, returned int"):
        lt.echo_bool(fake("bool_", result=1)(True))


def test_real_numpy():
    np = pytest.importorskip("numpy")
    assert lt.echo_bool(np.bool_(True)) is True
    assert lt.echo_bool(np.bool_(False)) is False
    with pytest.raises(TypeError):
        lt.echo_bool(np.int64(1))
    with pytest.raises(TypeError):
        lt.echo_bool(np.array([True]))
