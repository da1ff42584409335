"""Check that every ```rust block of README.md is compiled by a tests/guide*.rs file (verbatim)."""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
readme = (root / "README.md").read_text()
guide = "\n".join(p.read_text() for p in sorted((root / "tests").glob("guide*.rs")))
blocks = re.findall(r"```rust\n(.*?)```", readme, re.S)
missing = [i for i, b in enumerate(blocks) if b not in guide]
if not blocks or missing:
    sys.exit("README rust blocks %s are not in tests/guide*.rs: copy them there verbatim" % missing)
print("guide: %d README rust blocks compiled by tests/guide*.rs" % len(blocks))
