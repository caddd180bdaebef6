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


# --- A reporter's dependence, on tiny inline tables -------------------------------------------------------------

def rec(partner, value, mass=None, *, reporter="Aland", flow="import", year=2024, kind="country", code="2846",
        scope="all", queried=None, period_type="year", unit="kilograms", iso3=None):
    period = str(year) if period_type == "year" else f"{year}-01..04"
    end = f"{year}-12-31" if period_type == "year" else f"{year}-04-30"
    return dict(reporter=reporter, reporter_iso3=reporter[:3].upper(), flow=flow, partner=partner,
                partner_iso3=iso3 or (partner[:3].upper() if kind == "country" else None), partner_kind=kind,
                commodity_code=code, period_type=period_type, period=period, period_start=f"{year}-01-01",
                period_end=end, mass_t=mass, value_usd=value, value_basis="CIF" if flow == "import" else "FOB",
                quantity_unit=unit, partner_scope=scope, partners_queried=queried, publisher="Test customs",
                source_id="test-source")


def table(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def test_the_share_of_one_supplier_is_its_figure_over_the_world_row():
    records = table(rec("World", 100, kind="world"), rec("China", 30), rec("Bhutan", 70))
    share = ot.china_share(records, "Aland", "compounds", "US$")
    assert share["share_pct"].tolist() == [30.0]


def test_a_single_supplier_has_an_hhi_of_10000_and_a_top_3_share_of_100():
    records = table(rec("World", 50, kind="world"), rec("China", 50))
    conc = ot.concentration(records, "Aland", "compounds", "US$").iloc[0]
    assert conc["hhi"] == 10_000 and conc["top3_share_pct"] == 100


def test_world_is_never_counted_as_a_partner_or_in_others():
    records = table(rec("World", 1000, kind="world"), rec("Areas, nes", 5, kind="nes"),
                    *[rec(name, v) for name, v in [("China", 400), ("Bhutan", 300), ("Chad", 100), ("Cuba", 80),
                                                    ("Fiji", 60), ("Guam", 30), ("Iran", 25)]])
    bars = ot.by_partner(records, "Aland", "compounds", "US$")
    assert "World" not in set(bars["partner"]) and "Areas, nes" not in set(bars["partner"])
    assert bars.set_index("partner").loc[ot.OTHERS, "value"] == 55  # Guam and Iran, countries only
    assert bars["value"].sum() == 995


def test_a_selected_query_takes_shares_of_the_partners_queried_and_says_so():
    records = table(rec("China", 60, scope="selected", queried=18), rec("Bhutan", 40, scope="selected", queried=18))
    share = ot.china_share(records, "Aland", "compounds", "US$").iloc[0]
    assert share["share_pct"] == 60 and share["total"] == 100
    assert share["denominator"] == "share of the 18 partners queried, not of all trade"


def test_a_selected_query_missing_one_partners_tonnage_has_no_share():
    records = table(rec("China", 60, 6, scope="selected", queried=2), rec("Bhutan", 40, None, scope="selected", queried=2))
    assert ot.china_share(records, "Aland", "compounds", "t")["share_pct"].isna().all()


def test_cumulative_months_are_never_drawn_beside_whole_years():
    records = table(rec("World", 100, kind="world"), rec("China", 100),
                    rec("World", 40, kind="world", period_type="cumulative"), rec("China", 40, period_type="cumulative"))
    assert ot.by_partner(records, "Aland", "compounds", "US$")["value"].tolist() == [100]


def test_a_partners_figure_split_by_unit_adds_its_values_but_has_no_tonnage_where_a_part_is_counted_in_pieces():
    records = table(rec("China", 70, 2.0, code="8505", scope="selected", queried=1),
                    rec("China", 30, None, code="8505", scope="selected", queried=1, unit="number"))
    assert ot.by_partner(records, "Aland", "magnets", "US$")["value"].tolist() == [100]
    assert ot.by_partner(records, "Aland", "magnets", "t")["value"].isna().all()


def test_a_line_published_at_two_widths_is_read_in_one_code_only():
    records = table(rec("World", 10, kind="world", code="850511"), rec("China", 10, code="850511"),
                    rec("World", 99, kind="world", code="8505"), rec("China", 99, code="8505"))
    assert ot.by_partner(records, "Aland", "magnets", "US$")["value"].tolist() == [10]


def test_the_two_sides_of_a_flow_stand_side_by_side_with_their_gap_unreconciled():
    records = table(rec("World", 10, kind="world"), rec("Bhutan", 10),
                    rec("Aland", 25, reporter="Bhutan", flow="export", scope="selected", queried=1, iso3="ALA"))
    pairs = ot.mirror(records, "Aland", "compounds", "US$")
    assert sorted(pairs["value"]) == [10, 25] and set(pairs["gap"]) == {-15}
    assert set(pairs["side"]) == {"Aland reports imports from Bhutan", "Bhutan reports exports to Aland"}


def test_a_flow_reported_on_one_side_only_has_no_mirror():
    records = table(rec("World", 10, kind="world"), rec("Bhutan", 10))
    assert ot.mirror(records, "Aland", "compounds", "US$").empty


# --- On the bundled records --------------------------------------------------------------------------------------

def test_china_imported_77025_t_of_hs_2846_in_2024_44366_t_of_it_from_myanmar():
    s = ot.suppliers(loaded("trade_records"), "China", "compounds", "t")
    year = s[s["year"] == 2024].set_index("partner")["value"]
    assert round(year["World"]) == 77_025 and round(year["Myanmar"]) == 44_366


def test_the_us_share_of_china_is_a_share_of_the_18_partners_queried_by_value():
    share = ot.china_share(loaded("trade_records"), "United States", "magnets", "US$")
    last = share.sort_values("year").iloc[-1]
    assert last["year"] == 2025 and 0 < last["share_pct"] < 100
    assert last["denominator"] == "share of the 18 partners queried, not of all trade"
