"""The module object: docstring, constants, exceptions, submodules, runtime facts."""
import importlib
import sys

import pytest

import limptest
from conftest import EXPECTED_CALLCONV


def test_module_doc_and_name():
    assert limptest.__name__ == "limptest"
    assert limptest.__doc__ == "The limpet test module.\n\nSecond paragraph."
    assert limptest.__file__.endswith((".abi3.so", ".abi3t.so"))  # the cp37-abi3 or the abi3t binary


def test_constants():
    assert limptest.VERSION == "1.0"
    assert limptest.ANSWER == 42 and type(limptest.ANSWER) is int
    assert limptest.BIG == 2**64 - 1
    assert limptest.PAIR == (1, "two", 3.5)
    assert limptest.NOTHING is None
    assert limptest.LIMITS == [-(2**63), 2**63 - 1]


def test_callconv_matches_env():
    """The env switch really selects the registered calling convention."""
    assert limptest.callconv() == EXPECTED_CALLCONV


def test_interpreter_version_detected():
    assert limptest.interpreter_version() == tuple(sys.version_info[:3])


def test_functions_module_attribute():
    assert limptest.add.__module__ == "limptest"
    assert limptest.echo_i64.__module__ == "limptest"
    assert limptest.add.__name__ == "add"
    assert limptest.add.__self__ is limptest
    assert type(limptest.add).__name__ == "builtin_function_or_method"


def test_function_callable_from_module():
    assert limptest.add(1) == 2
    assert limptest.add(1, 2, c=3) == 6


def test_submodule_import():
    import limptest.sub  # noqa: F401  (registered in sys.modules by the parent's init)
    import limptest.sub.deeper  # noqa: F401

    sub = sys.modules["limptest.sub"]
    assert sub is limptest.sub
    assert sub.__name__ == "limptest.sub"
    assert sub.__doc__ == "The submodule."
    assert sub.LEVEL == 1
    assert sub.sub_hello() == "hello world"
    assert sub.sub_hello("x") == "hello x"
    assert sub.sub_hello.__module__ == "limptest.sub"
    # The same Rust function may sit in two modules; each copy knows its own module.
    assert sub.add(1, 2) == 3 and sub.add.__module__ == "limptest.sub"
    assert limptest.add.__module__ == "limptest"
    deeper = importlib.import_module("limptest.sub.deeper")
    assert deeper is limptest.sub.deeper
    assert deeper.__name__ == "limptest.sub.deeper"
    assert deeper.__doc__ == "Two levels down."
    assert deeper.LEVEL == 2
    assert deeper.deep_add(2, 3) == 5
    assert deeper.deep_add.__module__ == "limptest.sub.deeper"


def test_from_import_submodule():
    from limptest.sub import sub_hello

    assert sub_hello(name="y") == "hello y"


def test_exception_classes_on_module():
    assert issubclass(limptest.MyError, ValueError)
    assert limptest.MyError.__module__ == "limptest"
    assert limptest.MyError.__name__ == "MyError"
    assert limptest.MyError.__qualname__ == "MyError"
    assert limptest.MyError.__doc__ == "A test error, a ValueError subclass."
    assert issubclass(limptest.MyChildError, limptest.MyError)
    assert limptest.MyChildError.__module__ == "limptest"


def test_module_dir_lists_everything():
    names = set(dir(limptest))
    for n in ("add", "everything", "echo_u128", "MyError", "VERSION", "sub", "callconv"):
        assert n in names


def test_reimport_is_same_module():
    assert importlib.import_module("limptest") is limptest


def _run(code, env_value, *flags):
    import os
    import subprocess

    env = dict(os.environ)
    env.pop("LIMPET_CALLCONV", None)
    if env_value is not None:
        env["LIMPET_CALLCONV"] = env_value
    env["PYTHONPATH"] = os.path.dirname(limptest.__file__)
    out = subprocess.run([sys.executable] + list(flags) + ["-c", code], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    assert out.returncode == 0, out.stderr.decode()
    return out.stdout.decode().strip()


@pytest.mark.parametrize("value,expected", [(None, "fastcall"), ("varargs", "varargs"),
                                            ("tuple", "varargs"), ("fastcall", "fastcall"),
                                            ("bogus", "fastcall")])
def test_callconv_switch_in_fresh_process(value, expected):
    code = "import limptest; print(limptest.callconv(), limptest.everything(1, d=2, z=3))"
    assert _run(code, value) == "%s (1, 2, 3, [], 2, 5, {'z': 3})" % expected


def test_import_clean_under_dev_mode_and_warnings_as_errors():
    code = ("import limptest, limptest.sub; limptest.everything(1, 2, 3, 4, d=5, q=6); "
            "limptest.echo_str('x'); print('ok')")
    assert _run(code, None, "-X", "dev", "-W", "error") == "ok"
