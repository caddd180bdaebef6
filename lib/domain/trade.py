"""Trade rows as the charts and facts read them: one customs series whoever reported it, one reporter's
flow at a time, and unverified figures never used as fact."""

from __future__ import annotations

import pandas as pd

from lib.domain.numbers import is_in

# China customs' magnet line, as the product scope of trade_flows names it before saying who reported it.
CHINA_MAGNET_SERIES = "Rare-earth permanent magnets (China customs magnet line within HS 8505.11)"
# China customs' headline rare-earth export line (the 17 elements), likewise.
CHINA_RARE_EARTHS_SERIES = "Rare earths, 17-element group (China customs headline rare-earth export line)"
# What the 17-element line holds, in the words every chart and note of it uses.
CHINA_RARE_EARTHS_WORDS = "The 17-element headline line of China's customs: mostly compounds and metals, not magnets."
# The exporter whose customs lines these are.
EXPORTER = "China"
STATUS_RANK = {"confirmed": 0, "secondary": 1}
# How the magnet product scopes begin: all permanent magnets (ferrite included), rare-earth magnets (alone or
# with magnet powder and alloys), and China customs' magnet line. Rare-earth metals, their compounds and the
# 17-element line are raw materials reported in the same table: they never count as magnets.
MAGNET_SCOPES = ("Permanent magnets", "Rare-earth magnets", "Rare-earth permanent magnets")


def series(product_scope: str) -> str:
    """The product series without who reported it, so one customs line read in several outlets is one series."""
    return str(product_scope).split(", as reported")[0].split(" (as reported")[0]


def charted(df: pd.DataFrame, reporter: str | None = None, flow: str | None = None) -> pd.DataFrame:
    """The rows of one reporter's flow that may be drawn: never unverified (one weak source), and never
    one reporter's imports merged with another's exports."""
    keep = ~is_in(df, "status", "unverified")
    if reporter is not None:
        keep &= is_in(df, "reporter", reporter)
    if flow is not None:
        keep &= is_in(df, "flow", flow)
    return df[keep]


def magnets(df: pd.DataFrame) -> pd.DataFrame:
    """The rows whose product scope is a magnet product (see MAGNET_SCOPES)."""
    return df[df["product_scope"].fillna("").str.startswith(MAGNET_SCOPES)]


def is_approximate(row) -> bool:
    """Whether the source gives the figure as approximate ('nearly 53,000 tonnes'); its words are kept."""
    flag = row.get("approximate")
    return bool(flag) if flag is not None and not pd.isna(flag) else False


def month_start(df: pd.DataFrame) -> pd.Series:
    if "period_start" in df and df["period_start"].notna().all():
        start = pd.to_datetime(df["period_start"])
    else:
        start = pd.to_datetime(df["period"].astype(str).str[:7], format="%Y-%m")
    return start.dt.to_period("M").dt.to_timestamp()


def monthly(df: pd.DataFrame, keys=("partner", "product_scope")) -> pd.DataFrame:
    """Month rows with a `month` column, one figure per series and month: a confirmed figure wins over a
    secondary one for the same month."""
    d = df[is_in(df, "period_type", "month")].copy()
    d["month"] = month_start(d)
    d["_rank"] = d["status"].map(STATUS_RANK).fillna(2) if "status" in d else 0
    d = d.sort_values("_rank", kind="stable").drop_duplicates([*keys, "month"], keep="first")
    return d.drop(columns="_rank").sort_values([*keys, "month"]).reset_index(drop=True)


def china_exports(trade_flows: pd.DataFrame, line: str) -> pd.DataFrame:
    """China's monthly exports on one customs line, whichever outlet reported the figure, one figure per
    destination and month, unverified rows left out (a two-month total is not a month, and is left out)."""
    t = charted(trade_flows, EXPORTER, "export")
    rows = t[t["product_scope"].fillna("").str.startswith(line)]
    return monthly(rows.assign(product_scope=rows["product_scope"].map(series)))


def china_magnet_exports(trade_flows: pd.DataFrame) -> pd.DataFrame:
    return china_exports(trade_flows, CHINA_MAGNET_SERIES)


def policy_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events that bear on China's exports: its controls and the deals that eased them, dated to the
    day (month-only events cannot be placed on a monthly axis without implying a precision they lack)."""
    return events[is_in(events, "category", "export_control", "trade_deal") & is_in(events, "date_precision", "day")]


def period_label(row) -> str:
    """A period as a reader says it: 'May 2025', 'Apr – Sep 2025', 'FY2024-25', '2025-H1'."""
    start, end = row["period_start"], row["period_end"]
    if row["period_type"] == "month":
        return f"{start:%b %Y}"
    if row["period_type"] in ("cumulative", "fiscal_half"):
        return f"{start:%b} – {end:%b %Y}" if start.year == end.year else f"{start:%b %Y} – {end:%b %Y}"
    return str(row["period"])
