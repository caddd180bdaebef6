"""The Country profile as a dependence profile: charts where the country's official records allow, its controls in
the link, a plain gap where it has none, and a viewer's upload drawn by the same charts and marked as theirs."""

import json

import pandas as pd
import pytest
from conftest import open_app, texts

from lib.app import uploads


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def chart_title(spec: dict) -> str:
    return next(a["text"] for a in spec["layout"]["annotations"] if a.get("name") == "title").replace("<br>", " ")


def source_line(spec: dict) -> str:
    return next(a["text"] for a in spec["layout"]["annotations"] if a.get("name") == "source").replace("<br>", " ")


@pytest.mark.parametrize("name", ["India", "United States", "China", "Japan", "Greenland"])
def test_every_profile_runs_without_an_exception_or_error(name):
    at = open_app("country", country=name)
    assert not at.exception and not at.error
    assert "Dependence on suppliers, from official trade records" in [h.value for h in at.header]


def test_the_us_profile_opens_on_its_imports_by_partner_as_a_share_of_the_18_partners_queried():
    (spec,) = charts(open_app("country", country="United States"))
    title = chart_title(spec)
    assert title.startswith("The United States imported") and "China the largest supplier" in title
    assert "share of the 18 partners queried, not of all trade" in title


def test_the_us_profile_shows_chinas_share_of_the_18_partners_imports_by_value():
    at = open_app("country", country="United States", view="China's share")
    (spec,) = charts(at)
    assert "by value" in chart_title(spec) and "18 partners queried" in chart_title(spec)
    assert at.button_group(key="measure").value == "US$"
    assert "USITC DataWeb" in source_line(spec)


def test_the_china_profile_shows_both_sides_of_its_trade_with_the_united_states():
    (spec,) = charts(open_app("country", country="China", view="Both sides of a flow"))
    title = chart_title(spec)
    assert "United States reports 58,637 t exported to China" in title and "China reports 253 t imported" in title


def test_the_china_profile_has_no_chart_of_chinas_share_of_its_own_imports():
    at = open_app("country", country="China")
    assert "China's share" not in [t.label for t in at.tabs]


@pytest.mark.parametrize("name", ["India", "Japan", "Greenland"])
def test_a_country_without_records_of_its_own_says_so_and_draws_no_chart(name):
    at = open_app("country", country=name)
    assert not at.get("plotly_chart")
    assert f"No official trade record in the data has {name} as reporter" in texts(at.info)


def test_japan_is_said_to_appear_as_a_partner_in_others_records():
    assert "in the records of China, United States" in texts(open_app("country", country="Japan").info)


def test_the_product_line_and_measure_come_from_the_link_and_go_back_into_it():
    at = open_app("country", country="United States", product="Rare-earth compounds", measure="US$")
    assert at.button_group(key="product").value == "Rare-earth compounds"
    assert at.button_group(key="measure").value == "US$"
    assert "compounds from the 18 partners" in chart_title(charts(at)[0]) and "by value" in chart_title(charts(at)[0])
    assert at.sidebar.code[0].value.endswith("country=United+States&product=Rare-earth+compounds&measure=US%24")


def test_a_measure_at_the_product_lines_default_is_left_out_of_the_link():
    at = open_app("country", country="United States", product="Rare-earth compounds")
    assert at.button_group(key="measure").value == "t"
    assert "weight" in chart_title(charts(at)[0])
    assert "measure" not in at.sidebar.code[0].value


def test_magnets_in_tonnes_say_the_records_hold_no_tonnage_rather_than_draw_one():
    (spec,) = charts(open_app("country", country="United States", product="Magnets", measure="t"))
    assert "no tonnes in the records" in chart_title(spec)


# --- A viewer's upload --------------------------------------------------------------------------------------------

def _row(partner, value, mass, kind="country", iso3=None):
    return dict(reporter="India", reporter_iso3="IND", flow="import", partner=partner, partner_iso3=iso3,
                partner_kind=kind, classification="HS2022", commodity_code="850511", period_type="year", period="2024",
                period_start="2024-01-01", period_end="2024-12-31", mass_t=mass, value_usd=value, value_basis="CIF",
                quantity_unit="kilograms", partner_scope="all", partners_queried=None, publisher="UN Comtrade",
                query_id="test", retrieved="2026-12-01", source_id="viewer-upload")


# A tiny table in the columns of trade_records, made up for this test only.
UPLOADED = pd.DataFrame([_row("World", 1000, 100, kind="world"), _row("China", 900, 90, iso3="CHN"),
                         _row("Japan", 100, 10, iso3="JPN")])


def _with_upload(name="india-magnets.csv", **params):
    from conftest import FRAME, page_path
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(FRAME, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.session_state[uploads._KEY] = uploads.Upload(name, UPLOADED)
    at.switch_page(page_path("country"))
    return at.run()


def test_an_upload_for_the_country_shown_is_drawn_and_marked_as_the_viewers_own():
    at = _with_upload(country="India")
    assert not at.exception and not at.error
    (spec,) = charts(at)
    assert chart_title(spec).startswith("India imported US$1,000 of magnets in 2024, China the largest supplier at 90% by value")
    assert uploads.LABEL in chart_title(spec)
    assert source_line(spec).startswith(f"Source: {uploads.LABEL}: india-magnets.csv")


def test_the_full_sources_under_an_uploaded_chart_name_the_upload_not_no_source():
    at = _with_upload(country="India")
    notes = texts(at.markdown).replace("\\", "")
    assert f"Sources in full: {uploads.LABEL}: india-magnets.csv, held in this browser session only" in notes
    assert "No source: nothing to show." not in notes


def test_an_upload_of_another_reporter_is_named_but_not_drawn():
    at = _with_upload(country="Japan")
    assert not at.get("plotly_chart")
    assert "Your upload (india-magnets.csv) holds records of India, not of Japan" in texts(at.info).replace("\\", "")


def test_a_second_viewer_never_sees_the_first_viewers_upload():
    _with_upload(country="India")
    at = open_app("country", country="India")
    assert not at.get("plotly_chart")
