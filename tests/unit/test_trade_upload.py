"""A viewer's own trade extract, checked in memory by the importers: real files in, precise errors, limits, the rows
back as trade_records CSV, and nothing written anywhere."""

from __future__ import annotations

import csv
import gzip
import io
import tempfile
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA, ROOT

from lib.domain import official_trade as ot
from lib.etl.trade import importer, upload
from lib.etl.trade.records import fields, to_csv

RAW = DATA / "raw" / "trade"
COMTRADE_2024 = RAW / "un_comtrade_china_imports_hs2846" / "2024.json"
DATAWEB_IMPORTS = RAW / "usitc_dataweb_us_hts4_2805_2846_8505" / "us_imports_for_consumption_1993-2026.xlsx"
FIXTURES = ROOT / "tests" / "fixtures" / "trade"
TODAY = date(2026, 12, 3)


def checked(path: Path, **kwargs) -> upload.Checked:
    return upload.check(path.name, path.read_bytes(), today=TODAY, **kwargs)


def committed_rows(**where) -> list[dict]:
    with (DATA / "trade_records.csv").open(encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if all(r[k] == v for k, v in where.items())]


# --- Real files in ------------------------------------------------------------------------------------------------

def figures(rows) -> set[tuple[str, str, str]]:
    return {(r["partner"], r["mass_t"], r["value_usd"]) for r in rows}


def test_a_bundled_comtrade_response_gives_the_published_figures_to_the_digit():
    found = checked(COMTRADE_2024)
    assert found.ok and found.format == "comtrade-json"
    mine = list(csv.DictReader(io.StringIO(upload.csv_bytes(found.records).decode("utf-8"))))
    assert figures(mine) == figures(committed_rows(source_id="un-comtrade-chn-m-2846", period="2024"))
    assert len(mine) == 34


def test_an_upload_is_marked_as_the_viewers_own_and_dated_the_day_of_the_upload():
    rows = checked(COMTRADE_2024).records
    assert set(rows["source_id"]) == {upload.SOURCE_ID}
    assert set(rows["query_id"]) == {"2024.json"} and set(rows["retrieved"]) == {"2026-12-03"}


def test_the_website_csv_gives_the_same_rows_as_the_api_json():
    from_csv, from_json = checked(FIXTURES / "comtrade_2024.csv"), checked(COMTRADE_2024)
    assert from_csv.format == "comtrade-csv"
    assert from_csv.records.drop(columns="query_id").equals(from_json.records.drop(columns="query_id"))


def test_a_dataweb_workbook_keeps_its_own_download_date_and_its_18_partner_denominator():
    found = checked(FIXTURES / "dataweb_small.xlsx")
    assert found.ok and found.format == "dataweb-xlsx"
    assert "2026-12-03" not in set(found.records["retrieved"])
    assert set(found.records["partner_scope"]) == {"selected"} and set(found.records["partners_queried"]) == {"18"}


def test_the_bundled_dataweb_workbook_is_within_both_limits():
    assert DATAWEB_IMPORTS.stat().st_size < upload.MAX_UPLOAD_BYTES
    found = checked(DATAWEB_IMPORTS)
    assert found.ok and 0 < len(found.records) < upload.MAX_UPLOAD_ROWS
    reasons = " ".join(found.skipped["skipped because"])
    assert "code not among the codes asked for (2805, 2846, 8505)" in reasons  # other headings of the workbook


def test_a_gzip_compressed_response_is_read_inside():
    packed = gzip.compress(COMTRADE_2024.read_bytes())
    assert len(upload.check("2024.json.gz", packed, today=TODAY).records) == 34


def test_an_upload_is_read_from_bytes_without_a_file_anywhere(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the check made a file")

    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory", "TemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)
    monkeypatch.setattr(Path, "write_bytes", refuse)
    monkeypatch.setattr(Path, "write_text", refuse)
    for path in (COMTRADE_2024, FIXTURES / "comtrade_2024.csv", FIXTURES / "dataweb_small.xlsx"):
        assert checked(path).ok


# --- The rows back, for a maintainer ------------------------------------------------------------------------------

def test_the_download_is_trade_records_csv_as_the_importer_writes_it():
    rows = importer.import_bytes(COMTRADE_2024.read_bytes(), upload.context("2024.json", TODAY), "2024.json").rows
    found = checked(COMTRADE_2024)
    assert upload.csv_bytes(found.records) == to_csv(rows)


def test_the_download_has_the_columns_of_the_published_table_in_their_order():
    header = upload.csv_bytes(checked(FIXTURES / "dataweb_small.xlsx").records).split(b"\n", 1)[0].decode()
    assert header == (DATA / "trade_records.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert header.split(",") == fields()


# --- Bad input: the importers' precise errors, as a table -------------------------------------------------------

MALFORMED = [
    ("not_comtrade.csv", "row 1", "", "not a format this importer reads"),
    ("comtrade_error_payload.json", "the whole file", "error", "the API returned an error instead of data"),
    ("comtrade_truncated.json", "byte", "", "looks truncated"),
    ("comtrade_truncated.csv", "row 6", "", "looks truncated"),
    ("dataweb_truncated.xlsx", "the whole file", "", "not a complete .xlsx workbook"),
    ("dataweb_missing_sheet.xlsx", "sheet 'First Unit of Quantity'", "", "sheet missing"),
    ("comtrade_mixed_units.json", "record 3", "qtyUnitAbbr", "mixed quantity units on one code"),
    ("comtrade_unknown_partner.json", "record 3", "partnerCode", "unknown partner code"),
    ("comtrade_duplicate_key.json", "record 4", "", "duplicate key: record 2"),
    ("comtrade_negative_mass.json", "record 2", "netWgt", "expected a net mass ≥ 0 kg"),
    ("comtrade_period_outside_frequency.json", "record 2", "period", "expected a year (YYYY) for freqCode 'A'"),
    # Every record well formed, the rows together breaking a rule that data/ is held to on every load.
    ("comtrade_partners_over_world.json", "row 2 of the trade_records rows read from it", "mass_t",
     "partners add up to 170,396, more than the World row 77,025"),
]


@pytest.mark.parametrize(("name", "where", "field", "words"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_file_is_rejected_naming_the_file_the_place_the_field_and_what_was_expected(name, where, field, words):
    found = checked(FIXTURES / name)
    assert not found.ok and found.records is None
    table = upload.problems(found.error)
    assert list(table.columns) == ["file", "where", "field", "problem"]
    first = table.iloc[0]
    assert first["file"] == name and first["where"].startswith(where) and first["field"] == field
    assert words in first["problem"]


def test_an_empty_file_says_what_was_expected():
    found = upload.check("empty.csv", b"", today=TODAY)
    assert "the file is empty; expected Comtrade JSON or CSV, or a DataWeb .xlsx" in found.error.problems[0].message


# --- Limits -------------------------------------------------------------------------------------------------------

def test_a_file_over_the_size_limit_is_refused_with_the_limit_and_what_to_do():
    found = upload.check("big.csv", b"x" * (upload.MAX_UPLOAD_BYTES + 1), today=TODAY)
    message = found.error.problems[0].message
    assert message.startswith("the file is 4.0 MB; the limit is 4 MB")
    assert "python -m lib.etl.trade" in message and "--max-mb" not in message


def test_a_small_compressed_file_that_unpacks_past_the_limit_is_refused_without_unpacking_it_all():
    bomb = gzip.compress(b"{" + b" " * (upload.MAX_UPLOAD_BYTES * 4))
    assert len(bomb) < upload.MAX_UPLOAD_BYTES
    message = upload.check("small.json.gz", bomb, today=TODAY).error.problems[0].message
    assert message.startswith("unpacked, the file holds more than the limit of 4 MB")


def test_a_file_of_more_rows_than_the_limit_is_refused_with_the_count_and_the_limit():
    found = checked(FIXTURES / "comtrade_small.json", max_rows=2)
    assert found.error.problems[0].message.startswith("the file gives 3 rows of trade_records; an upload is previewed "
                                                      "up to 2 rows")


def test_the_row_limit_is_stated_in_one_place_and_covers_the_published_table():
    assert upload.MAX_UPLOAD_ROWS >= len(committed_rows())


# --- The preview's counts ----------------------------------------------------------------------------------------

def test_the_preview_counts_an_upload_by_reporter_code_and_period():
    cover = ot.coverage(checked(FIXTURES / "dataweb_small.xlsx").records)
    assert set(cover["code"]) == {"2846"} and set(cover["period type"]) == {"year", "cumulative"}
    year = cover[cover["period type"] == "year"].iloc[0]
    assert year["reporter"] == "United States" and year["from"] == "1993"
    assert year["denominator"] == "share of the 18 partners queried, not of all trade"


def test_an_upload_keeps_the_codes_of_the_product_lines_at_any_width():
    assert upload.CODES == ("2805", "2846", "8505")
    ctx = upload.context("x.csv", TODAY)
    assert ctx.keeps("850511") and ctx.keeps("2846") and ctx.keeps("280530") and not ctx.keeps("8110")


def test_a_file_that_breaks_a_reader_gets_a_message_not_a_broken_page(monkeypatch):
    def broken(raw, label, ctx):
        raise ValueError("a reader's own bug")

    monkeypatch.setitem(importer.READERS, "comtrade-json", broken)
    found = checked(COMTRADE_2024)
    assert "the file could not be read (ValueError)" in found.error.problems[0].message
    assert "a reader's own bug" not in found.error.problems[0].message


def test_a_file_whose_every_record_is_skipped_says_why():
    # Every record a breakdown by second partner: each is skipped, so nothing is left to preview.
    raw = (FIXTURES / "comtrade_small.json").read_bytes().replace(b'"partner2Code": 0', b'"partner2Code": 4')
    message = upload.check("x.json", raw, today=TODAY).error.problems[0].message
    assert message.startswith("the file holds no figure this table keeps")
    assert "3 × partner2Code 4: a breakdown of the total" in message


def test_a_kept_upload_holds_its_repeated_text_as_categories_and_gives_back_the_same_csv():
    found = checked(FIXTURES / "dataweb_small.xlsx")
    assert found.records["reporter"].dtype == "category" and found.records["flow"].dtype == "category"
    as_text = found.records.astype(str).where(found.records.notna())
    assert upload.csv_bytes(found.records) == upload.csv_bytes(as_text)
