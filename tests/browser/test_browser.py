"""The running app in a real Chromium: every page renders, with no error, and links restore views."""

import shutil
from contextlib import contextmanager

import pytest
from browser_support import ARTIFACTS, Server, chromium_or_skip, settle
from conftest import DATA

from lib.app import site

pytestmark = pytest.mark.browser

SIZES = {"projector": {"width": 1280, "height": 720}, "desktop": {"width": 1920, "height": 1080}}
CHART_PAGES = ["reserves", "mining", "supply_chain", "trade"]  # a chart in the tab a page opens on
ALL_PAGES = ["", *CHART_PAGES, "country", "data_sources"]  # "": the Overview, which opens on its figures


@contextmanager
def new_page(browser, size="projector"):
    """A page in a fresh browser context (no cookies, no cache), closed afterwards."""
    context = browser.new_context(viewport=SIZES[size])
    try:
        yield context.new_page()
    finally:
        context.close()


def open_path(page, server, path: str):
    page.goto(f"{server.url}/{path}", wait_until="domcontentloaded")
    settle(page)


def assert_no_error(page):
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", ALL_PAGES)
def test_every_page_renders_without_error_at_projector_and_desktop_size(browser, server, path, size):
    with new_page(browser, size) as page:
        open_path(page, server, path)
        if path in CHART_PAGES:
            page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        assert_no_error(page)
        page.screenshot(path=str(ARTIFACTS / f"page-{path or 'overview'}-{size}.png"))


def test_data_page_shows_the_catalogue(browser, server):
    with new_page(browser) as page:
        open_path(page, server, "data_sources")
        page.get_by_text("Rare-earth reserves by country, by USGS edition").first.wait_for(timeout=30_000)
        assert_no_error(page)


# Every navigation label a page shows, from its first paint on: a MutationObserver notes each one.
RECORD_NAV_LABELS = """
window.__navLabels = new Set();
new MutationObserver(() => {
  document.querySelectorAll('[data-testid="stSidebarNavLink"]').forEach(a => window.__navLabels.add(a.innerText.trim()));
}).observe(document, {subtree: true, childList: true, characterData: true});
"""
PAGE_TITLES = {p.title for p in site.PAGES}


@pytest.mark.parametrize("link", ["reserves?edition=MCS2024&view=World+map", ""])
def test_the_first_viewer_of_a_fresh_server_sees_the_view_the_link_names_and_only_the_apps_navigation(browser, link):
    # A colleague opens the link after a hosted app has slept: the first session of a new process.
    chromium_or_skip()
    with Server() as srv, new_page(browser) as page:
        page.add_init_script(RECORD_NAV_LABELS)
        open_path(page, srv, link)
        if link:
            page.locator(".js-plotly-plot .geo").first.wait_for(timeout=30_000)
            assert "(MCS2024)" in page.locator(".js-plotly-plot").first.inner_text()
        page.get_by_text("Link to this view").wait_for(timeout=30_000)
        seen = {label.split("\n")[-1] for label in page.evaluate("() => [...window.__navLabels]")}
        assert seen == PAGE_TITLES  # never Streamlit's file-name navigation ("app", "briefing", …)
        assert_no_error(page)


def test_with_one_file_broken_every_page_still_opens_and_says_what_is_wrong_where(browser, tmp_path):
    chromium_or_skip()
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    (copy / "reserves.csv").write_text("garbage,columns\n1,2\n", encoding="utf-8")
    with Server(env={"DASHBOARD_DATA": str(copy)}) as srv, new_page(browser) as page:
        open_path(page, srv, "")
        page.get_by_text("Mine production (2025)").first.wait_for(timeout=30_000)  # the other figures are there
        assert page.get_by_text("data/reserves.csv has problems").count() >= 1
        page.get_by_text("Link to this view").click()
        page.locator('[data-testid="stPopoverBody"] code').first.wait_for(timeout=15_000)
        open_path(page, srv, "trade")
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        assert page.get_by_text("has problems").count() == 0
        assert page.locator('[data-testid="stSidebarNavLink"]').count() == len(site.PAGES)


def test_a_link_straight_to_a_page_asks_the_apps_root_first(browser, server):
    # Without lib/app/serving.py, Streamlit's frontend first asks /trade/_stcore/health, gets a 404 and waits 0.1 s.
    with new_page(browser) as page:
        asked = []
        page.on("request", lambda r: "_stcore/" in r.url and asked.append(r.url.removeprefix(server.url)))
        open_path(page, server, "trade")
    assert asked[:2] and set(asked[:2]) == {"/_stcore/health", "/_stcore/host-config"}
    assert not [a for a in asked if a.startswith("/trade/")]


def test_pages_reached_from_a_link_to_a_page_keep_their_own_addresses(browser, server):
    with new_page(browser) as page:
        open_path(page, server, "trade")
        page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Reserves").click()
        page.wait_for_url(f"{server.url}/reserves", timeout=15_000)
        page.get_by_role("heading", level=1).filter(has_text="reserves").wait_for(timeout=30_000)
        page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Overview").click()
        page.wait_for_url(f"{server.url}/", timeout=15_000)
        page.go_back()
        page.wait_for_url(f"{server.url}/reserves", timeout=15_000)
        assert_no_error(page)


def test_the_overviews_own_name_opens_it_at_the_root_with_no_page_not_found_notice(browser, server):
    # Streamlit serves the default page only at the root; lib/app/serving.py sends /overview there, query kept.
    with new_page(browser) as page:
        open_path(page, server, "overview?view=Concentration+by+stage")
        assert page.url == f"{server.url}/?view=Concentration+by+stage"
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        assert_no_error(page)


def test_under_a_base_url_path_a_link_to_a_page_asks_that_paths_root(browser):
    # server.baseUrlPath, as for an app served at https://host/dash/ behind a proxy.
    chromium_or_skip()
    with Server(base_url_path="dash") as srv, new_page(browser) as page:
        asked = []
        page.on("request", lambda r: "_stcore/" in r.url and asked.append(r.url.removeprefix(srv.url)))
        open_path(page, srv, "dash/trade")
        assert set(asked[:2]) == {"/dash/_stcore/health", "/dash/_stcore/host-config"}
        page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Reserves").click()
        page.wait_for_url(f"{srv.url}/dash/reserves", timeout=15_000)
        assert_no_error(page)


def test_a_share_link_restores_the_same_view_in_a_fresh_browser(browser, server):
    with new_page(browser) as page:
        open_path(page, server, "reserves")
        page.locator('[data-testid="stButtonGroup"]').get_by_role("radio", name="MCS2024").click()
        page.wait_for_url("**edition=MCS2024**", timeout=15_000)
        # The 'copy link' control is redrawn by the rerun that the change triggers.
        page.locator('[data-testid="stSidebar"]').get_by_text("Link to this view").click()
        page.locator('[data-testid="stPopoverBody"] code').filter(has_text="edition=MCS2024").first.wait_for(timeout=15_000)
        address = page.url

    with new_page(browser) as page:
        open_path(page, server, address.removeprefix(server.url + "/"))
        # The chart's title names the edition it shows.
        page.locator(".js-plotly-plot").filter(has_text="(MCS2024)").first.wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "share-link-restored.png"))
        assert "edition=MCS2024" in page.url


def test_the_country_is_chosen_behind_a_button_and_goes_into_the_address(browser, server):
    with new_page(browser) as page:
        open_path(page, server, "")
        # Closed, the popover draws no dropdown (its bundle loads only when a viewer opens it).
        assert page.locator('[data-testid="stSelectbox"]').count() == 0
        page.get_by_role("button", name="Choose another country").click()
        page.locator('[data-testid="stSelectbox"]').click()
        page.keyboard.type("Japan")  # the list is long and draws only the options in view, so filter it as a viewer would
        page.get_by_role("option", name="Japan").click()
        page.wait_for_url("**country=Japan**", timeout=15_000)
        page.get_by_role("heading", level=1).filter(has_text="How exposed is Japan").wait_for(timeout=15_000)
        page.locator('[data-testid="stSelectbox"]').wait_for(state="detached", timeout=15_000)  # closed again
        page.screenshot(path=str(ARTIFACTS / "country-chosen.png"))
        assert_no_error(page)


def test_the_map_tab_draws_the_map_and_goes_into_the_address(browser, server):
    with new_page(browser) as page:
        open_path(page, server, "reserves")
        page.get_by_role("tab", name="World map").click()
        page.wait_for_url("**view=World+map**", timeout=15_000)
        page.locator(".js-plotly-plot .geo").first.wait_for(timeout=30_000)
        assert_no_error(page)


@pytest.mark.parametrize("path", ["", "reserves?view=World+map", "trade"])
def test_a_page_asks_no_other_host_for_anything(browser, server, path):
    # Locked-down networks block third parties, and each such request tells one who is reading what.
    with new_page(browser) as page:
        elsewhere = []
        page.on("request", lambda r: r.url.startswith(("http:", "https:", "ws:", "wss:"))
                and not r.url.startswith(server.url.replace("http", "ws")) and not r.url.startswith(server.url)
                and elsewhere.append(r.url))
        open_path(page, server, path)
        if path:
            page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)  # plotly.js asked for everything
    assert elsewhere == []
