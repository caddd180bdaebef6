"""The What if? page in a real Chromium: a scenario set on the page and shared by its link opens the same in a fresh
browser, controls and chart, and in presentation mode shows the chart with its assumptions."""

from contextlib import contextmanager

import pytest
from browser_support import settle
from playwright.sync_api import expect

from lib import data
from lib.figures.text import TITLE_WRAP, wrap_lines
from lib.specs import scenario as sc

pytestmark = pytest.mark.browser

TIMEOUT = 60_000


@contextmanager
def fresh(browser):
    """A page in a fresh browser context (no cookies, no cache, no session), closed afterwards."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        yield context.new_page()
    finally:
        context.close()


def chart_shows(page, title: str):
    """Wait until the chart on screen is the one titled `title` (its first line, as the figure wraps it)."""
    first_line = wrap_lines(title, TITLE_WRAP)[0]
    expect(page.locator(".js-plotly-plot").first).to_contain_text(first_line, timeout=TIMEOUT)


@pytest.fixture(scope="module")
def expected():
    d = {name: data.load(name) for name in sc.NEEDS}
    return {"default": sc.scenario_chart(d), "custom": sc.scenario_chart(d, preset=sc.CUSTOM, cut=70.0, start="2025-04",
                                                                           length=3, cover=1.0)}


def shared_link(page) -> str:
    page.get_by_text("Link to this view").click()
    code = page.locator('[data-testid="stPopoverBody"] code').first
    code.wait_for(timeout=TIMEOUT)
    return code.inner_text().strip()


def open_assumptions(page):
    """The restriction's numbers are in a popover: open it, once the Scenario's choice has been drawn."""
    page.get_by_role("button", name="Cut, cover and other suppliers").click()
    page.get_by_role("spinbutton", name="Cover (months)").wait_for(timeout=TIMEOUT)


def test_a_scenario_set_on_the_page_and_shared_by_its_link_opens_the_same_in_a_fresh_browser(browser, server, expected):
    with fresh(browser) as page:
        page.goto(f"{server.url}/what_if", wait_until="domcontentloaded")
        settle(page)
        chart_shows(page, expected["default"].title)
        page.get_by_role("radio", name="Custom").click()
        open_assumptions(page)
        cut = page.get_by_role("spinbutton", name="Cut (%)")
        cut.fill("70")
        cut.press("Enter")
        cover = page.get_by_role("spinbutton", name="Cover (months)")
        cover.fill("1")
        cover.press("Enter")
        chart_shows(page, expected["custom"].title)
        link = shared_link(page)
    assert "cut=70" in link and "cover=1" in link and "preset=Custom" in link
    with fresh(browser) as page:
        page.goto(link, wait_until="domcontentloaded")
        settle(page)
        chart_shows(page, expected["custom"].title)
        open_assumptions(page)
        expect(page.get_by_role("spinbutton", name="Cut (%)")).to_have_value("70.0", timeout=TIMEOUT)
        expect(page.get_by_role("spinbutton", name="Cover (months)")).to_have_value("1.0")
        expect(page.get_by_role("textbox", name="Start")).to_have_value("2025-04")
        assert page.locator('[data-testid="stException"]').count() == 0


def test_in_presentation_mode_the_link_shows_the_chart_with_its_assumptions_and_no_controls(browser, server, expected):
    with fresh(browser) as page:
        page.goto(f"{server.url}/what_if?present=true&preset=Custom&cut=70&cover=1", wait_until="domcontentloaded")
        settle(page)
        chart_shows(page, expected["custom"].title)
        expect(page.get_by_text("Assumptions, not data: China cuts its shipments to India by 70 %").first).to_be_visible(
            timeout=TIMEOUT)
        assert page.get_by_role("spinbutton").count() == 0
        assert page.locator('[data-testid="stSidebarNavLink"]').count() == 0
