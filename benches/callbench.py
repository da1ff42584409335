"""Call-overhead benchmark, run by benches/run.py once per process and interpreter.

    python callbench.py SPEC.json

SPEC: {"variants": [{"name": ..., "dir": ..., "module": ...}, ...], "repeat": N,
       "target_s": seconds per timing}. Imports every variant into THIS process, checks that
they all behave the same, then interleaves the timings: for each of `repeat` rounds, every
call is timed once for every variant, the variants in a fresh random order each time. Prints
one JSON object: {"version": "3.11.7", "ns": {call: {variant: [ns per call of each round]}}}.

Runs on every interpreter from 3.7 (plain timeit, no third-party package).
"""
import gc
import importlib
import json
import platform
import random
import sys
import timeit

# (label, statement, setup); `m` is the variant's module.
CALLS = [
    ("noop()", "f()", "f = m.noop"),
    ("add(1, 2)", "f(1, 2)", "f = m.add"),
    ("concat('hello', 'world')", "f('hello', 'world')", "f = m.concat"),
    ("kw(1)", "f(1)", "f = m.kw"),
    ("kw(1, 2, c=3)", "f(1, 2, c=3)", "f = m.kw"),
    ("sum_list(10)", "f(xs)", "f = m.sum_list; xs = list(range(10))"),
    ("sum_list(1000)", "f(xs)", "f = m.sum_list; xs = list(range(1000))"),
    ("Counter(0)", "C(0)", "C = m.Counter"),
    ("c.incr()", "c.incr()", "c = m.Counter(0)"),
    ("c.value", "c.value", "c = m.Counter(0)"),
    ("repr(c)", "r(c)", "r = repr; c = m.Counter(0)"),
    ("len(c)", "n(c)", "n = len; c = m.Counter(0)"),
]


def check(name, m):
    """The same Python-visible behaviour in every variant (a wrong module is not timed)."""
    def eq(got, want, what):
        if got != want:
            raise AssertionError("%s: %s returned %r, expected %r" % (name, what, got, want))
    eq(m.noop(), None, "noop()")
    eq(m.add(1, 2), 3, "add(1, 2)")
    eq(m.concat("hello", "world"), "helloworld", "concat")
    eq(m.concat("h\u00e9", "\u4e16\U0001F600"), "h\u00e9\u4e16\U0001F600", "concat non-ASCII")
    eq(m.kw(1), 4, "kw(1)")
    eq(m.kw(1, 2, c=3), 6, "kw(1, 2, c=3)")
    eq(m.kw(a=1, c=5), 7, "kw(a=1, c=5)")
    eq(m.sum_list(list(range(10))), 45, "sum_list(10)")
    eq(m.sum_list(list(range(1000))), 499500, "sum_list(1000)")
    c = m.Counter(5)
    eq(c.incr(), None, "c.incr()")
    eq(c.value, 6, "c.value")
    eq(repr(c), "Counter(6)", "repr(c)")
    eq(len(c), 6, "len(c)")
    for bad in (lambda: m.add(1), lambda: m.kw(1, 2, 3), lambda: m.kw(1, d=2), lambda: m.concat(1, "a")):
        try:
            bad()
        except TypeError:
            pass
        else:
            raise AssertionError("%s: a bad call did not raise TypeError" % name)


def calibrate(timer, target_s):
    number = 1
    while True:
        t = timer.timeit(number)
        if t >= target_s / 4 or number >= 10 ** 8:
            return max(1, int(number * target_s / max(t, 1e-9)))
        number *= 4


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    modules = []
    for v in spec["variants"]:
        sys.path.insert(0, v["dir"])
        try:
            mod = importlib.import_module(v["module"])
        finally:
            sys.path.pop(0)
        check(v["name"], mod)
        modules.append((v["name"], mod))
    repeat = spec.get("repeat", 7)
    target_s = spec.get("target_s", 0.01)
    timers = {}
    for label, stmt, setup in CALLS:
        for name, mod in modules:
            t = timeit.Timer(stmt, setup, globals={"m": mod})
            timers[label, name] = [t, calibrate(t, target_s)]
    ns = {label: {name: [] for name, _ in modules} for label, _, _ in CALLS}
    rng = random.Random(1234)
    gc.collect()
    for _ in range(repeat):
        for label, _, _ in CALLS:
            order = list(modules)
            rng.shuffle(order)
            for name, _ in order:
                timer, number = timers[label, name]
                ns[label][name].append(timer.timeit(number) / number * 1e9)
    print(json.dumps({"version": platform.python_version(), "ns": ns}))


if __name__ == "__main__":
    main()
