"""Every page driven headless through AppTest: it runs, it says what it shows, and its link restores it."""


import pytest
from conftest import open_app, opened, texts

from lib.app import cache

PAGES = {
    "overview": "How exposed is India to one supplier of rare earths?",
    "reserves": "Who holds the world's rare-earth reserves?",
    "mining": "Who mines rare earths?",
    "supply_chain": "How concentrated is each stage, from mine to magnet?",
    "trade": "Who ships rare-earth magnets to whom?",
    "country": "What do we know about India, and what is missing?",
    "data_sources": "Data & sources: where every number comes from",
}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_an_exception_or_error(page):
    at = open_app(page)
    assert not at.exception
    assert not at.error


@pytest.mark.parametrize("page, question", PAGES.items())
def test_every_page_asks_its_question_in_the_title(page, question):
    assert open_app(page).title[0].value == question


@pytest.mark.parametrize("page", [p for p in PAGES if p != "data_sources"])
def test_every_chart_page_names_its_sources_under_the_charts(page):
    at = open_app(page)
    assert "Source" in texts(at.markdown) + texts(at.caption)


def test_the_sidebar_shows_a_link_to_the_current_view():
    at = open_app(country="United States")
    assert at.sidebar.code[0].value.endswith("/?country=United+States")


def test_the_link_leaves_out_controls_at_their_default():
    assert open_app().sidebar.code[0].value.endswith("/")


def test_every_page_has_the_navigation_and_the_share_link():
    at = open_app("mining", mode="share")
    assert at.sidebar.code[0].value.endswith("/mining?mode=share")


def test_reserves_edition_is_restored_from_the_link():
    at = open_app("reserves", edition="MCS2024")
    assert at.button_group(key="edition").value == "MCS2024"


def test_an_unknown_edition_falls_back_to_the_latest_with_a_notice():
    at = open_app("reserves", edition="MCS1999")
    assert at.button_group(key="edition").value == "MCS2026"
    assert "MCS1999" in texts(at.info)
    assert not at.exception


def test_overview_country_is_restored_from_the_link():
    at = open_app("overview", country="United States")
    assert at.title[0].value == "How exposed is United States to one supplier of rare earths?"


def test_an_unknown_country_falls_back_to_india_with_a_notice():
    at = open_app("overview", country="Narnia")
    assert at.selectbox(key="country").value == "India"
    assert "Narnia" in texts(at.info)


def test_the_country_notice_is_on_the_page_not_in_the_closed_country_popover():
    at = open_app("overview", country="Narnia")
    (chooser,) = [p for p in at.get("popover") if p.proto.popover.label == "Choose another country"]
    assert [type(c).__name__ for c in chooser.children.values()] == ["Selectbox"]


def test_a_hostile_link_parameter_is_shown_literally():
    at = open_app("overview", country="[x](javascript:alert(1))")
    notice = texts(at.info)
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in notice


def test_mining_countries_and_mode_are_restored_from_the_link():
    at = open_app("mining", countries=["India", "Brazil"], mode="share")
    assert at.button_group(key="countries").value == ["India", "Brazil"]
    assert at.button_group(key="mode").value == "share"


def test_supply_chain_projection_year_is_restored_from_the_link():
    at = open_app("supply_chain", edition="IEA GCMO 2024", year="2030")
    assert at.button_group(key="year").value == "2030"


def test_a_year_outside_the_edition_falls_back_with_a_notice():
    at = open_app("supply_chain", year="1850")
    assert "1850" in texts(at.info)
    assert not at.exception


def test_overview_shows_india_reserves_as_not_available_with_the_earlier_figure():
    at = open_app("overview")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Reserves \\(MCS2026\\)"] == "not available"
    assert "MCS2025 gave 6\\.9 Mt" in texts(at.caption)


def test_trade_page_shows_the_58_percent_claim_as_attributed_not_charted():
    at = open_app("trade")
    body = texts(at.markdown)
    assert "Attributed claim, not charted" in body
    assert "58 per cent" in body


def test_reserves_draws_only_the_open_tab():
    charts = open_app("reserves").get("plotly_chart")
    assert len(charts) == 1 and '"type":"bar"' in charts[0].proto.spec.replace(" ", "")


def test_the_reserves_map_tab_is_restored_from_the_link_and_kept_in_it():
    at = open_app("reserves", view="World map")
    assert '"type":"choropleth"' in at.get("plotly_chart")[0].proto.spec.replace(" ", "")
    assert at.sidebar.code[0].value.endswith("/reserves?view=World+map")


def test_overview_opens_on_the_headline_figures_and_what_is_missing_without_a_chart():
    at = open_app("overview")
    assert len(at.metric) >= 6
    assert "What the data does not say about India" in texts(at.info)
    assert not at.get("plotly_chart")


def test_overview_shows_the_58_percent_claim_attributed_in_its_claims_tab():
    at = open_app("overview", view="Claims and events")
    body = texts(at.markdown)
    assert "Attributed claim, not charted" in body and "58 per cent" in body
    assert not at.get("plotly_chart")


def test_a_chart_comes_with_its_finding_in_words():
    takeaway = cache.finding("magnet-exports").takeaway
    assert takeaway and takeaway in texts(open_app("trade").caption).replace("\\", "")


# page -> (the chart of its first tab, a later tab, the chart of that tab)
TABBED = {
    "trade": ("magnet-exports", "Magnet imports by product scope", "imports-by-scope"),
    "mining": ("mining-absolute", "World since 1900", "world-production"),
    "supply_chain": ("concentration-", "Countries' shares", "stage-shares-"),
}


@pytest.mark.parametrize("page", TABBED)
def test_a_page_of_several_charts_draws_only_its_first_tab_on_first_load(page):
    charts = open_app(page).get("plotly_chart")
    assert len(charts) == 1 and TABBED[page][0] in charts[0].proto.id


# page -> (a tab that is not the first, the chart it draws)
LINKED_TABS = {page: (tab, chart) for page, (_, tab, chart) in TABBED.items()}
LINKED_TABS["overview"] = ("Concentration by stage", "concentration-")


@pytest.mark.parametrize("page", LINKED_TABS)
def test_a_link_opens_the_tab_it_names(page):
    tab, chart = LINKED_TABS[page]
    charts = open_app(page, view=tab).get("plotly_chart")
    assert len(charts) == 1 and chart in charts[0].proto.id


def test_the_open_tab_goes_into_the_link():
    at = open_app("trade", view="Magnet imports by product scope")
    assert at.sidebar.code[0].value.endswith("/trade?view=Magnet+imports+by+product+scope")


def test_reserves_revisions_table_is_drawn_only_when_asked_for():
    at = open_app("reserves")
    assert not at.dataframe
    assert "India" in opened(at, "show_reserves-revisions").dataframe[0].value["country"].tolist()


def test_the_revisions_sources_are_named_while_the_table_is_closed():
    at = open_app("mining")
    assert "Geological Survey" in at.main.markdown[-1].value


def test_the_data_page_draws_a_datasets_units_only_once_opened():
    at = open_app("data_sources", dataset="reserves.csv")
    assert not any("column" in grid.value for grid in at.dataframe)
    units = [grid.value for grid in opened(at, "units_reserves").dataframe if "column" in grid.value]
    assert "reserves_t_reo" in units[0]["column"].tolist()


def test_the_data_page_says_how_current_each_series_is():
    (grid,) = [g.value for g in open_app("data_sources").dataframe if "latest period" in g.value]
    magnets = grid.set_index("series").filter(like="permanent magnets", axis=0).iloc[0]
    assert magnets["latest period"] == "Mar 2026"


def test_the_overview_says_in_one_line_how_current_its_trade_figures_are():
    line = [c.value for c in open_app("overview").caption if c.value.startswith("How current")]
    assert line and "Mar 2026" in line[0]


def test_overview_lists_the_countrys_events_with_date_status_and_source():
    body = texts(open_app("overview", view="Claims and events").markdown)
    assert "**29 Jan 2025** · India \\(Union Cabinet\\): **India Cabinet approves NCMM**" in body
    assert "_(secondary; [NDTV, Government approves" in body


def test_an_event_known_only_to_the_month_shows_the_month_alone():
    body = texts(open_app("overview", view="Claims and events").markdown)
    assert "**Oct 2025** · China \\(MOFCOM\\)" in body


def test_country_profile_says_what_is_missing():
    at = open_app("country", country="Japan")
    assert "What the data does not say about Japan" in texts(at.info)


def test_country_profile_tables_are_drawn_only_when_asked_for_and_name_their_sources_either_way():
    at = open_app("country")
    assert not at.dataframe
    assert "Mineral Commodity Summaries" in texts(at.caption)
    assert "India" in opened(at, "show_profile-reserves").dataframe[0].value["country"].tolist()


def test_the_overview_links_to_chinas_feedstock_tab():
    (link,) = open_app().get("page_link")
    assert link.proto.page == "supply_chain" and link.proto.query_string == "view=China%27s+feedstock"


def test_chinas_feedstock_tab_draws_its_imports_by_origin():
    charts = open_app("supply_chain", view="China's feedstock").get("plotly_chart")
    assert len(charts) == 1 and "china-feedstock" in charts[0].proto.id
