"""The capacity page driven headless through AppTest: each tab draws its chart, the link restores the choice, and
the page says what the data cannot answer."""

import pytest
from conftest import open_app, texts

CHART_TABS = ["Capacity by country", "Start dates", "China's quotas", "India"]


@pytest.mark.parametrize("view", CHART_TABS)
def test_each_tab_draws_one_chart(view):
    at = open_app("capacity", view=view)
    assert not at.exception and not at.error
    assert len(at.get("plotly_chart")) == 1


def test_the_link_restores_the_stage_and_unit():
    at = open_app("capacity", stage="Separation", unit="t REO/yr")
    assert not at.exception
    assert at.selectbox(key="unit").value == "t REO/yr"
    assert "Separation outside China" in texts(at.caption) + str(at.get("plotly_chart")[0].proto.spec)


def test_every_figure_has_a_tab_that_cites_its_sources_before_the_table_is_opened():
    at = open_app("capacity", view="Every figure")
    assert not at.exception and not at.get("plotly_chart")
    assert "Sources in full:" in texts(at.markdown)


def test_the_first_view_holds_the_charts_not_the_table_of_every_figure():
    # Drawn below the first chart, the table's citation of its 69 sources held up the heading's first paint.
    at = open_app("capacity")
    assert not [e.label for e in at.expander if e.label.startswith("Table of the") and "figures" in e.label]


def test_the_page_says_what_the_data_cannot_answer():
    at = open_app("capacity")
    assert "China's total separation capacity" in texts(at.markdown)


def test_the_country_profile_lists_the_country_plants():
    at = open_app("country", country="Estonia")
    assert not at.exception
    assert "Refining and magnet plants: capacity as stated" in [h.value for h in at.header]


def test_a_country_without_plants_says_so_among_its_gaps():
    at = open_app("country", country="Japan")
    assert "No refining or magnet plant with a stated capacity was found in it." in texts(at.info).replace("\\", "")
