"""Derivations from the capacity and china_quotas tables: what a chart may show, and totals that never mix units.

Rules every function here keeps:
- A sum is taken only within one unit (unit is part of every grouping key); kt and t stay apart, so do oxide and metal.
- Only figures that may be shown as fact enter a total: status confirmed or secondary, and a single stated number.
  Unverified rows, ranges and figures given in words are left out of totals (``mark_for_chart`` labels them).
- Only plant-level totals are added up (scope = facility, basis = total, the measure asked for). Company, area and
  ex-China totals and "additions" are shown beside them, never added to them, so no plant is counted twice.
- Rows sharing a facility_id and stage describe one capacity at different dates or phases: one of them is chosen,
  never several. The choice is the most recent statement; on the same date, the phase with the later stated start,
  then the larger figure, then the better label.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lib.domain.usgs import latest_production

CHARTABLE = ("confirmed", "secondary")
LABEL_RANK = {"confirmed": 0, "secondary": 1, "unverified": 2}
IN_OPERATION = ("operating", "ramping")
BUILT = (*IN_OPERATION, "commissioning")
FACILITY_KEY = ["facility_id", "stage", "unit"]


# --- what may be shown ------------------------------------------------------------------------


def mark_for_chart(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with ``shown_as``: 'fact' (may be charted), 'unverified' (a number from a weak source: mark it, never
    plot it as fact), or 'no number' (a range, words, or no figure: show the text, not a bar)."""
    out = frame.copy()
    has_number = out["value_status"].eq("value")
    out["shown_as"] = "no number"
    out.loc[has_number & out["status"].isin(CHARTABLE), "shown_as"] = "fact"
    out.loc[has_number & out["status"].eq("unverified"), "shown_as"] = "unverified"
    return out


def chartable(frame: pd.DataFrame, *, measure: str | None = "output_capacity") -> pd.DataFrame:
    """Plant-level totals that may be added up: a stated number, confirmed or secondary, scope facility, basis total."""
    keep = (
        frame["value_status"].eq("value")
        & frame["status"].isin(CHARTABLE)
        & frame["scope"].eq("facility")
        & frame["basis"].eq("total")
    )
    if measure is not None:
        keep &= frame["measure"].eq(measure)
    return frame[keep]


# --- one figure per facility --------------------------------------------------------------------


def _ordered(rows: pd.DataFrame) -> pd.DataFrame:
    """Best candidate first: most recent statement, then later stated start, then larger figure, then better label.

    stated_on is text at day, month or year precision; comparing it as text puts "2025" before "2025-01", which is the
    safe reading of a date known only to the year."""
    return rows.assign(
        _start=pd.to_numeric(rows["expected_start_year"], errors="coerce").fillna(-1),
        _rank=rows["status"].map(LABEL_RANK),
    ).sort_values(["stated_on", "_start", "value", "_rank"], ascending=[False, False, False, True], kind="stable")


def _pick(rows: pd.DataFrame) -> pd.DataFrame:
    """The chosen row per facility_id, stage and unit."""
    if rows.empty:
        return rows
    return _ordered(rows).drop_duplicates(FACILITY_KEY).drop(columns=["_start", "_rank"])


def _latest_status(frame: pd.DataFrame) -> pd.Series:
    """The facility status in each facility's most recent confirmed or secondary statement, with or without a figure."""
    rows = frame[frame["status"].isin(CHARTABLE)].sort_values("stated_on", ascending=False, kind="stable")
    return rows.drop_duplicates(["facility_id", "stage"]).set_index(["facility_id", "stage"])["facility_status"]


def operating_now(frame: pd.DataFrame, *, measure: str = "output_capacity") -> pd.DataFrame:
    """Per facility, stage and unit, the capacity stated for a plant in operation (operating or ramping), if any."""
    rows = chartable(frame, measure=measure)
    return _pick(rows[rows["facility_status"].isin(IN_OPERATION)])


def built_now(frame: pd.DataFrame, *, measure: str = "output_capacity") -> pd.DataFrame:
    """Per facility, stage and unit, the capacity stated for a plant that is built: in operation or commissioning
    (built, not yet in commercial production)."""
    rows = chartable(frame, measure=measure)
    return _pick(rows[rows["facility_status"].isin(BUILT)])


def announced_by(frame: pd.DataFrame, year: int, *, measure: str = "output_capacity") -> pd.DataFrame:
    """Per facility, stage and unit, the capacity announced to be in place by the end of ``year``.

    A figure counts if its own stated start is no later than ``year``, or if it is for a plant already in operation.
    Facilities whose latest statement calls them uncertain are left out. A figure with no start date is not counted
    here (see ``undated_announcements``)."""
    rows = _not_uncertain(chartable(frame, measure=measure), frame)
    start = pd.to_numeric(rows["expected_start_year"], errors="coerce")
    in_time = start.le(year) | (start.isna() & rows["facility_status"].isin(IN_OPERATION))
    return _pick(rows[in_time])


def undated_announcements(frame: pd.DataFrame, *, measure: str = "output_capacity") -> pd.DataFrame:
    """Announced (not yet operating) figures with no start date: shown as announced, outside any dated total."""
    rows = _not_uncertain(chartable(frame, measure=measure), frame)
    undated = pd.to_numeric(rows["expected_start_year"], errors="coerce").isna() & ~rows["facility_status"].isin(IN_OPERATION)
    return _pick(rows[undated])


def _not_uncertain(rows: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    latest = _latest_status(frame)
    status = [latest.get((f, s)) for f, s in zip(rows["facility_id"], rows["stage"], strict=True)]
    return rows[pd.Series([s != "uncertain" for s in status], index=rows.index, dtype=bool)]


# --- totals -------------------------------------------------------------------------------------


def _sum_by(rows: pd.DataFrame, by: list[str], name: str) -> pd.DataFrame:
    """Sum, facility count, sources and the oldest statement date behind each sum (so a title can say 'as stated
    2017–2026' when an old figure is the latest one found)."""
    columns = [*by, name, f"n_{name}", f"sources_{name}", f"oldest_{name}"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    grouped = rows.groupby(by, dropna=False)
    return pd.DataFrame({
        name: grouped["value"].sum(),
        f"n_{name}": grouped["facility_id"].nunique(),
        f"sources_{name}": grouped["source_id"].agg(lambda s: "; ".join(sorted(set(s)))),
        f"oldest_{name}": grouped["stated_on"].min(),
    }).reset_index()[columns]


def _exclude(frame: pd.DataFrame, exclude_iso3: Iterable[str]) -> pd.DataFrame:
    return frame[~frame["iso3"].isin(list(exclude_iso3))]


def capacity_by_country(frame: pd.DataFrame, *, measure: str = "output_capacity") -> pd.DataFrame:
    """Per country, stage and unit: capacity in operation now, and the capacity announced in all (each facility's most
    recent figure, whatever its status), with the number of facilities and the sources behind each sum."""
    key = ["country", "iso3", "stage", "unit"]
    now = _sum_by(operating_now(frame, measure=measure), key, "operating_now")
    rows = _not_uncertain(chartable(frame, measure=measure), frame)
    announced = _sum_by(_pick(rows), key, "announced_total")
    out = now.merge(announced, on=key, how="outer")
    return out.sort_values(key, kind="stable").reset_index(drop=True)


def capacity_by_status(frame: pd.DataFrame, *, measure: str = "output_capacity") -> pd.DataFrame:
    """Per country, stage, unit and facility status: each facility counted once, with its most recent figure, in the
    status that statement gives (so a plant being expanded counts once, as its announced total)."""
    rows = _pick(_not_uncertain(chartable(frame, measure=measure), frame))
    return _sum_by(rows, ["country", "iso3", "stage", "facility_status", "unit"], "capacity")


def capacity_outlook(
    frame: pd.DataFrame,
    *,
    window: tuple[int, int] = (2028, 2030),
    exclude_iso3: Iterable[str] = ("CHN",),
    measure: str = "output_capacity",
) -> pd.DataFrame:
    """Per stage and unit, outside the excluded countries (China by default): capacity operating now, announced by the
    year before the window, announced by the window's last year, and the difference (announced to come in the window).
    Facilities with announcements but no date are counted and named, not added."""
    first, last = window
    rows = _exclude(frame, exclude_iso3)
    key = ["stage", "unit"]
    parts = [
        _sum_by(operating_now(rows, measure=measure), key, "operating_now"),
        _sum_by(announced_by(rows, first - 1, measure=measure), key, "announced_before_window"),
        _sum_by(announced_by(rows, last, measure=measure), key, "announced_by_window_end"),
    ]
    out = parts[0]
    for part in parts[1:]:
        out = out.merge(part, on=key, how="outer")
    undated = undated_announcements(rows, measure=measure)
    names = undated.groupby(key)["facility"].agg(lambda s: "; ".join(sorted(set(s)))).rename("undated_facilities")
    # Outer: a stage and unit whose only announcements are undated still has a row, with nothing dated in it.
    out = out.merge(names.reset_index(), on=key, how="outer")
    for col in ("operating_now", "announced_before_window", "announced_by_window_end"):
        out[col] = out[col].fillna(0)
    out["announced_in_window"] = out["announced_by_window_end"] - out["announced_before_window"]
    out["window"] = f"{first}–{last}"
    return out.sort_values(key, kind="stable").reset_index(drop=True)


# --- start dates and slips ----------------------------------------------------------------------


def start_timeline(frame: pd.DataFrame, *, include_unverified: bool = False) -> pd.DataFrame:
    """Every announced start date, one row per facility, phase and statement date, oldest first, with the first and
    latest announced start year of that facility and phase and the slip between them (years; positive = later than
    first announced). Phases are kept apart, so a plant's second phase is not read as a delay of its first.

    A start that a source reports as the original plan (original_start) is shown as a statement of its own
    (kind 'original, as reported later'); it also counts as the first announcement if it is earlier."""
    rows = frame if include_unverified else frame[frame["status"].isin(CHARTABLE)]
    cols = ["facility_id", "phase", "facility", "country", "iso3", "stated_on", "status", "source_id"]
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
    out = out.sort_values(["facility_id", "phase", "stated_on", "kind"], kind="stable").reset_index(drop=True)
    key = ["facility_id", "phase"]
    announced = out[out["kind"] == "announced"]
    # the first statement's start, unless a later source reports an even earlier original plan
    first = pd.concat(
        [announced.groupby(key)["start_year"].first(), out[out["kind"] != "announced"].groupby(key)["start_year"].min()], axis=1
    ).min(axis=1)
    latest = announced.groupby(key)["start_year"].last()
    index = pd.MultiIndex.from_frame(out[key])
    out["first_announced_year"] = pd.array(first.reindex(index).to_numpy(), dtype="Int64")
    out["latest_announced_year"] = pd.array(latest.reindex(index).to_numpy(), dtype="Int64")
    out["slip_years"] = out["latest_announced_year"] - out["first_announced_year"]
    return out


# --- lists for the closing note and the India line -----------------------------------------------


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
    cols = ["facility", "stage", "unit", "applies_year", "value", "approximate", "value_as_published", "status", "source_id"]
    return rows[cols].sort_values(["unit", "applies_year"], kind="stable").reset_index(drop=True)


# --- China's quotas -----------------------------------------------------------------------------


def quota_series(quotas: pd.DataFrame) -> pd.DataFrame:
    """One row per year and quota type: the best-labelled source's figure (or its 'not published'), the number of
    sources and whether the chartable sources agree. Raises ValueError if two chartable sources give different
    numbers for the same year, since a chart cannot pick between them silently."""
    rows = quotas[quotas["status"].isin(CHARTABLE)]
    out = []
    for (year, kind), group in rows.groupby(["year", "quota_type"], sort=True):
        values = set(group["quota_t_reo"].dropna().astype(float))
        if len(values) > 1:
            raise ValueError(f"sources disagree on the {year} {kind} quota: {sorted(values)}")
        best = group.assign(_r=group["status"].map(LABEL_RANK), _v=group["quota_t_reo"].isna()).sort_values(["_v", "_r"]).iloc[0]
        out.append({
            "year": int(year), "quota_type": kind, "quota_t_reo": best["quota_t_reo"], "value_status": best["value_status"],
            "status": best["status"], "source_id": best["source_id"], "n_sources": len(group),
            "scope_notes": " | ".join(n for n in group["scope_note"].dropna() if n),
        })
    frame = pd.DataFrame(out)
    if not frame.empty:
        frame["quota_t_reo"] = frame["quota_t_reo"].astype("Float64")
    return frame


def quotas_beside_production(
    quotas: pd.DataFrame, production: pd.DataFrame, order: list[str], *, iso3: str = "CHN"
) -> pd.DataFrame:
    """Per year: China's mining and smelting & separation quotas beside USGS mine production for China from the latest
    edition that covers the year, by ``order`` (edition codes oldest first: ``editions.order(d["editions"])``; USGS
    reports China's official quota as its production). Years with only one side appear with the other empty; nothing
    is computed between the two."""
    series = quota_series(quotas)
    wide = {}
    for kind in ("mining", "smelting_separation"):
        part = series[series["quota_type"] == kind].set_index("year")
        wide[f"{kind}_quota_t_reo"] = part["quota_t_reo"]
        wide[f"{kind}_quota_status"] = part["status"]
        wide[f"{kind}_quota_published"] = part["value_status"].eq("value")
        wide[f"{kind}_quota_source_id"] = part["source_id"]
    left = pd.DataFrame(wide)
    usgs = latest_production(production[production["iso3"].eq(iso3)], order)
    right = usgs.set_index("year")[["mine_production_t_reo", "edition", "basis"]].rename(
        columns={"mine_production_t_reo": "usgs_mine_production_t_reo", "edition": "usgs_edition", "basis": "usgs_basis"}
    )
    out = left.join(right, how="outer")
    out.index = out.index.astype(int)
    return out.rename_axis("year").reset_index()


# --- what a capacity chart plots -----------------------------------------------------------------

STAGE_LABELS = {
    "separation": "Separation",
    "oxide_refining": "Oxide refining",
    "metal_alloy": "Metal and alloy",
    "magnet": "Magnets",
    "feed_preparation": "Feed preparation",
}
# The order a chart stacks and a legend reads: what runs now first, what is only planned last.
SEGMENTS = {"operating": "in operation", "ramping": "in operation", "commissioning": "commissioning",
            "under_construction": "under construction", "planned": "planned"}
SEGMENT_ORDER = ("in operation", "commissioning", "under construction", "planned")


def stages_with_figures(frame: pd.DataFrame, *, measure: str = "output_capacity") -> list[str]:
    """Stages with at least one plant-level figure that may be added up, in the chain's order (mine to magnet)."""
    found = set(chartable(frame, measure=measure)["stage"])
    return [s for s in ("separation", "oxide_refining", "metal_alloy", "magnet", "feed_preparation") if s in found]


def units_of(frame: pd.DataFrame, stage: str, *, measure: str = "output_capacity") -> list[str]:
    """The stated units of a stage's plant-level figures, the unit that the most plants state first."""
    rows = chartable(frame, measure=measure)
    rows = rows[rows["stage"] == stage]
    counts = rows.groupby("unit")["facility_id"].nunique()
    return sorted(counts.index, key=lambda u: (-counts[u], u))


def capacity_stack(frame: pd.DataFrame, stage: str, unit: str, *, measure: str = "output_capacity") -> pd.DataFrame:
    """Per facility, its capacity in one stage and unit split by status: the capacity in operation now
    (``operating_now``), and what its most recent statement announces beyond that, in the status that statement gives
    (commissioning, under construction, planned). A facility's segments add up to its most recent figure, the one
    ``capacity_by_country`` sums as announced in all; where that figure is below what operates, nothing is added.

    One row per facility and segment, with the country's total of all segments (for a bar's label) and the row's
    own statement (date, source, label, start year as stated)."""
    cols = ["country", "iso3", "facility_id", "facility", "stage", "unit", "segment", "capacity", "facility_status",
            "expected_start", "stated_on", "status", "source_id", "country_total"]
    now = operating_now(frame, measure=measure)
    now = now[(now["stage"] == stage) & (now["unit"] == unit)].set_index("facility_id")
    latest = _pick(_not_uncertain(chartable(frame, measure=measure), frame))
    latest = latest[(latest["stage"] == stage) & (latest["unit"] == unit)].set_index("facility_id")
    parts = []
    for facility_id in sorted(set(now.index) | set(latest.index)):
        running = float(now.loc[facility_id, "value"]) if facility_id in now.index else 0.0
        if running > 0:
            parts.append(now.loc[facility_id].to_dict() | {"facility_id": facility_id, "segment": "in operation",
                                                           "capacity": running})
        if facility_id in latest.index:
            last = latest.loc[facility_id]
            beyond = float(last["value"]) - running
            if last["facility_status"] not in IN_OPERATION and beyond > 0:
                parts.append(last.to_dict() | {"facility_id": facility_id, "segment": SEGMENTS[last["facility_status"]],
                                               "capacity": beyond})
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(parts)
    out["country_total"] = out.groupby("country")["capacity"].transform("sum")
    out["_seg"] = out["segment"].map(SEGMENT_ORDER.index)
    out = out.sort_values(["country_total", "country", "_seg", "capacity"], ascending=[False, True, True, False],
                          kind="stable")
    return out[cols].reset_index(drop=True)


def stated_totals(frame: pd.DataFrame, stage: str, *, measure: str | None = None) -> pd.DataFrame:
    """Totals a source states over many plants (a company, a city, everything outside China) for a stage, which may
    be shown beside plant figures but never added to them: confirmed or secondary, with a number."""
    rows = frame[
        ~frame["scope"].eq("facility") & frame["stage"].eq(stage) & frame["value_status"].eq("value")
        & frame["status"].isin(CHARTABLE)
    ]
    if measure is not None:
        rows = rows[rows["measure"] == measure]
    cols = ["facility", "country", "scope", "measure", "basis", "value", "value_as_published", "unit", "facility_status",
            "applies_to", "stated_on", "status", "source_id"]
    return rows.sort_values(["scope", "stated_on"], ascending=[True, False], kind="stable")[cols].reset_index(drop=True)
