"""limpet-build's second wheel (issue 17, PEP 803): ``abi=abi3t`` builds the same crate with
limpet's ``abi3t`` feature into ``<module>.abi3t.so`` and tags the wheel ``cp315-abi3.abi3t``,
which packaging installs on CPython 3.15+ with the GIL (abi3) and without it (abi3t), and
nowhere before 3.15; the cp37-abi3 wheel never on a free-threaded build. No cargo needed."""
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))
import limpet_build as lb  # noqa: E402


def cfg(tmp_path, abi, tool=""):
    (tmp_path / "src" / "pkg").mkdir(parents=True, exist_ok=True)
    (tmp_path / "src" / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "pkg"\nversion = "1.0"\n[tool.limpet]\npure = true\npython-source = "src"\n'
        'features = ["fast"]\n%s\n' % tool)
    c = lb.Config(str(tmp_path), abi=abi)
    c.pure = False  # the tag logic of an extension wheel, without building a crate
    return c


PLAT = ["manylinux_2_34_x86_64"]


def test_abi3t_wheel_name_tags_and_feature(tmp_path):
    c = cfg(tmp_path, "abi3t")
    assert c.features == ["fast", "limpet/abi3t"]
    assert lb._wheel_filename(c, PLAT) == "pkg-1.0-cp315-abi3.abi3t-manylinux_2_34_x86_64.whl"
    assert lb._wheel_tags(c, PLAT) == ["cp315-abi3-manylinux_2_34_x86_64", "cp315-abi3t-manylinux_2_34_x86_64"]
    assert "Tag: cp315-abi3t-manylinux_2_34_x86_64\n" in lb._dist_info(c, PLAT)[1]["pkg-1.0.dist-info/WHEEL"]


def test_abi3_wheel_unchanged_and_feature_name_configurable(tmp_path):
    c = cfg(tmp_path, "abi3")
    assert c.features == ["fast"]
    assert lb._wheel_filename(c, PLAT) == "pkg-1.0-cp37-abi3-manylinux_2_34_x86_64.whl"
    c = cfg(tmp_path, "abi3t", tool='abi3t-feature = "mylimpet/abi3t"')
    assert c.features[-1] == "mylimpet/abi3t"
    with pytest.raises(lb.BuildError, match="abi = 'abi4'"):
        cfg(tmp_path, "abi4")


def test_abi_setting_from_config_settings_and_environment(monkeypatch):
    monkeypatch.delenv("LIMPET_ABI", raising=False)
    assert lb._abi_setting(None) == "abi3"
    assert lb._abi_setting({"abi": "abi3t"}) == "abi3t"
    monkeypatch.setenv("LIMPET_ABI", "abi3t")
    assert lb._abi_setting({}) == "abi3t"


def test_which_interpreters_install_which_wheel(tmp_path):
    tags = pytest.importorskip("packaging.tags")
    utils = pytest.importorskip("packaging.utils")
    if not any(t.abi == "abi3t" for t in tags.cpython_tags((3, 15), abis=["cp315t"], platforms=PLAT)):
        pytest.skip("this packaging predates abi3t tags")

    def installs(fname, version, free_threaded):
        abi = "cp%d%d%s" % (version[0], version[1], "t" if free_threaded else "")
        supported = set(tags.cpython_tags(version, abis=[abi], platforms=PLAT))
        return bool(utils.parse_wheel_filename(fname)[3] & supported)

    abi3t = lb._wheel_filename(cfg(tmp_path, "abi3t"), PLAT)
    abi3 = lb._wheel_filename(cfg(tmp_path, "abi3"), PLAT)
    for v in [(3, 15), (3, 16)]:
        assert installs(abi3t, v, False) and installs(abi3t, v, True)
        assert installs(abi3, v, False) and not installs(abi3, v, True)
    assert not installs(abi3t, (3, 14), False) and not installs(abi3t, (3, 13), True)
    assert installs(abi3, (3, 7), False)
