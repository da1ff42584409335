"""Wrongly typed uses of limptest's submodules: scripts/stubs_check.py requires mypy --strict
to reject exactly the lines marked `# E: CODE` (with that error code), so a stub that types a
submodule as `typing.Any` (accepting anything) fails the check."""
import limptest
from limptest.records import rec_pair

limptest.classfx.new_point("1")  # E: arg-type
limptest.classfx.point_norm(3)  # E: arg-type
rec_pair(("a", 1))  # E: arg-type
name: str = limptest.sub.deeper.deep_add(1, 2)  # E: assignment
limptest.asyncfx.no_such_function()  # E: attr-defined
limptest.records.rec_celsius([1.0])  # E: arg-type
p = limptest.classfx.Point  # E: attr-defined
limptest.options.OptOrd(1.0) < 1  # E: operator
limptest.options.Renamed(1)  # E: attr-defined
