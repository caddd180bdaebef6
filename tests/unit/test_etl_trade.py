"""Official trade records (lib/etl/trade): Comtrade and DataWeb importers, the trade_records table, fetch, bad input."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import inspect
import io
import json
import shutil
import types
import warnings
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import DATA, ROOT

from lib import data
from lib.data import countries, rules, rules_trade
from lib.etl.trade import __main__ as cli
from lib.etl.trade import detect, fetch, importer, partners
from lib.etl.trade.records import Context, TradeFileError, to_csv, write_atomic

RAW = DATA / "raw" / "trade"
COMTRADE = RAW / "un_comtrade_china_imports_hs2846"
DATAWEB = RAW / "usitc_dataweb_us_hts4_2805_2846_8505"
FIXTURES = ROOT / "tests" / "fixtures" / "trade"
CTX = Context("test-source", "test.json", date(2026, 7, 10))


@pytest.fixture(scope="module")
def table(bundled) -> pd.DataFrame:
    """The committed table (data.load: validated against its schema and checked by every rule in rules_trade)."""
    return bundled["trade_records"]


def rows_of(frame: pd.DataFrame, **where) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    return frame[mask]


def one(frame: pd.DataFrame, **where) -> pd.Series:
    found = rows_of(frame, **where)
    assert len(found) == 1, (where, len(found))
    return found.iloc[0]


def rejection(path: Path, ctx: Context = CTX, **kwargs) -> TradeFileError:
    with pytest.raises(TradeFileError) as caught:
        importer.import_file(path, ctx, **kwargs)
    return caught.value


# --- the committed table --------------------------------------------------------------------------------------------


def test_trade_records_loads_through_lib_data(table):
    assert len(table) > 0
    assert table["mass_t"].dtype == "Float64" and table["period_start"].dtype.kind == "M"


def test_china_2024_imports_of_hs2846_are_77025_t_from_world_and_44366_t_from_myanmar(table):
    china = rows_of(table, reporter_iso3="CHN", flow="import", commodity_code="2846", period="2024")
    assert round(one(china, partner_kind="world")["mass_t"]) == 77025
    assert round(one(china, partner_iso3="MMR")["mass_t"]) == 44366


def test_china_2024_world_mass_keeps_comtrade_estimate_flag(table):
    world = one(table, reporter_iso3="CHN", period="2024", partner_kind="world")
    assert world["mass_t"] == 77025.454404 and bool(world["mass_estimated"]) is True


def test_every_comtrade_year_from_1993_to_2024_has_its_world_row(table):
    world = rows_of(table, source_id="un-comtrade-chn-m-2846", partner_kind="world")
    assert sorted(world["period"]) == [str(y) for y in range(1993, 2025)]


def test_comtrade_partners_add_up_to_the_world_row_each_year(table):
    comtrade = rows_of(table, source_id="un-comtrade-chn-m-2846")
    for period, year in comtrade.groupby("period"):
        world = year[year["partner_kind"] == "world"]["value_usd"].iloc[0]
        assert abs(year[year["partner_kind"] != "world"]["value_usd"].sum() - world) <= 1, period


def test_dataweb_rows_say_18_partners_queried_and_have_no_world_row(table):
    us = rows_of(table, source_id="usitc-dataweb-us-hts4-2026-07")
    assert set(us["partner_scope"]) == {"selected"} and set(us["partners_queried"]) == {18}
    assert (us["partner_kind"] == "world").sum() == 0
    assert us["partner"].nunique() == 18


def test_comtrade_rows_with_a_world_row_have_scope_all(table):
    assert set(rows_of(table, source_id="un-comtrade-chn-m-2846")["partner_scope"]) == {"all"}


def test_dataweb_keeps_only_hts_2805_2846_and_8505(table):
    assert set(rows_of(table, publisher="USITC DataWeb")["commodity_code"]) == {"2805", "2846", "8505"}


def test_dataweb_value_and_mass_match_the_workbook_cells(table):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(DATAWEB / "us_imports_for_consumption_1993-2026.xlsx", read_only=True)
    cells = {}
    for sheet in ("Customs Value", "First Unit of Quantity"):
        ws = book[sheet]
        ws.reset_dimensions()
        rows = list(ws.iter_rows(values_only=True))
        column = list(rows[2]).index("2024")
        cells[sheet] = next(r[column] for r in rows[3:] if r[1] == "China" and r[2] == "2846")
    row = one(table, publisher="USITC DataWeb", flow="import", partner="China", commodity_code="2846", period="2024")
    assert row["value_usd"] == cells["Customs Value"]
    assert row["mass_t"] == cells["First Unit of Quantity"] / 1000


def test_dataweb_2026_is_only_a_january_to_april_range(table):
    us = rows_of(table, publisher="USITC DataWeb")
    assert "2026" not in set(us["period"])
    ytd = rows_of(us, period="2026-01..04")
    assert len(ytd) and set(ytd["period_type"]) == {"cumulative"}
    assert set(ytd["period_end"]) == {pd.Timestamp("2026-04-30")}


def test_dataweb_splits_hts_8505_by_quantity_unit_and_gives_mass_only_for_kilograms(table):
    magnets = rows_of(table, publisher="USITC DataWeb", flow="import", partner="China", commodity_code="8505", period="2024")
    assert set(magnets["quantity_unit"]) == {"kilograms", "number", "no units collected"}
    assert magnets.set_index("quantity_unit")["mass_t"].notna().to_dict() == {
        "kilograms": True, "number": False, "no units collected": False}


def test_a_suppressed_quantity_printed_as_zero_is_left_empty_and_flagged(table):
    row = one(table, publisher="USITC DataWeb", flow="export", partner="Australia", commodity_code="8505",
              period="1993", quantity_unit="number")
    assert pd.isna(row["quantity"]) and bool(row["quantity_suppressed"]) is True


def test_partner_names_are_the_projects_short_names(table):
    names = set(table["partner"])
    assert {"South Korea", "Myanmar", "Vietnam", "United States", "Laos"} <= names
    assert not {"Rep. of Korea", "Viet Nam", "USA", "Myanmar (Burma)"} & names


def test_partner_kinds_keep_areas_that_are_not_countries_apart(table):
    kinds = table.drop_duplicates("partner").set_index("partner")["partner_kind"]
    assert kinds["Areas, nes"] == "nes" and kinds["Other Asia, nes"] == "nes"
    assert kinds["Free Zones"] == "special" and kinds["Belgium-Luxembourg (...1998)"] == "group"
    assert table[table["partner_kind"] != "country"]["partner_iso3"].isna().all()


# --- partners -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "iso", "desc", "name"), [
    (842, "USA", "USA", "United States"),
    (699, "IND", "India", "India"),
    (757, "CHE", "Switzerland", "Switzerland"),
    (410, "KOR", "Rep. of Korea", "South Korea"),
    (104, "MMR", "Myanmar", "Myanmar"),
])
def test_comtrade_codes_resolve_to_countries_even_where_they_differ_from_m49(code, iso, desc, name):
    assert partners.from_comtrade(code, iso, desc) == partners.Partner("country", name, iso)


def test_comtrade_code_0_is_the_world_total_never_a_country():
    assert partners.from_comtrade(0, "W00", "World").kind == "world"


def test_a_partner_code_no_reference_knows_is_refused():
    with pytest.raises(partners.UnknownPartner, match="9999"):
        partners.from_comtrade(9999, "QQQ", "Atlantis")


def test_a_code_of_a_country_that_no_longer_exists_is_refused_not_taken_for_one():
    assert countries.iso3_of_m49(810) is None  # the Soviet Union: still in country_converter's table, marked obsolete
    with pytest.raises(partners.UnknownPartner, match="810"):
        partners.from_comtrade(810, "SUN", "USSR")


def test_dataweb_names_resolve_through_country_converter():
    assert partners.from_name("Myanmar (Burma)") == partners.Partner("country", "Myanmar", "MMR")
    assert partners.from_name("Democratic Republic of the Congo").iso3 == "COD"


# --- importers on the real files ------------------------------------------------------------------------------------


def test_comtrade_website_csv_gives_the_same_rows_as_the_api_json():
    """The CSV is the JSON's records written in the website's CSV layout by make_fixtures.py, not a download from the
    website (none is bundled): this checks the layout as documented, not a real website file."""
    from_json = importer.import_file(COMTRADE / "2024.json", CTX).rows
    from_csv = importer.import_file(FIXTURES / "comtrade_2024.csv", CTX).rows
    assert to_csv(from_json) == to_csv(from_csv)


def test_a_code_filter_reports_what_it_left_out():
    result = importer.import_file(COMTRADE / "2024.json", Context("s", "q", date(2026, 7, 10), ("8505",)))
    assert result.rows == [] and len(result.skipped) == 34
    assert "not among the codes asked for (8505)" in result.skipped[0].reason


def test_dataweb_second_unit_sheets_are_reported_as_skipped():
    result = importer.import_file(FIXTURES / "dataweb_small.xlsx", CTX)
    skipped = {s.where.split(" (")[0] for s in result.skipped if "second-unit" in s.reason}
    assert skipped == {"sheet 'Second Unit of Quantity'", "sheet 'Second Unit of Quantity YTD'"}


def test_dataweb_total_rows_are_reported_as_skipped_with_the_reason():
    result = importer.import_file(FIXTURES / "dataweb_small.xlsx", CTX)
    totals = [s for s in result.skipped if "own total" in s.reason]
    assert [s.where for s in totals] == ["sheet 'Customs Value', row 19", "sheet 'Customs Value YTD', row 19"]
    assert "derived, not a figure to keep" in totals[0].reason


def test_dataweb_retrieved_date_is_the_workbooks_download_date():
    rows = importer.import_file(FIXTURES / "dataweb_small.xlsx", Context("s", "q", None)).rows
    assert {r["retrieved"] for r in rows} == {date(2026, 7, 10)}


# --- bad input --------------------------------------------------------------------------------------------------------

CORPUS = [
    ("not_comtrade.csv", "row 1", None, "not a format this importer reads"),
    ("comtrade_error_payload.json", None, "error", "the API returned an error instead of data"),
    ("comtrade_truncated.json", "byte", None, "looks truncated"),
    ("comtrade_truncated.csv", "row 6", None, "looks truncated"),
    ("dataweb_truncated.xlsx", None, None, "not a complete .xlsx workbook"),
    ("dataweb_missing_sheet.xlsx", "sheet 'First Unit of Quantity'", None, "sheet missing"),
    ("comtrade_mixed_units.json", "record 3", "qtyUnitAbbr", "mixed quantity units on one code"),
    ("comtrade_unknown_partner.json", "record 3", "partnerCode", "unknown partner code"),
    ("comtrade_duplicate_key.json", "record 4", None, "duplicate key: record 2"),
    ("comtrade_negative_mass.json", "record 2", "netWgt", "expected a net mass ≥ 0 kg"),
    ("comtrade_period_outside_frequency.json", "record 2", "period", "expected a year (YYYY) for freqCode 'A'"),
]


@pytest.mark.parametrize(("name", "where", "field", "expected"), CORPUS, ids=[c[0] for c in CORPUS])
def test_a_malformed_file_is_rejected_naming_file_place_field_and_expectation(name, where, field, expected):
    err = rejection(FIXTURES / name)
    assert err.file == str(FIXTURES / name) and str(err).startswith(str(FIXTURES / name))
    problem = err.problems[0]
    assert (problem.where or "").startswith(where or "") and problem.field == field
    assert expected in problem.message


def test_a_file_over_the_size_limit_is_rejected_before_it_is_read():
    err = rejection(COMTRADE / "2024.json", max_bytes=1024)
    assert "the limit is" in err.problems[0].message and "MB" in err.problems[0].message


def test_the_size_limits_message_names_the_bulk_extraction_command():
    assert "python -m lib.etl.trade bulk FILE --out DIR" in rejection(COMTRADE / "2024.json", max_bytes=1024).problems[0].message


def test_a_comtrade_file_without_a_retrieval_date_asks_for_one():
    err = rejection(FIXTURES / "comtrade_small.json", Context("s", "q", None))
    assert err.problems[0].field == "retrieved" and "--retrieved" in err.problems[0].message


def test_the_same_figure_in_two_files_is_a_duplicate_key_naming_both():
    jobs = [importer.Job(COMTRADE / "2024.json", Context("s", "a/2024.json", date(2026, 7, 10))),
            importer.Job(FIXTURES / "comtrade_small.json", Context("s", "b/small.json", date(2026, 7, 10)))]
    outcome = importer.run(jobs)
    assert len(outcome.errors) == 1
    message = outcome.errors[0].problems[0].message
    assert "duplicate key" in message and "a/2024.json" in message


def test_a_rejected_file_leaves_the_previous_table_untouched_and_no_temporary_file(tmp_path, capsys):
    (tmp_path / "trade_records.csv").write_text("previous\n", encoding="utf-8")
    code = cli.main([str(COMTRADE / "2024.json"), str(FIXTURES / "comtrade_negative_mass.json"),
                     "--source-id", "s", "--retrieved", "2026-07-10", "--out", str(tmp_path)])
    assert code == 1 and "nothing written" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["trade_records.csv"]
    assert (tmp_path / "trade_records.csv").read_text(encoding="utf-8") == "previous\n"


def test_files_whose_rows_together_break_a_rule_of_the_table_write_nothing_and_say_which_row(tmp_path, capsys):
    # Each record is well formed; the table they make would be refused on load (partners above World).
    code = cli.main([str(FIXTURES / "comtrade_partners_over_world.json"), "--source-id", "s",
                     "--retrieved", "2026-07-10", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1 and "nothing written" in err and list(tmp_path.iterdir()) == []
    assert "row 2 of trade_records.csv, field 'mass_t': partners add up to 170,396, more than the World row 77,025" in err


def test_a_write_that_fails_midway_leaves_no_temporary_file(tmp_path, monkeypatch):
    def fail(*_):
        raise OSError("disk full")

    monkeypatch.setattr("lib.etl.trade.records.os.replace", fail)
    with pytest.raises(OSError):
        write_atomic(tmp_path / "trade_records.csv", b"x\n")
    assert list(tmp_path.iterdir()) == []


# --- format detection -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "fmt"), [
    (FIXTURES / "comtrade_small.json", "comtrade-json"),
    (FIXTURES / "comtrade_2024.csv", "comtrade-csv"),
    (FIXTURES / "dataweb_small.xlsx", "dataweb-xlsx"),
])
def test_the_format_comes_from_the_content_not_the_file_name(tmp_path, source, fmt):
    misnamed = tmp_path / "download.txt"
    shutil.copy(source, misnamed)
    assert detect.detect(misnamed.read_bytes(), str(misnamed)) == fmt
    assert importer.import_file(misnamed, CTX).format == fmt


def test_a_gzip_compressed_response_is_read_inside(tmp_path):
    packed = tmp_path / "2024.json.gz"
    packed.write_bytes(gzip.compress((COMTRADE / "2024.json").read_bytes()))
    assert len(importer.import_file(packed, CTX).rows) == 34


def test_a_tab_separated_comtrade_file_is_read_like_the_csv(tmp_path):
    tabbed = tmp_path / "bulk.txt"
    frame = pd.read_csv(FIXTURES / "comtrade_2024.csv", dtype=str, keep_default_na=False)
    frame.to_csv(tabbed, sep="\t", index=False)
    assert len(importer.import_file(tabbed, CTX).rows) == 34


def test_an_xlsx_that_is_not_a_dataweb_export_is_refused(tmp_path):
    other = tmp_path / "book.xlsx"
    shutil.copy(DATA / "raw" / "usgs_myb2022_rare_earths_tables.xlsx", other)
    with pytest.raises(TradeFileError, match="Query Parameters"):
        detect.detect(other.read_bytes(), str(other))


# --- the command line -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> tuple[int, str, Path]:
    """One rebuild of the table from data/raw/trade/ (reading the workbooks is the slow part): exit code, output, table."""
    out = tmp_path_factory.mktemp("rebuilt")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = cli.main([*map(str, sorted(RAW.iterdir())), "--out", str(out)])
    return code, printed.getvalue(), out / "trade_records.csv"


def test_rebuilding_from_data_raw_reproduces_trade_records_csv_byte_for_byte(rebuilt):
    code, _, table = rebuilt
    assert code == 0
    assert table.read_bytes() == (DATA / "trade_records.csv").read_bytes()


def test_the_cli_says_which_rows_it_took_and_which_it_skipped_and_why(rebuilt):
    _, out, _ = rebuilt
    assert "us_imports_for_consumption_1993-2026.xlsx: dataweb-xlsx, took 5461 rows, skipped" in out
    assert "code not among the codes asked for (2805, 2846, 8505)" in out
    assert "its annual column is not a full-year figure" in out
    assert "2 × the sheet's own total over partners and codes: derived, not a figure to keep" in out
    assert "query_manifest.json: not listed in import.json" in out
    assert "wrote" in out and "12016 rows from 34 files" in out


def test_the_cli_asks_for_a_source_id_for_a_loose_file(tmp_path):
    with pytest.raises(SystemExit, match="--source-id"):
        cli.main([str(FIXTURES / "comtrade_small.json"), "--out", str(tmp_path)])


def test_the_written_csv_is_utf8_with_newlines_and_integers_without_decimal_point():
    raw = (DATA / "trade_records.csv").read_bytes()
    assert b"\r" not in raw and not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")
    assert b",1386613152,CIF," in raw and b".0," not in raw


# --- invariants --------------------------------------------------------------------------------------------------------


def tiny(rows: list[dict]) -> pd.DataFrame:
    base = {"source_id": "s", "reporter_iso3": "CHN", "flow": "import", "classification": "HS2022",
            "commodity_code": "2846", "period": "2024", "period_type": "year", "quantity_unit": "kg",
            "period_start": pd.Timestamp("2024-01-01"), "period_end": pd.Timestamp("2024-12-31"),
            "partner_scope": "all", "partners_queried": pd.NA, "partner_iso3": pd.NA, "mass_t": 1.0, "value_usd": 1.0}
    return pd.DataFrame([{**base, **r} for r in rows]).astype({"partners_queried": "Int64", "partner_iso3": "string"})


WORLD = {"partner": "World", "partner_kind": "world", "value_usd": 10.0, "mass_t": 10.0}
MYANMAR = {"partner": "Myanmar", "partner_kind": "country", "partner_iso3": "MMR", "value_usd": 6.0, "mass_t": 6.0}


def test_check_world_labelled_as_a_country_is_refused():
    found = rules_trade.world_is_world(tiny([{**WORLD, "partner_kind": "country"}, MYANMAR]))
    assert [(p.row, p.column) for p in found] == [(2, "partner_kind")]


def test_check_an_iso3_on_an_area_that_is_not_a_country_is_refused():
    found = rules_trade.iso3_only_for_countries(tiny([WORLD, {**MYANMAR, "partner_kind": "nes"}]))
    assert [(p.row, p.column) for p in found] == [(3, "partner_iso3")]


def test_check_partners_adding_up_to_more_than_world_are_refused():
    found = rules_trade.partners_within_world(tiny([WORLD, MYANMAR, {**MYANMAR, "partner": "Laos", "partner_iso3": "LAO"}]))
    assert {p.column for p in found} == {"value_usd", "mass_t"}


def test_check_a_selected_query_with_a_world_row_is_refused():
    found = rules_trade.scope_matches_world_row(tiny([{**WORLD, "partner_scope": "selected"},
                                                 {**MYANMAR, "partner_scope": "selected"}]))
    assert "World row is present" in found[0].message


def test_check_period_dates_that_contradict_the_label_are_refused():
    found = rules_trade.period_matches_dates(tiny([{**WORLD, "period_end": pd.Timestamp("2024-06-30")}]))
    assert [(p.row, p.column) for p in found] == [(2, "period_start")]


# --- fetch, offline -----------------------------------------------------------------------------------------------------


class RecordedComtrade:
    """comtradeapicall with its network calls replaced by the bundled responses, returned as the client returns them
    (pandas.json_normalize of the response's 'data'). Calls are checked against the real client's signatures."""

    def __init__(self, missing: tuple[str, ...] = ()):
        import comtradeapicall

        self.real = comtradeapicall
        self.missing = missing
        self.calls: list[dict] = []
        self.responses = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in COMTRADE.glob("[12]*.json")}

    def convertCountryIso3ToCode(self, iso3: str) -> str:  # noqa: N802 (the client's name)
        inspect.signature(self.real.convertCountryIso3ToCode).bind(iso3)
        pairs = {(r["reporterISO"], str(r["reporterCode"])) for resp in self.responses.values() for r in resp["data"]}
        return ",".join(code for iso in iso3.split(",") for known, code in sorted(pairs) if known == iso)

    def getFinalData(self, key, **query):  # noqa: N802
        inspect.signature(self.real.getFinalData).bind(key, **query)
        self.calls.append(query)
        if query["period"] in self.missing or query["period"] not in self.responses:
            return None  # what the client returns after printing an HTTP error
        assert (query["reporterCode"], query["cmdCode"], query["flowCode"]) == ("156", "2846", "M")
        return pd.json_normalize(self.responses[query["period"]]["data"])


def fetch_args(tmp_path: Path, *extra: str) -> list[str]:
    out = tmp_path / "data"
    (out / "raw" / "trade").mkdir(parents=True)
    for name in ("datapackage.json", "sources.csv", "editions.csv"):
        shutil.copy(DATA / name, out / name)
    shutil.copy(DATA / "raw" / "datapackage.json", out / "raw" / "datapackage.json")
    return ["--reporter", "CHN", "--partners", "all", "--codes", "2846", "--years", "2023-2024", "--flows", "M",
            "--raw", str(out / "raw" / "trade"), "--out", str(out), *extra]


def fixed_clock() -> datetime:
    return datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


CLOCK = fixed_clock


def test_fetch_without_a_key_says_how_to_get_one_and_writes_nothing(tmp_path, capsys):
    args = fetch_args(tmp_path)
    assert fetch.main(args, client=RecordedComtrade(), environ={}) == 2
    err = capsys.readouterr().err
    assert "COMTRADE_API_KEY" in err and "https://comtradedeveloper.un.org/" in err
    assert list((tmp_path / "data" / "raw" / "trade").iterdir()) == []


def test_fetch_writes_raw_responses_and_a_manifest_then_imports_them(tmp_path):
    client = RecordedComtrade()
    key = {"COMTRADE_API_KEY": "secret-key-0123"}
    assert fetch.main(fetch_args(tmp_path), client=client, environ=key, clock=CLOCK) == 0
    folder = tmp_path / "data" / "raw" / "trade" / "comtrade_chn_2846_2023-2024_annual"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [f["file"] for f in manifest["files"]] == ["2023.json", "2024.json"]
    assert manifest["query"]["reporterCode"] == "156" and manifest["query"]["partnerCode"] is None
    assert all(hashlib.sha256((folder / f["file"]).read_bytes()).hexdigest() == f["sha256"] for f in manifest["files"])
    assert manifest["files"][1]["records"] == 34
    assert manifest["rebuilt_from_client_frame"] is True and "Not the response bytes" in manifest["note"]
    assert not any(b"secret-key-0123" in p.read_bytes() for p in (tmp_path / "data").rglob("*") if p.is_file())
    fetched = data.load("trade_records", tmp_path / "data")
    world = one(fetched, period="2024", partner_kind="world")
    assert Decimal(str(world["mass_t"])) == Decimal("77025.454404")
    assert set(fetched["source_id"]) == {"un-comtrade-chn-2846-2023-2024-annual"}


def assert_same_figures_as_bundled(tmp_path, table):
    """The records a fetch wrote give the bundled 2023 and 2024 figures, row for row."""
    fetched = data.load("trade_records", tmp_path / "data")
    bundled = table[(table["source_id"] == "un-comtrade-chn-m-2846") & table["period"].isin(["2023", "2024"])]
    figures = ["period", "partner", "partner_kind", "mass_t", "quantity", "value_usd", "value_basis"]
    key = ["period", "partner"]
    assert fetched[figures].sort_values(key).reset_index(drop=True).equals(
        bundled[figures].sort_values(key).reset_index(drop=True))


def test_fetched_records_import_to_the_same_figures_as_the_bundled_responses(tmp_path, table):
    fetch.main(fetch_args(tmp_path), client=RecordedComtrade(), environ={"COMTRADE_API_KEY": "k"}, clock=CLOCK)
    assert_same_figures_as_bundled(tmp_path, table)


def test_a_failed_request_leaves_no_folder_behind(tmp_path, capsys):
    client = RecordedComtrade(missing=("2024",))
    assert fetch.main(fetch_args(tmp_path), client=client, environ={"COMTRADE_API_KEY": "k"}, clock=CLOCK) == 1
    assert "nothing written" in capsys.readouterr().err
    assert list((tmp_path / "data" / "raw" / "trade").iterdir()) == []
    assert not (tmp_path / "data" / "trade_records.csv").exists()


def test_a_response_as_long_as_max_records_is_refused_as_probably_cut_off(tmp_path, capsys):
    args = fetch_args(tmp_path, "--max-records", "34")
    assert fetch.main(args, client=RecordedComtrade(), environ={"COMTRADE_API_KEY": "k"}, clock=CLOCK) == 1
    assert "probably cut off" in capsys.readouterr().err


def test_monthly_fetch_asks_for_twelve_months_per_request(tmp_path):
    client = RecordedComtrade()
    fetch.main(fetch_args(tmp_path, "--monthly"), client=client, environ={"COMTRADE_API_KEY": "k"}, clock=CLOCK)
    assert client.calls[0]["freqCode"] == "M"
    assert client.calls[0]["period"] == ",".join(f"2023{m:02d}" for m in range(1, 13))


class RecordedHttp:
    """What comtradeapicall sends its requests through (urllib3's PoolManager.request), answering a data request with
    the bytes of the bundled response for its period, so that the client's own code reads and parses them. Those
    responses came from Comtrade's public preview endpoint, whose records have the format of the keyed one the
    client asks. Any other address is refused: no test reaches the network."""

    DATA_URL = "https://comtradeapi.un.org/data/v1/get/C/A/HS"

    def __init__(self):
        self.requests: list[tuple[str, dict]] = []

    def request(self, method, url, fields=None, **_):
        import urllib3

        self.requests.append((url, dict(fields or {})))
        assert (method, url) == ("GET", self.DATA_URL), f"unexpected request: {method} {url}"
        raw = (COMTRADE / f"{fields['period']}.json").read_bytes()
        return urllib3.HTTPResponse(body=io.BytesIO(raw), status=200, preload_content=True)


def test_fetch_through_the_real_client_parses_the_bundled_response_bytes_to_the_bundled_figures(tmp_path, table,
                                                                                               monkeypatch):
    import comtradeapicall
    import urllib3

    http = RecordedHttp()
    monkeypatch.setattr(urllib3.PoolManager, "request", http.request)
    # The reporter's code is answered from the bundled responses (their reporterISO and reporterCode): no recorded
    # copy of Comtrade's reference file of country codes is bundled to replay, and none is made up.
    client = types.SimpleNamespace(getFinalData=comtradeapicall.getFinalData,
                                   convertCountryIso3ToCode=RecordedComtrade().convertCountryIso3ToCode)
    assert fetch.main(fetch_args(tmp_path), client=client, environ={"COMTRADE_API_KEY": "k"}, clock=CLOCK) == 0
    assert [f["period"] for _, f in http.requests] == ["2023", "2024"]
    assert {(f["reportercode"], f["cmdCode"], f["flowCode"], f["subscription-key"]) for _, f in http.requests} == {
        ("156", "2846", "M", "k")}
    assert_same_figures_as_bundled(tmp_path, table)


# --- bulk files --------------------------------------------------------------------------------------------------------


def test_bulk_extract_keeps_only_the_lines_of_the_codes_asked_for_and_they_import(tmp_path):
    from lib.etl.trade import bulk

    frame = pd.read_csv(FIXTURES / "comtrade_2024.csv", dtype=str, keep_default_na=False)
    other = frame.assign(cmdCode="720211", cmdDesc="Ferro-manganese")  # the same lines under another code
    source = tmp_path / "bulk.txt"
    pd.concat([other, frame, other]).to_csv(source, sep="\t", index=False)
    target = tmp_path / "rare_earths.txt"
    assert bulk.extract(source, target, ("2846",), block_bytes=4096) == 34
    assert to_csv(importer.import_file(target, CTX).rows) == to_csv(importer.import_file(COMTRADE / "2024.json", CTX).rows)


def synthetic_bulk(tmp_path: Path) -> Path:
    """A SYNTHETIC bulk-format file: the 34 real records of comtrade_2024.csv between copies of them under another
    code (the copies are not real records; only the real ones are kept)."""
    frame = pd.read_csv(FIXTURES / "comtrade_2024.csv", dtype=str, keep_default_na=False)
    other = frame.assign(cmdCode="720211", cmdDesc="Ferro-manganese")
    source = tmp_path / "SYNTHETIC-comtrade-bulk-format.txt"
    pd.concat([other, frame, other]).to_csv(source, sep="\t", index=False)
    return source


def test_the_bulk_command_writes_the_lines_of_the_product_lines_codes_into_the_out_directory(tmp_path, capsys):
    source = synthetic_bulk(tmp_path)
    assert cli.main(["bulk", str(source), "--out", str(tmp_path / "out")]) == 0
    (target,) = (tmp_path / "out").iterdir()
    assert target.name == "SYNTHETIC-comtrade-bulk-format.8505-2846-2805.txt"
    assert to_csv(importer.import_file(target, CTX).rows) == to_csv(importer.import_file(COMTRADE / "2024.json", CTX).rows)
    out = capsys.readouterr().out
    assert "kept 34 lines of codes 8505, 2846, 2805" in out and f"python -m lib.etl.trade {target}" in out


def test_the_bulk_command_refuses_a_file_without_comtrades_code_field_and_writes_nothing(tmp_path, capsys):
    source = tmp_path / "SYNTHETIC-not-bulk.txt"
    source.write_text("reporter\tcode\nChina\t2846\n", encoding="utf-8")
    assert cli.main(["bulk", str(source), "--codes", "2846", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert str(source) in err and "row 1" in err and "'cmdCode'" in err and "nothing written" in err
    assert list((tmp_path / "out").iterdir()) == []


def test_loading_trade_records_runs_its_invariants():
    assert rules.INVARIANTS["trade_records"] == [rules_trade.problems]


def test_loading_stops_a_world_row_marked_as_a_country_naming_its_row_and_column(package_dir):
    lines = (DATA / "trade_records.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    assert ",World,,0,World,world," in lines[1]
    mislabelled = lines[1].replace(",World,,0,World,world,", ",World,,0,World,country,")
    package_dir.write("trade_records", lines[0] + mislabelled + lines[2])
    with pytest.raises(data.DataError) as caught:
        data.load("trade_records", package_dir.path)
    assert (2, "partner_kind") in {(p.row, p.column) for p in caught.value.problems}
