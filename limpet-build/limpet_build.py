"""limpet-build: a minimal PEP 517 / PEP 660 build backend for limpet (abi3) extension crates.

One file, standard library only (plus ``tomli`` on Python < 3.11 to read pyproject.toml).
It runs ``cargo build --release``, names the cdylib ``<module>.abi3.so`` and writes ONE wheel
``<dist>-<version>-cp37-abi3-<platform>.whl`` (``Requires-Python >=3.7``) that every GIL
CPython 3.7+ installs. The platform tag is computed from the built file: the highest
``GLIBC_x.y`` symbol version it needs gives ``manylinux_x_y_<arch>`` (the same verdict as
``auditwheel show`` for a Rust cdylib, whose only libraries are libc, libm, libgcc_s, ...).

Hooks: build_wheel, build_sdist, build_editable (PEP 660), get_requires_for_build_*,
prepare_metadata_for_build_wheel/editable.

pyproject.toml::

    [build-system]
    requires = ["tomli>=1.1; python_version<'3.11'"]
    build-backend = "limpet_build"
    backend-path = ["build-backend"]      # a folder holding this file

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
    stubs = true                          # write <module>.pyi from __limpet_stubs__() if present
                                          # (a stub package <module>/__init__.pyi, <module>/<sub>.pyi,
                                          # py.typed when it has submodules; hand-written stubs
                                          # in python-source win)

The edit-compile-test loop (the role of ``maturin develop``), run with the venv's python in the
project folder::

    python build-backend/limpet_build.py develop [--release] [--no-stubs]

builds the crate (debug profile unless ``--release``), puts ``<module>.abi3.so`` (and the stub)
next to the Python sources and, the first time, installs the project into the running
interpreter's environment as an editable distribution (a ``.pth`` file and a ``.dist-info``
that pip lists and can uninstall). Later runs only rebuild and replace the ``.so``.

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


class Config:
    def __init__(self, root="."):
        self.root = os.path.abspath(root)
        self.pyproject = _load_toml(os.path.join(self.root, "pyproject.toml"))
        self.project = dict(self.pyproject.get("project") or {})
        tool = (self.pyproject.get("tool") or {}).get("limpet") or {}
        self.manifest = os.path.join(self.root, tool.get("manifest-path", "Cargo.toml"))
        if "name" not in self.project:
            raise BuildError("pyproject.toml: [project] needs a name")
        self.name = self.project["name"]
        self.dynamic = set(self.project.get("dynamic") or [])
        if "version" not in self.project:
            if "version" not in self.dynamic:
                raise BuildError("pyproject.toml: [project] needs a version (or dynamic = [\"version\"])")
            self.project["version"] = self._cargo_package()["version"]
        self.version = self.project["version"]
        self.module = tool.get("module", _wheel_name(self.name))
        src = tool.get("python-source")
        self.python_source = os.path.join(self.root, src) if src else None
        self.abi3 = tool.get("abi3", "cp37")
        self.features = list(tool.get("features", []))
        self.stubs = bool(tool.get("stubs", True))
        self.dist = _wheel_name(self.name)

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

    # PEP 621 [project] -> core metadata 2.1
    def metadata(self):
        p = self.project
        lines = ["Metadata-Version: 2.1", "Name: %s" % self.name, "Version: %s" % self.version]
        if p.get("description"):
            lines.append("Summary: %s" % p["description"])
        lines.append("Requires-Python: %s" % p.get("requires-python", ">=3.7"))
        lic = p.get("license")
        if isinstance(lic, dict) and lic.get("text"):
            lines.append("License: %s" % lic["text"])
        elif isinstance(lic, str):
            lines.append("License-Expression: %s" % lic)
        for a in p.get("authors", []):
            if a.get("email"):
                lines.append("Author-email: %s" % (
                    "%s <%s>" % (a["name"], a["email"]) if a.get("name") else a["email"]))
            elif a.get("name"):
                lines.append("Author: %s" % a["name"])
        for k in p.get("keywords", []) and [", ".join(p["keywords"])]:
            lines.append("Keywords: %s" % k)
        for c in p.get("classifiers", []):
            lines.append("Classifier: %s" % c)
        for label, url in (p.get("urls") or {}).items():
            lines.append("Project-URL: %s, %s" % (label, url))
        for d in p.get("dependencies", []):
            lines.append("Requires-Dist: %s" % d)
        for extra, deps in (p.get("optional-dependencies") or {}).items():
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
            if ctype is None and path:
                ctype = "text/markdown" if path.endswith(".md") else "text/x-rst" if path.endswith(".rst") else "text/plain"
            lines.append("Description-Content-Type: %s" % (ctype or "text/plain"))
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


def cargo_build(cfg, release=True):
    """cargo build [--release] --lib; return the path of the crate's cdylib."""
    cmd = [_cargo(), "build"] + (["--release"] if release else []) + [
        "--lib", "--manifest-path", cfg.manifest, "--message-format=json-render-diagnostics"]
    if cfg.features:
        cmd += ["--features", ",".join(cfg.features)]
    _log("$ " + " ".join(cmd))
    t0 = time.time()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE)  # diagnostics go to our stderr
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


def platform_tags(so_path):
    """The wheel platform tag(s) for a built extension: the lowest manylinux it fits."""
    override = os.environ.get("LIMPET_PLATFORM_TAG")
    if override:
        return override.split(".")
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    if not plat.startswith("linux"):
        return [plat]
    arch = plat[len("linux_"):]
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
        return [plat]  # musllinux: not handled here
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
    di = "%s-%s.dist-info" % (cfg.dist, cfg.version)
    wheel = "Wheel-Version: 1.0\nGenerator: %s\nRoot-Is-Purelib: false\n" % GENERATOR
    wheel += "".join("Tag: %s-abi3-%s\n" % (cfg.abi3, t) for t in tags)
    return di, {di + "/METADATA": cfg.metadata(), di + "/WHEEL": wheel}


def _wheel_filename(cfg, tags):
    return "%s-%s-%s-abi3-%s.whl" % (cfg.dist, cfg.version, cfg.abi3, ".".join(tags))


def _build(wheel_directory, editable):
    cfg = Config()
    so = cargo_build(cfg)
    tags = platform_tags(so)
    stubs = generate_stub(cfg, so)
    ext_rel = cfg.module.replace(".", "/") + ".abi3.so"
    os.makedirs(wheel_directory, exist_ok=True)
    fname = _wheel_filename(cfg, tags)
    ww = WheelWriter(os.path.join(wheel_directory, fname))
    try:
        if editable:
            # PEP 660, "compat" style: the .so goes next to the sources, a .pth puts them on
            # sys.path. Python edits show at once; after a Rust edit, install again.
            base = _place_extension(cfg, so, stubs)
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
                    if _stale_stub(cfg, arc, path) or (stubs and arc in stubs):
                        continue  # a stale generated stub (editable build): regenerate
                    ww.add_file(arc, path)
                    names.add(arc)
            ww.add_file(ext_rel, so)
            for arc, text in sorted((stubs or {}).items()):
                ww.add(arc, text)
            # every package level of the module needs an __init__.py (from python-source)
            parts = cfg.module.split(".")[:-1]
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
    return _build(wheel_directory, editable=False)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _build(wheel_directory, editable=True)


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
    di = "%s-%s.dist-info" % (cfg.dist, cfg.version)
    os.makedirs(os.path.join(metadata_directory, di), exist_ok=True)
    with open(os.path.join(metadata_directory, di, "METADATA"), "w", encoding="utf-8") as f:
        f.write(cfg.metadata())
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
        for so in glob.glob(os.path.join(stage, "**", "*.so"), recursive=True):
            os.unlink(so)
        with open(os.path.join(stage, "PKG-INFO"), "w", encoding="utf-8") as f:
            f.write(cfg.metadata())
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
            for dirpath, dirnames, filenames in os.walk(os.path.join(tmp, "stage")):
                dirnames.sort()
                for fn in sorted(filenames):
                    path = os.path.join(dirpath, fn)
                    tf.add(path, os.path.relpath(path, os.path.join(tmp, "stage")), filter=norm)
    _log("wrote %s" % fname)
    return fname


# ------------------------------------------------------------------------------- develop

def _place_extension(cfg, so, stubs):
    """Copy the built .so (and the generated stubs) next to the sources; return that folder."""
    base = cfg.python_source or cfg.root
    dest = os.path.join(base, cfg.module.replace(".", "/") + ".abi3.so")
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
        for row in rows:
            path = os.path.normpath(os.path.join(purelib, row[0])) if row else ""
            if path.startswith(purelib + os.sep) and os.path.isfile(path):
                os.unlink(path)
        shutil.rmtree(di, ignore_errors=True)


def _install_editable(cfg, base, purelib):
    """Make `base` importable in the environment whose site-packages is `purelib`.

    Returns False when it already was (the common case of the edit loop)."""
    pth = os.path.join(purelib, "_%s_editable.pth" % cfg.dist)
    di = os.path.join(purelib, "%s-%s.dist-info" % (cfg.dist, cfg.version))
    try:
        with open(pth, encoding="utf-8") as f:
            if f.read().strip() == base and os.path.isfile(os.path.join(di, "RECORD")):
                return False
    except OSError:
        pass
    _remove_installed(purelib, cfg.dist)
    os.makedirs(di)
    with open(pth, "w", encoding="utf-8") as f:
        f.write(base + "\n")
    files = {
        "METADATA": cfg.metadata(),
        "INSTALLER": "limpet-build\n",
        "direct_url.json": json.dumps({"url": "file://" + cfg.root, "dir_info": {"editable": True}}),
    }
    for name, text in files.items():
        with open(os.path.join(di, name), "w", encoding="utf-8") as f:
            f.write(text)
    rows = [_record_line(purelib, pth)] + [_record_line(purelib, os.path.join(di, n)) for n in files]
    with open(os.path.join(di, "RECORD"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerows(rows + [(os.path.relpath(os.path.join(di, "RECORD"), purelib), "", "")])
    return True


def develop(release=False, stubs=True):
    """Rebuild the extension and make it importable in the running interpreter's environment."""
    if sys.prefix == sys.base_prefix and not os.environ.get("CONDA_PREFIX"):
        raise BuildError("develop installs into the running environment: run it with a virtual "
                         "environment's python (python -m venv .venv && .venv/bin/python ...)")
    t0 = time.time()
    cfg = Config()
    so = cargo_build(cfg, release=release)
    stub = generate_stub(cfg, so) if stubs else None
    base = _place_extension(cfg, so, stub)
    installed = _install_editable(cfg, base, os.path.realpath(sysconfig.get_paths()["purelib"]))
    _log("%s %s: %s in %.2f s (%s)" % (
        "installed" if installed else "rebuilt", cfg.module, os.path.relpath(base, cfg.root) or ".",
        time.time() - t0, "release" if release else "debug"))


if __name__ == "__main__" and sys.argv[1:2] == ["develop"]:
    extra = set(sys.argv[2:]) - {"--release", "--no-stubs"}
    if extra:
        sys.exit("usage: python limpet_build.py develop [--release] [--no-stubs]")
    try:
        develop(release="--release" in sys.argv, stubs="--no-stubs" not in sys.argv)
    except BuildError as e:
        sys.exit("limpet-build: error: %s" % e)
elif __name__ == "__main__":
    # `python limpet_build.py wheel|sdist|editable [OUTDIR]`, run in the project folder.
    kind = sys.argv[1] if len(sys.argv) > 1 else "wheel"
    outdir = sys.argv[2] if len(sys.argv) > 2 else "dist"
    hook = {"wheel": build_wheel, "sdist": build_sdist, "editable": build_editable}[kind]
    try:
        print(os.path.join(outdir, hook(outdir)))
    except BuildError as e:
        sys.exit("limpet-build: error: %s" % e)
