"""``python -m limpet_build``: the command line of limpet-build (run in the project folder).

    python -m limpet_build develop [--release] [--no-stubs]   # the edit-compile-test loop
    python -m limpet_build wheel [--target TRIPLE] [-o DIR]    # build a wheel into DIR (dist/)
                                 [--abi abi3|abi3t|all]    # cp37-abi3 (default), cp315-abi3.abi3t, both
    python -m limpet_build sdist [-o DIR]                      # build an sdist
    python -m limpet_build new NAME [--limpet-path PATH]       # write a new project NAME/
"""
import argparse
import os
import sys

import limpet_build as lb


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="python -m limpet_build",
        description="limpet-build %s: build abi3 wheels of limpet (Rust) extension modules. The "
                    "PEP 517 hooks are what pip, build and uv call; these commands are for "
                    "people." % lb.__version__)
    ap.add_argument("--version", action="version", version="limpet-build %s" % lb.__version__)
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    dev = sub.add_parser("develop", help="rebuild the extension and install the project into the "
                                         "running (virtual) environment as an editable install")
    dev.add_argument("--release", action="store_true", help="an optimized build (default: debug)")
    dev.add_argument("--no-stubs", action="store_true", help="do not write the generated .pyi stubs")
    for kind in ("wheel", "sdist"):
        p = sub.add_parser(kind, help="build a %s of the project in the current folder" % kind)
        p.add_argument("-o", "--out-dir", default="dist", help="where to write it (default: dist)")
        if kind == "wheel":
            p.add_argument("--target", help="a Rust target triple (rustup target add it first), "
                                            "e.g. x86_64-pc-windows-gnu, aarch64-apple-darwin")
            p.add_argument("--abi", choices=("abi3", "abi3t", "all"), default=None,
                           help="abi3: the cp37-abi3 wheel for GIL-enabled CPython 3.7+ (default); "
                                "abi3t: the cp315-abi3.abi3t wheel for CPython 3.15+ with and "
                                "without the GIL (PEP 803); all: both")
    new = sub.add_parser("new", help="write a new project (Cargo.toml, pyproject.toml, src/lib.rs, "
                                     "the Python package, a test, .gitignore and a CI workflow)")
    new.add_argument("name", help="the project's name (a Python distribution and module name)")
    new.add_argument("--limpet-path", default=os.environ.get("LIMPET_PATH"),
                     help="depend on a local limpet checkout by path (default: the published "
                          "crate; env LIMPET_PATH)")
    new.add_argument("--dir", help="the folder to create (default: NAME)")
    a = ap.parse_args(argv)
    if a.command is None:
        ap.print_help()
        return 2
    try:
        if a.command == "develop":
            lb.develop(release=a.release, stubs=not a.no_stubs)
        elif a.command == "wheel":
            for abi in (lb.ABIS if a.abi == "all" else [a.abi] if a.abi else [None]):
                settings = dict({"target": a.target} if a.target else {}, **({"abi": abi} if abi else {}))
                print(os.path.join(a.out_dir, lb.build_wheel(a.out_dir, settings or None)))
        elif a.command == "sdist":
            print(os.path.join(a.out_dir, lb.build_sdist(a.out_dir)))
        elif a.command == "new":
            from limpet_build import scaffold
            print(scaffold.new(a.name, a.dir or a.name, limpet_path=a.limpet_path))
    except lb.BuildError as e:
        sys.stderr.write("limpet-build: error: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
