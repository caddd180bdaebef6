"""Trade flows: the official statistics tab, its measure in the link, and each code's scope and relation to the
press's figures in view under the chart, HS 8505.11's whichever codes are drawn."""

import json

from conftest import open_app, texts

from lib.domain import official_trade as ot

VIEW = "Official statistics"


def chart_title(at) -> str:
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    return next(a["text"] for a in spec["layout"]["annotations"] if a.get("name") == "title").replace("<br>", " ")


def test_the_official_tab_draws_us_imports_from_china_by_value():
    at = open_app("trade", view=VIEW)
    assert not at.exception and not at.error
    assert chart_title(at).startswith("The United States' recorded imports from China in 2025")


def test_each_codes_scope_and_relation_to_the_press_are_in_view():
    shown = texts(open_app("trade", view=VIEW).markdown).replace("\\", "")
    for code in ("8505", "2846", "2805"):
        assert f"Code {code}" in shown
    assert ot.CODE_SCOPE["8505"] in shown and "counted in pieces" in shown


def test_the_measure_is_in_the_link():
    at = open_app("trade", view=VIEW, official_measure="t")
    assert "no complete figure in tonnes" in chart_title(at)
    assert "official_measure=t" in at.sidebar.code[0].value


def test_hs_850511_and_indias_ferrite_code_are_in_view_though_no_figure_of_850511_is_drawn():
    at = open_app("trade", view=VIEW)
    shown = texts(at.markdown).replace("\\", "")
    assert "850511" not in chart_title(at)
    assert "Code 850511" in shown
    assert ot.CODE_SCOPE["850511"] in shown and ot.PRESS_RELATION["850511"] in shown
    assert "India's ITC-HS 8505.11.10 is ferrite cores" in shown
