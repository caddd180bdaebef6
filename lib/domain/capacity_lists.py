"""Lists drawn from the capacity table for reading, not adding: facilities with no usable figure (the closing note),
India's figures marked for charting, and China's reported output (production, not capacity)."""

from __future__ import annotations

import pandas as pd

from lib.domain.capacity import CHARTABLE, mark_for_chart


def facilities_without_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """Facilities (scope facility) for which no confirmed or secondary source gives a number, with what was found."""
    facilities = frame[frame["scope"].eq("facility")]
    has_number = facilities["value_status"].eq("value") & facilities["status"].isin(CHARTABLE)
    with_figure = set(facilities.loc[has_number, "facility_id"])
    rows = facilities[~facilities["facility_id"].isin(with_figure)].sort_values("stated_on", ascending=False, kind="stable")
    cols = ["facility_id", "facility", "company", "country", "iso3", "stage", "facility_status", "value_as_published",
            "stated_on", "status", "source_id"]
    return rows.drop_duplicates("facility_id")[cols].sort_values(["country", "facility"], kind="stable").reset_index(drop=True)


MEASURE_ORDER = {"output_capacity": 0, "feedstock_capacity": 1, "supported_output": 2, "reported_output": 3, "output_target": 4}


def india_line(frame: pd.DataFrame) -> pd.DataFrame:
    """India's figures, each marked for charting: what exists (capacity), what is produced (output) and what is aimed
    at (targets, such as the magnet scheme's 6,000 t a year), never one mistaken for another."""
    rows = mark_for_chart(frame[frame["iso3"].eq("IND")])
    rows = rows.assign(_m=rows["measure"].map(MEASURE_ORDER)).sort_values(["_m", "facility", "stated_on"], kind="stable")
    cols = ["facility", "stage", "measure", "value", "approximate", "bound", "unit", "value_as_published", "facility_status",
            "applies_to", "stated_on", "status", "shown_as", "source_id"]
    return rows[cols].reset_index(drop=True)


def china_reported_output(frame: pd.DataFrame) -> pd.DataFrame:
    """China's reported output figures (production in a year, not capacity), chartable ones only, by unit and year."""
    rows = frame[
        frame["iso3"].eq("CHN") & frame["measure"].eq("reported_output") & frame["value_status"].eq("value")
        & frame["status"].isin(CHARTABLE)
    ]
    cols = ["facility", "scope", "stage", "unit", "applies_year", "value", "approximate", "value_as_published", "status",
            "source_id"]
    return rows[cols].sort_values(["unit", "applies_year"], kind="stable").reset_index(drop=True)
