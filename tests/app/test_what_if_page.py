"""The What if? page driven headless through AppTest: it draws the scenario, says why bad input cannot be drawn,
and a link's parameters restore the scenario, in presentation mode too."""

import json

import pytest
from conftest import open_app, texts

from lib import data
from lib.specs import scenario as sc

LINK = {"importer": "United States", "preset": "Custom", "cut": "70", "start": "2025-06", "length": "4", "ramp": "2",
        "cover": "1.5", "extra": "100", "lag": "1"}


@pytest.fixture(scope="module")
def d():
    return {name: data.load(name) for name in sc.NEEDS}


def chart_meta(at, n=0) -> dict:
    return json.loads(at.get("plotly_chart")[n].proto.spec)["layout"]["meta"]


def captions(at) -> str:
    """The captions' text without the escapes that keep the data's text from being read as markdown."""
    return texts(at.caption).replace("\\", "")


def numbers(at) -> dict:
    return {w.key: w.value for w in at.number_input if w.key}


def test_the_page_asks_its_question_for_the_importer_and_draws_the_scenario(d):
    at = open_app("what_if")
    assert not at.exception and not at.error
    assert at.title[0].value == "What if a supplier cuts exports to India?"
    assert chart_meta(at)["title"] == sc.scenario_chart(d).title
    assert "Assumptions, not data: China cuts its shipments to India" in captions(at)


def test_the_baseline_its_basis_and_its_sources_are_stated_above_the_chart():
    at = open_app("what_if")
    shown = captions(at) + texts(at.markdown)
    assert "FY2024-25 figures / 12 months" in shown
    assert "Sources in full: [The Indian Express" in shown


def test_the_preset_shows_the_datas_cut_start_and_length_greyed(d):
    at = open_app("what_if")
    values = sc.preset_values(d, "India")
    shown = [w for w in at.number_input if w.proto.disabled]
    assert [w.value for w in shown] == [values["cut"], values["length"]]
    assert [w.value for w in at.text_input if w.proto.disabled] == [values["start"]]


@pytest.mark.parametrize("params, control, words", [
    ({"preset": "Custom", "cut": "150"}, "Cut \\(%\\)", "a cut from 0 to 100"),
    ({"cover": "-1"}, "Cover \\(months\\)", "at least 0"),
    ({"preset": "Custom", "start": "2024-06"}, "Start", "after the baseline's reference period"),
    ({"preset": "Custom", "start": "June"}, "Start", "YYYY\\-MM"),
])
def test_bad_input_shows_what_is_expected_in_place_of_the_chart(params, control, words):
    at = open_app("what_if", **params)
    assert not at.exception
    assert not at.get("plotly_chart")
    message = texts(at.error)
    assert f"**{control}**" in message and words in message


def test_a_links_parameters_restore_the_scenario(d):
    at = open_app("what_if", **LINK)
    assert not at.exception and not at.error
    assert at.selectbox(key="importer").value == "United States"
    assert numbers(at) == {"cut": 70.0, "length": 4, "ramp": 2, "cover": 1.5, "extra": 100.0, "lag": 1}
    assert at.text_input(key="start").value == "2025-06"
    built = sc.scenario_chart(d, importer="United States", product=sc.baselines.EXPORTS_PRODUCT, preset="Custom",
                              cut=70.0, start="2025-06", length=4, ramp=2, cover=1.5, extra=100.0, lag=1)
    assert chart_meta(at)["title"] == built.title


def test_the_link_to_the_view_holds_the_scenario_and_nothing_at_its_default():
    assert open_app("what_if").sidebar.code[0].value.endswith("/what_if")
    link = open_app("what_if", **LINK).sidebar.code[0].value
    for key, value in LINK.items():
        assert f"{key}={value.replace(' ', '+')}" in link


def test_a_total_without_a_split_asks_for_shares_then_labels_them_as_the_users():
    at = open_app("what_if", product="Rare-earth magnets")
    assert not at.exception and not at.get("plotly_chart")
    assert "type the shares you assume" in texts(at.info)
    at.text_input(key="split").set_value("China 90, Japan 10").run()
    assert not at.exception and at.get("plotly_chart")
    assert "typed by the user, not data" in captions(at)


def test_shares_that_do_not_add_up_say_so():
    at = open_app("what_if", product="Rare-earth magnets", split="China 90, Japan 20")
    assert "**Shares by supplier**" in texts(at.error) and "adding up to 100" in texts(at.error)


def test_a_link_with_a_word_for_a_number_falls_back_with_a_notice():
    at = open_app("what_if", cover="lots")
    assert not at.exception
    assert "cover “lots”, which is not a number" in texts(at.info)
    assert numbers(at)["cover"] == 0.0


@pytest.mark.parametrize("view", ["Shortfall by cut and cover", "The 2025 restriction replayed"])
def test_the_other_tabs_draw_their_chart(d, view):
    at = open_app("what_if", view=view)
    assert not at.exception and not at.error
    expected = sc.grid_chart(d) if view.startswith("Shortfall") else sc.replay_chart(d)
    assert chart_meta(at)["title"] == expected.title


def test_presenting_draws_the_chart_and_its_assumptions_without_controls_and_keeps_them_in_the_address():
    at = open_app("what_if", present="true", **LINK)
    assert not at.exception and not at.error
    assert not at.number_input and not at.text_input and not at.selectbox
    assert at.get("plotly_chart")
    assert "Assumptions, not data: China cuts its shipments to United States by 70 %" in captions(at)
    assert {k: at.query_params[k] for k in ("cut", "start", "cover")} == {"cut": "70.0", "start": "2025-06",
                                                                          "cover": "1.5"}


def test_the_briefing_deck_offers_the_scenario_as_a_slide():
    label = sc.SCENARIO.label
    at = open_app("briefing", charts=[label, sc.REPLAY.label])
    assert not at.exception and not at.error
    assert at.multiselect(key="charts").value == [label, sc.REPLAY.label]
    assert label in texts(at.markdown)


def test_a_new_importer_brings_its_own_product_and_baseline_without_a_notice():
    at = open_app("what_if", product="Rare-earth metals")
    at.selectbox(key="importer").set_value("United States").run()
    assert not at.exception and not at.info
    assert at.selectbox(key="product").value == sc.baselines.EXPORTS_PRODUCT
    assert at.title[0].value == "What if a supplier cuts exports to the United States?"
    assert "product=" not in at.run().sidebar.code[0].value
