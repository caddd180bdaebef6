"""Derivations from the capacity table: what a chart may show, and totals that never mix units (China's quotas are
in lib.domain.china_quotas; the lists of the closing note and India's line in lib.domain.capacity_lists; start
dates and slips in lib.domain.capacity_starts).

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

from lib.domain.memo import per_table

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
    """Announced (not yet operating) figures with no start date: shown as announced, outside any dated total.

    A figure is undated only if no other row of the same facility, stage, unit and phase gives a date or says it runs:
    the same capacity dated by another source is counted through that row, not left out. ``partly_dated`` marks a
    facility with other phases dated or running, so that a list names the undated phase, not the whole plant."""
    rows = _not_uncertain(chartable(frame, measure=measure), frame)
    dated = pd.to_numeric(rows["expected_start_year"], errors="coerce").notna() | rows["facility_status"].isin(IN_OPERATION)
    keys = _phase_keys(rows)
    dated_phases, dated_plants = set(keys[dated]), {k[:-1] for k in keys[dated]}
    picked = _pick(rows[~dated & ~keys.isin(dated_phases)])
    return picked.assign(partly_dated=[k[:-1] in dated_plants for k in _phase_keys(picked)])


def _phase_keys(rows: pd.DataFrame) -> pd.Series:
    """(facility_id, stage, unit, phase) of each row, an empty phase as ''."""
    cols = [*FACILITY_KEY, "phase"]
    return pd.Series([tuple("" if pd.isna(v) else v for v in r) for r in rows[cols].itertuples(index=False)],
                     index=rows.index, dtype=object)


def short_name(facility: str) -> str:
    """A plant's name without its place: the part before the first comma."""
    return str(facility).split(",")[0]


def undated_label(row) -> str:
    """An undated announcement as a list names it: the plant, and its phase where other phases have a date."""
    phase = row["phase"] if isinstance(row["phase"], str) and row["phase"] else ""
    return f"{short_name(row['facility'])} ({phase})" if row["partly_dated"] and phase else short_name(row["facility"])


def _not_uncertain(rows: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    latest = _latest_status(frame)
    status = [latest.get((f, s)) for f, s in zip(rows["facility_id"], rows["stage"], strict=True)]
    return rows[pd.Series([s != "uncertain" for s in status], index=rows.index, dtype=bool)]


# --- totals -------------------------------------------------------------------------------------


def _sum_by(rows: pd.DataFrame, by: list[str], name: str) -> pd.DataFrame:
    """Sum, facility count, sources and the oldest statement date behind each sum (so a title can say 'as stated
    2017–2026' when an old figure is the latest one found), and how the figures in it are qualified
    (``qualifier_{name}``, see ``qualifier``), so that a sum of 'about' or 'more than' figures is not read as exact."""
    columns = [*by, name, f"n_{name}", f"sources_{name}", f"oldest_{name}", f"qualifier_{name}"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    grouped = rows.groupby(by, dropna=False)
    return pd.DataFrame({
        name: grouped["value"].sum(),
        f"n_{name}": grouped["facility_id"].nunique(),
        f"sources_{name}": grouped["source_id"].agg(lambda s: "; ".join(sorted(set(s)))),
        f"oldest_{name}": grouped["stated_on"].min(),
        f"qualifier_{name}": grouped[["approximate", "bound"]].apply(qualifier),
    }).reset_index()[columns]


def qualifier(rows: pd.DataFrame) -> str:
    """How a sum of these figures may be stated: '' (all plain), 'about' (some approximate), 'more than' or
    'up to' (some bounds, all one way), 'about … or more' / 'up to about' (both), or 'mixed bounds' ('up to' and
    'more than' figures in one sum, which no single word covers)."""
    approx = bool(rows["approximate"].fillna(False).astype(bool).any())
    bounds = set(rows["bound"].dropna()) - {""}
    if len(bounds) > 1:
        return "mixed bounds"
    if bounds == {"more_than"}:
        return "about … or more" if approx else "more than"
    if bounds == {"up_to"}:
        return "up to about" if approx else "up to"
    return "about" if approx else ""


def qualified(number: str, how: str) -> str:
    """A formatted sum with its qualifier: ('6,200', 'about') -> 'about 6,200'; 'about … or more' wraps it."""
    if not how:
        return number
    if how == "mixed bounds":
        return f"{number} (a sum of 'up to' and 'more than' figures)"
    head, dots, tail = how.partition("…")
    return f"{head}{number}{tail}" if dots else f"{how} {number}"


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


@per_table  # asked for by every capacity chart's title, for each stage and unit
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
    undated = undated.assign(_label=[undated_label(r) for _, r in undated.iterrows()])
    names = undated.groupby(key)["_label"].agg(lambda s: "; ".join(sorted(set(s)))).rename("undated_facilities")
    # Outer: a stage and unit whose only announcements are undated still has a row, with nothing dated in it.
    out = out.merge(names.reset_index(), on=key, how="outer")
    for col in ("operating_now", "announced_before_window", "announced_by_window_end"):
        out[col] = out[col].fillna(0)
    out["announced_in_window"] = out["announced_by_window_end"] - out["announced_before_window"]
    changed = _window_change(rows, first, last, measure)
    how = (changed.groupby(key)[["approximate", "bound"]].apply(qualifier).rename("qualifier_announced_in_window")
           .reset_index() if not changed.empty else pd.DataFrame(columns=[*key, "qualifier_announced_in_window"]))
    out = out.merge(how, on=key, how="left")
    for col in [c for c in out.columns if c.startswith("qualifier_")]:
        out[col] = out[col].fillna("")
    out["window"] = f"{first}–{last}"
    return out.sort_values(key, kind="stable").reset_index(drop=True)


def _window_change(rows: pd.DataFrame, first: int, last: int, measure: str) -> pd.DataFrame:
    """The figures behind the capacity announced for the window: per facility whose figure differs between the
    year before the window and its last year, both figures (the later one added, the earlier one taken away).

    Their qualifiers qualify the difference; a bound on a figure taken away leaves the difference only 'about'."""
    before, end = announced_by(rows, first - 1, measure=measure), announced_by(rows, last, measure=measure)
    merged = end.merge(before[[*FACILITY_KEY, "value", "approximate", "bound"]], on=FACILITY_KEY, how="outer",
                       suffixes=("", "_before"))
    moved = merged[merged["value"].fillna(0) != merged["value_before"].fillna(0)]
    taken_bound = moved["bound_before"].notna() & moved["bound_before"].ne("")
    return pd.DataFrame({
        "stage": moved["stage"], "unit": moved["unit"],
        "approximate": moved["approximate"].fillna(False).astype(bool) | moved["approximate_before"].fillna(False).astype(bool)
        | taken_bound,
        "bound": moved["bound"].where(~taken_bound),
    })


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

    One row per facility and segment, with the country's total of all segments (for a bar's label, also as text
    qualified as its figures are: 'about 6,200') and the row's own statement (date, source, label, start year as
    stated)."""
    cols = ["country", "iso3", "facility_id", "facility", "stage", "unit", "segment", "capacity", "facility_status",
            "expected_start", "stated_on", "status", "source_id", "country_total", "country_total_as_stated"]
    now = operating_now(frame, measure=measure)
    now = now[(now["stage"] == stage) & (now["unit"] == unit)].set_index("facility_id")
    latest = _pick(_not_uncertain(chartable(frame, measure=measure), frame))
    latest = latest[(latest["stage"] == stage) & (latest["unit"] == unit)].set_index("facility_id")
    parts = []
    for facility_id in sorted(set(now.index) | set(latest.index)):
        running = float(now.loc[facility_id, "value"]) if facility_id in now.index else 0.0
        mine = []
        if running > 0:
            mine.append(now.loc[facility_id].to_dict() | {"facility_id": facility_id, "segment": "in operation",
                                                          "capacity": running})
        if facility_id in latest.index:
            last = latest.loc[facility_id]
            beyond = float(last["value"]) - running
            if last["facility_status"] not in IN_OPERATION and beyond > 0:
                mine.append(last.to_dict() | {"facility_id": facility_id, "segment": SEGMENTS[last["facility_status"]],
                                              "capacity": beyond})
        # The facility's segments add up to the figure of its last part: that figure's qualifier is the total's.
        parts += [p | {"_approximate": mine[-1]["approximate"], "_bound": mine[-1]["bound"]} for p in mine]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(parts)
    out["country_total"] = out.groupby("country")["capacity"].transform("sum")
    how = out.groupby("country")[["_approximate", "_bound"]].apply(
        lambda g: qualifier(g.rename(columns={"_approximate": "approximate", "_bound": "bound"})))
    out["country_total_as_stated"] = [qualified(f"{t:,.0f}", how[c]) for c, t in zip(out["country"], out["country_total"],
                                                                                      strict=True)]
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
