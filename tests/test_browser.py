"""The running app in a real Chromium: pages render, with no error on screen."""

import pytest
from browser_support import ARTIFACTS, CHROMIUM_ARGS, Server, chromium_or_skip

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def server():
    chromium_or_skip()
    srv = Server()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_or_skip()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def open_page(page, server, path: str):
    page.goto(f"{server.url}/{path}", wait_until="domcontentloaded")
    page.wait_for_selector("h1", timeout=30_000)
    # Streamlit keeps running the script after the first heading shows; wait until it settles.
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000
    )


def test_data_page_shows_the_catalogue_in_a_real_browser(page, server):
    open_page(page, server, "data")
    page.get_by_text("Rare-earth reserves by country, by USGS edition").first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "data-1280x720.png"), full_page=False)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
