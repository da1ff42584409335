"""Exceptions out of Rust: user classes, builtin classes, `?` on Rust errors, panics."""
import os
import sys

import pytest

import limptest as lt


def test_user_exception_raised_and_caught_as_base():
    with pytest.raises(lt.MyError) as info:
        lt.raise_my_error("boom")
    assert type(info.value) is lt.MyError
    assert str(info.value) == "boom" and info.value.args == ("boom",)
    try:
        lt.raise_my_error("as ValueError")
    except ValueError as e:  # the declared base
        assert isinstance(e, lt.MyError)
    else:
        pytest.fail("not raised")


def test_user_exception_subclass_chain():
    with pytest.raises(lt.MyError) as info:
        lt.raise_my_child("child")
    assert type(info.value) is lt.MyChildError
    assert lt.MyChildError.__mro__[1:4] == (lt.MyError, ValueError, Exception)
    assert lt.MyChildError.__doc__ is None  # created without a docstring


def test_user_exception_usable_from_python():
    e = lt.MyError("made in Python")
    assert isinstance(e, ValueError)
    with pytest.raises(lt.MyError):
        raise e

    class Sub(lt.MyError):
        pass

    assert issubclass(Sub, ValueError)


@pytest.mark.parametrize(
    "kind,exc",
    [
        ("TypeError", TypeError),
        ("KeyError", KeyError),
        ("RuntimeError", RuntimeError),
        ("ZeroDivisionError", ZeroDivisionError),
        ("FileNotFoundError", FileNotFoundError),
        ("StopIteration", StopIteration),
    ],
)
def test_builtin_exceptions(kind, exc):
    with pytest.raises(exc) as info:
        lt.raise_builtin(kind, "msg")
    assert type(info.value) is exc
    assert info.value.args == ("msg",)


def test_question_mark_parse_errors_are_value_errors():
    assert lt.parse_int("-12") == -12
    with pytest.raises(ValueError) as info:
        lt.parse_int("x1")
    assert type(info.value) is ValueError
    assert str(info.value) == "invalid digit found in string"
    with pytest.raises(ValueError, match="empty string"):
        lt.parse_int("")
    assert lt.parse_float("2.5") == 2.5
    with pytest.raises(ValueError) as info:
        lt.parse_float("nope")
    assert str(info.value) == "invalid float literal"


def test_question_mark_try_from_is_overflow_error():
    assert lt.to_u8(255) == 255
    for v in (256, -1):
        with pytest.raises(OverflowError) as info:
            lt.to_u8(v)
        assert str(info.value) == "out of range integral type conversion attempted"


def test_question_mark_io_error_is_oserror_subclass(tmp_path):
    missing = str(tmp_path / "missing.txt")
    with pytest.raises(FileNotFoundError) as info:
        lt.read_file(missing)
    assert isinstance(info.value, OSError)
    assert "No such file or directory" in str(info.value)
    p = tmp_path / "f.txt"
    p.write_text("héllo")
    assert lt.read_file(str(p)) == "héllo"


def test_io_error_subclass_and_errno_like_python(tmp_path):
    with pytest.raises(OSError) as ref:
        open(str(tmp_path), "r")
    with pytest.raises(OSError) as info:
        lt.read_file(str(tmp_path))
    assert type(info.value) is type(ref.value)  # IsADirectoryError
    assert info.value.errno == ref.value.errno


@pytest.mark.parametrize(
    "kind,exc",
    [
        ("NotFound", FileNotFoundError),
        ("PermissionDenied", PermissionError),
        ("AlreadyExists", FileExistsError),
        ("TimedOut", TimeoutError),
        ("BrokenPipe", BrokenPipeError),
        ("ConnectionRefused", ConnectionRefusedError),
        ("WouldBlock", BlockingIOError),
        ("InvalidData", ValueError),
        ("Other", OSError),
    ],
)
def test_io_error_kinds(kind, exc):
    with pytest.raises(exc) as info:
        lt.io_error(kind)
    assert type(info.value) is exc
    assert str(info.value) == "io " + kind


def _panic_type():
    try:
        lt.panics("probe")
    except BaseException as e:  # noqa: BLE001
        return type(e)
    raise AssertionError("no panic")


def test_panic_is_panic_exception():
    P = _panic_type()
    assert P.__name__ == "PanicException"
    assert P.__module__ == "limpet"
    assert issubclass(P, BaseException)
    assert not issubclass(P, Exception)
    with pytest.raises(P) as info:
        lt.panics("the message")
    assert str(info.value) == "the message"


def test_panic_not_caught_by_except_exception():
    P = _panic_type()
    caught = None
    try:
        try:
            lt.panics("through")
        except Exception:  # noqa: BLE001 - must not catch a panic
            caught = "Exception"
    except BaseException as e:  # noqa: BLE001
        caught = type(e)
    assert caught is P


def test_panic_non_string_payload_and_default_expression():
    P = _panic_type()
    with pytest.raises(P) as info:
        lt.panics_any()
    assert str(info.value) == "panic with a non-string payload"
    with pytest.raises(P) as info:
        lt.panics_in_default()
    assert str(info.value) == "default evaluated"
    assert lt.panics_in_default(4) == 4  # the default is not evaluated when given


def test_module_usable_after_panics():
    P = _panic_type()
    for i in range(50):
        with pytest.raises(P):
            lt.panics("again %d" % i)
    assert lt.add(1, 2) == 4 - 1


def test_panic_type_is_one_class():
    assert _panic_type() is _panic_type()


def test_exception_from_callback_passes_through_unchanged():
    exc = KeyError("original")

    def boom():
        raise exc

    with pytest.raises(KeyError) as info:
        lt.call0(boom)
    assert info.value is exc
    # The traceback still reaches into the Python callback.
    names = []
    tb = info.value.__traceback__
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    assert "boom" in names


def test_exception_context_preserved_through_rust():
    def inner():
        try:
            1 / 0
        except ZeroDivisionError:
            raise ValueError("second")

    with pytest.raises(ValueError) as info:
        lt.call0(inner)
    assert isinstance(info.value.__context__, ZeroDivisionError)


def test_error_inside_rust_while_handling_python_exception():
    try:
        raise KeyError("outer")
    except KeyError:
        with pytest.raises(lt.MyError) as info:
            lt.raise_my_error("inner")
    assert str(info.value) == "inner"
    assert sys.exc_info() == (None, None, None)


def test_system_exit_and_keyboard_interrupt_propagate():
    def exit_():
        raise SystemExit(3)

    with pytest.raises(SystemExit) as info:
        lt.call0(exit_)
    assert info.value.code == 3


def test_no_exception_left_set_after_success():
    # A stray set exception would surface as SystemError on the next call.
    assert lt.parse_int("1") == 1
    assert lt.echo_i64(5) == 5
    assert os.getpid() > 0
