#!/usr/bin/env python3
"""Every public item of the limpet crate has a doc comment with an example.

Reads the HTML that `cargo doc --no-deps -p limpet-abi3` generated (so exactly what is public is
checked: `#[doc(hidden)]` items and private modules have no page) and lists every item whose
documentation has no Rust example code block: modules, structs, enums, traits, functions,
macros, constants, type aliases, and the items of inherent impls and of traits (methods,
associated constants and types). Trait *implementations* (`impl Clone for ...`) and fields or
variants are not items that need their own example.

An example is a ```rust block that rustdoc compiles (plain, `no_run` or `should_panic`);
`ignore`, `compile_fail` and non-Rust blocks do not count.

Usage: scripts/check_doc_examples.py [DOC_DIR]   (default: $CARGO_TARGET_DIR or target, /doc/limpet)
Exit status 1 when an item lacks an example (each is listed), 2 when the docs are missing.
"""

import html
import os
import re
import sys

KINDS = {
    "struct": "struct",
    "enum": "enum",
    "trait": "trait",
    "fn": "fn",
    "macro": "macro",
    "constant": "const",
    "type": "type",
    "static": "static",
    "union": "union",
    "traitalias": "trait alias",
    "derive": "derive macro",
    "attr": "attribute macro",
}

# A Rust example as rustdoc renders it; `ignore`/`compile_fail` blocks carry that class.
EXAMPLE = re.compile(r'<div class="example-wrap( should_panic)?">(?:<a [^>]*>[^<]*</a>)?<pre class="rust rust-example-rendered')
SECTION = re.compile(r'<section id="([^"]+)" class="([^"]+)"')
H2 = re.compile(r'<h2 id="([^"]+)"')
TAG = re.compile(r"<[^>]+>")


def text(fragment):
    return html.unescape(TAG.sub("", fragment)).strip()


def docblock_after(page, pos):
    """The docblock of the item whose header ends at `pos`: the `<div class="docblock">`
    before the item's `</details>` (none when the next section starts first)."""
    end = page.find("</details>", pos)
    nxt = page.find("<section ", pos)
    block = page.find('<div class="docblock">', pos)
    if block == -1 or (end != -1 and block > end) or (nxt != -1 and block > nxt):
        return None
    stop = page.find("</details>", block)
    return page[block : stop if stop != -1 else len(page)]


def top_doc(page):
    i = page.find('class="toggle top-doc"')
    if i == -1:
        return None
    return docblock_after(page, i)


def regions(page, wanted):
    """Slices of the page under the `<h2 id=...>` headings listed in `wanted`."""
    heads = [(m.start(), m.group(1)) for m in H2.finditer(page)]
    out = []
    for i, (start, ident) in enumerate(heads):
        if ident in wanted:
            end = heads[i + 1][0] if i + 1 < len(heads) else len(page)
            out.append(page[start:end])
    return out


def member_items(page, kind):
    """(name, docblock) of the members this item defines itself."""
    if kind == "trait":
        wanted = {
            "required-associated-types",
            "provided-associated-types",
            "required-associated-consts",
            "provided-associated-consts",
            "required-methods",
            "provided-methods",
        }
    else:
        wanted = {"implementations"}
    items = []
    for region in regions(page, wanted):
        impl_header = ""
        for m in SECTION.finditer(region):
            ident, classes = m.group(1), m.group(2).split()
            if "impl" in classes:
                h3 = re.search(r'<h3 class="code-header">(.*?)</h3>', region[m.end() :])
                impl_header = text(h3.group(1)) if h3 else ""
                continue
            if "trait-impl" in classes:
                continue
            prefix, _, name = ident.partition(".")
            if prefix not in {"method", "tymethod", "associatedconstant", "associatedtype"}:
                continue
            name = re.sub(r"-\d+$", "", name)
            header_end = region.find("</section>", m.end())
            items.append((name, impl_header, docblock_after(region, header_end)))
    return items


def has_example(block):
    return block is not None and EXAMPLE.search(block) is not None


def item_path(root, path):
    rel = os.path.relpath(path, root)
    parts = rel.split(os.sep)
    module = ["limpet"] + parts[:-1]
    leaf = parts[-1]
    if leaf == "index.html":
        return "mod", "::".join(module)
    kind, _, rest = leaf.partition(".")
    name = rest[: -len(".html")]
    return kind, "::".join(module + [name])


def current_pages(root):
    """The pages of this build: the modules reachable from the crate root and the items that
    `all.html` lists (a stale page left by an earlier build is in neither)."""
    pages = []
    todo = ["index.html"]
    while todo:
        rel = todo.pop()
        pages.append(rel)
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            page = f.read()
        base = os.path.dirname(rel)
        for sub in re.findall(r'href="([A-Za-z0-9_]+)/index.html"', page):
            child = os.path.join(base, sub, "index.html")
            if child not in pages and child not in todo and os.path.isfile(os.path.join(root, child)):
                todo.append(child)
    with open(os.path.join(root, "all.html"), encoding="utf-8") as f:
        listed = re.findall(r'<li><a href="([^"#]+\.html)">', f.read())
    pages += [p for p in listed if not p.endswith("index.html")]
    return sorted(set(pages))


def check(root):
    missing = []
    checked = 0
    for rel in current_pages(root):
        fname = os.path.basename(rel)
        kind = "mod" if fname == "index.html" else fname.partition(".")[0]
        if kind != "mod" and kind not in KINDS:
            continue
        path = os.path.join(root, rel)
        with open(path, encoding="utf-8") as f:
            page = f.read()
        if 'http-equiv="refresh"' in page[:2000]:
            continue  # a redirect page
        kind, name = item_path(root, path)
        label = "module" if kind == "mod" else KINDS.get(kind, kind)
        checked += 1
        if not has_example(top_doc(page)):
            missing.append(f"{label} {name}")
        if kind in {"struct", "enum", "trait", "union"}:
            for member, impl_header, block in member_items(page, kind):
                checked += 1
                if not has_example(block):
                    where = f" (in `{impl_header}`)" if impl_header and kind != "trait" else ""
                    missing.append(f"{'item' if kind == 'trait' else 'method'} {name}::{member}{where}")
    return checked, missing


def main():
    if len(sys.argv) > 1:
        root = sys.argv[1]
    else:
        target = os.environ.get("CARGO_TARGET_DIR", "target")
        root = os.path.join(target, "doc", "limpet")
    if not os.path.isfile(os.path.join(root, "index.html")):
        print(f"check_doc_examples: no docs at {root}; run `cargo doc --no-deps -p limpet-abi3` first", file=sys.stderr)
        return 2
    checked, missing = check(root)
    if missing:
        print(f"check_doc_examples: {len(missing)} of {checked} public items have no example:")
        for m in missing:
            print(f"  {m}")
        return 1
    print(f"check_doc_examples: all {checked} public items of limpet have an example")
    return 0


if __name__ == "__main__":
    sys.exit(main())
