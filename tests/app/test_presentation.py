"""Presentation mode and the briefing page, driven headless through AppTest."""

from conftest import open_app

from lib.app import presentation
from lib.specs.registry import SPECS

SLIDE_STYLE = "st-key-slide_"


def styles(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_present_true_turns_presentation_mode_on():
    at = open_app(present="true", country="China")
    assert not at.exception
    assert at.toggle(key=presentation.PRESENT).value is True
    assert [t.key for t in at.main.toggle] == [presentation.PRESENT]  # floating on the page, so it can be switched off
    assert "China" in at.title[0].value


def test_presenting_draws_no_controls_no_downloads_and_no_sidebar():
    at = open_app("reserves", present="true", edition="MCS2024")
    assert not at.get("download_button") and not at.expander and not at.get("button_group")
    assert not at.sidebar.children or not list(at.sidebar)
    assert "MCS2024" in at.get("plotly_chart")[0].proto.id


def test_presenting_keeps_the_view_in_the_address():
    at = open_app("reserves", present="true", edition="MCS2024")
    assert at.query_params["edition"] == "MCS2024"


def test_presentation_style_reaches_only_the_apps_own_keyed_containers():
    css = presentation.CSS
    assert SLIDE_STYLE in css
    assert "data-testid" not in css


def test_without_the_flag_the_page_has_controls_and_downloads():
    at = open_app(view="Concentration by stage")
    assert at.toggle(key=presentation.PRESENT).value is False
    assert SLIDE_STYLE not in styles(at)
    assert any(k.startswith("csv_concentration") for k in {b.key for b in at.get("download_button")})
    assert "present" not in at.sidebar.code[0].value


def test_switching_presentation_on_hides_the_navigation_and_the_link_box():
    at = open_app(country="China")
    at.toggle(key=presentation.PRESENT).set_value(True).run()
    assert not at.exception
    assert not at.sidebar.code
    assert "China" in at.title[0].value


def test_briefing_page_renders_and_picks_the_key_set_for_the_country():
    at = open_app("briefing")
    assert not at.exception and not at.error
    labels = [SPECS[k].label for k in ("concentration", "magnet-exports", "reserves", "mining", "imports-by-scope",
                                         "india-capacity")]
    assert at.multiselect(key="charts").value == labels
    assert "deck" in {b.key for b in at.get("download_button")}
    at.selectbox(key="country").set_value("United States").run()
    assert not at.exception
    picked = at.multiselect(key="charts").value
    assert SPECS["us-import-sources"].label in picked and SPECS["dependence-china-share"].label in picked


def test_briefing_choice_comes_from_the_link():
    at = open_app("briefing", country="Japan", charts=["Reserves map", "World mine production"])
    assert not at.exception
    assert at.multiselect(key="charts").value == ["Reserves map", "World mine production"]
