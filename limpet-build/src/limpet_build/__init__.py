"""limpet-build: a minimal PEP 517 / PEP 660 build backend for limpet (abi3) extension crates.

A package of its own (PyPI: limpet-build), standard library only (plus ``tomli`` on Python
< 3.11 to read pyproject.toml). It runs ``cargo build --release [--target T]``, names the
cdylib ``<module>.abi3.so`` (``<module>.pyd`` on Windows) and writes ONE wheel
``<dist>-<version>-cp37-abi3-<platform>.whl`` (``Requires-Python >=3.7``) that every GIL
CPython 3.7+ installs. The platform tag is computed from the built file: the highest
``GLIBC_x.y`` symbol version it needs gives ``manylinux_x_y_<arch>`` (the same verdict as
``auditwheel show`` for a Rust cdylib, whose only libraries are libc, libm, libgcc_s, ...).

The second wheel (PEP 803), for CPython 3.15+ with and without the GIL: ``--config-settings
abi=abi3t`` (pip ``-C abi=abi3t``), ``LIMPET_ABI=abi3t`` or ``python -m limpet_build wheel --abi
abi3t`` (``--abi all``: both wheels) builds the same crate with limpet's ``abi3t`` feature
(``[tool.limpet] abi3t-feature``, default ``"limpet/abi3t"``) into ``<module>.abi3t.so`` and
writes ``<dist>-<version>-cp315-abi3.abi3t-<platform>.whl``. Free-threaded interpreters install
only that one; GIL-enabled 3.15+ prefer it to the cp37-abi3 wheel (a newer interpreter tag).

Hooks: build_wheel, build_sdist, build_editable (PEP 660), get_requires_for_build_*,
prepare_metadata_for_build_wheel/editable.

pyproject.toml::

    [build-system]
    requires = ["limpet-build>=0.1,<0.2"]
    build-backend = "limpet_build"

    [project]
    name = "wordfreq"
    version = "0.1.0"                     # or dynamic = ["version"]: taken from Cargo.toml
    requires-python = ">=3.7"

    [tool.limpet]
    module = "wordfreq._wordfreq"         # dotted name of the extension (default: the name)
    python-source = "python"              # folder with the Python package(s) (optional)
    manifest-path = "Cargo.toml"          # the crate (default)
    abi3 = "cp37"                         # the wheel's interpreter tag (default)
    features = []                         # cargo features
    release-profile = "lean"              # wheels: fat LTO, 1 codegen unit, opt-level "s",
                                          # stripped (CARGO_PROFILE_RELEASE_* unless set in the
                                          # environment); "cargo": the crate's [profile.release]
    stubs = true                          # write <module>.pyi from __limpet_stubs__() if present
                                          # (a stub package <module>/__init__.pyi, <module>/<sub>.pyi,
                                          # py.typed when it has submodules; hand-written stubs
                                          # in python-source win)

The edit-compile-test loop (the role of ``maturin develop``), run with the venv's python in the
project folder::

    python -m limpet_build develop [--release] [--no-stubs]

builds the crate (debug profile unless ``--release``), puts ``<module>.abi3.so`` (and the stub)
next to the Python sources and, the first time, installs the project into the running
interpreter's environment as an editable distribution (a ``.pth`` file and a ``.dist-info``
that pip lists and can uninstall). Later runs only rebuild and replace the ``.so``.

Every PEP 621 ``[project]`` field is written into the metadata (``license = "SPDX expr"`` and
``license-files`` as PEP 639 Metadata 2.4, ``scripts``/``gui-scripts``/``entry-points`` as
entry_points.txt); ``dynamic`` may hold only ``version``; unknown keys are errors.
``[tool.limpet] pure = true`` builds a pure-Python ``py3-none-any`` wheel (limpet-build's own).

Cross builds: ``--config-settings target=TRIPLE`` (pip ``-C target=...``), ``python -m
limpet_build wheel --target TRIPLE`` or ``LIMPET_TARGET``: ``.pyd`` + ``win_amd64`` for Windows,
``macosx_11_0_arm64`` / ``macosx_10_12_x86_64`` (``cargo rustc`` with ``-undefined
dynamic_lookup``) for macOS, ``musllinux_1_2_<arch>`` for musl.

Environment: ``LIMPET_PLATFORM_TAG`` overrides the platform tag; ``CARGO``,
``CARGO_TARGET_DIR`` and ``SOURCE_DATE_EPOCH`` are honoured.
"""
import base64
import csv
import glob
import hashlib
import io
import json
import os
import re
import shutil
import stat
import struct
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import textwrap
import time
import zipfile

__version__ = "0.1.0"
GENERATOR = "limpet-build %s" % __version__

# Libraries a manylinux wheel may link without vendoring them (PEP 600 / auditwheel policy).
MANYLINUX_LIBS = {
    "libgcc_s.so.1", "libstdc++.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libc.so.6",
    "libnsl.so.1", "libutil.so.1", "libpthread.so.0", "libresolv.so.2", "libX11.so.6",
    "libXext.so.6", "libXrender.so.1", "libICE.so.6", "libSM.so.6", "libGL.so.1",
    "libgobject-2.0.so.0", "libgthread-2.0.so.0", "libglib-2.0.so.0", "libz.so.1",
    "libexpat.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "ld-linux.so.2",
}


class BuildError(RuntimeError):
    pass


def _log(msg):
    sys.stderr.write("limpet-build: %s\n" % msg)
    sys.stderr.flush()


# --------------------------------------------------------------------------- configuration

def _load_toml(path):
    try:
        import tomllib as toml  # 3.11+
    except ImportError:
        try:
            import tomli as toml
        except ImportError:
            raise BuildError("reading pyproject.toml needs Python 3.11+ or the 'tomli' package "
                             "(add \"tomli>=1.1; python_version<'3.11'\" to build-system.requires)")
    with open(path, "rb") as f:
        return toml.load(f)


def _normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _wheel_name(name):
    return _normalize(name).replace("-", "_")


# [project] keys of PEP 621 (all honoured); [tool.limpet] keys (anything else is an error)
PROJECT_KEYS = (
    "name", "version", "description", "readme", "requires-python", "license", "license-files",
    "authors", "maintainers", "keywords", "classifiers", "urls", "scripts", "gui-scripts",
    "entry-points", "dependencies", "optional-dependencies", "dynamic")
DYNAMIC_OK = ("version",)  # taken from Cargo.toml
TOOL_KEYS = ("module", "python-source", "manifest-path", "abi3", "features", "stubs", "pure", "release-profile",
             "abi3t-feature")
# The second binary (PEP 803): the same crate built with limpet's `abi3t` feature, for CPython
# 3.15+ with and without the GIL. Its file is `<module>.abi3t.so`; its wheel carries the
# compressed tag set `cp315-abi3.abi3t` (what PEP 803 prescribes for a binary compatible with
# both: `Py_LIMITED_API` and `Py_TARGET_ABI3T` 3.15); packaging lists `abi3t` tags only on
# free-threaded interpreters and `abi3` ones on GIL-enabled ones, so each installs it.
ABI3T_PYTHON_TAG = "cp315"
ABIS = ("abi3", "abi3t")
# license-files when [project] does not say (the same default as setuptools and hatchling)
DEFAULT_LICENSE_GLOBS = ("LICEN[CS]E*", "COPYING*", "NOTICE*", "AUTHORS*")
_SPDX_ID = re.compile(r"^(LicenseRef-[A-Za-z0-9.\-]+|DocumentRef-[A-Za-z0-9.\-]+:LicenseRef-[A-Za-z0-9.\-]+|[A-Za-z0-9][A-Za-z0-9.\-]*\+?)$")
_ENTRY = re.compile(r"^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*(:[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*)?$")
_EP_NAME = re.compile(r"^[\w.+-]+$")


def _check_license_expression(expr):
    """A PEP 639 license expression: SPDX ids joined by AND / OR / WITH, with parentheses."""
    tokens = re.findall(r"\(|\)|[^\s()]+", expr)
    depth, want_id = 0, True
    for i, t in enumerate(tokens):
        if want_id:
            if t == "(":
                depth += 1
                continue
            if t.upper() in ("AND", "OR", "WITH") or not _SPDX_ID.match(t):
                raise BuildError("[project] license = %r is not a valid SPDX license expression "
                                 "(at %r)" % (expr, t))
            if i and tokens[i - 1].upper() == "WITH" and t.endswith("+"):
                raise BuildError("[project] license = %r: an exception has no '+'" % expr)
            want_id = False
        elif t == ")":
            depth -= 1
            if depth < 0:
                raise BuildError("[project] license = %r: unbalanced ')'" % expr)
        elif t in ("AND", "OR", "WITH"):
            want_id = True
        else:
            raise BuildError("[project] license = %r is not a valid SPDX license expression "
                             "(expected AND, OR or WITH (upper case) before %r)" % (expr, t))
    if want_id or depth:
        raise BuildError("[project] license = %r is an incomplete license expression" % expr)


def _type_error(key, want):
    return BuildError("pyproject.toml: [project] %s must be %s" % (key, want))


def _str_list(p, key):
    v = p.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise _type_error(key, "an array of strings")
    return v


def _str_table(p, key):
    v = p.get(key, {})
    if not isinstance(v, dict) or not all(isinstance(x, str) for x in v.values()):
        raise _type_error(key, "a table of strings")
    return v


class Config:
    def __init__(self, root=".", target=None, abi="abi3"):
        self.root = os.path.abspath(root)
        if abi not in ABIS:
            raise BuildError("abi = %r: expected one of %s" % (abi, ", ".join(ABIS)))
        self.abi = abi
        self.pyproject = _load_toml(os.path.join(self.root, "pyproject.toml"))
        if "project" not in self.pyproject:
            raise BuildError("pyproject.toml: a [project] table (PEP 621) is required")
        self.project = dict(self.pyproject["project"])
        unknown = sorted(set(self.project) - set(PROJECT_KEYS))
        if unknown:
            raise BuildError("pyproject.toml: unknown [project] key%s %s (PEP 621 defines: %s)" % (
                "s" if len(unknown) > 1 else "", ", ".join(unknown), ", ".join(PROJECT_KEYS)))
        tool = (self.pyproject.get("tool") or {}).get("limpet") or {}
        unknown = sorted(set(tool) - set(TOOL_KEYS))
        if unknown:
            raise BuildError("pyproject.toml: unknown [tool.limpet] key%s %s (valid keys: %s)" % (
                "s" if len(unknown) > 1 else "", ", ".join(unknown), ", ".join(TOOL_KEYS)))
        self.manifest = os.path.join(self.root, tool.get("manifest-path", "Cargo.toml"))
        if "name" not in self.project:
            raise BuildError("pyproject.toml: [project] needs a name")
        self.name = self.project["name"]
        if not re.match(r"^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$", self.name):
            raise BuildError("pyproject.toml: [project] name = %r is not a valid distribution name" % self.name)
        self.dynamic = set(_str_list(self.project, "dynamic"))
        bad = sorted(self.dynamic - set(DYNAMIC_OK))
        if bad:
            raise BuildError("pyproject.toml: [project] dynamic = %s: limpet-build fills in only %s "
                             "(from Cargo.toml); write the others in [project]"
                             % (json.dumps(bad), ", ".join(DYNAMIC_OK)))
        for k in self.dynamic & set(self.project):
            raise BuildError("pyproject.toml: [project] %s is both given and listed in dynamic" % k)
        self.pure = bool(tool.get("pure", False))
        if "version" not in self.project:
            if "version" not in self.dynamic:
                raise BuildError("pyproject.toml: [project] needs a version (or dynamic = [\"version\"])")
            if self.pure:
                raise BuildError("pyproject.toml: dynamic = [\"version\"] needs a crate (not with pure = true)")
            self.project["version"] = self._cargo_package()["version"]
        self.version = self.project["version"]
        self.module = tool.get("module", _wheel_name(self.name))
        src = tool.get("python-source")
        self.python_source = os.path.join(self.root, src) if src else None
        if self.pure and not self.python_source:
            raise BuildError("[tool.limpet] pure = true needs python-source (the folder of the packages)")
        self.abi3 = tool.get("abi3", "cp37")
        self.features = list(tool.get("features", []))
        # the crate's dependency on limpet is named `limpet` (the scaffold's and the examples')
        self.abi3t_feature = tool.get("abi3t-feature", "limpet/abi3t")
        if self.abi == "abi3t":
            self.features.append(self.abi3t_feature)
        self.stubs = bool(tool.get("stubs", True))
        self.release_profile = tool.get("release-profile", "lean")
        if self.release_profile not in ("lean", "cargo"):
            raise BuildError("pyproject.toml: [tool.limpet] release-profile = %r: expected \"lean\" "
                             "(limpet-build's: fat LTO, 1 codegen unit, opt-level s, stripped) or \"cargo\" "
                             "(the crate's own [profile.release])" % (self.release_profile,))
        self.dist = _wheel_name(self.name)
        self.target = Target(target)
        self._check_project()

    _pkg = None

    def _cargo_package(self):
        if self._pkg is None:
            meta = cargo_metadata(self.manifest, no_deps=True)
            want = os.path.realpath(self.manifest)
            for p in meta["packages"]:
                if os.path.realpath(p["manifest_path"]) == want:
                    self._pkg = p
                    break
            else:
                raise BuildError("no package for %s in cargo metadata" % self.manifest)
        return self._pkg

    def _check_project(self):
        """Validate every [project] field once, so that a mistake is an error, never a silently
        dropped field; fills self.license_files and self.entry_points."""
        p = self.project
        for key in ("version", "description", "requires-python"):
            if key in p and not isinstance(p[key], str):
                raise _type_error(key, "a string")
        if "\n" in p.get("description", ""):
            raise BuildError("pyproject.toml: [project] description must be one line (the Summary)")
        for key in ("keywords", "classifiers", "dependencies"):
            _str_list(p, key)
        _str_table(p, "urls")
        extras = p.get("optional-dependencies", {})
        if not isinstance(extras, dict) or not all(
                isinstance(v, list) and all(isinstance(x, str) for x in v) for v in extras.values()):
            raise _type_error("optional-dependencies", "a table of arrays of strings")
        for key in ("authors", "maintainers"):
            people = p.get(key, [])
            if not isinstance(people, list) or not all(
                    isinstance(a, dict) and set(a) <= {"name", "email"} and a
                    and all(isinstance(v, str) for v in a.values()) for a in people):
                raise _type_error(key, "an array of tables with `name` and/or `email`")
        readme = p.get("readme")
        if readme is not None and not isinstance(readme, (str, dict)):
            raise _type_error("readme", "a path or a table with file/text and content-type")
        if isinstance(readme, dict):
            if set(readme) - {"file", "text", "content-type"} or ("file" in readme) == ("text" in readme):
                raise _type_error("readme", "a table with either `file` or `text`, and `content-type`")
            if "text" in readme and "content-type" not in readme:
                raise BuildError("pyproject.toml: [project] readme.text needs a content-type")
        # PEP 639 license / license-files
        lic = p.get("license")
        self.license_expression = None
        self.license_text = None
        files = None
        if isinstance(lic, str):
            _check_license_expression(lic)
            self.license_expression = lic
            legacy = [c for c in p.get("classifiers", []) if c.startswith("License ::")]
            if legacy:
                raise BuildError("pyproject.toml: license = %r and the classifier %r: PEP 639 forbids "
                                 "License :: classifiers with a license expression; remove them" % (lic, legacy[0]))
        elif isinstance(lic, dict):
            if set(lic) - {"file", "text"} or len(lic) != 1:
                raise _type_error("license", "an SPDX expression string (PEP 639) or a table with "
                                  "either `file` or `text`")
            if "license-files" in p:
                raise BuildError("pyproject.toml: license-files needs license to be an SPDX expression "
                                 "string, not a table (PEP 639)")
            if "text" in lic:
                self.license_text = lic["text"]
            else:
                files = [lic["file"]]
                with open(os.path.join(self.root, lic["file"]), encoding="utf-8") as f:
                    self.license_text = f.read()
        elif lic is not None:
            raise _type_error("license", "an SPDX expression string or a table")
        globs = _str_list(p, "license-files") if "license-files" in p else None
        self.license_files = files if files is not None else self._license_files(globs)
        # entry points: [project.scripts], [project.gui-scripts], [project.entry-points.<group>]
        eps = {}
        for key, group in (("scripts", "console_scripts"), ("gui-scripts", "gui_scripts")):
            if key in p:
                eps[group] = _str_table(p, key)
        other = p.get("entry-points", {})
        if not isinstance(other, dict):
            raise _type_error("entry-points", "a table of tables")
        for group, table in other.items():
            if group in ("console_scripts", "gui_scripts"):
                raise BuildError("pyproject.toml: [project.entry-points.%s] is not allowed: use "
                                 "[project.%s] (PEP 621)" % (group, "scripts" if group == "console_scripts"
                                                               else "gui-scripts"))
            if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
                raise _type_error("entry-points.%s" % group, "a table of strings")
            eps[group] = table
        for group, table in eps.items():
            for name, ref in table.items():
                needs_attr = group in ("console_scripts", "gui_scripts") and ":" not in ref
                if needs_attr or not _EP_NAME.match(name) or not _ENTRY.match(ref.split("[")[0].strip()):
                    raise BuildError("pyproject.toml: entry point %s = %r in %s: want `name = "
                                     "\"package.module:function\"`" % (name, ref, group))
        self.entry_points = eps

    def _license_files(self, globs):
        """Paths (relative, /-separated) of the license files: the explicit globs, each of which
        must match a file, or the default globs, which may match none."""
        explicit = globs is not None
        out = []
        for g in (globs if explicit else DEFAULT_LICENSE_GLOBS):
            if os.path.isabs(g) or ".." in g.replace("\\", "/").split("/") or "\\" in g:
                raise BuildError("pyproject.toml: license-files glob %r must be relative, with / and "
                                 "without `..` (PEP 639)" % g)
            hits = sorted(os.path.relpath(h, self.root).replace(os.sep, "/")
                          for h in glob.glob(os.path.join(self.root, g), recursive=True) if os.path.isfile(h))
            if explicit and not hits:
                raise BuildError("pyproject.toml: license-files glob %r matches no file" % g)
            out += [h for h in hits if h not in out]
        return out

    def entry_points_txt(self):
        if not self.entry_points:
            return None
        return "".join("[%s]\n%s\n" % (group, "".join("%s = %s\n" % kv for kv in table.items()))
                       for group, table in self.entry_points.items())

    # PEP 621 [project] -> core metadata (2.4 when PEP 639 fields are used, else 2.1)
    def metadata(self):
        p = self.project
        pep639 = self.license_expression is not None or bool(self.license_files)
        lines = ["Metadata-Version: %s" % ("2.4" if pep639 else "2.1"),
                 "Name: %s" % self.name, "Version: %s" % self.version]
        if p.get("description"):
            lines.append("Summary: %s" % p["description"])
        for key, name_field, email_field in (("authors", "Author", "Author-email"),
                                             ("maintainers", "Maintainer", "Maintainer-email")):
            people = p.get(key, [])
            names = [a["name"] for a in people if "email" not in a]
            emails = [("%s <%s>" % (a["name"], a["email"]) if a.get("name") else a["email"])
                      for a in people if "email" in a]
            if names:
                lines.append("%s: %s" % (name_field, ", ".join(names)))
            if emails:
                lines.append("%s: %s" % (email_field, ", ".join(emails)))
        if p.get("keywords"):
            lines.append("Keywords: %s" % ",".join(p["keywords"]))
        if self.license_expression:
            lines.append("License-Expression: %s" % self.license_expression)
        elif self.license_text:
            text = self.license_text.rstrip("\n")
            lines.append("License: %s" % text.replace("\n", "\n       |"))
        for f in self.license_files:
            lines.append("License-File: %s" % f)
        for c in p.get("classifiers", []):
            lines.append("Classifier: %s" % c)
        for label, url in (p.get("urls") or {}).items():
            lines.append("Project-URL: %s, %s" % (label, url))
        lines.append("Requires-Python: %s" % p.get("requires-python", ">=3.7"))
        for d in p.get("dependencies", []):
            lines.append("Requires-Dist: %s" % d)
        for extra, deps in (p.get("optional-dependencies") or {}).items():
            extra = _normalize(extra)
            lines.append("Provides-Extra: %s" % extra)
            for d in deps:
                if ";" in d:
                    req, marker = d.split(";", 1)
                    lines.append("Requires-Dist: %s; (%s) and extra == %r" % (req.strip(), marker.strip(), extra))
                else:
                    lines.append("Requires-Dist: %s; extra == %r" % (d, extra))
        body = ""
        readme = p.get("readme")
        if readme:
            path, ctype = (readme, None) if isinstance(readme, str) else (readme.get("file"), readme.get("content-type"))
            if isinstance(readme, dict) and readme.get("text"):
                body = readme["text"]
            elif path:
                with open(os.path.join(self.root, path), encoding="utf-8") as f:
                    body = f.read()
            if ctype is None:
                ext = os.path.splitext(path)[1].lower()
                ctype = {".md": "text/markdown", ".rst": "text/x-rst", ".txt": "text/plain"}.get(ext)
                if ctype is None:
                    raise BuildError("pyproject.toml: readme %r: unknown file type; use readme = "
                                     "{ file = %r, content-type = \"text/markdown\" } (or text/x-rst, "
                                     "text/plain)" % (path, path))
            lines.append("Description-Content-Type: %s" % ctype)
        text = "\n".join(lines) + "\n"
        if body:
            text += "\n" + body
        return text


# --------------------------------------------------------------------------------- cargo

def _cargo():
    return os.environ.get("CARGO", "cargo")


def cargo_metadata(manifest, no_deps=False):
    cmd = [_cargo(), "metadata", "--format-version", "1", "--manifest-path", manifest]
    if no_deps:
        cmd.append("--no-deps")
    p = subprocess.run(cmd, stdout=subprocess.PIPE)
    if p.returncode != 0:
        raise BuildError("cargo metadata failed for %s" % manifest)
    return json.loads(p.stdout.decode())


# The release profile of wheels (``release-profile = "lean"``, the default), chosen by measuring
# the bench module (benches/RESULTS.md, "Build cost"): one codegen unit and fat LTO let LLVM
# drop what the module does not use from limpet and std, `opt-level = "s"` keeps the inlined
# call paths small, and together they build no slower from clean than cargo's default release
# profile; symbols stripped (a wheel ships no debugger symbols). `panic` stays "unwind": limpet
# turns panics into Python exceptions. Only variables the environment does not set are set.
# Re-measured on the bench module (stripped .so; callgrind instructions per call, geometric
# mean of benches/callbench.py's calls on 3.7 / 3.11 / 3.13): fat+s 443 KB, 1692/1316/1484;
# fat+z 433 KB (-2%) but +10% instructions; fat+2 489 KB (+10%), -4%; fat+3 501 KB (+13%),
# -5%; thin LTO + s 497 KB (+12%) and +1.7%: fat LTO and "s" stay. `debug = 0` is already
# the release default; `-C force-unwind-tables=no` changes nothing (x86-64 Linux keeps unwind
# tables, and unwinding needs them). Linker folding (`-Wl,--icf=all`, rust-lld) saves 2.5 KB
# (0.6%) but merges identical functions whose addresses are compared (slot functions): not used.
# The floor under every profile: a cdylib of one function that catches a panic is 265 KB
# stripped with this profile (263 KB with panic = "abort"), ~172 KB of it std's backtrace
# symbolizer, reached from std's default panic hook through `rust_panic_with_hook`; std comes
# as one prebuilt object and its panic entry point has a per-toolchain mangled name, so on
# stable Rust no flag, hook or linker option keeps that code out (nightly `-Zbuild-std` can).
LEAN_RELEASE = {
    "CARGO_PROFILE_RELEASE_LTO": "fat",
    "CARGO_PROFILE_RELEASE_CODEGEN_UNITS": "1",
    "CARGO_PROFILE_RELEASE_OPT_LEVEL": "s",
    "CARGO_PROFILE_RELEASE_STRIP": "symbols",
}
# `develop` (the edit-compile loop) keeps cargo's profiles: dev (touch rebuild 0.2 CPU-s on the
# bench module) or, with --release, cargo's release (a touch rebuild under fat LTO is 5 s).


def profile_env(cfg, wheel):
    """The environment of the cargo build: for a wheel, the lean release profile unless the
    project asks for its own (``[tool.limpet] release-profile = "cargo"``)."""
    env = dict(os.environ)
    if wheel and cfg.release_profile == "lean":
        for k, v in LEAN_RELEASE.items():
            env.setdefault(k, v)
    return env


def cargo_build(cfg, release=True, wheel=True):
    """cargo build [--release] --lib [--target T]; return the path of the crate's cdylib.
    (``cargo rustc`` where the target needs linker arguments for the extension itself.)"""
    extra = cfg.target.rustc_args()
    cmd = [_cargo(), "rustc" if extra else "build"] + (["--release"] if release else []) + [
        "--lib", "--manifest-path", cfg.manifest, "--message-format=json-render-diagnostics"]
    cmd += cfg.target.cargo_args()
    if cfg.features:
        cmd += ["--features", ",".join(cfg.features)]
    if extra:
        cmd += ["--"] + extra
    _log("$ " + " ".join(cmd))
    t0 = time.time()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, env=profile_env(cfg, wheel and release))  # diagnostics go to our stderr
    want = os.path.realpath(cfg.manifest)
    found = []
    for line in p.stdout:
        try:
            msg = json.loads(line.decode())
        except ValueError:
            continue
        if msg.get("reason") != "compiler-artifact":
            continue
        if os.path.realpath(msg.get("manifest_path", "")) != want:
            continue
        if "cdylib" in msg["target"]["kind"]:
            found += [f for f in msg["filenames"] if f.endswith((".so", ".dylib", ".dll"))]
    if p.wait() != 0:
        raise BuildError("cargo build failed")
    if not found:
        raise BuildError("the crate has no cdylib target: add [lib] crate-type = [\"cdylib\"] to Cargo.toml")
    _log("cargo build: %.1f s -> %s" % (time.time() - t0, found[0]))
    return found[0]


# ------------------------------------------------------------------------------- targets

_ARCH_WHEEL = {
    # Rust arch -> (linux/musl wheel arch, windows tag, macOS tag arch)
    "x86_64": ("x86_64", "win_amd64", "x86_64"),
    "i686": ("i686", "win32", None),
    "aarch64": ("aarch64", "win_arm64", "arm64"),
    "armv7": ("armv7l", None, None),
    "powerpc64le": ("ppc64le", None, None),
    "s390x": ("s390x", None, None),
}


class Target:
    """The Rust target a build is for (``--target``, config setting ``target`` or
    ``LIMPET_TARGET``; the host when none) and what follows from it: the extension's file
    name (``.pyd`` on Windows, ``.abi3.so`` elsewhere), the wheel's platform tag and whether
    the built module can be imported here (for the generated stubs)."""

    def __init__(self, triple=None):
        self.triple = triple or os.environ.get("LIMPET_TARGET") or None
        t = self.triple or _host_triple()
        self.arch = t.split("-")[0]
        self.os = ("windows" if "-windows" in t else "macos" if "-apple-darwin" in t
                   else "linux" if "-linux" in t else t.split("-")[2] if t.count("-") >= 2 else "unknown")
        self.musl = self.os == "linux" and "musl" in t
        self.cross = self.triple is not None and self.triple != _host_triple()

    @property
    def ext_suffix(self):
        return ".pyd" if self.os == "windows" else ".abi3.so"

    def cargo_args(self):
        return ["--target", self.triple] if self.triple else []

    def rustc_args(self):
        # a macOS extension leaves the interpreter's symbols undefined: the interpreter that
        # loads it provides them (what maturin and setuptools-rust pass too)
        return ["-C", "link-arg=-undefined", "-C", "link-arg=dynamic_lookup"] if self.os == "macos" else []

    def platform_tags(self, so_path):
        override = os.environ.get("LIMPET_PLATFORM_TAG")
        if override:
            return override.split(".")
        wheel_arch, win, mac = _ARCH_WHEEL.get(self.arch, (self.arch, None, None))
        if self.os == "windows":
            if not win:
                raise BuildError("no wheel tag known for Windows on %s" % self.arch)
            return [win]
        if self.os == "macos":
            if not mac:
                raise BuildError("no wheel tag known for macOS on %s" % self.arch)
            # rustc's own deployment floor per arch unless MACOSX_DEPLOYMENT_TARGET says more
            floor = (11, 0) if self.arch == "aarch64" else (10, 12)
            env = os.environ.get("MACOSX_DEPLOYMENT_TARGET")
            if env:
                floor = max(floor, tuple(int(x) for x in (env.split(".") + ["0"])[:2]))
            return ["macosx_%d_%d_%s" % (floor[0], floor[1], mac)]
        if self.os != "linux":
            raise BuildError("limpet-build writes wheels for Linux, macOS and Windows, not %s"
                             % (self.triple or _host_triple()))
        if self.musl:
            # Rust's musl targets link musl 1.2.3+ statically: any musl 1.2 system runs it
            return ["musllinux_1_2_%s" % wheel_arch]
        return manylinux_tags(so_path, wheel_arch)


_host = None


def _host_triple():
    global _host
    if _host is None:
        try:
            out = subprocess.run([os.environ.get("RUSTC", "rustc"), "-vV"], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE).stdout.decode()
            _host = re.search(r"^host: (\S+)$", out, re.M).group(1)
        except (OSError, AttributeError):
            m = sysconfig.get_platform()
            _host = ("x86_64-pc-windows-msvc" if m.startswith("win") else
                     "%s-apple-darwin" % ("aarch64" if m.endswith("arm64") else "x86_64") if m.startswith("macosx")
                     else "%s-unknown-linux-gnu" % platform_machine())
    return _host


def platform_machine():
    import platform
    return platform.machine()


# ------------------------------------------------------------------------- platform tag

def _elf_verneed(path):
    """(needed libraries, {library: [version names]}) of an ELF shared object."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF":
        raise BuildError("%s is not an ELF file" % path)
    is64 = data[4] == 2
    end = "<" if data[5] == 1 else ">"
    if is64:
        e_shoff, = struct.unpack_from(end + "Q", data, 0x28)
        e_shentsize, e_shnum = struct.unpack_from(end + "HH", data, 0x3A)
        shfmt = end + "IIQQQQIIQQ"
    else:
        e_shoff, = struct.unpack_from(end + "I", data, 0x20)
        e_shentsize, e_shnum = struct.unpack_from(end + "HH", data, 0x2E)
        shfmt = end + "IIIIIIIIII"
    secs = [struct.unpack_from(shfmt, data, e_shoff + i * e_shentsize) for i in range(e_shnum)]

    def cstr(off):
        return data[off:data.index(b"\0", off)].decode()

    needed, versions = [], {}
    for s in secs:
        sh_type, sh_offset, sh_link, sh_info = s[1], s[4], s[6], s[7]
        strtab = secs[sh_link][4]
        if sh_type == 6:  # SHT_DYNAMIC
            entsize = 16 if is64 else 8
            fmt = end + ("qQ" if is64 else "iI")
            for i in range(s[5] // entsize):
                tag, val = struct.unpack_from(fmt, data, sh_offset + i * entsize)
                if tag == 1:  # DT_NEEDED
                    needed.append(cstr(strtab + val))
                elif tag == 0:
                    break
        elif sh_type == 0x6FFFFFFE:  # SHT_GNU_verneed
            off = sh_offset
            for _ in range(sh_info):
                _v, cnt, file_, aux, nxt = struct.unpack_from(end + "HHIII", data, off)
                lib = cstr(strtab + file_)
                aoff = off + aux
                for _ in range(cnt):
                    _h, _f, _o, name, anext = struct.unpack_from(end + "IHHII", data, aoff)
                    versions.setdefault(lib, []).append(cstr(strtab + name))
                    aoff += anext
                off += nxt
                if not nxt:
                    break
    return needed, versions


def manylinux_tags(so_path, arch):
    """The lowest manylinux tag a glibc-linked extension fits: the highest ``GLIBC_x.y``
    symbol version it needs (as auditwheel computes it), or ``linux_<arch>`` when it links a
    library outside the manylinux policy."""
    plat = "linux_" + arch
    try:
        needed, versions = _elf_verneed(so_path)
    except Exception as e:  # not fatal: a plain linux tag installs locally
        _log("cannot read %s (%s): tagging linux_%s" % (so_path, e, arch))
        return [plat]
    glibc = (2, 5) if arch in ("x86_64", "i686") else (2, 17)
    for vs in versions.values():
        for v in vs:
            m = re.fullmatch(r"GLIBC_(\d+)\.(\d+)(?:\.\d+)?", v)
            if m:
                glibc = max(glibc, (int(m.group(1)), int(m.group(2))))
    if any(lib.startswith("libc.musl") or lib.startswith("ld-musl") for lib in needed):
        return ["musllinux_1_2_%s" % arch]  # a dynamically linked musl extension
    foreign = [lib for lib in needed if lib not in MANYLINUX_LIBS]
    if foreign:
        _log("links %s (not in the manylinux policy): tagging %s" % (", ".join(foreign), plat))
        return [plat]
    glibc = max(glibc, (2, 17)) if arch not in ("x86_64", "i686") else glibc
    tag = "manylinux_%d_%d_%s" % (glibc[0], glibc[1], arch)
    legacy = {(2, 5): "manylinux1", (2, 12): "manylinux2010", (2, 17): "manylinux2014"}.get(glibc)
    # pip < 20.3 knows only the legacy aliases: list both, like auditwheel does
    return [legacy + "_" + arch, tag] if legacy else [tag]


# --------------------------------------------------------------------------------- stubs

_STUB_PROBE = r"""
import importlib.util, json, sys
name, path = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location(name, path)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
f = getattr(mod, "__limpet_stubs__", None)
if f is not None:
    try:
        files = f(files=True)
    except TypeError:  # built with a limpet without stub packages: one file
        files = {name.rsplit(".", 1)[-1] + ".pyi": f()}
    sys.stdout.write(json.dumps(files))
"""


def generate_stub(cfg, so_path):
    """The generated stub files as {path relative to the wheel root: text}, or None.

    A module without submodules has one file, ``<module>.pyi``; one with submodules a stub
    package ``<module>/__init__.pyi``, ``<module>/<sub>.pyi``, ... and ``<module>/py.typed``
    (mypy reads stubs of an installed module only from a folder with ``py.typed``; at run
    time the ``.abi3.so`` wins over the folder, which has no ``__init__.py``)."""
    if not cfg.stubs:
        return None
    with tempfile.TemporaryDirectory() as d:
        leaf = cfg.module.rsplit(".", 1)[-1]
        tmp = os.path.join(d, leaf + ".abi3.so")
        shutil.copyfile(so_path, tmp)
        p = subprocess.run([sys.executable, "-I", "-c", _STUB_PROBE, cfg.module, tmp],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        _log("stubs skipped: importing the module failed: %s" % p.stderr.decode(errors="replace").strip()[-500:])
        return None
    text = p.stdout.decode()
    if not text:
        return None
    parent = cfg.module.rsplit(".", 1)[0].replace(".", "/") + "/" if "." in cfg.module else ""
    files = {parent + rel: body for rel, body in json.loads(text).items()}
    stub_dir = cfg.module.replace(".", "/") + "/"
    if any(rel.startswith(stub_dir) for rel in files):
        files[stub_dir + "py.typed"] = ""
    return files


def _stub_paths(cfg):
    """Where generated stubs of the module may sit: its single file and its stub folder."""
    rel = cfg.module.replace(".", "/")
    return rel + ".pyi", rel + "/"


def _stale_stub(cfg, arc, path):
    """A stub that limpet generated earlier (either layout): each build writes its own."""
    single, folder = _stub_paths(cfg)
    return (arc == single or arc.startswith(folder)) and arc.endswith(".pyi") and not _hand_written(path)


def _hand_written_stubs(cfg, base, stubs):
    """The hand-written stubs in `base` that make limpet keep its generated ones out."""
    single, folder = _stub_paths(cfg)
    paths = {single, folder + "__init__.pyi"} | {rel for rel in stubs if rel.endswith(".pyi")}
    return sorted(rel for rel in paths if os.path.exists(os.path.join(base, rel))
                  and _hand_written(os.path.join(base, rel)))


# --------------------------------------------------------------------------------- wheels

def _hand_written(path):
    """A .pyi in the sources that limpet did not generate (editable builds leave it alone)."""
    try:
        with open(path, encoding="utf-8") as f:
            return "generated by limpet" not in f.readline()
    except OSError:
        return False


def _epoch():
    return max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)


class WheelWriter:
    def __init__(self, path):
        self.path = path
        self.zf = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self.records = []
        self.date = time.gmtime(_epoch())[:6]

    def add(self, arcname, data, executable=False):
        if isinstance(data, str):
            data = data.encode("utf-8")
        zi = zipfile.ZipInfo(arcname, self.date)
        zi.external_attr = ((0o755 if executable else 0o644) | stat.S_IFREG) << 16
        zi.compress_type = zipfile.ZIP_DEFLATED
        self.zf.writestr(zi, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        self.records.append((arcname, "sha256=" + digest, str(len(data))))

    def add_file(self, arcname, path):
        with open(path, "rb") as f:
            self.add(arcname, f.read(), executable=os.access(path, os.X_OK) and arcname.endswith(".so"))

    def close(self, record_name):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        for r in self.records:
            w.writerow(r)
        w.writerow((record_name, "", ""))
        zi = zipfile.ZipInfo(record_name, self.date)
        zi.external_attr = (0o644 | stat.S_IFREG) << 16
        self.zf.writestr(zi, buf.getvalue(), compress_type=zipfile.ZIP_DEFLATED)
        self.zf.close()


def _python_files(src):
    """(arcname, path) of the Python package files under the python-source folder."""
    out = []
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
        for fn in sorted(filenames):
            if fn.endswith((".pyc", ".pyo", ".so", ".pyd", ".dylib")):
                continue
            path = os.path.join(dirpath, fn)
            out.append((os.path.relpath(path, src).replace(os.sep, "/"), path))
    return out


def _dist_info(cfg, tags):
    """The .dist-info files of a wheel: METADATA, WHEEL, entry_points.txt, licenses/."""
    di = "%s-%s.dist-info" % (cfg.dist, cfg.version)
    wheel = "Wheel-Version: 1.0\nGenerator: %s\nRoot-Is-Purelib: %s\n" % (
        GENERATOR, "true" if cfg.pure else "false")
    wheel += "".join("Tag: %s\n" % t for t in _wheel_tags(cfg, tags))
    files = {di + "/METADATA": cfg.metadata(), di + "/WHEEL": wheel}
    eps = cfg.entry_points_txt()
    if eps:
        files[di + "/entry_points.txt"] = eps
    for rel in cfg.license_files:
        with open(os.path.join(cfg.root, rel), "rb") as f:
            files[di + "/licenses/" + rel] = f.read()
    return di, files


def _wheel_tags(cfg, tags):
    if cfg.pure:
        return ["py3-none-any"]
    if cfg.abi == "abi3t":
        return ["%s-%s-%s" % (ABI3T_PYTHON_TAG, a, t) for a in ("abi3", "abi3t") for t in tags]
    return ["%s-abi3-%s" % (cfg.abi3, t) for t in tags]


def _wheel_filename(cfg, tags):
    if cfg.pure:
        return "%s-%s-py3-none-any.whl" % (cfg.dist, cfg.version)
    if cfg.abi == "abi3t":
        return "%s-%s-%s-abi3.abi3t-%s.whl" % (cfg.dist, cfg.version, ABI3T_PYTHON_TAG, ".".join(tags))
    return "%s-%s-%s-abi3-%s.whl" % (cfg.dist, cfg.version, cfg.abi3, ".".join(tags))


def _target_setting(config_settings):
    """``--config-settings target=<triple>`` (pip: ``-C target=...``), else LIMPET_TARGET."""
    t = (config_settings or {}).get("target")
    if isinstance(t, list):
        t = t[-1]
    return t or None


def _abi_setting(config_settings):
    """``--config-settings abi=abi3t`` (pip: ``-C abi=abi3t``), else LIMPET_ABI, else abi3."""
    a = (config_settings or {}).get("abi")
    if isinstance(a, list):
        a = a[-1]
    return a or os.environ.get("LIMPET_ABI") or "abi3"


def _build(wheel_directory, editable, config_settings=None):
    cfg = Config(target=_target_setting(config_settings), abi=_abi_setting(config_settings))
    os.makedirs(wheel_directory, exist_ok=True)
    if cfg.pure:
        so, tags, stubs, ext_rel = None, [], None, None
    else:
        so = cargo_build(cfg)
        tags = cfg.target.platform_tags(so)
        if cfg.target.cross:
            _log("stubs skipped: a module built for %s cannot be imported here" % cfg.target.triple)
            stubs = None
        else:
            stubs = generate_stub(cfg, so)
        suffix = cfg.target.ext_suffix
        if cfg.abi == "abi3t" and suffix == ".abi3.so":
            suffix = ".abi3t.so"  # in 3.15's EXTENSION_SUFFIXES (GIL-enabled and free-threaded)
        ext_rel = cfg.module.replace(".", "/") + suffix
    fname = _wheel_filename(cfg, tags)
    ww = WheelWriter(os.path.join(wheel_directory, fname))
    try:
        if editable:
            if cfg.target.cross:
                raise BuildError("an editable install is for this machine: no --target")
            # PEP 660, "compat" style: the .so goes next to the sources, a .pth puts them on
            # sys.path. Python edits show at once; after a Rust edit, install again.
            base = _place_extension(cfg, so, stubs) if so else cfg.python_source
            ww.add("_%s_editable.pth" % cfg.dist, base + "\n")
        else:
            names = set()
            if cfg.python_source and stubs:
                kept = _hand_written_stubs(cfg, cfg.python_source, stubs)
                if kept:
                    _log("%s: hand-written stub kept, generated ones ignored" % ", ".join(kept))
                    stubs = None
            if cfg.python_source:
                for arc, path in _python_files(cfg.python_source):
                    if not cfg.pure and _stale_stub(cfg, arc, path) or (stubs and arc in stubs):
                        continue  # a stale generated stub (editable build): regenerate
                    ww.add_file(arc, path)
                    names.add(arc)
            if so:
                ww.add_file(ext_rel, so)
            for arc, text in sorted((stubs or {}).items()):
                ww.add(arc, text)
            # every package level of the module needs an __init__.py (from python-source)
            parts = [] if cfg.pure else cfg.module.split(".")[:-1]
            for i in range(len(parts)):
                init = "/".join(parts[:i + 1]) + "/__init__.py"
                if init not in names:
                    raise BuildError("module %s: %s is missing (put the package in python-source)"
                                     % (cfg.module, init))
        di, files = _dist_info(cfg, tags)
        for arc, text in files.items():
            ww.add(arc, text)
        ww.close(di + "/RECORD")
    except BaseException:
        ww.zf.close()
        os.unlink(ww.path)
        raise
    _log("wrote %s" % fname)
    return fname


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _build(wheel_directory, editable=False, config_settings=config_settings)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _build(wheel_directory, editable=True, config_settings=config_settings)


def _requires():
    return [] if sys.version_info >= (3, 11) else ["tomli>=1.1"]


def get_requires_for_build_wheel(config_settings=None):
    return _requires()


def get_requires_for_build_editable(config_settings=None):
    return _requires()


def get_requires_for_build_sdist(config_settings=None):
    return _requires()


def _prepare_metadata(metadata_directory):
    cfg = Config()
    di, files = _dist_info(cfg, [])
    for arc, text in files.items():
        if arc.endswith("/WHEEL"):
            continue  # its tags are known only after the build
        path = os.path.join(metadata_directory, arc)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(text.encode("utf-8") if isinstance(text, str) else text)
    return di


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _prepare_metadata(metadata_directory)


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    return _prepare_metadata(metadata_directory)


# --------------------------------------------------------------------------------- sdist

def _local_deps(cfg):
    """Packages (not the root) that the root crate reaches through path dependencies."""
    meta = cargo_metadata(cfg.manifest)
    pkgs = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    want = os.path.realpath(cfg.manifest)
    root = next(i for i, p in pkgs.items() if os.path.realpath(p["manifest_path"]) == want)
    seen, todo, local = {root}, [root], []
    while todo:
        for d in nodes[todo.pop()]["deps"]:
            kinds = {k.get("kind") for k in d.get("dep_kinds", [{}])}
            if kinds <= {"dev"}:
                continue
            if d["pkg"] not in seen:
                seen.add(d["pkg"])
                todo.append(d["pkg"])
                if pkgs[d["pkg"]]["source"] is None:
                    local.append(pkgs[d["pkg"]])
    return pkgs[root], local


def build_sdist(sdist_directory, config_settings=None):
    """A self-contained sdist: `cargo package` of the crate (manifest normalized, Cargo.lock)
    plus every local path dependency vendored under _vendor/ and wired with [patch.crates-io],
    the build backend itself (backend-path) and PKG-INFO."""
    cfg = Config()
    if cfg.pure:
        return _pure_sdist(cfg, sdist_directory)
    root_pkg, local = _local_deps(cfg)
    base = "%s-%s" % (cfg.dist, cfg.version)
    with tempfile.TemporaryDirectory() as tmp:
        # `cargo package -p` reaches the members of one workspace: one call per workspace, all
        # of its packages together (so their path dependencies on each other resolve)
        groups = {}
        for p in [root_pkg] + local:
            ws = cargo_metadata(p["manifest_path"], no_deps=True)["workspace_root"]
            groups.setdefault(ws, []).append(p)
        for members in groups.values():
            cmd = [_cargo(), "package", "--no-verify", "--allow-dirty", "--manifest-path",
                   members[0]["manifest_path"], "--target-dir", os.path.join(tmp, "target")]
            for p in members:
                cmd += ["-p", "%s@%s" % (p["name"], p["version"])]
            # the packaged Cargo.lock is resolved as if published: point the path dependencies
            # of the other workspaces at their folders (crates.io may hold other crates by the name)
            for p in local:
                if p not in members:
                    cmd += ["--config", "patch.crates-io.%s.path=%s" % (
                        json.dumps(p["name"]), json.dumps(os.path.dirname(p["manifest_path"])))]
            _log("$ " + " ".join(cmd))
            if subprocess.run(cmd).returncode != 0:
                raise BuildError("cargo package failed (a path dependency needs a `version` too)")
        stage = os.path.join(tmp, "stage", base)

        def unpack(pkg, dest):
            crate = os.path.join(tmp, "target", "package", "%s-%s.crate" % (pkg["name"], pkg["version"]))
            with tarfile.open(crate) as tf:
                top = "%s-%s/" % (pkg["name"], pkg["version"])
                for m in tf.getmembers():
                    if not m.isfile() or not m.name.startswith(top):
                        continue
                    out = os.path.join(dest, m.name[len(top):])
                    os.makedirs(os.path.dirname(out), exist_ok=True)
                    with tf.extractfile(m) as src, open(out, "wb") as f:
                        shutil.copyfileobj(src, f)
                    os.chmod(out, 0o755 if m.mode & 0o111 else 0o644)

        unpack(root_pkg, stage)
        patch = []
        for p in local:
            rel = "_vendor/%s-%s" % (p["name"], p["version"])
            unpack(p, os.path.join(stage, rel))
            patch.append('%s = { path = "%s" }' % (json.dumps(p["name"]), rel))
        with open(os.path.join(stage, "Cargo.toml"), "a", encoding="utf-8") as f:
            f.write("\n# added by limpet-build: the sdist is its own workspace with vendored path deps\n"
                    "[workspace]\n")
            if patch:
                f.write("\n[patch.crates-io]\n" + "\n".join(patch) + "\n")
        # the crate's own folder may be nested in the python project (manifest-path): keep it there
        rel_manifest = os.path.relpath(cfg.manifest, cfg.root)
        if rel_manifest != "Cargo.toml":
            raise BuildError("build_sdist supports manifest-path = \"Cargo.toml\" only")
        # pyproject.toml, python sources, README are in the crate listing when they live in the
        # crate folder; the backend (backend-path, maybe a symlink) is copied as real files
        for bp in (cfg.pyproject.get("build-system") or {}).get("backend-path", []):
            src = os.path.realpath(os.path.join(cfg.root, bp))
            dst = os.path.join(stage, bp)
            shutil.rmtree(dst, ignore_errors=True)
            if os.path.lexists(dst):
                os.unlink(dst)
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        for must in ["pyproject.toml"]:
            if not os.path.exists(os.path.join(stage, must)):
                shutil.copyfile(os.path.join(cfg.root, must), os.path.join(stage, must))
        # never ship a locally built extension
        for pat in ("*.so", "*.pyd", "*.dylib", "*.dll"):
            for so in glob.glob(os.path.join(stage, "**", pat), recursive=True):
                os.unlink(so)
        # the license files (PEP 639: an sdist carries them too; License-File names them)
        for rel in cfg.license_files:
            if not os.path.exists(os.path.join(stage, rel)):
                os.makedirs(os.path.dirname(os.path.join(stage, rel)), exist_ok=True)
                shutil.copyfile(os.path.join(cfg.root, rel), os.path.join(stage, rel))
        with open(os.path.join(stage, "PKG-INFO"), "w", encoding="utf-8") as f:
            f.write(cfg.metadata())
        fname = _write_sdist(os.path.join(tmp, "stage"), sdist_directory, base)
    _log("wrote %s" % fname)
    return fname


def _write_sdist(stage_root, sdist_directory, base):
    """Tar `stage_root` (holding the one folder `base`) into a reproducible .tar.gz."""
    os.makedirs(sdist_directory, exist_ok=True)
    fname = base + ".tar.gz"
    out = os.path.join(sdist_directory, fname)
    mtime = _epoch()

    def norm(ti):
        ti.uid = ti.gid = 0
        ti.uname = ti.gname = ""
        ti.mtime = mtime
        return ti

    with tarfile.open(out, "w:gz", format=tarfile.PAX_FORMAT) as tf:
        for dirpath, dirnames, filenames in os.walk(stage_root):
            dirnames.sort()
            for fn in sorted(filenames):
                path = os.path.join(dirpath, fn)
                tf.add(path, os.path.relpath(path, stage_root), filter=norm)
    return fname


def _pure_sdist(cfg, sdist_directory):
    """The sdist of a pure-Python project (pure = true): pyproject.toml, the python-source
    folder, the readme, the license files and PKG-INFO."""
    base = "%s-%s" % (cfg.dist, cfg.version)
    readme = cfg.project.get("readme")
    readme = readme if isinstance(readme, str) else (readme or {}).get("file")
    files = ["pyproject.toml"] + ([readme] if readme else []) + list(cfg.license_files)
    files += [os.path.relpath(path, cfg.root) for _, path in _python_files(cfg.python_source)]
    with tempfile.TemporaryDirectory() as tmp:
        for rel in files:
            dst = os.path.join(tmp, base, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(os.path.join(cfg.root, rel), dst)
        with open(os.path.join(tmp, base, "PKG-INFO"), "w", encoding="utf-8") as f:
            f.write(cfg.metadata())
        fname = _write_sdist(tmp, sdist_directory, base)
    _log("wrote %s" % fname)
    return fname


# ------------------------------------------------------------------------------- develop

def _place_extension(cfg, so, stubs):
    """Copy the built .so (and the generated stubs) next to the sources; return that folder."""
    base = cfg.python_source or cfg.root
    target = getattr(cfg, "target", None)
    dest = os.path.join(base, cfg.module.replace(".", "/") + (target.ext_suffix if target else ".abi3.so"))
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    tmp = dest + ".tmp"
    shutil.copyfile(so, tmp)
    os.chmod(tmp, 0o755)
    os.replace(tmp, dest)  # atomic: a running interpreter keeps its mapping of the old file
    if stubs:
        # hand-written stubs win; generated ones of an earlier build must not shadow them
        _write_stubs(cfg, base, {} if _hand_written_stubs(cfg, base, stubs) else stubs)
    return base


def _write_stubs(cfg, base, stubs):
    """Write the generated stubs under `base`, removing generated ones of an earlier layout
    (a submodule added or removed turns `<module>.pyi` into a folder or back)."""
    single, folder = _stub_paths(cfg)
    old = [single] if os.path.isfile(os.path.join(base, single)) else []
    for dirpath, _, filenames in os.walk(os.path.join(base, folder)):
        old += [os.path.relpath(os.path.join(dirpath, fn), base).replace(os.sep, "/") for fn in filenames]
    for rel in old:
        if rel not in stubs and _stale_stub(cfg, rel, os.path.join(base, rel)):
            os.unlink(os.path.join(base, rel))
    for dirpath, _, _ in sorted(os.walk(os.path.join(base, folder)), reverse=True):
        if not os.listdir(dirpath):
            os.rmdir(dirpath)  # a folder left empty by the layout change
    marker = os.path.join(base, folder, "py.typed")
    if folder + "py.typed" not in stubs and os.path.isfile(marker) and os.listdir(os.path.dirname(marker)) == ["py.typed"]:
        os.unlink(marker)  # ours: nothing else is left in the stub folder
        os.rmdir(os.path.dirname(marker))
    for rel, text in stubs.items():
        path = os.path.join(base, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def _record_line(purelib, path):
    with open(path, "rb") as f:
        data = f.read()
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return (os.path.relpath(path, purelib).replace(os.sep, "/"), "sha256=" + digest, str(len(data)))


def _remove_installed(purelib, dist):
    """Uninstall every installed copy of `dist` in purelib (files listed in its RECORD)."""
    for di in glob.glob(os.path.join(purelib, "*.dist-info")):
        if _wheel_name(os.path.basename(di).split("-")[0]) != dist:
            continue
        try:
            with open(os.path.join(di, "RECORD"), newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))
        except OSError:
            rows = []
        prefix = os.path.realpath(sys.prefix)
        for row in rows:
            path = os.path.normpath(os.path.join(purelib, row[0])) if row else ""
            if path.startswith((purelib + os.sep, prefix + os.sep)) and os.path.isfile(path):
                os.unlink(path)
        shutil.rmtree(di, ignore_errors=True)


def _read_or_none(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


def _install_editable(cfg, base, purelib):
    """Make `base` importable in the environment whose site-packages is `purelib`.

    Returns False when it already was (the common case of the edit loop)."""
    pth = os.path.join(purelib, "_%s_editable.pth" % cfg.dist)
    di = os.path.join(purelib, "%s-%s.dist-info" % (cfg.dist, cfg.version))
    try:
        with open(pth, encoding="utf-8") as f:
            same = f.read().strip() == base and os.path.isfile(os.path.join(di, "RECORD"))
        with open(os.path.join(di, "METADATA"), encoding="utf-8") as f:
            same = same and f.read() == cfg.metadata()  # else: pyproject.toml changed
        if same and _read_or_none(os.path.join(di, "entry_points.txt")) == cfg.entry_points_txt():
            return False
    except OSError:
        pass
    _remove_installed(purelib, cfg.dist)
    os.makedirs(di)
    with open(pth, "w", encoding="utf-8") as f:
        f.write(base + "\n")
    files = {
        "METADATA": cfg.metadata(),
        "entry_points.txt": cfg.entry_points_txt(),
        "INSTALLER": "limpet-build\n",
        "direct_url.json": json.dumps({"url": "file://" + cfg.root, "dir_info": {"editable": True}}),
    }
    files = {k: v for k, v in files.items() if v is not None}
    for name, text in files.items():
        with open(os.path.join(di, name), "w", encoding="utf-8") as f:
            f.write(text)
    for rel in cfg.license_files:
        files["licenses/" + rel] = None
        os.makedirs(os.path.dirname(os.path.join(di, "licenses", rel)), exist_ok=True)
        shutil.copyfile(os.path.join(cfg.root, rel), os.path.join(di, "licenses", rel))
    created = [pth] + [os.path.join(di, n) for n in files] + _write_scripts(cfg, di)
    rows = [_record_line(purelib, path) for path in created]
    with open(os.path.join(di, "RECORD"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerows(rows + [(os.path.relpath(os.path.join(di, "RECORD"), purelib), "", "")])
    return True


_SCRIPT = """#!%s
# %s: a console script of %s, written by limpet-build develop
import sys
from %s import %s
if __name__ == "__main__":
    sys.exit(%s())
"""


def _write_scripts(cfg, di):
    """The console and GUI scripts of [project.scripts] / [project.gui-scripts] in the
    environment's scripts folder (what pip writes for a wheel); returns their paths."""
    bindir = sysconfig.get_paths()["scripts"]
    out = []
    for group in ("console_scripts", "gui_scripts"):
        for name, ref in cfg.entry_points.get(group, {}).items():
            mod, _, attr = ref.split("[")[0].strip().partition(":")
            path = os.path.join(bindir, name + (".py" if os.name == "nt" else ""))
            os.makedirs(bindir, exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(_SCRIPT % (sys.executable, name, cfg.name, mod, attr.split(".")[0], attr))
            os.chmod(path, 0o755)
            out.append(path)
    return out


def develop(release=False, stubs=True):
    """Rebuild the extension and make it importable in the running interpreter's environment."""
    if sys.prefix == sys.base_prefix and not os.environ.get("CONDA_PREFIX"):
        raise BuildError("develop installs into the running environment: run it with a virtual "
                         "environment's python (python -m venv .venv && .venv/bin/python ...)")
    t0 = time.time()
    cfg = Config()
    so = cargo_build(cfg, release=release, wheel=False)
    stub = generate_stub(cfg, so) if stubs else None
    base = _place_extension(cfg, so, stub)
    installed = _install_editable(cfg, base, os.path.realpath(sysconfig.get_paths()["purelib"]))
    _log("%s %s: %s in %.2f s (%s)" % (
        "installed" if installed else "rebuilt", cfg.module, os.path.relpath(base, cfg.root) or ".",
        time.time() - t0, "release" if release else "debug"))
