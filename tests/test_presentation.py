"""Presentation mode and the briefing page, driven headless through AppTest."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from lib import links, views

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PRESENT_CSS_MARK = "st-key-slide_"


def open_app(**params) -> AppTest:
    # The default page: AppTest runs a switched-to page without app.py, where the toggle and link live.
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def styles(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_present_1_turns_presentation_mode_on_and_hides_the_controls():
    at = open_app(present="1", country="China")
    assert not at.exception
    assert at.toggle(key=links.PRESENT).value is True
    assert [t.key for t in at.main.toggle] == [links.PRESENT]  # out of the hidden sidebar, so it can be switched off
    assert PRESENT_CSS_MARK in styles(at) and '[data-testid="stSidebar"]' in styles(at)
    # The per-chart controls are left out; the country stays chosen (its button is only hidden).
    assert not at.get("download_button") and not at.expander
    assert "China" in at.title[0].value


def test_the_share_link_opens_in_presentation_mode():
    at = open_app(present="1", country="China")
    assert at.sidebar.code[0].value.endswith("/?present=1&country=China")


def test_without_the_flag_the_page_has_controls_and_downloads():
    at = open_app(view="Concentration by stage")
    assert at.toggle(key=links.PRESENT).value is False
    assert PRESENT_CSS_MARK not in styles(at)
    keys = {b.key for b in at.get("download_button")}
    assert {"csv_overview-concentration"} <= keys
    assert "present" not in at.sidebar.code[0].value


def test_briefing_page_renders_and_picks_the_key_set_for_the_country():
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/briefing.py")
    at.run()
    assert not at.exception and not at.error
    assert at.multiselect(key="charts").value == [views.CHART_LABELS[k] for k in
                                                  ["concentration", "magnet-exports", "reserves", "mining", "india-imports"]]
    assert "deck" in {b.key for b in at.get("download_button")}
    at.selectbox(key="country").set_value("United States").run()
    assert not at.exception
    assert at.multiselect(key="charts").value[-1] == views.CHART_LABELS["us-import-sources"]


def test_briefing_choice_comes_from_the_link():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["country"] = "Japan"
    at.query_params["charts"] = ["Reserves map", "World mine production"]
    at.switch_page("pages/briefing.py")
    at.run()
    assert not at.exception
    assert at.multiselect(key="charts").value == ["Reserves map", "World mine production"]
