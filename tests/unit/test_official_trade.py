"""The vocabulary of official trade records: product lines, code scopes and share denominators."""

import pandas as pd
from conftest import loaded

from lib.domain import official_trade as ot


def test_a_four_digit_code_belongs_to_its_line_and_says_it_is_wider():
    assert ot.line_of("8505").key == "magnets"
    assert "electromagnets" in ot.scope_of("8505")


def test_an_unknown_code_has_no_line():
    assert ot.line_of("7202") is None


def test_world_and_areas_nes_are_not_countries():
    rows = pd.DataFrame({"partner_kind": ["world", "country", "nes", "group"]})
    assert list(ot.countries(rows).index) == [1]


def test_a_selected_query_names_its_partner_count_as_the_denominator():
    rows = pd.DataFrame({"partner_scope": ["selected"], "partners_queried": [18]})
    assert ot.denominator(rows) == "share of the 18 partners queried, not of all trade"


def test_the_bundled_dataweb_records_are_a_share_of_18_partners():
    records = loaded("trade_records")
    us = records[records["reporter_iso3"] == "USA"]
    assert "18 partners queried" in ot.denominator(us)
