"""Checking an uploaded CSV against a dataset's schema, without writing anything into data/."""

from pathlib import Path

import pytest
from conftest import DATA, RESERVES_HEADER, RESERVES_ROWS, open_app

from lib import data


def _snapshot(directory: Path) -> dict:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in directory.iterdir() if p.is_file()}


def test_a_good_file_has_no_problem():
    assert data.check_upload("reserves", (DATA / "reserves.csv").read_bytes()) == []
    assert data.check_upload("sources", (DATA / "sources.csv").read_bytes()) == []


def test_a_small_valid_file_passes():
    assert data.check_upload("reserves", (RESERVES_HEADER + RESERVES_ROWS).encode()) == []


def test_every_bad_cell_is_listed_with_row_column_and_expectation():
    bad = RESERVES_HEADER + (
        "MCS2025,China,CHN,country,\"44,000,000\",value,\"44,000,000\",,,usgs-mcs2025\n"
        "MCS2025,India,IND,nation,6900000,value,\"6,900,000\",,,usgs-mcs2025\n"
        "MCS2025,Brazil,BRA,country,21000000,value,\"21,000,000\",,,no-such-source\n"
    )
    problems = data.check_upload("reserves", bad.encode())
    where = {(p.row, p.column) for p in problems}
    assert (2, "reserves_t_reo") in where
    assert (3, "entity_type") in where
    assert any(p.row == 4 and "sources.csv" in p.message for p in problems)
    number = next(p for p in problems if p.column == "reserves_t_reo")
    assert "expected a number" in number.message and "thousands separators" in number.message


def test_a_wrong_header_says_what_the_header_should_be():
    problems = data.check_upload("reserves", b"edition,country\nMCS2025,China\n")
    assert problems and problems[0].row == 1
    assert "header should be" in problems[0].message


def test_an_oversized_upload_is_refused_before_parsing():
    big = (RESERVES_HEADER + RESERVES_ROWS * 40_000).encode()
    assert len(big) > data.MAX_UPLOAD_BYTES
    problems = data.check_upload("reserves", big)
    assert len(problems) == 1 and "limit is 2 MB" in problems[0].message


def test_a_binary_upload_gets_a_clear_message():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    problems = data.check_upload("reserves", png)
    assert len(problems) == 1 and "binary file, not a CSV" in problems[0].message


def test_a_non_utf8_upload_gets_a_clear_message():
    latin1 = (RESERVES_HEADER + "MCS2025,Côte d'Ivoire,CIV,country,1,value,1,,,usgs-mcs2025\n").encode("latin-1")
    problems = data.check_upload("reserves", latin1)
    assert len(problems) == 1 and "not valid UTF-8" in problems[0].message and problems[0].row == 2


def test_an_empty_or_bom_upload_gets_a_clear_message():
    assert "file is empty" in data.check_upload("reserves", b"")[0].message
    bom = b"\xef\xbb\xbf" + (RESERVES_HEADER + RESERVES_ROWS).encode()
    assert "byte-order mark" in data.check_upload("reserves", bom)[0].message


def test_an_unknown_dataset_is_an_error():
    with pytest.raises(KeyError):
        data.check_upload("no_such_dataset", b"a,b\n1,2\n")


def test_checking_never_writes_into_the_data_directory(package_dir):
    package_dir.write("reserves", RESERVES_HEADER + RESERVES_ROWS)
    before = _snapshot(package_dir.path)
    data.check_upload("reserves", b"garbage\x00", package_dir.path)
    data.check_upload("reserves", b"edition\nx\n", package_dir.path)
    data.check_upload("reserves", (RESERVES_HEADER + RESERVES_ROWS).encode(), package_dir.path)
    assert _snapshot(package_dir.path) == before
    real_before = _snapshot(DATA)
    data.check_upload("events", b"not,the,header\n1,2,3\n")
    assert _snapshot(DATA) == real_before


def test_the_app_still_loads_the_real_data_after_a_check():
    data.check_upload("reserves", b"edition\nx\n")
    assert len(data.load("reserves")) > 0


def test_problems_become_a_table():
    frame = data.problems_frame([data.Problem(3, "country", "a value is required"), data.Problem(None, None, "x")])
    assert list(frame.columns) == ["row", "column", "problem"]
    assert frame["row"].tolist()[0] == 3 and frame["row"].isna().tolist() == [False, True]


def test_the_data_page_offers_the_check():
    at = open_app("data_sources")
    assert not at.exception
    assert "Check a CSV before it goes in" in [h.value for h in at.header]
    chooser = at.selectbox(key="upload_dataset")
    assert set(chooser.options) == {f"{data.resource(n)['title']} ({data.resource(n)['path']})" for n in data.names()}
    assert at.get("file_uploader")


def test_checking_writes_no_file_anywhere_on_the_server(monkeypatch):
    import builtins
    import io
    import os
    import tempfile

    writes = []
    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            writes.append(file)
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            writes.append(path)
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    for maker in ("mkstemp", "mkdtemp", "TemporaryDirectory", "NamedTemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, maker, lambda *a, _m=maker, **k: writes.append(_m))
    in_doubt = RESERVES_HEADER + "MCS2025,Brazil,BRA,nation,\"1,000\",value,1,,,no-such-source\n"
    problems = data.check_upload("reserves", in_doubt.encode())
    assert data.check_upload("reserves", (RESERVES_HEADER + RESERVES_ROWS).encode()) == []
    assert {p.column for p in problems} >= {"entity_type", "reserves_t_reo", "source_id"}
    assert writes == []


def test_a_file_not_separated_by_commas_says_so():
    semicolons = (RESERVES_HEADER + RESERVES_ROWS.replace('"44,000,000"', "44000000")
                  .replace('"6,900,000"', "6900000").replace('">90,000,000"', ">90000000")).replace(",", ";")
    problems = data.check_upload("reserves", semicolons.encode())
    assert len(problems) == 1 and problems[0].row == 1 and "not separated by commas" in problems[0].message
