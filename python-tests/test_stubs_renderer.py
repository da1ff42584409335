"""The stub renderer (src/stubs.py, Python source the extension keeps as data and runs when
`__limpet_stubs__` is called) in pieces: the bare class names a hint refers to, and the
relative import lines of a stub package (from the Rust unit tests it replaces)."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
NS = {}
with open(os.path.join(os.path.dirname(HERE), "src", "stubs.py"), encoding="utf-8") as f:
    exec(f.read(), NS)


def refs(hint):
    out = set()
    NS["note"](out, hint)
    return sorted(out)


def test_note_keeps_bare_names_only():
    assert refs("typing.Optional[Point]") == ["Point"]
    assert refs("typing.Dict[str, typing.List[Node]]") == ["Node", "str"]
    assert refs("typing.Tuple[int, ...]") == ["int"]
    assert refs("typing.Any") == []


def test_relative_imports_start_at_the_right_package():
    place, names = NS["Place"], {"B", "A"}
    assert place((), []).import_line(True, ("sub",), names) == "from .sub import A, B"
    assert place(("classfx",), []).import_line(False, (), names) == "from . import A, B"
    deep = place(("sub", "deeper"), [])
    assert deep.import_line(False, (), names) == "from .. import A, B"
    assert deep.import_line(False, ("other",), names) == "from ..other import A, B"
    pkg = place(("sub",), [])
    assert pkg.import_line(True, (), names) == "from .. import A, B"
    assert pkg.import_line(True, ("sub", "deeper"), names) == "from ..sub.deeper import A, B"

