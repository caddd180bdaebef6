"""Baselines read from the data: a mean of monthly figures, a period's total over its months, a typed split."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from lib.domain import trade
from lib.domain.numbers import as_float, is_in
from lib.domain.scenario.inputs import (
    Baseline,
    InputError,
    check_count,
    check_month,
    check_real,
    check_text,
    check_tonnages,
    fmt_n,
    offset,
)

# --- baselines from data ------------------------------------------------------------------------------------------

def baseline_from_monthly(rows: pd.DataFrame, *, importer: str, product: str, months: Sequence[str],
                          exclude: Sequence[str] = ("World",)) -> Baseline:
    """Mean of the chosen months, per supplier, from rows already narrowed to the importer's monthly imports of
    one product (one row per supplier and month; the trade tables' columns partner, period_start or period,
    mass_t, source_id and, where there is one, status). Rows whose partner is in `exclude` (totals, groups) are
    left out, and so are the rows trade.charted never draws (unverified). Every supplier needs a figure in every
    chosen month, and one only: a gap is not read as zero, nor filled."""
    chosen = [check_month(m, "months") for m in months]
    if not chosen:
        raise InputError("months", "at least one month", months)
    if len(set(chosen)) != len(chosen):
        raise InputError("months", "each month once", list(months))
    missing_cols = [c for c in ("partner", "mass_t", "source_id") if c not in rows.columns]
    if missing_cols or not {"period_start", "period"} & set(rows.columns):
        raise InputError("rows", "a table with columns partner, period_start (or period), mass_t, source_id",
                         missing_cols or ["period_start"])
    df = trade.charted(rows.loc[~is_in(rows, "partner", *exclude)])
    period = trade.month_start(df).dt.strftime("%Y-%m")
    df = df.assign(check_month=period.to_numpy()).loc[period.isin(chosen).to_numpy()]
    mass = as_float(df["mass_t"])
    df = df.assign(_mass=mass.to_numpy()).loc[mass.notna().to_numpy()]
    if df.empty:
        raise InputError("months", f"months with figures for {importer} (none in {', '.join(chosen)})", list(months))
    dup = df.duplicated(["partner", "check_month"], keep=False)
    if dup.any():
        first = df.loc[dup].iloc[0]
        raise InputError("rows", f"one figure per supplier and month ({first['partner']} has several in {first['check_month']})",
                         sorted(df.loc[dup, "source_id"].astype(str).unique()))
    supply = {}
    for supplier, g in df.groupby("partner", sort=False):
        lacking = [m for m in chosen if m not in set(g["check_month"])]
        if lacking:
            raise InputError("months", f"months where every supplier has a figure ({supplier} has none in "
                                       f"{', '.join(lacking)})", list(months))
        supply[str(supplier)] = float(g["_mass"].mean())
    ordered = sorted(chosen)
    span = f"{ordered[0]} to {ordered[-1]}" if len(ordered) > 1 else ordered[0]
    contiguous = offset(ordered[-1], ordered[0]) == len(ordered) - 1
    basis = f"mean of {len(ordered)} monthly figure{'s' if len(ordered) != 1 else ''}, " + (
        span if contiguous else ", ".join(ordered))
    return Baseline(importer=importer, product=product, supply_t=supply, reference_start=ordered[0],
                    reference_end=ordered[-1], basis=basis, source_ids=tuple(sorted(df["source_id"].astype(str).unique())))


def baseline_from_records(table: pd.DataFrame, *, importer: str, product: str, months: Sequence[str],
                          product_col: str = "product_scope", exclude: Sequence[str] = ("World",)) -> Baseline:
    """Monthly baseline from a long trade table: the importer's imports of `product`, matched exactly in
    product_col (product_scope in trade_flows; pass e.g. "commodity_code" for a table that names products so),
    monthly rows, as trade.charted keeps them (the importer's own imports, never unverified)."""
    for col in (product_col, "reporter", "flow", "period_type"):
        if col not in table.columns:
            raise InputError("table", f"a trade table with a column {col!r}", list(table.columns))
    rows = trade.charted(table, importer, "import")
    rows = rows.loc[is_in(rows, "period_type", "month") & is_in(rows, product_col, product)]
    return baseline_from_monthly(rows, importer=importer, product=product, months=months, exclude=exclude)


def baseline_from_total(totals_t: Mapping[str, float], *, importer: str, product: str, start: str, end: str,
                        label: str, source_ids: Sequence[str]) -> Baseline:
    """A period's total per supplier divided by the period's months (a year's figure / 12, a fiscal half / 6).
    label names the period as the source states it (e.g. '2024', 'FY2024-25')."""
    s, e = check_month(start, "start"), check_month(end, "end")
    n = offset(e, s) + 1
    if n < 1:
        raise InputError("end", f"a month no earlier than start ({s})", e)
    pairs = check_tonnages(totals_t, "totals_t")
    return Baseline(importer=importer, product=product, supply_t={k: v / n for k, v in pairs}, reference_start=s,
                    reference_end=e, basis=f"{check_text(label, 'label')} figure / {n} months", source_ids=tuple(source_ids))


def baseline_from_year(totals_t: Mapping[str, float], *, importer: str, product: str, year: int,
                       source_ids: Sequence[str]) -> Baseline:
    """A calendar year's figure per supplier / 12."""
    y = check_count(year, "year", "a year such as 2024", low=1900, high=2200)
    return baseline_from_total(totals_t, importer=importer, product=product, start=f"{y}-01", end=f"{y}-12",
                               label=str(y), source_ids=source_ids)


def baseline_with_split(baseline_total: Baseline, split_pct: Mapping[str, float]) -> Baseline:
    """Spread a baseline without a partner split (one row, e.g. 'World') over suppliers by shares the user typed.
    The result is flagged as the user's assumption (split_assumed) and says so in its basis."""
    if not isinstance(baseline_total, Baseline):
        raise InputError("baseline_total", "a Baseline", baseline_total)
    pairs = check_tonnages(split_pct, "split_pct")
    for name, pct in pairs:
        check_real(pct, f"split_pct[{name!r}]", "a share from 0 to 100 (%)", low=0, high=100)
    total_pct = sum(p for _, p in pairs)
    if not pairs or abs(total_pct - 100) > 0.01:
        raise InputError("split_pct", "shares adding up to 100 (%)", round(total_pct, 4))
    total = baseline_total.demand_t
    words = ", ".join(f"{name} {fmt_n(p)} %" for name, p in pairs)
    return Baseline(importer=baseline_total.importer, product=baseline_total.product,
                    supply_t={name: total * p / 100 for name, p in pairs},
                    reference_start=baseline_total.reference_start, reference_end=baseline_total.reference_end,
                    basis=f"{baseline_total.basis}; split by supplier as typed by the user ({words})",
                    source_ids=baseline_total.source_ids, split_assumed=True,
                    split_note=words)


