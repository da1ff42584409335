"""limpet-build's pyproject.toml handling: every PEP 621 field honoured or refused, PEP 639
license metadata, entry points, unknown [tool.limpet] keys. No cargo needed (pure = true).
Run: python -m pytest limpet-build/tests (make backend-test)."""
import os
import sys
import textwrap

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))
import limpet_build as lb  # noqa: E402


def cfg(tmp_path, project, tool='pure = true\npython-source = "src"', files=()):
    (tmp_path / "src" / "pkg").mkdir(parents=True, exist_ok=True)
    (tmp_path / "src" / "pkg" / "__init__.py").write_text("")
    for f in files:
        (tmp_path / f).write_text("license text of %s\n" % f)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "pkg"\nversion = "1.0"\n%s\n[tool.limpet]\n%s\n' % (textwrap.dedent(project), tool))
    return lb.Config(str(tmp_path))


def test_license_expression_and_files_are_metadata_2_4(tmp_path):
    c = cfg(tmp_path, 'license = "MIT OR Apache-2.0"\n', files=["LICENSE-MIT", "COPYING"])
    meta = c.metadata()
    assert meta.startswith("Metadata-Version: 2.4\n")
    assert "License-Expression: MIT OR Apache-2.0\n" in meta
    # the default globs (no license-files key): LICEN[CS]E*, COPYING*, ...
    assert "License-File: LICENSE-MIT\nLicense-File: COPYING\n" in meta
    di, files = lb._dist_info(c, [])
    assert di + "/licenses/LICENSE-MIT" in files and di + "/licenses/COPYING" in files


def test_license_files_glob_must_match(tmp_path):
    with pytest.raises(lb.BuildError, match="matches no file"):
        cfg(tmp_path, 'license = "MIT"\nlicense-files = ["LICENSE.txt"]\n')
    with pytest.raises(lb.BuildError, match="without `..`"):
        cfg(tmp_path, 'license = "MIT"\nlicense-files = ["../LICENSE"]\n')


@pytest.mark.parametrize("expr", ["MIT or Apache-2.0", "MIT OR", "(MIT", "MIT Apache-2.0", ""])
def test_bad_license_expression(tmp_path, expr):
    with pytest.raises(lb.BuildError, match="license"):
        cfg(tmp_path, 'license = "%s"\n' % expr)


def test_license_classifier_with_expression_is_refused(tmp_path):
    with pytest.raises(lb.BuildError, match="PEP 639"):
        cfg(tmp_path, 'license = "MIT"\nclassifiers = ["License :: OSI Approved :: MIT License"]\n')


def test_legacy_license_table_stays_metadata_2_1(tmp_path):
    meta = cfg(tmp_path, 'license = { text = "MIT" }\n').metadata()
    assert meta.startswith("Metadata-Version: 2.1\n") and "License: MIT\n" in meta


def test_entry_points(tmp_path):
    c = cfg(tmp_path, '''
        [project.scripts]
        pkg-cli = "pkg:main"
        [project.gui-scripts]
        pkg-gui = "pkg.gui:run"
        [project.entry-points."pkg.plugins"]
        one = "pkg.plugins:One"
        ''')
    assert c.entry_points_txt() == ("[console_scripts]\npkg-cli = pkg:main\n\n"
                                    "[gui_scripts]\npkg-gui = pkg.gui:run\n\n"
                                    "[pkg.plugins]\none = pkg.plugins:One\n\n")
    di, files = lb._dist_info(c, [])
    assert files[di + "/entry_points.txt"] == c.entry_points_txt()


def test_console_scripts_group_in_entry_points_is_refused(tmp_path):
    with pytest.raises(lb.BuildError, match=r"use \[project.scripts\]"):
        cfg(tmp_path, '[project.entry-points.console_scripts]\nx = "pkg:main"\n')
    with pytest.raises(lb.BuildError, match="package.module:function"):
        cfg(tmp_path, '[project.scripts]\nx = "pkg"\n')


def test_unknown_project_key_is_refused(tmp_path):
    with pytest.raises(lb.BuildError, match=r"unknown \[project\] key licence \(PEP 621 defines: name, "):
        cfg(tmp_path, 'licence = "MIT"\n')


def test_unknown_tool_key_lists_the_valid_ones(tmp_path):
    with pytest.raises(lb.BuildError, match=r"unknown \[tool.limpet\] key modul \(valid keys: module, "):
        cfg(tmp_path, "", tool='modul = "x"')


def test_dynamic_other_than_version_is_refused(tmp_path):
    with pytest.raises(lb.BuildError, match="fills in only version"):
        cfg(tmp_path, 'dynamic = ["description"]\n')


def test_people_keywords_urls_extras(tmp_path):
    meta = cfg(tmp_path, '''
        authors = [{ name = "A" }, { name = "B", email = "b@example.org" }]
        maintainers = [{ email = "m@example.org" }]
        keywords = ["x", "y"]
        dependencies = ["attrs"]
        [project.optional-dependencies]
        Fast_Mode = ["numpy; python_version>='3.9'"]
        [project.urls]
        Home = "https://example.org"
        ''').metadata()
    for line in ["Author: A", "Author-email: B <b@example.org>", "Maintainer-email: m@example.org",
                 "Keywords: x,y", "Requires-Dist: attrs", "Provides-Extra: fast-mode",
                 "Requires-Dist: numpy; (python_version>='3.9') and extra == 'fast-mode'",
                 "Project-URL: Home, https://example.org"]:
        assert line + "\n" in meta


def test_readme_with_unknown_extension_needs_content_type(tmp_path):
    (tmp_path / "README").write_text("hi")
    with pytest.raises(lb.BuildError, match="content-type"):
        cfg(tmp_path, 'readme = "README"\n').metadata()


def test_targets_name_and_tag_the_extension():
    win = lb.Target("x86_64-pc-windows-gnu")
    assert (win.ext_suffix, win.platform_tags(None)) == (".pyd", ["win_amd64"])
    mac = lb.Target("aarch64-apple-darwin")
    assert (mac.ext_suffix, mac.platform_tags(None)) == (".abi3.so", ["macosx_11_0_arm64"])
    assert "link-arg=dynamic_lookup" in mac.rustc_args()
    assert lb.Target("x86_64-apple-darwin").platform_tags(None) == ["macosx_10_12_x86_64"]
    assert lb.Target("x86_64-unknown-linux-musl").platform_tags(None) == ["musllinux_1_2_x86_64"]
    assert lb.Target("aarch64-unknown-linux-musl").platform_tags(None) == ["musllinux_1_2_aarch64"]


def test_cli_help_and_no_command(capsys):
    from limpet_build.__main__ import main
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0 and "develop" in capsys.readouterr().out
    assert main([]) == 2
