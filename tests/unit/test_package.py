"""The data package as a whole: every file described, every number with a unit, every row sourced."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import loaded

from lib import data

DATA = Path(data.DATA_DIR)
DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}


def test_every_csv_in_data_is_described_in_the_descriptor():
    described = {r["path"] for r in RESOURCES.values()}
    assert {p.name for p in DATA.glob("*.csv")} == described


@pytest.mark.parametrize("name", RESOURCES)
def test_every_numeric_field_has_a_unit(name):
    numeric = [f for f in RESOURCES[name]["schema"]["fields"] if f["type"] in ("number", "integer")]
    assert all(f.get("unit") for f in numeric if f["name"] != "year"), name


@pytest.mark.parametrize("name", RESOURCES)
def test_every_dataset_has_a_licence_a_description_and_a_source_column(name):
    res = RESOURCES[name]
    assert res.get("licenses") and res.get("description")
    columns = [f["name"] for f in res["schema"]["fields"]]
    assert name == "sources" or "source_id" in columns


@pytest.mark.parametrize("name", RESOURCES)
def test_every_dataset_loads_and_validates(name):
    """Loading validates types and constraints, unique keys, and that every source id resolves."""
    frame = loaded(name)
    assert len(frame) > 0


def test_every_source_is_cited_by_some_row():
    cited = set()
    for name in RESOURCES:
        if name != "sources":
            cited |= set(loaded(name)["source_id"].dropna())
    unused = set(loaded("sources")["source_id"]) - cited
    assert not unused, f"sources listed but never cited: {sorted(unused)}"


def test_every_raw_input_is_described_with_its_source_and_licence():
    """Files in subfolders (data/raw/trade/<query>/) count too; a multipart resource lists its files in `path`."""
    raw = json.loads((DATA / "raw" / "datapackage.json").read_text(encoding="utf-8"))
    described = {}
    for r in raw["resources"]:
        for path in r["path"] if isinstance(r["path"], list) else [r["path"]]:
            described[path] = r
    root = DATA / "raw"
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} - {"datapackage.json", "PROVENANCE.md"}
    assert files == set(described)
    assert all(r["sources"] and r["licenses"] for r in described.values())


def test_the_package_download_holds_the_descriptor_and_every_file_as_stored():
    archive = zipfile.ZipFile(io.BytesIO(data.package_zip()))
    assert archive.read("datapackage.json") == (DATA / "datapackage.json").read_bytes()
    assert {r["path"]: archive.read(r["path"]) for r in RESOURCES.values()} == {
        r["path"]: (DATA / r["path"]).read_bytes() for r in RESOURCES.values()}
