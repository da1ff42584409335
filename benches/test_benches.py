"""The bench scripts' own bookkeeping (no build, no interpreter matrix):
python3 -m pytest benches/test_benches.py"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run  # noqa: E402


def test_rewriting_results_keeps_the_sections_other_scripts_wrote():
    with open(os.path.join(HERE, "results.json")) as f:
        old = json.load(f)
    assert "build_cost_issue13" in old and "instructions" in old
    new = {"interpreters": {"3.7": {}}, "build": {"limpet": {"clean_release_s": 1.0}}, "scale": {}}
    out = run.keep_other_sections(dict(new), old)
    assert out["build_cost_issue13"] == old["build_cost_issue13"]
    assert out["instructions"] == old["instructions"]
    for k in new:  # what this run measured replaces the old figures
        assert out[k] == new[k]
