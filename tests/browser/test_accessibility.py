"""WCAG 2.1 AA in a real browser: axe-core on every page, at projector and desktop size, in the light theme
and in presentation mode, with a chart open; and one page used with the keyboard alone."""

from contextlib import contextmanager

import pytest
from browser_support import serious, settle

from lib.app import site

pytestmark = pytest.mark.browser

SIZES = {"1280x720": {"width": 1280, "height": 720}, "1920x1080": {"width": 1920, "height": 1080}}
# Each page on a view with a chart where it has one (the Overview's chart tab), and each in presentation mode.
VIEWS = [("" if p.name == site.DEFAULT_PAGE else p.name) for p in site.PAGES] + ["?view=Concentration+by+stage"]
VIEWS += ["reserves?present=true", "trade?present=true", "?present=true&view=Concentration+by+stage"]
# The Country profile where the records allow its dependence charts, and China's feedstock tab.
DEPENDENCE_VIEWS = ["country?country=United+States", "country?country=China&view=Both+sides+of+a+flow",
                    "supply_chain?view=China%27s+feedstock", "trade?view=Official+statistics"]
VIEWS += DEPENDENCE_VIEWS
# The capacity page's other tabs (its first is among the pages above).
CAPACITY_VIEWS = ["capacity?view=Start+dates", "capacity?view=China%27s+quotas", "capacity?view=India"]
VIEWS += CAPACITY_VIEWS + ["capacity?view=Every+figure"]
CHART_VIEWS = {"reserves", "mining", "supply_chain", "trade", "?view=Concentration+by+stage", "reserves?present=true",
               "trade?present=true", "?present=true&view=Concentration+by+stage", *DEPENDENCE_VIEWS,
               "capacity", *CAPACITY_VIEWS}


@contextmanager
def opened(browser, server, view: str, size: str = "1280x720"):
    """The view in a fresh browser context, its script run finished; the context closed afterwards."""
    context = browser.new_context(viewport=SIZES[size])
    try:
        page = context.new_page()
        page.goto(f"{server.url}/{view}")
        settle(page)
        yield page
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", VIEWS)
def test_no_serious_or_critical_violation(browser, server, view, size):
    with opened(browser, server, view, size) as page:
        if view in CHART_VIEWS:
            page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        assert serious(page) == []


def focus_walk(page, steps: int) -> list[str]:
    """What the keyboard reaches, Tab after Tab: each focused element's accessible text."""
    seen = []
    for _ in range(steps):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => { const e = document.activeElement;
            return (e.getAttribute('aria-label') || e.innerText || e.value || e.tagName).trim().slice(0, 60); }"""))
    return seen


def test_the_keyboard_reaches_the_navigation_the_controls_the_tabs_the_downloads_and_the_link(browser, server):
    context = browser.new_context(viewport=SIZES["1280x720"], accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{server.url}/reserves")
        settle(page)
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        walk = " | ".join(focus_walk(page, 60))
        for reached in ("Overview", "Reserves", "Presentation mode", "Link to this view", "MCS2026", "By country",
                        "CSV of these rows", "Show the data behind this chart"):
            assert reached in walk, f"{reached!r} not reached by the keyboard: {walk}"
        # In the order they are on the screen: navigation, then the page's controls, its tabs, its downloads.
        order = [walk.index(x) for x in ("Reserves", "MCS2026", "By country", "CSV of these rows")]
        assert order == sorted(order)
    finally:
        context.close()


def test_a_tab_and_the_share_link_work_from_the_keyboard(browser, server):
    with opened(browser, server, "reserves") as page:
        # A tab list is one stop for Tab; the arrow keys move between its tabs (WAI-ARIA tabs pattern).
        page.get_by_role("tab", name="By country").focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        page.wait_for_url("**view=World+map**", timeout=15_000)
        page.get_by_role("button", name="Link to this view").focus()
        page.keyboard.press("Enter")
        page.locator('[data-testid="stPopoverBody"] code').first.wait_for(timeout=15_000)
        assert "view=World+map" in page.locator('[data-testid="stPopoverBody"] code').first.inner_text()


@pytest.mark.parametrize("preset", ["", "?preset=Custom"])
def test_the_what_if_numbers_have_no_serious_violation_once_their_popover_is_open(browser, server, preset):
    with opened(browser, server, f"what_if{preset}") as page:
        page.get_by_role("button", name="Cut, cover and other suppliers").click()
        page.get_by_role("spinbutton", name="Cover (months)").wait_for(timeout=30_000)
        assert serious(page) == []
