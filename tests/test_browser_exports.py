"""Downloads in a real Chromium: a chart's PNG and the briefing deck arrive as files of the right type."""

import io
import time
import zipfile

import pytest
from browser_support import ARTIFACTS

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 720}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    yield context.new_page()
    context.close()


def open_page(page, server, path: str):
    page.goto(f"{server.url}/{path}", wait_until="domcontentloaded")
    page.wait_for_selector("h1", timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)


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


def test_presentation_mode_hides_the_sidebar_and_controls(page, server):
    open_page(page, server, "trade?present=1")
    assert page.locator("h1").first.inner_text().startswith("Who ships")  # the page asked for, not a fallback
    page.locator('[class*="st-key-slide_"]').first.wait_for(timeout=30_000)
    time.sleep(1)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stSelectbox"]').first.is_visible()
    assert page.locator(".st-key-present_bar").is_visible()  # the way out stays on screen
    # One chart per screen: its block (chart and sources) is a screen high, and the chart takes most of it.
    slide = page.locator('[data-testid="stLayoutWrapper"]:has(> [class*="st-key-slide_"])').first.bounding_box()
    assert slide["height"] > 0.9 * DESKTOP["height"]
    page.locator('[class*="st-key-slide_"]').first.scroll_into_view_if_needed()
    chart = page.locator('[data-testid="stPlotlyChart"]').first.bounding_box()
    assert chart["height"] > 0.6 * DESKTOP["height"]
    page.screenshot(path=str(ARTIFACTS / "present-1280x720.png"))


def test_presentation_mode_hides_the_choice_buttons_too(page, server):
    open_page(page, server, "reserves?present=1")
    page.locator('[class*="st-key-slide_"]').first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stButtonGroup"]').count() > 0  # the edition is still chosen on the page
    assert not page.locator('[data-testid="stButtonGroup"]').first.is_visible()


def test_presentation_mode_hides_the_country_button(page, server):
    open_page(page, server, "?present=1&view=Concentration+by+stage&country=Japan")
    page.locator('[class*="st-key-slide_"]').first.wait_for(timeout=30_000)
    assert page.locator("h1").first.inner_text().startswith("How exposed is Japan")
    button = page.locator('[data-testid="stMain"] [data-testid="stPopover"]')
    assert button.count() == 1  # the country stays chosen on the page
    assert not button.is_visible()
