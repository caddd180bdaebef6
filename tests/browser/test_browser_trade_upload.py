"""A viewer's own trade extract in a real browser: a real-format file uploaded on Data & sources is previewed and
kept for the session; a malformed one is rejected with the problem named; data/ is unchanged afterwards."""

import subprocess

import pytest
from browser_support import serious, settle
from conftest import DATA, ROOT

from lib.app import uploads

pytestmark = pytest.mark.browser

COMTRADE_2024 = DATA / "raw" / "trade" / "un_comtrade_china_imports_hs2846" / "2024.json"
NOT_COMTRADE = ROOT / "tests" / "fixtures" / "trade" / "not_comtrade.csv"
UPLOADER = "Comtrade CSV or JSON, or DataWeb workbook"


def choose(page, path):
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text=UPLOADER)
    uploader.locator('input[type="file"]').set_input_files(str(path))


def alert(page, kind: str, text: str):
    return page.locator(f'[data-testid="stAlertContent{kind}"]').filter(has_text=text)


def data_unchanged() -> str:
    return subprocess.run(["git", "status", "--porcelain", "data/"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


def uploaded(browser, server):
    """A new viewer on Data & sources who has chosen the real Comtrade file (its check still running)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(f"{server.url}/data_sources")
    settle(page)
    choose(page, COMTRADE_2024)
    return context, page


def test_a_real_file_is_previewed_and_a_malformed_one_is_rejected_naming_the_problem(browser, server):
    context, page = uploaded(browser, server)
    try:
        success = alert(page, "Success", "2024.json: 34 rows of trade_records")
        success.wait_for(timeout=60_000)
        assert uploads.LABEL in success.inner_text()
        page.get_by_text("Your upload: counts by reporter, code and period").wait_for(timeout=30_000)
        page.get_by_role("button", name="Download your upload as trade_records CSV").wait_for(timeout=30_000)
        assert serious(page) == []  # the preview's alerts, tables and buttons, as axe-core reads them

        choose(page, NOT_COMTRADE)
        error = alert(page, "Error", "not_comtrade.csv was rejected")
        error.wait_for(timeout=60_000)
        assert "row 1: not a format this importer reads" in error.inner_text()
        assert serious(page) == []
        # The file that passed is still the one kept: a rejected file replaces nothing.
        assert success.count() == 1
    finally:
        context.close()
    assert data_unchanged() == ""


def test_the_upload_is_drawn_on_the_country_profile_in_the_same_session_only(browser, server):
    context, page = uploaded(browser, server)
    try:
        alert(page, "Success", "2024.json: 34 rows of trade_records").wait_for(timeout=60_000)
        # Moving within the app keeps the session (a new address typed in would start another).
        page.get_by_role("link", name="Country profile").click()
        page.get_by_role("button", name="Choose another country").click()
        page.locator('[data-testid="stSelectbox"]').click()
        page.get_by_role("option", name="China", exact=True).click()
        page.wait_for_url("**country=China**", timeout=30_000)
        page.get_by_text(f"The same chart from 2024.json ({uploads.LABEL})").wait_for(timeout=60_000)
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        # A second viewer, in a session of their own, does not see it.
        other = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        other.goto(page.url)
        settle(other)
        other.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
        assert other.get_by_text(uploads.LABEL).count() == 0
        other.context.close()
    finally:
        context.close()
    assert data_unchanged() == ""
