"""What the data package says: its resources, their fields, labels and foreign keys.

The descriptor (data/datapackage.json) is the one place where a dataset's columns, units, labels and
relations are written down; the loader, the ETL and the pages all read them from here.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from functools import lru_cache
from pathlib import Path

# The package the app reads: data/, or another copy of it named by DASHBOARD_DATA (the tests' broken copies).
DATA_DIR = Path(os.environ.get("DASHBOARD_DATA") or Path(__file__).resolve().parents[2] / "data")
DESCRIPTOR = "datapackage.json"


def data_dir(directory: str | Path | None = None) -> Path:
    return Path(directory) if directory is not None else DATA_DIR


@lru_cache(maxsize=8)
def _descriptor(directory: Path) -> dict:
    return json.loads((directory / DESCRIPTOR).read_text(encoding="utf-8"))


def descriptor(directory: str | Path | None = None) -> dict:
    """The data package descriptor (a plain dict) of the data directory."""
    return _descriptor(data_dir(directory))


def forget() -> None:
    """Drop what was read of the descriptors (after checking a staging copy)."""
    _descriptor.cache_clear()


def names(directory: str | Path | None = None) -> list[str]:
    return [r["name"] for r in descriptor(directory)["resources"]]


def resource(name: str, directory: str | Path | None = None) -> dict:
    for r in descriptor(directory)["resources"]:
        if r["name"] == name:
            return r
    raise KeyError(f"no dataset named {name!r}; the package has {names(directory)}")


def fields(name: str, directory: str | Path | None = None) -> list[str]:
    """The dataset's column names, in the order of its schema."""
    return [f["name"] for f in resource(name, directory)["schema"]["fields"]]


def labels(name: str, field: str, directory: str | Path | None = None) -> dict[str, str]:
    """Value -> label of a coded column, from its Table Schema `categories` (e.g. stage -> 'Refining')."""
    for f in resource(name, directory)["schema"]["fields"]:
        if f["name"] == field:
            return {c["value"]: c["label"] for c in f.get("categories", [])}
    raise KeyError(f"{name} has no column {field!r}")


def references(name: str, directory: str | Path | None = None) -> list[str]:
    """The datasets that `name`'s foreign keys point to (sources, editions)."""
    keys = resource(name, directory)["schema"].get("foreignKeys", [])
    return sorted({k["reference"]["resource"] for k in keys if k["reference"].get("resource")})


def path(name: str, directory: str | Path | None = None) -> Path:
    return data_dir(directory) / resource(name, directory)["path"]


def label(name: str, directory: str | Path | None = None) -> str:
    """How messages name the dataset's file: data/<path>."""
    return f"data/{resource(name, directory)['path']}"


def read_bytes(name: str, directory: str | Path | None = None) -> bytes:
    """The dataset's file as stored, for downloads."""
    return path(name, directory).read_bytes()


def descriptor_bytes(directory: str | Path | None = None) -> bytes:
    return (data_dir(directory) / DESCRIPTOR).read_bytes()


def package_zip(directory: str | Path | None = None) -> bytes:
    """The whole data package as one zip: the descriptor and every dataset's file as stored, for a download."""
    root = data_dir(directory)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DESCRIPTOR, descriptor_bytes(root))
        for res in descriptor(root)["resources"]:
            archive.writestr(res["path"], (root / res["path"]).read_bytes())
    return buffer.getvalue()
