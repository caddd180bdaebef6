"""The fast path past frictionless (lib.data.clean): every bundled file takes it, and no file that frictionless would
refuse ever does. Each defect below is made from a real file's first rows, one change at a time, for every field
its schema constrains."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from conftest import DATA

from lib.data import catalog, clean
from lib.data.problems import DataError
from lib.data.validate import validate

NAMES = catalog.names(DATA)
ROWS = 40  # rows kept of each real file: enough for every kind of row, few enough for frictionless to be quick


def rows_of(name: str) -> list[list[str]]:
    with catalog.path(name, DATA).open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[: ROWS + 1]


def text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def with_cell(rows, column: int, value: str) -> list[list[str]]:
    changed = [list(r) for r in rows]
    changed[1][column] = value
    return changed


def defects(name: str) -> list[tuple[str, str]]:
    """(what was changed, the file's text) for every defect its schema lets us make."""
    res = catalog.resource(name, DATA)
    rows = rows_of(name)
    fields = res["schema"]["fields"]
    made = [
        ("a ragged row (one cell short)", text([rows[0], rows[1][:-1], *rows[2:]])),
        ("a ragged row (one cell more)", text([rows[0], [*rows[1], "x"], *rows[2:]])),
        ("a blank row", text(rows[:2]) + "\n" + text(rows[2:])),
        ("two columns swapped in the header", text([[rows[0][1], rows[0][0], *rows[0][2:]], *rows[1:]])),
        ("the first row twice (its key duplicated)", text([rows[0], rows[1], *rows[1:]])),
    ]
    # A wrong type and a missing value are checked alike in every column: once per type, and once, make the case.
    # Enums, patterns and bounds differ by column: each is tried.
    typed, required = set(), False
    for i, f in enumerate(fields):
        c = f.get("constraints", {})
        if f["type"] in ("number", "integer", "date", "boolean") and f["type"] not in typed:
            typed.add(f["type"])
            made.append((f"{f['name']}: not a {f['type']}", text(with_cell(rows, i, "x1"))))
        if c.get("required") and not required:
            required = True
            made.append((f"{f['name']}: empty though required", text(with_cell(rows, i, ""))))
        if "enum" in c:
            made.append((f"{f['name']}: outside its enum", text(with_cell(rows, i, "not-one-of-them"))))
        if "pattern" in c:
            made.append((f"{f['name']}: against its pattern", text(with_cell(rows, i, "!! no match !!"))))
        if "minimum" in c:
            made.append((f"{f['name']}: below its minimum", text(with_cell(rows, i, str(c["minimum"] - 1)))))
        if "maximum" in c:
            made.append((f"{f['name']}: above its maximum", text(with_cell(rows, i, str(c["maximum"] + 1)))))
        if c.get("unique"):
            made.append((f"{f['name']}: a value twice", text([*rows, [*rows[1]]])))
    names = [f["name"] for f in fields]
    for fk in res["schema"].get("foreignKeys", []):
        for column in [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]:
            made.append((f"{column}: refers to nothing", text(with_cell(rows, names.index(column), "no-such-entry"))))
    return made


CASES = [(name, what, content) for name in NAMES for what, content in defects(name)]


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    """A copy of data/ (the descriptor and every table), into which one table at a time is written."""
    root = tmp_path_factory.mktemp("package")
    for path in DATA.glob("*"):
        if path.is_file():
            shutil.copy(path, root / path.name)
    return root


@pytest.mark.parametrize("name", NAMES)
def test_every_bundled_file_is_clean_beyond_doubt_so_frictionless_is_not_run_on_it(name):
    res = catalog.resource(name, DATA)
    assert clean.is_clean(catalog.path(name, DATA).read_text(encoding="utf-8"), res, DATA)


@pytest.mark.parametrize("name", NAMES)
def test_every_schema_uses_only_what_the_fast_path_checks(name):
    assert clean.handled(catalog.resource(name, DATA))


@pytest.mark.parametrize(("name", "what", "content"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_a_file_frictionless_refuses_is_never_taken_as_clean(package, name, what, content):
    res = catalog.resource(name, package)
    target = package / res["path"]
    original = target.read_bytes()
    target.write_text(content, encoding="utf-8")
    try:
        assert not clean.is_clean(content, res, package)
        with pytest.raises(DataError):  # the defect is real: frictionless finds it, and names it
            validate(package, res, name)
    finally:
        target.write_bytes(original)


def test_a_schema_feature_the_fast_path_does_not_check_puts_the_file_in_doubt():
    res = catalog.resource("editions", DATA)
    odd = {**res, "schema": {**res["schema"], "fields": [{**f, "format": "any"} for f in res["schema"]["fields"]]}}
    assert not clean.is_clean(catalog.path("editions", DATA).read_text(encoding="utf-8"), odd, DATA)


def test_a_file_whose_referenced_table_is_broken_is_in_doubt_not_an_error(tmp_path):
    for path in DATA.glob("*"):
        if path.is_file():
            shutil.copy(path, tmp_path / path.name)
    (tmp_path / "sources.csv").write_text("garbage,columns\n1,2\n", encoding="utf-8")
    res = catalog.resource("editions", tmp_path)
    assert not clean.is_clean(catalog.path("editions", tmp_path).read_text(encoding="utf-8"), res, tmp_path)
