"""Data & sources: the published trade records' coverage, and a viewer's own extract uploaded, previewed, kept for the
session, drawn on the Country profile, offered back as CSV and forgotten; a malformed file's problems as a table."""

import subprocess

import pandas as pd
from conftest import DATA, ROOT, open_app, page_path, texts

from lib.app import isolated, uploads
from lib.domain import official_trade as ot

COMTRADE_2024 = DATA / "raw" / "trade" / "un_comtrade_china_imports_hs2846" / "2024.json"
FIXTURES = ROOT / "tests" / "fixtures" / "trade"


def frames(at) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def upload(at, path, mime="application/octet-stream"):
    at.file_uploader(key="trade_upload_0").set_value((path.name, path.read_bytes(), mime))
    return at.run()


def test_the_data_page_lists_the_trade_records_coverage_with_its_denominators():
    at = open_app("data_sources", dataset="trade_records.csv")
    assert not at.exception
    (cover,) = [f for f in frames(at) if list(f.columns) == ot.COVERAGE_COLUMNS]
    assert {"China", "United States"} <= set(cover["reporter"])
    assert "share of the 18 partners queried, not of all trade" in set(cover["denominator"])
    assert "Check a CSV before it goes in" in [h.value for h in at.header]


def test_a_real_comtrade_response_is_previewed_and_kept_for_this_session():
    at = upload(open_app("data_sources"), COMTRADE_2024, "application/json")
    assert not at.exception and not at.error
    message = texts(at.success).replace("\\", "")
    assert "2024.json: 34 rows of trade_records" in message and uploads.LABEL in message
    assert "nothing is written on the server" in message
    kept = at.session_state[uploads._KEY]
    assert kept.name == "2024.json" and len(kept.records) == 34
    assert any(list(f.columns) == ot.COVERAGE_COLUMNS and set(f["reporter"]) == {"China"} for f in frames(at))
    assert at.button(key="forget_trade_upload")


def test_a_malformed_file_shows_each_problem_in_a_table_and_keeps_nothing():
    at = upload(open_app("data_sources"), FIXTURES / "not_comtrade.csv", "text/csv")
    assert not at.exception
    assert "not_comtrade.csv was rejected: 1 problem(s). Nothing from it is kept." in texts(at.error).replace("\\", "")
    (problems,) = [f for f in frames(at) if list(f.columns) == ["file", "where", "field", "problem"]]
    assert problems.iloc[0]["where"] == "row 1" and "not a format this importer reads" in problems.iloc[0]["problem"]
    assert uploads._KEY not in at.session_state


def test_the_upload_is_drawn_on_the_country_profile_and_marked_as_the_viewers_own():
    at = upload(open_app("data_sources"), COMTRADE_2024, "application/json")
    at.query_params["country"] = "China"
    at.switch_page(page_path("country"))
    at.run()
    assert not at.exception
    assert any(uploads.LABEL in h.value for h in at.subheader)


def test_forgetting_the_upload_clears_it_and_empties_the_uploader():
    at = upload(open_app("data_sources"), COMTRADE_2024, "application/json")
    at.button(key="forget_trade_upload").click().run()
    assert uploads._KEY not in at.session_state
    assert at.file_uploader(key="trade_upload_1").value is None
    assert not at.success


def test_checking_uploads_leaves_data_unchanged():
    at = upload(open_app("data_sources"), COMTRADE_2024, "application/json")
    upload(at, FIXTURES / "comtrade_negative_mass.json")
    status = subprocess.run(["git", "status", "--porcelain", "data/"], cwd=ROOT, capture_output=True, text=True,
                            check=True)
    assert status.stdout == ""


def test_a_file_over_the_size_limit_gets_the_limit_and_what_to_do_instead():
    at = open_app("data_sources")
    at.file_uploader(key="trade_upload_0").set_value(("big.csv", b"x" * (4 * 1024 * 1024 + 1), "text/csv"))
    at.run()
    shown = texts(at.error).replace("\\", "")
    assert "big.csv was rejected" in shown and "the limit is 4 MB" in shown
    assert uploads._KEY not in at.session_state


def test_the_uploads_charts_are_built_once_for_the_session_not_on_every_rerun(monkeypatch):
    at = upload(open_app("data_sources"), COMTRADE_2024, "application/json")
    at.query_params["country"] = "China"
    at.switch_page(page_path("country"))
    at.run()
    kept = at.session_state[uploads._KEY]
    built = dict(kept.derived)
    assert built, "the first view of the profile builds the upload's charts"
    at.run()
    assert {k: id(v) for k, v in kept.derived.items()} == {k: id(v) for k, v in built.items()}


def test_a_check_that_gives_no_result_is_said_and_keeps_nothing(monkeypatch):
    def gives_nothing(*args, timeout):
        raise isolated.Failed(f"no result within {timeout:.0f} s")

    monkeypatch.setattr(isolated, "run", gives_nothing)
    at = upload(open_app("data_sources"), COMTRADE_2024, "application/json")
    assert not at.exception
    assert "the file could not be checked (no result within 120 s)" in texts(at.error).replace("\\", "")
    assert uploads._KEY not in at.session_state
