"""module! items named by path (`fn a::b::f;`, `class a::C;`, `exception self::a::E;`,
`#[init] fn a::init;`) and a function brought in with `use` (modpaths.rs)."""
import limptest


def test_module_function_by_use_and_path():
    m = limptest.modpaths
    assert m.mp_double(2) == 4  # `use modpaths::maths::mp_double;` then `fn mp_double;`
    assert m.mp_triple(2) == 6  # `fn modpaths::maths::mp_triple;`
    assert m.mp_quad(2) == 8  # `fn crate::modpaths::maths::mp_quad;`
    assert m.mp_double.__name__ == "mp_double" and m.mp_quad.__module__ == "limptest.modpaths"


def test_module_class_exception_init_by_path():
    m = limptest.modpaths
    assert m.MpBox(3).v == 3 and m.MpBox.__name__ == "MpBox"
    assert m.MpError.__name__ == "MpError" and issubclass(m.MpError, ValueError)
    assert m.INIT_BY_PATH is True
