"""The 2025 restriction as the data shows it: China's monthly magnet exports against their 2024 average.

Pure functions on the trade_flows table (data/trade_flows.csv as lib.data loads it, or any frame with its
columns). Nothing here is typed in: the presets and the replay are computed from the rows, with the source ids and
statuses of every figure they rest on.

Which rows: reporter China (trade.EXPORTER), flow export, period_type month, and product series (lib.domain.trade.series: the
product_scope without who reported it) China customs' magnet line, trade.CHINA_MAGNET_SERIES. The rows that may be
used are those trade.charted keeps (never unverified); unverified ones are only counted in the notes.

One figure per partner and month, as in trade.monthly: a confirmed figure wins over a secondary one. Unlike
trade.monthly, which keeps the first of several figures, figures at the winning status that disagree leave the
month out with a note (no figure is chosen over another by guesswork, and none is averaged), and figures that
agree keep all their source ids. A figure the source gives as approximate (trade.is_approximate) is used and
marked, with the source's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.domain import trade
from lib.domain.numbers import as_float, is_in
from lib.domain.scenario import InputError, Restriction, month_label

SERIES = trade.CHINA_MAGNET_SERIES
USED_STATUSES = tuple(trade.STATUS_RANK)  # confirmed, then secondary
REPLAY_PARTNERS = ("World", "India", "United States", "Germany")
BASELINE_YEAR = 2024
WINDOW = ("2025-04", "2025-07")
THRESHOLD = 1.0
_COLUMNS = ("reporter", "flow", "partner", "period", "period_type", "period_start", "product_scope", "mass_t", "status",
            "source_id")


@dataclass(frozen=True)
class MonthFigure:
    month: str                   # YYYY-MM
    mass_t: float
    status: str                  # confirmed or secondary
    source_ids: tuple[str, ...]
    ratio: float | None = None   # to the 2024 average, where there is one
    as_published: str | None = None  # the source's words where it gives the figure as approximate

    @property
    def approximate(self) -> bool:
        return self.as_published is not None

    @property
    def secondary(self) -> bool:
        return self.status == "secondary"


@dataclass(frozen=True)
class SeriesBaseline:
    """The average of a partner's monthly figures in one year, and the months it rests on."""

    partner: str
    year: int
    mean_t: float | None
    figures: tuple[MonthFigure, ...]

    @property
    def n_months(self) -> int:
        return len(self.figures)

    @property
    def months(self) -> tuple[str, ...]:
        return tuple(f.month for f in self.figures)

    @property
    def note(self) -> str:
        if not self.figures:
            return f"No monthly figure for {self.year} for {self.partner} in this series: no baseline (not guessed)."
        of = "" if self.n_months == 12 else ", not 12"
        return (f"The {self.year} average for {self.partner} rests on {self.n_months} month"
                f"{'s' if self.n_months != 1 else ''} ({', '.join(self.months)}){of}.")


@dataclass(frozen=True)
class Preset:
    """'A repeat of April-June 2025' for one destination, derived from the data.

    The rule, with the 2024 average of the monthly series as baseline and the window April-July 2025:
    - each window month with a usable figure gets ratio = that month's exports / the 2024 average;
    - a month is restricted when its ratio is below `threshold` (1.0 by default: below the 2024 average);
    - the run is the longest stretch of consecutive calendar months in the window that are all restricted
      (the earliest if two are as long); a month without a figure ends a run, it is never assumed restricted;
    - length_months = the number of months in the run; start = its first month;
    - cut_pct = 100 x (1 - the mean ratio over the run's months);
    - ramp: not derived (the data show no ramp within four months); a scenario sets it.
    With no month below the threshold the preset is a cut of 0 % for 0 months. Without a 2024 baseline there is
    no preset: cut_pct and length_months are None and the notes say why.
    """

    partner: str
    series: str
    threshold: float
    baseline: SeriesBaseline
    window: tuple[MonthFigure, ...]
    missing: tuple[str, ...]
    run: tuple[str, ...]
    cut_pct: float | None
    length_months: int | None
    notes: tuple[str, ...]

    @property
    def available(self) -> bool:
        return self.cut_pct is not None

    @property
    def start(self) -> str | None:
        return self.run[0] if self.run else None

    @property
    def figures_used(self) -> tuple[MonthFigure, ...]:
        return self.baseline.figures + self.window if self.available else ()

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(sorted({s for f in self.figures_used for s in f.source_ids}))

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(s for s in USED_STATUSES if any(f.status == s for f in self.figures_used))

    @property
    def has_secondary(self) -> bool:
        return "secondary" in self.statuses

    @property
    def has_approximate(self) -> bool:
        return any(f.approximate for f in self.figures_used)

    def restriction(self, *, supplier: str = trade.EXPORTER, start: str | None = None, ramp_months: int = 0) -> Restriction:
        """The preset as a scenario input: its cut and length, from `start` (default: the run's first month)."""
        if not self.available:
            raise InputError("preset", f"a destination with a {self.baseline.year} baseline ({' '.join(self.notes)})",
                             self.partner)
        return Restriction(supplier=supplier, cut_pct=self.cut_pct, start=start or self.start or WINDOW[0],
                           length_months=self.length_months, ramp_months=ramp_months)


@dataclass(frozen=True, eq=False)
class Replay:
    """frame: one row per partner and reported month of the year: partner, month (first day), period (YYYY-MM),
    mass_t, status, secondary, approximate, as_published (the source's words where approximate), source_ids
    ('; '-joined), baseline_t, baseline_months, ratio.
    baselines: partner -> SeriesBaseline; notes: partner -> what is missing or left out, in words."""

    frame: pd.DataFrame
    baselines: dict[str, SeriesBaseline]
    notes: dict[str, tuple[str, ...]]


# --- the monthly figures ------------------------------------------------------------------------------------------

def _series_rows(trade_flows: pd.DataFrame, series: str) -> pd.DataFrame:
    """China's monthly exports in one product series, all statuses: partner, month (YYYY-MM), mass_t, status,
    source_id, as_published (the source's words where trade.is_approximate, else None), and usable (what
    trade.charted keeps)."""
    missing = [c for c in _COLUMNS if c not in trade_flows.columns]
    if missing:
        raise InputError("trade_flows", f"a table with the trade_flows columns ({', '.join(_COLUMNS)})", missing)
    tf = trade_flows
    keep = is_in(tf, "reporter", trade.EXPORTER) & is_in(tf, "flow", "export") & is_in(tf, "period_type", "month")
    rows = tf.loc[keep]
    rows = rows.loc[(rows["product_scope"].map(trade.series) == series).to_numpy(dtype=bool)]
    usable = rows.index.isin(trade.charted(rows).index)
    approximate = [trade.is_approximate(r) for _, r in rows.iterrows()]
    words = rows["value_as_published"] if "value_as_published" in rows else pd.Series(None, index=rows.index)
    as_published = [(str(w) if pd.notna(w) else "approximate") if a else None
                    for a, w in zip(approximate, words, strict=True)]
    return pd.DataFrame({
        "partner": rows["partner"].astype(str).to_numpy(),
        "month": trade.month_start(rows).dt.strftime("%Y-%m").to_numpy(),
        "mass_t": as_float(rows["mass_t"]).to_numpy(),
        "status": rows["status"].astype(str).to_numpy(),
        "source_id": rows["source_id"].astype(str).to_numpy(),
        "as_published": as_published,
        "usable": usable,
    }).dropna(subset=["mass_t"])


def _pick(rows: pd.DataFrame) -> tuple[dict[str, dict[str, MonthFigure]], dict[str, list[str]]]:
    """partner -> month -> the figure used; partner -> notes on what was left out."""
    figures: dict[str, dict[str, MonthFigure]] = {}
    notes: dict[str, list[str]] = {}
    for partner, g in rows.loc[~rows["usable"]].groupby("partner", sort=False):
        months = ", ".join(sorted(g["month"].unique()))
        notes.setdefault(partner, []).append(f"Unverified figures for {partner} ({months}) are not used.")
    usable = rows.loc[rows["usable"] & rows["status"].isin(USED_STATUSES)]
    for (partner, month), g in usable.groupby(["partner", "month"], sort=True):
        status = min(g["status"], key=trade.STATUS_RANK.__getitem__)
        best = g.loc[g["status"] == status]
        values = best["mass_t"].unique()
        if len(values) > 1:
            given = "; ".join(f"{v:,.0f} t in {s}" for v, s in zip(best["mass_t"], best["source_id"], strict=True))
            notes.setdefault(partner, []).append(f"{month}: the {status} figures disagree ({given}); month left out.")
            continue
        words = [str(w) for w in best["as_published"] if pd.notna(w)]
        figures.setdefault(partner, {})[month] = MonthFigure(month, float(values[0]), status,
                                                             tuple(sorted(best["source_id"].unique())),
                                                             as_published="; ".join(dict.fromkeys(words)) or None)
    for partner in rows["partner"].unique():
        figures.setdefault(partner, {})
    return figures, notes


def monthly_figures(trade_flows: pd.DataFrame, *, series: str = SERIES) -> pd.DataFrame:
    """The figures used, one row per partner and month: partner, period, mass_t, status, source_ids."""
    figures, _ = _pick(_series_rows(trade_flows, series))
    rows = [(p, f.month, f.mass_t, f.status, "; ".join(f.source_ids)) for p, by in figures.items() for f in by.values()]
    return pd.DataFrame(rows, columns=["partner", "period", "mass_t", "status", "source_ids"])


def _baseline(partner: str, by_month: dict[str, MonthFigure], year: int) -> SeriesBaseline:
    figs = tuple(f for m, f in sorted(by_month.items()) if m.startswith(f"{year}-"))
    mean = float(np.mean([f.mass_t for f in figs])) if figs else None
    return SeriesBaseline(partner, year, mean, figs)


def _partners(figures: dict, notes: dict) -> list[str]:
    others = sorted((set(figures) | set(notes)) - {"World"})
    return (["World"] if "World" in figures or "World" in notes else []) + others


# --- presets ------------------------------------------------------------------------------------------------------

def preset(trade_flows: pd.DataFrame, partner: str, **options) -> Preset:
    """The preset for one destination (see Preset for the rule); options as for `presets`."""
    found = presets(trade_flows, **options)
    if partner in found:
        return found[partner]
    return _preset(partner, {}, [], **_options(**options))


def _options(*, series: str = SERIES, baseline_year: int = BASELINE_YEAR, window: tuple[str, str] = WINDOW,
             threshold: float = THRESHOLD) -> dict:
    if not (isinstance(threshold, int | float) and 0 < threshold <= 1):
        raise InputError("threshold", "a ratio above 0 and at most 1 (1 = below the baseline average)", threshold)
    start, end = (pd.Period(w, "M") for w in window)
    if end < start:
        raise InputError("window", "a first month no later than the last", window)
    return {"series": series, "baseline_year": int(baseline_year), "window": (str(start), str(end)),
            "threshold": float(threshold)}


def presets(trade_flows: pd.DataFrame, *, series: str = SERIES, baseline_year: int = BASELINE_YEAR,
            window: tuple[str, str] = WINDOW, threshold: float = THRESHOLD) -> dict[str, Preset]:
    """A preset for the world and for every destination the series has rows for (World first, then by name).
    Destinations without a baseline are included, with cut_pct None and a note saying why."""
    opts = _options(series=series, baseline_year=baseline_year, window=window, threshold=threshold)
    figures, notes = _pick(_series_rows(trade_flows, opts["series"]))
    return {p: _preset(p, figures.get(p, {}), notes.get(p, []), **opts) for p in _partners(figures, notes)}


def _preset(partner: str, by_month: dict[str, MonthFigure], left_out: list[str], *, series: str, baseline_year: int,
            window: tuple[str, str], threshold: float) -> Preset:
    base = _baseline(partner, by_month, baseline_year)
    months = [str(p) for p in pd.period_range(window[0], window[1], freq="M")]
    mean = base.mean_t
    window_figs = tuple(
        MonthFigure(m, f.mass_t, f.status, f.source_ids, f.mass_t / mean if mean else None, f.as_published)
        for m in months if (f := by_month.get(m)) is not None)
    missing = tuple(m for m in months if m not in by_month)
    notes = [base.note, *left_out]
    span = f"{month_label(months[0])}-{month_label(months[-1])}"
    if missing:
        notes.append(f"No usable figure for {', '.join(missing)}: a month without a figure is not counted as restricted.")
    if not mean:
        notes.append(f"No preset for {partner}: it needs a {baseline_year} baseline.")
        return Preset(partner, series, threshold, base, window_figs, missing, (), None, None, tuple(notes))
    if not window_figs:
        notes.append(f"No preset for {partner}: no usable figure for {span}.")
        return Preset(partner, series, threshold, base, window_figs, missing, (), None, None, tuple(notes))
    run = _longest_run(window_figs, threshold)
    if not run:
        notes.append(f"No month of {span} below {threshold:.0%} of the {baseline_year} average: a cut of 0 %.")
        return Preset(partner, series, threshold, base, window_figs, missing, (), 0.0, 0, tuple(notes))
    ratios = [f.ratio for f in window_figs if f.month in run]
    cut = 100 * (1 - float(np.mean(ratios)))
    if run[0] == months[0]:
        notes.append(f"The run starts in the window's first month ({run[0]}): it may have begun earlier.")
    if run[-1] == months[-1]:
        notes.append(f"The run reaches the window's last month ({run[-1]}): it may have lasted longer.")
    if any(f.secondary for f in base.figures + window_figs):
        notes.append("Rests in part on secondary figures (marked).")
    if approx := [f for f in base.figures + window_figs if f.approximate]:
        given = "; ".join(f"{f.month} '{f.as_published}'" for f in approx)
        notes.append(f"Rests in part on figures the source gives as approximate ({given}).")
    return Preset(partner, series, threshold, base, window_figs, missing, run, cut, len(run), tuple(notes))


def _longest_run(figs: Sequence[MonthFigure], threshold: float) -> tuple[str, ...]:
    best: list[str] = []
    current: list[str] = []
    previous = None
    for f in figs:
        month = pd.Period(f.month, "M")
        restricted = f.ratio is not None and f.ratio < threshold
        follows = previous is not None and (month - previous).n == 1
        if not restricted:
            current = []
        elif current and follows:
            current = [*current, f.month]
        else:
            current = [f.month]
        previous = month
        if len(current) > len(best):
            best = current
    return tuple(best)


def preset_table(found: dict[str, Preset]) -> pd.DataFrame:
    """One row per destination, for a table under the chart."""
    rows = []
    for p in found.values():
        rows.append({
            "partner": p.partner,
            "baseline_t": p.baseline.mean_t,
            "baseline_months": p.baseline.n_months,
            "cut_pct": p.cut_pct,
            "length_months": p.length_months,
            "start": p.start,
            "ratios": "; ".join(f"{f.month} {f.ratio:.2f}" for f in p.window if f.ratio is not None),
            "statuses": ", ".join(p.statuses),
            "secondary": p.has_secondary,
            "approximate": p.has_approximate,
            "source_ids": "; ".join(p.source_ids),
            "note": " ".join(p.notes),
        })
    frame = pd.DataFrame(rows, columns=["partner", "baseline_t", "baseline_months", "cut_pct", "length_months", "start",
                                        "ratios", "statuses", "secondary", "approximate", "source_ids", "note"])
    return frame.astype({"baseline_t": "float64", "cut_pct": "float64", "length_months": "Int64"})


# --- replay -------------------------------------------------------------------------------------------------------

REPLAY_COLUMNS = ["partner", "month", "period", "mass_t", "status", "secondary", "approximate", "as_published",
                  "source_ids", "baseline_t", "baseline_months", "ratio"]


def replay(trade_flows: pd.DataFrame, *, partners: Sequence[str] = REPLAY_PARTNERS, year: int = 2025,
           baseline_year: int = BASELINE_YEAR, series: str = SERIES) -> Replay:
    """The reported months of `year` against the `baseline_year` average, per partner, with status per point."""
    figures, left_out = _pick(_series_rows(trade_flows, series))
    rows, baselines, notes = [], {}, {}
    for partner in partners:
        by_month = figures.get(partner, {})
        base = _baseline(partner, by_month, baseline_year)
        baselines[partner] = base
        points = [f for m, f in sorted(by_month.items()) if m.startswith(f"{year}-")]
        notes[partner] = (base.note, *left_out.get(partner, []),
                          *([] if points else [f"No usable monthly figure for {partner} in {year}."]))
        for f in points:
            rows.append((partner, pd.Timestamp(f.month + "-01"), f.month, f.mass_t, f.status, f.secondary, f.approximate,
                         f.as_published, "; ".join(f.source_ids), base.mean_t, base.n_months,
                         f.mass_t / base.mean_t if base.mean_t else None))
    frame = pd.DataFrame(rows, columns=REPLAY_COLUMNS).astype(
        {"month": "datetime64[ns]", "mass_t": "float64", "secondary": "bool", "approximate": "bool",
         "baseline_t": "float64", "baseline_months": "int64", "ratio": "float64"})
    return Replay(frame, baselines, notes)
