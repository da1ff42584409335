# The `.pyi` renderer of limpet (src/stubs.rs): Python source kept in the extension as data
# and run only when `__limpet_stubs__` is called, so the extension carries no rendering code.
# It runs on every CPython 3.7+. `render(module, decls, files)`: `decls` is the declaration
# text src/stubs.rs writes (one record a line, fields separated by \x1f), `module` the live
# module (constants' types, exception bases, submodule objects).
import re


class Fn:
    def __init__(self, rec):
        self.kind, self.name = rec[1], rec[2]
        self.posonly, self.positional = int(rec[3]), int(rec[4])
        self.varargs, self.varkw = rec[5] or None, rec[6] or None
        self.params, self.hints, self.ret = [], [], "typing.Any"


class Mod:
    def __init__(self, name):
        self.name, self.items = name, []


class Cls:
    def __init__(self, name, base):
        self.name, self.base, self.items = name, base or None, []


def parse(decls):
    lines = decls.split("\n")
    top = Mod(lines[0].split("\x1f")[2])
    stack, fn = [top], None
    for line in lines[1:]:
        if not line:
            continue
        rec = line.split("\x1f")
        tag, cur = rec[0], stack[-1]
        if tag == "F":
            fn = Fn(rec)
            cur.items.append(("F", fn))
        elif tag == "P":
            fn.params.append((rec[1], rec[2] == "1"))
        elif tag == "H":
            fn.hints.append((rec[1], rec[2]))
        elif tag == "R":
            fn.ret = rec[1]
        elif tag == "M":
            sub = Mod(rec[1])
            cur.items.append(("M", sub))
            stack.append(sub)
        elif tag == "C":
            cls = Cls(rec[1], rec[2])
            cur.items.append(("C", cls))
            stack.append(cls)
        elif tag == "E":
            stack.pop()
        else:  # X exception, K constant, A class attribute, Y property side, D deleter, Q richcompare, L literal line
            cur.items.append((tag, rec[1:]))
    return top


def hint_of(fn, name):
    return next((h for n, h in fn.hints if n == name), "typing.Any")


def parameters(fn, receiver):
    parts = [receiver] if receiver else []
    for i, (name, default) in enumerate(fn.params):
        if i == fn.positional:
            parts.append("*%s: %s" % (fn.varargs, hint_of(fn, "*" + fn.varargs)) if fn.varargs else "*")
        parts.append("%s: %s%s" % (name, hint_of(fn, name), " = ..." if default else ""))
        if i + 1 == fn.posonly:
            parts.append("/")
    if len(fn.params) <= fn.positional and fn.varargs:
        parts.append("*%s: %s" % (fn.varargs, hint_of(fn, "*" + fn.varargs)))
    if fn.varkw:
        parts.append("**%s: %s" % (fn.varkw, hint_of(fn, "**" + fn.varkw)))
    return "(%s)" % ", ".join(parts)


def note(refs, hint):
    # The bare identifiers of a hint (`typing.Optional[Point]` -> `Point`): the classes a
    # stub may have to import from another module of the package.
    for word in re.split(r"[^\w.]", hint):
        if word and "." not in word and not word[0] in "0123456789":
            refs.add(word)


def function(out, refs, indent, fn):
    decorator, receiver = {"f": (None, None), "m": (None, "self"), "s": ("@staticmethod", None),
                           "c": ("@classmethod", "cls")}[fn.kind]
    if decorator:
        out.append(indent + decorator + "\n")
    if fn.name in ("__eq__", "__ne__"):
        # `__eq__`/`__ne__` take `object` in typeshed; narrowing it breaks the override rule.
        fn.hints = [(n, "object") for n, _ in fn.hints]
    for _, h in fn.hints:
        note(refs, h)
    note(refs, fn.ret)
    out.append("%sdef %s%s -> %s: ...\n" % (indent, fn.name, parameters(fn, receiver), fn.ret))


def klass(out, refs, cls):
    if cls.base:
        note(refs, cls.base)
    out.append("\nclass %s%s:\n" % (cls.name, "(%s)" % cls.base if cls.base else ""))
    before = len(out)
    props = []  # properties merged by name: [name, get, set, hint]
    for tag, item in cls.items:
        if tag == "F" and item.kind == "n":
            for _, h in item.hints:
                note(refs, h)
            out.append("    def __init__%s -> None: ...\n" % parameters(item, "self"))
        elif tag == "F":
            function(out, refs, "    ", item)
        elif tag == "A":
            note(refs, item[1])
            out.append("    %s: typing.ClassVar[%s]\n" % (item[0], item[1]))
        elif tag == "Y":
            name, get, set_, hint = item[0], item[1] == "1", item[2] == "1", item[4] if item[3] == "1" else None
            p = next((p for p in props if p[0] == name), None)
            if p is None:
                props.append([name, get, set_, hint])
            else:
                p[1], p[2], p[3] = p[1] or get, p[2] or set_, p[3] if p[3] is not None else hint
    deleters = {item[0] for tag, item in cls.items if tag == "D"}
    for name, get, set_, hint in props:
        hint = hint if hint is not None else "typing.Any"
        note(refs, hint)
        if get:
            out.append("    @property\n    def %s(self) -> %s: ...\n" % (name, hint))
            if set_:
                out.append("    @%s.setter\n    def %s(self, value: %s) -> None: ...\n" % (name, name, hint))
        elif set_:
            out.append("    %s: %s\n" % (name, hint))
        if get and name in deleters:
            out.append("    @%s.deleter\n    def %s(self) -> None: ...\n" % (name, name))
    if any(tag == "Q" for tag, _ in cls.items):
        for op in ("__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"):
            out.append("    def %s(self, other: object) -> bool: ...\n" % op)
    for tag, item in cls.items:
        if tag == "L":  # a member a class option derives, as a literal line
            out.append(item[0] + "\n")
    if len(out) == before:
        out.append("    ...\n")


HINTS = {"object": "typing.Any", "set": "typing.AbstractSet[typing.Any]",
         "dict": "typing.Dict[typing.Any, typing.Any]", "list": "typing.List[typing.Any]",
         "tuple": "typing.Tuple[typing.Any, ...]", "NoneType": "None",
         "frozenset": "typing.FrozenSet[typing.Any]"}


def has_submodules(mod):
    return any(tag == "M" for tag, _ in mod.items)


class Place:
    # Where a stub file of the package layout sits: `path`, the module's path below the top
    # level; `index`, every class and exception of the tree as (name, path, class or None).
    def __init__(self, path, index):
        self.path, self.index = path, index

    def import_line(self, package, target, names):
        # Relative, from the module itself in an `__init__.pyi`, from its parent package in a
        # plain module stub.
        depth = len(self.path) if package else max(len(self.path) - 1, 0)
        return "from %s%s import %s" % ("." * (depth + 1), ".".join(target), ", ".join(sorted(names)))

    def find(self, name):
        # The declaration of `name`, preferring this module's own.
        found = [d for d in self.index if d[0] == name]
        return next((d for d in found if d[1] == self.path), found[0]) if found else None


def module_text(mod, module, place):
    this = str(module.__name__)
    package = has_submodules(mod)
    refs, plain_imports, from_imports, submodules, body, functions = set(), set(), {}, [], [], []
    for tag, item in mod.items:
        if tag == "F":
            function(functions, refs, "", item)
        elif tag == "C":
            klass(body, refs, item)
        elif tag == "X":
            name = item[0]
            base = getattr(module, name).__bases__[0]
            base_name, base_module = str(base.__name__), str(base.__module__)
            # One of the tree's own exceptions (compared by identity), else a builtin or an
            # importable module's class.
            ours = next((d for d in place.index if d[2] is base), None) if place else None
            if ours:
                if ours[1] != place.path:
                    from_imports.setdefault(ours[1], set()).add(ours[0])
                base = ours[0]
            elif base_module in ("builtins", this):
                base = base_name
            else:
                plain_imports.add("import " + base_module)
                base = base_module + "." + base_name
            body.append("\nclass %s(%s): ...\n" % (name, base))
        elif tag == "K":
            ty = type(getattr(module, item[0])).__name__
            ty = HINTS.get(ty, ty)
            note(refs, ty)
            body.append("\n%s: %s\n" % (item[0], ty))
        elif tag == "M":
            if place:
                submodules.append(item.name)
            else:
                # A single file cannot hold a submodule's stub: `m.sub` stays usable.
                body.append("\n%s: typing.Any  # submodule\n" % item.name)
    body, functions = "".join(body), "".join(functions)
    # Standard modules the std conversions' hints name (`pathlib.Path`, ...).
    for m in ("datetime", "ipaddress", "os", "pathlib"):
        if any(c + m + "." in t for c in " [(" for t in (body, functions)):
            plain_imports.add("import " + m)
    out = ["# Stubs for the `%s` extension module, generated by limpet.\nimport typing\n" % this]
    out += [line + "\n" for line in sorted(plain_imports)]
    if place:
        # Classes named by the hints but declared in another module of the tree.
        for name in sorted(refs):
            d = place.find(name)
            if d and d[1] != place.path:
                from_imports.setdefault(d[1], set()).add(d[0])
        for target in sorted(from_imports):
            out.append(place.import_line(package, target, from_imports[target]) + "\n")
        for sub in submodules:
            # `as` re-exports the name: `import pkg; pkg.sub.f()` type-checks.
            out.append("from . import %s as %s\n" % (sub, sub))
    out.append(body)
    if functions:
        out.append("\n" + functions)
    return "".join(out)


def index_tree(mod, module, path, out):
    for tag, item in mod.items:
        if tag == "C":
            out.append((item.name, path, None))
        elif tag == "X":
            out.append((item[0], path, getattr(module, item[0])))
        elif tag == "M":
            index_tree(item, getattr(module, item.name), path + (item.name,), out)


def walk(mod, module, file_path, index, files):
    text = module_text(mod, module, Place(file_path[1:], index))
    files["/".join(file_path) + ("/__init__.pyi" if has_submodules(mod) else ".pyi")] = text
    for tag, item in mod.items:
        if tag == "M":
            walk(item, getattr(module, item.name), file_path + (item.name,), index, files)


def render(module, decls, files):
    mod = parse(decls)
    if not files:
        return module_text(mod, module, None)
    if not has_submodules(mod):
        return {mod.name + ".pyi": module_text(mod, module, None)}
    index, out = [], {}
    index_tree(mod, module, (), index)
    walk(mod, module, (mod.name,), index, out)
    return dict(sorted(out.items()))
