"""When capacity is announced to start: every stated start date, and how far it has slipped from the first announced."""

from __future__ import annotations

import pandas as pd

from lib.domain.capacity import CHARTABLE


def start_timeline(frame: pd.DataFrame, *, include_unverified: bool = False) -> pd.DataFrame:
    """Every announced start date, one row per facility, phase and statement date, oldest first, with the first and
    latest announced start year of that facility and phase and the slip between them (years; positive = later than
    first announced). Phases are kept apart, so a plant's second phase is not read as a delay of its first; a row's
    start_phase, where the data gives one, says which phase its start is for (a plant announced whole, then by phase).

    An original plan a source reports (original_start) is a statement of its own (kind 'original, as reported
    later'). First: the earliest of the first statement's year and any reported original. Latest: the year the most
    recent statement gives (its announced date over an original it reports), so 'initially slated for 2024', said
    after a first '2023', is a slip."""
    rows = frame if include_unverified else frame[frame["status"].isin(CHARTABLE)]
    cols = ["facility_id", "phase", "facility", "country", "iso3", "stated_on", "status", "source_id"]
    rows = rows.assign(phase=rows["start_phase"].where(rows["start_phase"].notna() & rows["start_phase"].ne(""),
                                                       rows["phase"]))
    stated = rows[rows["expected_start_year"].notna()].assign(
        start_year=lambda d: d["expected_start_year"].astype(int), start_as_stated=lambda d: d["expected_start"], kind="announced"
    )
    original = rows[rows["original_start_year"].notna()].assign(
        start_year=lambda d: d["original_start_year"].astype(int), start_as_stated=lambda d: d["original_start"],
        kind="original, as reported later",
    )
    out = pd.concat([stated, original])[[*cols, "start_year", "start_as_stated", "kind"]]
    out["phase"] = out["phase"].fillna("")
    out = out.drop_duplicates(["facility_id", "phase", "stated_on", "start_year", "kind"])
    empty = pd.Series(dtype="Int64")
    if out.empty:
        return out.assign(first_announced_year=empty, latest_announced_year=empty, slip_years=empty)
    # within one statement, the original it reports comes before the date it announces
    out = out.assign(_k=out["kind"].ne("announced")).sort_values(["facility_id", "phase", "stated_on", "_k"],
                                                                 ascending=[True, True, True, False], kind="stable")
    out = out.drop(columns="_k").reset_index(drop=True)
    key = ["facility_id", "phase"]
    announced = out[out["kind"] == "announced"]
    first = pd.concat(
        [announced.groupby(key)["start_year"].first(), out[out["kind"] != "announced"].groupby(key)["start_year"].min()], axis=1
    ).min(axis=1)
    latest = out.groupby(key)["start_year"].last()
    index = pd.MultiIndex.from_frame(out[key])
    out["first_announced_year"] = pd.array(first.reindex(index).to_numpy(), dtype="Int64")
    out["latest_announced_year"] = pd.array(latest.reindex(index).to_numpy(), dtype="Int64")
    out["slip_years"] = out["latest_announced_year"] - out["first_announced_year"]
    return out
