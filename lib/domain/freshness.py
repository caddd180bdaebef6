"""How current each series is: its latest period, and how many releases the publisher's rhythm says have
come out since (release_rhythm.csv). Computed for a given day; nothing here guesses a figure."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from lib.domain import trade

COLUMNS = ["series_id", "series", "publisher", "latest_period", "rhythm", "next_due", "releases_due", "source_id", "note"]


def rows_of(rhythm: pd.Series, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of `frame` that belong to the series (those whose filter column starts with its prefix)."""
    column = frame[rhythm["filter_column"]].astype("string").fillna("")
    rows = frame[column.str.startswith(str(rhythm["filter_prefix"]))]
    if "status" in rows:
        rows = rows[rows["status"] != "unverified"]
    return rows


def _edition_year(edition: str) -> int | None:
    found = re.search(r"(\d{4})", str(edition))
    return int(found.group(1)) if found else None


def latest(rhythm: pd.Series, rows: pd.DataFrame):
    """(label, date) of the latest period: a month end for monthly series, the edition or year for annual ones."""
    if rows.empty:
        return "no figure", None
    how = rhythm["latest_by"]
    if how == "period_end":
        last = rows.loc[rows["period_end"].idxmax()]
        return trade.period_label(last), last["period_end"].date()
    if how == "edition_year":
        years = rows["edition"].map(_edition_year).dropna()
        year = int(years.max())
        edition = rows[rows["edition"].map(_edition_year) == year]["edition"].iloc[0]
        return str(edition), dt.date(year, 1, 1)
    year = int(rows["year"].max())
    return str(year), dt.date(year, 12, 31)


def _months_after(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    end = pd.Timestamp(year=year, month=month % 12 + 1, day=1) + pd.offsets.MonthEnd(0)
    return end.date()


def due(rhythm: pd.Series, last: dt.date | None, today: dt.date) -> tuple[str, int | None]:
    """(when the next release is due, how many releases are due by `today` and not in the data), from the rhythm.
    None where the publisher states no rhythm the data can compute with."""
    if last is None:
        return "", None
    if rhythm["frequency"] == "monthly" and pd.notna(rhythm.get("typical_lag_days")):
        lag = dt.timedelta(days=int(rhythm["typical_lag_days"]))
        next_due = _months_after(last, 1) + lag
        count, month_end = 0, _months_after(last, 1)
        while month_end + lag <= today:
            count, month_end = count + 1, _months_after(month_end, 1)
        return f"{next_due:%d %b %Y}", count
    if rhythm["frequency"] == "annual" and pd.notna(rhythm.get("usual_release_months")) and rhythm["usual_release_months"]:
        month = min(int(m) for m in str(rhythm["usual_release_months"]).split(";"))
        count, year = 0, last.year + 1
        while dt.date(year, month, 1) <= today:
            count, year = count + 1, year + 1
        return f"{dt.date(last.year + 1, month, 1):%b %Y}", count
    return "", None


def table(rhythms: pd.DataFrame, datasets: dict, today: dt.date) -> pd.DataFrame:
    """One row per series: its latest period, when the next release is due, and how many are due and missing."""
    out = []
    for _, r in rhythms.iterrows():
        frame = datasets.get(r["dataset"])
        if frame is None:
            continue
        label, last = latest(r, rows_of(r, frame))
        next_due, count = due(r, last, today)
        rhythm = r["frequency"] + (f", about {int(r['typical_lag_days'])} days after the month"
                                   if pd.notna(r.get("typical_lag_days")) else "")
        out.append({"series_id": r["series_id"], "series": r["series"], "publisher": r["publisher"],
                    "latest_period": label, "rhythm": rhythm, "next_due": next_due, "releases_due": count,
                    "source_id": r["source_id"] if pd.notna(r["source_id"]) else None, "note": r["note"]})
    frame = pd.DataFrame(out, columns=COLUMNS)
    return frame.astype({"releases_due": "Int64"})


def sentence(row: pd.Series) -> str:
    """The freshness of one series in words, for a chart's page or the Overview."""
    text = f"{row['series']}: latest figure {row['latest_period']}"
    if pd.notna(row["releases_due"]) and row["releases_due"] > 0:
        n = int(row["releases_due"])
        text += f"; by the publisher's usual rhythm, {n} later release{'s are' if n != 1 else ' is'} out and not in the data"
    elif row["next_due"]:
        text += f"; the next is due about {row['next_due']}"
    return text + "."


def trade_line(found: pd.DataFrame, rhythms: pd.DataFrame) -> str:
    """How current the trade figures are, in one line: the first monthly trade series the rhythms list."""
    monthly = rhythms[(rhythms["dataset"] == "trade_flows") & (rhythms["frequency"] == "monthly")]["series_id"]
    rows = found[found["series_id"].isin(monthly)]
    return sentence(rows.iloc[0]) if not rows.empty else ""
