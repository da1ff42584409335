"""Check that every ```rust block of README.md and of docs/**/*.md (the guide's chapters) is
compiled verbatim: by a tests/guide*.rs file, or as a file of its own that the build compiles
(COMPILED_FILES)."""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
pages = [root / "README.md"] + sorted((root / "docs").rglob("*.md"))
# Files the workspace build compiles as they are (a block may show one whole).
COMPILED_FILES = [root / "examples" / "embedding" / "build.rs"]
guide = "\n".join(p.read_text() for p in sorted((root / "tests").glob("guide*.rs")) + COMPILED_FILES)
total = 0
missing = []
for page in pages:
    blocks = re.findall(r"```rust\n(.*?)```", page.read_text(), re.S)
    total += len(blocks)
    missing += ["%s block %d" % (page.relative_to(root), i) for i, b in enumerate(blocks) if b not in guide]
if not total or missing:
    sys.exit("rust blocks not in tests/guide*.rs (copy them there verbatim): %s" % ", ".join(missing))
print("guide: %d rust blocks of README.md and docs/ compiled (tests/guide*.rs, examples/embedding/build.rs)" % total)
