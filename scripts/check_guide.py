"""Check that every ```rust block of README.md is compiled verbatim: by a tests/guide*.rs file, or
as a file of its own that the build compiles (COMPILED_FILES)."""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
readme = (root / "README.md").read_text()
# Files the workspace build compiles as they are (a README block may show one whole).
COMPILED_FILES = [root / "examples" / "embedding" / "build.rs"]
guide = "\n".join(p.read_text() for p in sorted((root / "tests").glob("guide*.rs")) + COMPILED_FILES)
blocks = re.findall(r"```rust\n(.*?)```", readme, re.S)
missing = [i for i, b in enumerate(blocks) if b not in guide]
if not blocks or missing:
    sys.exit("README rust blocks %s are not in tests/guide*.rs: copy them there verbatim" % missing)
print("guide: %d README rust blocks compiled (tests/guide*.rs, examples/embedding/build.rs)" % len(blocks))
