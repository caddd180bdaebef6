"""Downloads in a real Chromium: a chart's PNG and the briefing deck arrive as files of the right type."""

import io
import zipfile

import pytest
from browser_support import ARTIFACTS, settle

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 720}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    yield context.new_page()
    context.close()


def open_page(page, server, path: str):
    page.goto(f"{server.url}/{path}", wait_until="domcontentloaded")
    settle(page)


def download(page, button_key: str) -> bytes:
    button = page.locator(f".st-key-{button_key} button").first
    button.scroll_into_view_if_needed(timeout=30_000)
    with page.expect_download(timeout=90_000) as info:  # the first export starts Chromium on the server
        button.click()
    path = info.value.path()
    return open(path, "rb").read()


def test_a_chart_downloads_as_a_png_made_on_the_server(page, server):
    open_page(page, server, "trade")
    png = download(page, "png_magnet-exports")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    (ARTIFACTS / "magnet-exports.png").write_bytes(png)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_the_briefing_page_downloads_a_pptx_deck(page, server):
    open_page(page, server, "briefing?country=United+States")
    deck = download(page, "deck")
    assert deck[:2] == b"PK"
    names = zipfile.ZipFile(io.BytesIO(deck)).namelist()
    assert any(n.startswith("ppt/slides/slide") for n in names)
    assert "ppt/presentation.xml" in names
    (ARTIFACTS / "briefing-united-states.pptx").write_bytes(deck)


def test_the_briefing_page_downloads_the_same_deck_as_a_pdf(page, server):
    open_page(page, server, "briefing?country=United+States")
    pdf = download(page, "deck_pdf")
    assert pdf.startswith(b"%PDF")
    (ARTIFACTS / "briefing-united-states.pdf").write_bytes(pdf)


def test_presentation_mode_shows_no_navigation_no_sidebar_and_no_controls(page, server):
    open_page(page, server, "trade?present=true")
    assert page.locator("h1").first.inner_text().startswith("Who ships")  # the page asked for, not a fallback
    page.locator('[class*="st-key-slide_"] .js-plotly-plot').first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stSidebar"]').count() == 0
    assert page.locator('[data-testid="stSidebarNavLink"]').count() == 0
    assert page.locator('[data-testid="stDownloadButton"]').count() == 0
    assert page.locator(".st-key-present_bar").is_visible()  # the way out stays on screen
    # One chart per screen: its block (chart and sources) is a screen high, and the chart takes most of it.
    slide = page.locator('[class*="st-key-slide_"]').first.bounding_box()
    assert slide["height"] > 0.85 * DESKTOP["height"]
    page.locator('[class*="st-key-slide_"]').first.scroll_into_view_if_needed()
    chart = page.locator('[data-testid="stPlotlyChart"]').first.bounding_box()
    assert chart["height"] > 0.6 * DESKTOP["height"]
    page.screenshot(path=str(ARTIFACTS / "present-1280x720.png"))


def test_presentation_mode_draws_no_choice_buttons_and_keeps_the_choice(page, server):
    open_page(page, server, "reserves?present=true&edition=MCS2024")
    page.locator('[class*="st-key-slide_"] .js-plotly-plot').first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stButtonGroup"]').count() == 0
    assert "(MCS2024)" in page.locator(".js-plotly-plot").first.inner_text()
    assert "edition=MCS2024" in page.url


def test_presentation_mode_draws_no_country_button_and_keeps_the_country(page, server):
    open_page(page, server, "?present=true&view=Concentration+by+stage&country=Japan")
    page.locator('[class*="st-key-slide_"]').first.wait_for(timeout=30_000)
    assert page.locator("h1").first.inner_text().startswith("How exposed is Japan")
    assert page.get_by_role("button", name="Choose another country").count() == 0


def test_switching_presentation_mode_on_and_off_keeps_the_view(page, server):
    open_page(page, server, "reserves?edition=MCS2024")
    page.get_by_text("Presentation mode").click()
    page.wait_for_url("**present=true**", timeout=15_000)
    page.locator('[class*="st-key-slide_"] .js-plotly-plot').first.wait_for(timeout=30_000)
    assert "(MCS2024)" in page.locator(".js-plotly-plot").first.inner_text()
    page.get_by_text("Presentation mode").click()
    page.locator('[data-testid="stButtonGroup"]').first.wait_for(timeout=30_000)
    page.wait_for_url("**edition=MCS2024**", timeout=15_000)
    assert "present" not in page.url
