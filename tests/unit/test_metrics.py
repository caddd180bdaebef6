import math

import pandas as pd
import pytest

from lib.domain import editions, numbers, shares, usgs

# By publication date, as data/editions.csv orders them.
ORDER = ["DS140", "MCS2024", "MCS2025", "MYB2022", "MCS2026"]


def typed(rows, columns):
    """A frame with the nullable dtypes lib.data produces (Float64, Int64, string)."""
    df = pd.DataFrame(rows, columns=columns)
    for col in df:
        if col in {"year"}:
            df[col] = df[col].astype("Int64")
        elif col.endswith(("_t_reo", "_kt", "_pct")) or col in {"value"}:
            df[col] = pd.to_numeric(df[col]).astype("Float64")
        else:
            df[col] = df[col].astype("string")
    return df


PROD_COLS = ["country", "entity_type", "year", "edition", "mine_production_t_reo",
             "value_status", "value_as_published", "note"]


def production(*rows):
    return typed(list(rows), PROD_COLS)


RES_COLS = ["edition", "country", "entity_type", "reserves_t_reo", "value_status",
            "value_as_published", "note", "correction"]


def reserves(*rows):
    return typed(list(rows), RES_COLS)


STAGE_COLS = ["stage", "edition", "year", "case", "scenario", "country", "entity_type", "supply_kt", "share_pct"]


def stages(*rows):
    return typed(list(rows), STAGE_COLS)


# --- production -----------------------------------------------------------------------------

def test_latest_edition_wins_for_a_revised_year():
    df = production(
        ("China", "country", 2023, "MCS2024", 240000, "value", "240,000", None),
        ("China", "country", 2023, "MCS2025", 255000, "value", "255,000", None),
    )
    latest = usgs.latest_production(df, ORDER)
    assert len(latest) == 1
    assert latest.loc[0, "edition"] == "MCS2025"
    assert latest.loc[0, "mine_production_t_reo"] == 255000


def test_myb2022_supersedes_mcs2024_because_it_was_published_later():
    df = production(
        ("Myanmar", "country", 2022, "MYB2022", 38000, "value", "38,000", None),
        ("Myanmar", "country", 2022, "MCS2024", 12000, "value", "12,000", None),
    )
    assert usgs.latest_production(df, ORDER).loc[0, "edition"] == "MYB2022"


def test_latest_production_keeps_years_only_an_earlier_edition_has_and_all_columns():
    df = production(
        ("World", "world", 1950, "DS140", 1000, "value", "1,000", "from DS140"),
        ("World", "world", 2023, "MCS2024", 350000, "rounded", "350,000", None),
        ("World", "world", 2023, "MCS2025", 376000, "rounded", "376,000", None),
    )
    latest = usgs.latest_production(df, ORDER)
    assert list(latest["year"]) == [1950, 2023]
    assert list(latest.columns) == PROD_COLS
    assert latest.loc[0, "note"] == "from DS140"


def test_a_later_edition_giving_na_still_wins():
    df = production(
        ("India", "country", 2024, "MCS2025", 2900, "value", "2,900", None),
        ("India", "country", 2024, "MCS2026", None, "not_available", "NA", None),
    )
    latest = usgs.latest_production(df, ORDER)
    assert latest.loc[0, "value_status"] == "not_available"
    assert pd.isna(latest.loc[0, "mine_production_t_reo"])


def test_unknown_edition_is_refused():
    df = production(("China", "country", 2023, "MCS2099", 1, "value", "1", None))
    with pytest.raises(ValueError, match="MCS2099"):
        usgs.latest_production(df, ORDER)


def test_production_revision_lists_earlier_and_later_values():
    df = production(
        ("China", "country", 2023, "MCS2024", 240000, "value", "240,000", None),
        ("China", "country", 2023, "MCS2025", 255000, "value", "255,000", "revised"),
    )
    rev = usgs.production_revisions(df, ORDER)
    assert len(rev) == 1
    row = rev.iloc[0]
    assert (row["earlier_edition"], row["later_edition"]) == ("MCS2024", "MCS2025")
    assert (row["earlier_value"], row["later_value"], row["change"]) == (240000, 255000, 15000)
    assert row["change_pct"] == pytest.approx(6.25)
    assert row["later_note"] == "revised"


def test_unchanged_production_is_not_a_revision():
    df = production(
        ("China", "country", 2023, "MCS2024", 240000, "value", "240,000", None),
        ("China", "country", 2023, "MCS2025", 240000, "value", "240,000", None),
        ("China", "country", 2024, "MCS2025", 270000, "value", "270,000", None),
    )
    assert usgs.production_revisions(df, ORDER).empty


def test_production_revision_from_a_number_to_not_available_is_listed():
    df = production(
        ("India", "country", 2024, "MCS2025", 2900, "value", "2,900", None),
        ("India", "country", 2024, "MCS2026", None, "not_available", "NA", None),
    )
    rev = usgs.production_revisions(df, ORDER)
    assert len(rev) == 1
    assert rev.loc[0, "later_as_published"] == "NA"
    assert pd.isna(rev.loc[0, "change"])


# --- shares ---------------------------------------------------------------------------------

def test_share_of_world_divides_by_the_groups_world_row():
    df = reserves(
        ("MCS2025", "China", "country", 44e6, "value", "44,000,000", None, None),
        ("MCS2025", "World", "world", 88e6, "rounded", "88,000,000", None, None),
        ("MCS2026", "China", "country", 44e6, "value", "44,000,000", None, None),
        ("MCS2026", "World", "world", 110e6, "rounded", "110,000,000", None, None),
    )
    out = shares.share_of_world(df, "reserves_t_reo", ["edition"])
    assert list(out["share_pct"]) == pytest.approx([50, 100, 40, 100])


def test_share_is_missing_when_world_total_is_a_lower_bound():
    df = reserves(
        ("MCS2025", "China", "country", 44e6, "value", "44,000,000", None, None),
        ("MCS2025", "World", "world", None, "lower_bound", ">90,000,000", None, None),
    )
    out = shares.share_of_world(df, "reserves_t_reo", ["edition"])
    assert out["share_pct"].isna().all()


def test_share_is_missing_when_the_group_has_no_world_row():
    df = reserves(("MCS2025", "China", "country", 44e6, "value", "44,000,000", None, None))
    assert shares.share_of_world(df, "reserves_t_reo", ["edition"])["share_pct"].isna().all()


def test_share_of_world_refuses_two_world_rows_in_a_group():
    df = reserves(
        ("MCS2025", "World", "world", 1, "value", "1", None, None),
        ("MCS2025", "World total", "world", 2, "value", "2", None, None),
    )
    with pytest.raises(ValueError):
        shares.share_of_world(df, "reserves_t_reo", ["edition"])


def test_share_of_listed_divides_by_countries_and_residual_not_world():
    df = reserves(
        ("MCS2025", "China", "country", 30, "value", "30", None, None),
        ("MCS2025", "Other countries", "other", 10, "value", "10", None, None),
        ("MCS2025", "World", "world", 100, "rounded", "100", None, None),
    )
    out = shares.share_of_listed(df, "reserves_t_reo", ["edition"])
    assert out.loc[0, "share_pct"] == pytest.approx(75)
    assert out.loc[1, "share_pct"] == pytest.approx(25)
    assert pd.isna(out.loc[2, "share_pct"])


def test_share_of_listed_is_missing_when_a_listed_value_is_missing():
    df = reserves(
        ("MCS2026", "China", "country", 30, "value", "30", None, None),
        ("MCS2026", "India", "country", None, "not_available", "NA", None, None),
    )
    assert shares.share_of_listed(df, "reserves_t_reo", ["edition"])["share_pct"].isna().all()


def test_share_of_listed_with_skipna_divides_by_reported_values():
    df = reserves(
        ("MCS2026", "China", "country", 30, "value", "30", None, None),
        ("MCS2026", "Brazil", "country", 10, "value", "10", None, None),
        ("MCS2026", "India", "country", None, "not_available", "NA", None, None),
    )
    out = shares.share_of_listed(df, "reserves_t_reo", ["edition"], skipna=True)
    assert out.loc[0, "share_pct"] == pytest.approx(75)
    assert pd.isna(out.loc[2, "share_pct"])


# --- concentration ---------------------------------------------------------------------------

def test_hhi_of_a_monopoly_is_10000():
    df = stages(
        ("refining", "IEA", 2023, "actual", None, "China", "country", 50, None),
        ("refining", "IEA", 2023, "actual", None, "World", "world", 50, None),
    )
    row = shares.concentration(df).iloc[0]
    assert row["hhi"] == pytest.approx(10000)
    assert row["top_share_pct"] == pytest.approx(100)


def test_hhi_and_top3_on_a_known_table():
    df = stages(
        ("mining", "IEA", 2023, "actual", None, "China", "country", 60, None),
        ("mining", "IEA", 2023, "actual", None, "Myanmar", "country", 15, None),
        ("mining", "IEA", 2023, "actual", None, "Australia", "country", 10, None),
        ("mining", "IEA", 2023, "actual", None, "United States", "country", 5, None),
        ("mining", "IEA", 2023, "actual", None, "World", "world", 100, None),
    )
    row = shares.concentration(df).iloc[0]
    assert row["top_country"] == "China"
    assert row["top_share_pct"] == pytest.approx(60)
    assert row["top3_share_pct"] == pytest.approx(85)
    assert row["hhi"] == pytest.approx(3600 + 225 + 100 + 25)
    assert row["n_countries"] == 4


def test_rest_of_world_is_not_counted_as_a_country_in_hhi():
    df = stages(
        ("mining", "IEA", 2023, "actual", None, "China", "country", 60, None),
        ("mining", "IEA", 2023, "actual", None, "Rest of world", "other", 40, None),
        ("mining", "IEA", 2023, "actual", None, "World", "world", 100, None),
    )
    row = shares.concentration(df).iloc[0]
    assert row["hhi"] == pytest.approx(3600)
    assert row["top3_share_pct"] == pytest.approx(60)
    assert row["n_countries"] == 1
    assert row["residual_excluded"]
    assert "lower bound" in row["note"]


def test_stated_share_gives_the_top_share_but_no_top3_or_hhi():
    df = stages(("magnet_manufacturing", "IEA", 2023, "actual", None, "China", "country", None, 94))
    row = shares.concentration(df).iloc[0]
    assert (row["top_country"], row["top_share_pct"]) == ("China", 94)
    assert pd.isna(row["top3_share_pct"]) and pd.isna(row["hhi"])
    assert row["basis"] == "stated_share"


def test_concentration_is_missing_without_a_world_total():
    df = stages(
        ("mining", "IEA", 2023, "actual", None, "China", "country", 60, None),
        ("mining", "IEA", 2023, "actual", None, "World", "world", None, None),
    )
    row = shares.concentration(df).iloc[0]
    assert row["top_country"] is None and pd.isna(row["hhi"])


def test_concentration_keeps_actual_and_projection_apart_and_carries_the_scenario():
    df = stages(
        ("mining", "IEA", 2023, "actual", None, "China", "country", 60, None),
        ("mining", "IEA", 2023, "actual", None, "World", "world", 100, None),
        ("mining", "IEA", 2030, "projection", "base case", "China", "country", 50, None),
        ("mining", "IEA", 2030, "projection", "base case", "World", "world", 100, None),
    )
    conc = shares.concentration(df).set_index("case")
    assert conc.loc["actual", "top_share_pct"] == pytest.approx(60)
    assert conc.loc["projection", "top_share_pct"] == pytest.approx(50)
    assert conc.loc["projection", "scenario"] == "base case"


# --- reserves --------------------------------------------------------------------------------

def test_reserves_revision_from_a_number_to_not_available_is_listed():
    df = reserves(
        ("MCS2025", "India", "country", 6.9e6, "value", "6,900,000", None, None),
        ("MCS2026", "India", "country", None, "not_available", "NA", "footnote", None),
    )
    rev = usgs.reserves_revisions(df, ORDER)
    assert len(rev) == 1
    row = rev.iloc[0]
    assert (row["from_edition"], row["to_edition"]) == ("MCS2025", "MCS2026")
    assert (row["from_as_published"], row["to_as_published"]) == ("6,900,000", "NA")
    assert row["to_status"] == "not_available"
    assert row["to_note"] == "footnote"
    assert pd.isna(row["change_t"])


def test_reserves_revision_reports_change_and_the_correction_given():
    df = reserves(
        ("MCS2024", "Brazil", "country", 21e6, "value", "21,000,000", None, None),
        ("MCS2025", "Brazil", "country", 21e6, "value", "21,000,000", None, None),
        ("MCS2026", "Brazil", "country", 23e6, "value", "23,000,000", None, "v1.1: revised; new data"),
    )
    rev = usgs.reserves_revisions(df, ORDER)
    assert len(rev) == 1
    row = rev.iloc[0]
    assert row["change_t"] == 2e6
    assert row["change_pct"] == pytest.approx(200 / 21)
    assert row["to_correction"] == "v1.1: revised; new data"


def test_reserves_steps_follow_edition_order_not_row_order():
    df = reserves(
        ("MCS2026", "China", "country", 44e6, "value", "44,000,000", None, None),
        ("MCS2024", "China", "country", 44e6, "value", "44,000,000", None, None),
        ("MCS2025", "China", "country", 40e6, "value", "40,000,000", None, None),
    )
    rev = usgs.reserves_revisions(df, ORDER)
    steps = list(zip(rev["from_edition"], rev["to_edition"], strict=True))
    assert steps == [("MCS2024", "MCS2025"), ("MCS2025", "MCS2026")]


def test_a_country_dropped_from_the_table_is_listed_as_not_listed():
    df = reserves(
        ("MCS2025", "Greenland", "country", 1.5e6, "value", "1,500,000", None, None),
        ("MCS2025", "China", "country", 44e6, "value", "44,000,000", None, None),
        ("MCS2026", "China", "country", 44e6, "value", "44,000,000", None, None),
    )
    rev = usgs.reserves_revisions(df, ORDER)
    assert list(rev["country"]) == ["Greenland"]
    assert rev.loc[0, "to_status"] == "not_listed"


def test_rank_puts_not_available_last_without_a_rank_and_leaves_out_aggregates():
    df = reserves(
        ("MCS2026", "India", "country", None, "not_available", "NA", None, None),
        ("MCS2026", "Brazil", "country", 21e6, "value", "21,000,000", None, None),
        ("MCS2026", "China", "country", 44e6, "value", "44,000,000", None, None),
        ("MCS2026", "World", "world", 90e6, "rounded", "90,000,000", None, None),
        ("MCS2026", "Other countries", "other", 5e6, "value", "5,000,000", None, None),
        ("MCS2025", "Vietnam", "country", 99e6, "value", "99,000,000", None, None),
    )
    ranked = usgs.rank_in_edition(df, "MCS2026")
    assert list(ranked["country"]) == ["China", "Brazil", "India"]
    assert list(ranked["rank"][:2]) == [1, 2]
    assert pd.isna(ranked["rank"].iloc[2])


def test_pct_change_is_missing_from_a_zero_or_missing_base():
    assert math.isnan(numbers.pct_change(0, 5))
    assert math.isnan(numbers.pct_change(None, 5))
    assert numbers.pct_change(4, 5) == pytest.approx(25)


def test_latest_production_copes_with_repeated_index_labels_from_a_concat():
    a = production(("China", "country", 2023, "MCS2024", 240000, "value", "240,000", None))
    b = production(("China", "country", 2023, "MCS2025", 255000, "value", "255,000", None))
    latest = usgs.latest_production(pd.concat([a, b]), ORDER)
    assert list(latest["edition"]) == ["MCS2025"]


def test_editions_are_ordered_by_their_publication_date():
    table = pd.DataFrame({"edition": ["MCS2026", "DS140", "MYB2022", "MCS2025"],
                          "published": ["2026-02-06", "2023-09-27", "2025-03-19", "2025-01"]})
    assert editions.order(table) == ["DS140", "MCS2025", "MYB2022", "MCS2026"]


def test_the_edition_order_can_be_narrowed_to_the_editions_a_table_holds():
    table = pd.DataFrame({"edition": ["MCS2024", "MCS2025", "MCS2026"], "published": ["2024-03", "2025-01", "2026-02-06"]})
    assert editions.newest_first(table, ["MCS2024", "MCS2026"]) == ["MCS2026", "MCS2024"]
