"""The console script of [project.scripts] is installed with the wheel (entry_points.txt)."""
import os
import subprocess
import sys

import pytest

import wordfreq


def _script():
    bindir = os.path.dirname(sys.executable)
    for name in ("wordfreq", "wordfreq.exe"):
        if os.path.exists(os.path.join(bindir, name)):
            return os.path.join(bindir, name)
    return None


def test_console_script_runs():
    script = _script()
    if script is None:
        pytest.fail("no `wordfreq` console script next to %s: entry_points.txt was not installed"
                    % sys.executable)
    out = subprocess.run([script, "2"], input=b"b a b c b a", stdout=subprocess.PIPE, check=True).stdout
    assert out.decode().split() == ["3", "b", "2", "a"]


def test_main_module_matches_top_words(capsys, monkeypatch):
    import io

    from wordfreq.__main__ import main

    monkeypatch.setattr(sys, "stdin", io.StringIO("x y x"))
    assert main(["1"]) == 0
    assert capsys.readouterr().out.split() == ["2", "x"]
    assert wordfreq.top_words("x y x", 1) == [("x", 2)]
