"""``python -m limpet_build new NAME``: write a new limpet project that builds, installs and
passes its test as written.

Layout (NAME = ``my-pkg``, package/module name ``my_pkg``)::

    my-pkg/
      Cargo.toml                 cdylib, depends on limpet (published: limpet-abi3, lib `limpet`)
      pyproject.toml             [build-system] limpet-build, [project], [tool.limpet]
      src/lib.rs                 a function and a class, module `my_pkg._native`
      python/my_pkg/__init__.py  re-exports the native module; py.typed (PEP 561)
      tests/test_my_pkg.py       pytest
      README.md, .gitignore
      .cargo/config.toml         `-undefined dynamic_lookup` for plain `cargo build` on macOS
      .github/workflows/wheels.yml   cibuildwheel: Linux (x86_64, aarch64), macOS (x86_64,
                                     arm64), Windows (AMD64); one abi3 wheel each, tested
"""
import os
import re

from limpet_build import BuildError, __version__

LIMPET_CRATE = "limpet-abi3"
LIMPET_VERSION = "0.1"


def _files(name, module, limpet_dep):
    return {
        "Cargo.toml": '''[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
# the limpet crate (published as {crate}); its library is `limpet`
{limpet_dep}

# a project of its own, even when created inside another Cargo workspace
[workspace]
''',
        "pyproject.toml": '''[build-system]
requires = ["limpet-build>={backend_floor},<0.2"]
build-backend = "limpet_build"

[project]
name = "{name}"
version = "0.1.0"
description = "A Python extension module written in Rust with limpet."
readme = "README.md"
requires-python = ">=3.7"
license = "MIT"
classifiers = ["Programming Language :: Python :: 3", "Programming Language :: Rust"]

[project.optional-dependencies]
test = ["pytest"]

[tool.limpet]
module = "{module}._native"   # -> {module}/_native.abi3.so (.pyd on Windows)
python-source = "python"
''',
        "src/lib.rs": '''//! `{module}._native`: the Rust half of the `{module}` package.
#![forbid(unsafe_code)]
use limpet::prelude::*;

limpet::function! {{
    /// Return the sum of `a` and `b`.
    pub fn add(a: i64, b: i64 = 1) -> i64 {{
        a + b
    }}
}}

limpet::class! {{
    /// A counter that goes up by `step`.
    pub struct Counter {{
        #[py(get)] pub value: i64,
        step: i64,
    }}
    impl Counter {{
        #[new]
        fn new(start: i64 = 0, *, step: i64 = 1) -> Self {{
            Counter {{ value: start, step }}
        }}
        /// Add `step` and return the new value.
        fn incr(&mut self) -> i64 {{
            self.value += self.step;
            self.value
        }}
        fn __repr__(&self) -> String {{
            format!("Counter({{}})", self.value)
        }}
    }}
}}

limpet::module! {{
    /// The native part of `{module}`.
    mod _native {{
        fn add;
        class Counter;
        const __version__ = env!("CARGO_PKG_VERSION");
    }}
}}
''',
        "python/{module}/__init__.py": '''"""{name}: a limpet (Rust, abi3) extension module."""
from ._native import Counter, __version__, add

__all__ = ["Counter", "add", "__version__"]
''',
        "python/{module}/py.typed": "",
        "tests/test_{module}.py": '''import {module}


def test_add():
    assert {module}.add(2, 3) == 5
    assert {module}.add(2) == 3


def test_counter():
    c = {module}.Counter(10, step=5)
    assert c.incr() == 15
    assert c.value == 15
    assert repr(c) == "Counter(15)"
''',
        "README.md": '''# {name}

A Python extension module written in Rust with [limpet](https://crates.io/crates/{crate}):
one `cp37-abi3` wheel per platform serves CPython 3.7 and every later version.

```sh
python -m venv .venv && . .venv/bin/activate
pip install limpet-build pytest
python -m limpet_build develop      # build and install into .venv (again after each edit)
pytest tests
pip wheel . -w dist                 # the wheel
```
''',
        ".gitignore": '''/target
/dist
/.venv
__pycache__/
*.so
*.pyd
*.dylib
# the stubs limpet-build generates from the module (hand-written .pyi files are kept)
/python/{module}/_native.pyi
/python/{module}/_native/
.pytest_cache/
''',
        ".cargo/config.toml": '''# A Python extension leaves the interpreter's symbols undefined (the interpreter that loads it
# provides them). limpet-build passes this itself; this file is for a plain `cargo build`.
[target.x86_64-apple-darwin]
rustflags = ["-C", "link-arg=-undefined", "-C", "link-arg=dynamic_lookup"]

[target.aarch64-apple-darwin]
rustflags = ["-C", "link-arg=-undefined", "-C", "link-arg=dynamic_lookup"]
''',
        ".github/workflows/wheels.yml": '''# One abi3 wheel per platform with cibuildwheel (it runs `pip wheel .`, so limpet-build),
# built and tested on CPython 3.9; the cp37-abi3 wheel installs on 3.7 and every later CPython.
name: wheels

on:
  push:
  pull_request:
  workflow_dispatch:

jobs:
  wheels:
    name: ${{{{ matrix.os }}}}
    runs-on: ${{{{ matrix.os }}}}
    strategy:
      fail-fast: false
      matrix:
        os: [ubuntu-latest, ubuntu-24.04-arm, macos-13, macos-14, windows-latest]
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@stable
      - uses: pypa/cibuildwheel@v2.23
        env:
          # abi3: build on one interpreter, the wheel (cp37-abi3) installs on all later ones
          CIBW_BUILD: "cp39-*"
          CIBW_SKIP: "*-musllinux_i686 *-win32 *-manylinux_i686"
          CIBW_ARCHS_LINUX: native
          CIBW_BEFORE_ALL_LINUX: "curl -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal"
          CIBW_ENVIRONMENT_LINUX: 'PATH="$HOME/.cargo/bin:$PATH"'
          CIBW_TEST_REQUIRES: pytest
          CIBW_TEST_COMMAND: "pytest {{project}}/tests"
      - uses: actions/upload-artifact@v4
        with:
          name: wheels-${{{{ matrix.os }}}}
          path: wheelhouse/*.whl

  sdist:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install build twine && python -m build --sdist && twine check --strict dist/*
      - uses: actions/upload-artifact@v4
        with:
          name: sdist
          path: dist/*.tar.gz
''',
    }


def new(name, directory, limpet_path=None):
    """Write the project `name` into `directory` (which must not exist); return its path.
    `limpet_path`: depend on a local limpet checkout by path instead of the published crate."""
    if not re.match(r"^[A-Za-z][A-Za-z0-9_-]*$", name):
        raise BuildError("new: %r is not a usable project name (letters, digits, - and _, "
                         "starting with a letter)" % name)
    module = re.sub(r"[-.]+", "_", name).lower()
    directory = os.path.abspath(directory)
    if os.path.exists(directory):
        raise BuildError("new: %s already exists" % directory)
    if limpet_path:
        limpet_path = os.path.abspath(limpet_path)
        if not os.path.isfile(os.path.join(limpet_path, "Cargo.toml")):
            raise BuildError("new: --limpet-path %s has no Cargo.toml" % limpet_path)
        dep = 'limpet = {{ package = "{crate}", path = {path} }}'.format(
            crate=LIMPET_CRATE, path='"%s"' % limpet_path.replace("\\", "/"))
    else:
        dep = 'limpet = {{ package = "{crate}", version = "{ver}" }}'.format(crate=LIMPET_CRATE, ver=LIMPET_VERSION)
    values = dict(name=name, module=module, crate=LIMPET_CRATE, limpet_dep=dep,
                  backend_floor=".".join(__version__.split(".")[:2]))
    for rel, text in _files(name, module, dep).items():
        path = os.path.join(directory, rel.format(**values))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text.format(**values))
    return directory
