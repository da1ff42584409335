"""limpet-build's build profiles (issue 13): wheels get the lean release profile unless the
project or the environment says otherwise; `develop` keeps cargo's profiles.
No cargo needed. Run: python -m pytest limpet-build/tests (make backend-test)."""
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))
import limpet_build as lb  # noqa: E402


def cfg(tmp_path, tool=""):
    (tmp_path / "src" / "pkg").mkdir(parents=True, exist_ok=True)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "pkg"\nversion = "1.0"\n[tool.limpet]\npure = true\npython-source = "src"\n%s\n' % tool)
    return lb.Config(str(tmp_path))


def test_wheels_get_the_lean_release_profile(tmp_path, monkeypatch):
    for k in lb.LEAN_RELEASE:
        monkeypatch.delenv(k, raising=False)
    env = lb.profile_env(cfg(tmp_path), wheel=True)
    assert env["CARGO_PROFILE_RELEASE_LTO"] == "fat"
    assert env["CARGO_PROFILE_RELEASE_CODEGEN_UNITS"] == "1"
    assert env["CARGO_PROFILE_RELEASE_OPT_LEVEL"] == "s"
    assert env["CARGO_PROFILE_RELEASE_STRIP"] == "symbols"
    assert "CARGO_PROFILE_RELEASE_PANIC" not in env  # panics must unwind into PanicException


def test_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("CARGO_PROFILE_RELEASE_OPT_LEVEL", "3")
    assert lb.profile_env(cfg(tmp_path), wheel=True)["CARGO_PROFILE_RELEASE_OPT_LEVEL"] == "3"


def test_release_profile_cargo_keeps_the_crates_own(tmp_path, monkeypatch):
    for k in lb.LEAN_RELEASE:
        monkeypatch.delenv(k, raising=False)
    env = lb.profile_env(cfg(tmp_path, 'release-profile = "cargo"'), wheel=True)
    assert not any(k.startswith("CARGO_PROFILE_RELEASE_") for k in env)


def test_develop_keeps_cargos_profiles(tmp_path, monkeypatch):
    for k in lb.LEAN_RELEASE:
        monkeypatch.delenv(k, raising=False)
    env = lb.profile_env(cfg(tmp_path), wheel=False)
    assert not any(k.startswith("CARGO_PROFILE_") for k in env if k not in os.environ)
    assert not any(k.startswith("CARGO_PROFILE_RELEASE_") for k in env)


def test_unknown_release_profile_is_refused(tmp_path):
    with pytest.raises(lb.BuildError, match="release-profile"):
        cfg(tmp_path, 'release-profile = "fast"')
