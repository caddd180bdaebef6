"""Invariants of trade_records that a Table Schema cannot state, checked on every load (lib.data.rules.INVARIANTS).

Each is a pure function, frame -> list of Problems, so that loading the table refuses a World row counted as a
country, a share denominator that does not exist, or a period whose dates contradict its label. Row numbers count
the header as row 1. The importers (lib/etl/trade) write the table; these checks read it, whoever wrote it.
"""

from __future__ import annotations

import pandas as pd

from lib.data.problems import Problem

# A figure: one reporter, flow, code and period over all its partners (DataWeb splits it further by unit; no World row there).
FIGURE = ["source_id", "reporter_iso3", "flow", "classification", "commodity_code", "period"]
# Publishers' partner sums may differ from their World row by rounding of estimated records; more is a wrong row.
SUM_TOLERANCE = 0.005


def _row(index) -> int:
    return int(index) + 2


def _rows(mask: pd.Series) -> list[int]:
    return [_row(i) for i in mask[mask].index]


def iso3_only_for_countries(frame: pd.DataFrame) -> list[Problem]:
    """A World, group, nes or special row never carries an ISO3 (so it cannot be joined or mapped as a country)."""
    country = frame["partner_kind"] == "country"
    has_iso = frame["partner_iso3"].notna()
    problems = [Problem(r, "partner_iso3", "a country row needs its ISO3") for r in _rows(country & ~has_iso)]
    for r in _rows(~country & has_iso):
        row = frame.loc[r - 2]
        problems.append(Problem(r, "partner_iso3",
                                f"only country rows carry an ISO3; this is a {row['partner_kind']} row ({row['partner']})"))
    return problems


def world_is_world(frame: pd.DataFrame) -> list[Problem]:
    """A row named World is the World total, and the World total is named World: never mistaken for a country."""
    named = frame["partner"].str.strip().str.lower() == "world"
    kind = frame["partner_kind"] == "world"
    return [
        Problem(r, "partner_kind", f"partner {frame.loc[r - 2, 'partner']!r} with partner_kind "
                                   f"{frame.loc[r - 2, 'partner_kind']!r}: 'World' and partner_kind world go together")
        for r in _rows((named != kind).fillna(True))
    ]


def _figures(frame: pd.DataFrame) -> pd.DataFrame:
    """One line per figure (all partners of one reporter, flow, code, period and unit) with what the checks need."""
    work = frame.assign(
        _world=frame["partner_kind"] == "world",
        _world_value=frame["value_usd"].where(frame["partner_kind"] == "world"),
        _world_mass=frame["mass_t"].where(frame["partner_kind"] == "world"),
        _rest_value=frame["value_usd"].where(frame["partner_kind"] != "world"),
        _rest_mass=frame["mass_t"].where(frame["partner_kind"] != "world"),
        _index=frame.index,
    )
    return work.groupby(FIGURE, dropna=False, sort=False).agg(
        first=("_index", "min"), worlds=("_world", "sum"), scopes=("partner_scope", "nunique"),
        scope=("partner_scope", "first"), partners=("partner", "nunique"), queried=("partners_queried", "max"),
        world_value=("_world_value", "max"), world_mass=("_world_mass", "max"),
        rest_value=("_rest_value", "sum"), rest_mass=("_rest_mass", "sum"),
        rest_mass_n=("_rest_mass", "count"),
    )


def _where(key) -> str:
    return str(dict(zip(FIGURE, key, strict=True)))


def one_world_row_per_figure(frame: pd.DataFrame, figures: pd.DataFrame | None = None) -> list[Problem]:
    figures = _figures(frame) if figures is None else figures
    return [Problem(_row(f["first"]), "partner_kind", f"{int(f['worlds'])} World rows for one figure {_where(k)}")
            for k, f in figures[figures["worlds"] > 1].iterrows()]


def scope_matches_world_row(frame: pd.DataFrame, figures: pd.DataFrame | None = None) -> list[Problem]:
    """'all' has its World row (the denominator); 'selected' has none and no more partners than were queried."""
    problems = []
    figures = _figures(frame) if figures is None else figures
    for key, f in figures[figures["scopes"] > 1].iterrows():
        problems.append(Problem(_row(f["first"]), "partner_scope", f"one figure with mixed scopes: {_where(key)}"))
    single = figures[figures["scopes"] == 1]
    for key, f in single[(single["scope"] == "all") & (single["worlds"] == 0)].iterrows():
        problems.append(Problem(_row(f["first"]), "partner_scope",
                                f"scope 'all' but no World row to take shares of: {_where(key)}"))
    selected = single[single["scope"] == "selected"]
    for key, f in selected[selected["worlds"] > 0].iterrows():
        problems.append(Problem(_row(f["first"]), "partner_scope",
                                f"scope 'selected' but a World row is present: {_where(key)}"))
    over = selected[selected["queried"].notna() & (selected["partners"] > selected["queried"])]
    for key, f in over.iterrows():
        problems.append(Problem(_row(f["first"]), "partners_queried",
                                f"{int(f['partners'])} partners listed but {int(f['queried'])} queried: {_where(key)}"))
    return problems


def partners_within_world(frame: pd.DataFrame, figures: pd.DataFrame | None = None) -> list[Problem]:
    """The partners of a figure add up to no more than its World row: a World row counted twice would break this."""
    problems = []
    figures = _figures(frame) if figures is None else figures
    figures = figures[figures["worlds"] == 1]
    for column, total, listed in (("value_usd", "world_value", "rest_value"), ("mass_t", "world_mass", "rest_mass")):
        limit = figures[total].astype(float) * (1 + SUM_TOLERANCE) + 1
        bad = figures[figures[total].notna() & (figures[listed].astype(float) > limit)]
        if column == "mass_t":
            bad = bad[bad["rest_mass_n"] > 0]
        for key, f in bad.iterrows():
            problems.append(Problem(_row(f["first"]), column,
                                    f"partners add up to {float(f[listed]):,.0f}, more than the World row "
                                    f"{float(f[total]):,.0f}: {_where(key)}"))
    return problems


_LABEL = r"(?P<year>\d{4})(?:-(?P<first>\d{2})(?:\.\.(?P<last>\d{2}))?)?"


def period_matches_dates(frame: pd.DataFrame) -> list[Problem]:
    """The label, the type and the first and last day say the same period."""
    parts = frame["period"].str.extract(f"^{_LABEL}$")
    shape_ok = (
        ((frame["period_type"] == "year") & parts["first"].isna())
        | ((frame["period_type"] == "month") & parts["first"].notna() & parts["last"].isna())
        | ((frame["period_type"] == "cumulative") & parts["last"].notna())
    ) & parts["year"].notna()
    problems = [Problem(r, "period", f"{frame.loc[r - 2, 'period']!r} is not a {frame.loc[r - 2, 'period_type']} label")
                for r in _rows(~shape_ok)]
    ok = frame[shape_ok]
    p = parts[shape_ok]
    first = p["first"].fillna("01")
    last = p["last"].fillna(p["first"]).fillna("12")
    start = pd.to_datetime(p["year"] + "-" + first + "-01", format="%Y-%m-%d", errors="coerce")
    end = pd.to_datetime(p["year"] + "-" + last + "-01", format="%Y-%m-%d", errors="coerce") + pd.offsets.MonthEnd(0)
    wrong = (ok["period_start"] != start) | (ok["period_end"] != end)
    for r in _rows(wrong):
        i = r - 2
        problems.append(Problem(r, "period_start",
                                f"{frame.loc[i, 'period']} ({frame.loc[i, 'period_type']}) runs {start[i].date()} to "
                                f"{end[i].date()}, not {frame.loc[i, 'period_start'].date()} to "
                                f"{frame.loc[i, 'period_end'].date()}"))
    return problems


ROW_CHECKS = [iso3_only_for_countries, world_is_world]
# Checks of whole figures; each can take the figures table, which problems() builds once for all three.
FIGURE_CHECKS = [one_world_row_per_figure, scope_matches_world_row, partners_within_world]
CHECKS = [*ROW_CHECKS, *FIGURE_CHECKS, period_matches_dates]


def problems(frame: pd.DataFrame) -> list[Problem]:
    """Every invariant, in the order of CHECKS."""
    figures = _figures(frame)
    return [p for check in CHECKS
            for p in (check(frame, figures) if check in FIGURE_CHECKS else check(frame))]
