"""Source lines and dataset catalogue entries, generated from the data package and sources.csv.

Pages never type a source or a date: they ask this module, so the line under a chart always says
what the plotted rows actually cite.
"""

from __future__ import annotations

import pandas as pd

from lib.domain import trade

MAX_CITED = 3


def cited(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The rows of `sources` that `frame` cites, newest publication first."""
    if "source_id" not in frame or frame.empty:
        return sources.iloc[0:0]
    ids = frame["source_id"].dropna().unique()
    return sources[sources["source_id"].isin(ids)].sort_values("published", ascending=False)


def citation(source: pd.Series) -> str:
    """A short citation: publisher and title, cut before any subtitle."""
    publisher = str(source["publisher"]).split(",")[0].split(" (")[0]
    title = str(source["title"]).split(": ")[0].split(" (")[0]
    return f"{publisher}, {title} ({source['published']})"


def vintage(frame: pd.DataFrame, sources: pd.DataFrame) -> tuple[str, str]:
    """(latest publication date, latest date read) of the sources behind `frame`."""
    used = cited(frame, sources)
    if used.empty:
        return "", ""
    return str(used["published"].max()), used["accessed"].max().strftime("%Y-%m-%d")


def latest_period(frame: pd.DataFrame) -> str:
    """The latest period the rows hold, as a reader says it ('Mar 2026', '2025'); '' where they hold none."""
    if frame.empty:
        return ""
    if "period_end" in frame and frame["period_end"].notna().any():
        last = frame.loc[frame["period_end"].idxmax()]
        if "period_type" in frame and pd.notna(last.get("period_start")):
            return trade.period_label(last)
        return f"{last['period_end']:%b %Y}"
    if "month" in frame and frame["month"].notna().any():
        return f"{frame['month'].max():%b %Y}"
    if "year" in frame and frame["year"].notna().any():
        return str(int(frame["year"].max()))
    if "event_date" in frame and frame["event_date"].notna().any():
        happened = frame[frame["timing"] == "occurred"] if "timing" in frame else frame
        return f"{happened['event_date'].max():%d %b %Y}" if not happened.empty else ""
    return ""


def source_line(frame: pd.DataFrame, sources: pd.DataFrame, latest: str | None = None) -> str:
    """'Source: …. Latest period: …. Data published up to …; read ….' for the rows in `frame`.

    `latest` is the latest period the chart shows, where the rows alone cannot say it (reserves are
    current at publication); by default it is read from the rows' period, month or year columns.
    """
    used = cited(frame, sources)
    if used.empty:
        return "Source: none — no rows to show."
    names = [citation(s) for _, s in used.head(MAX_CITED).iterrows()]
    more = len(used) - MAX_CITED
    if more > 0:
        names.append(f"and {more} more (see Data & sources)")
    published, accessed = vintage(frame, sources)
    label = "Source" if len(used) == 1 else "Sources"
    latest = latest_period(frame) if latest is None else latest
    period = f" Latest period: {latest}." if latest else ""
    return f"{label}: {'; '.join(names)}.{period} Data published up to {published}; read {accessed}."


_ENTITY_COLUMNS = ("country", "partner", "importer", "actor", "source_id")
_TIME_COLUMNS = (("year", "year"), ("period_start", "date"), ("event_date", "date"))


def coverage(frame: pd.DataFrame) -> str:
    """A one-line description of what a dataset covers: how many entities, which years."""
    parts = [f"{len(frame):,} rows"]
    for col in _ENTITY_COLUMNS:
        if col in frame:
            values = frame[col].dropna().unique()
            parts.append(f"{len(values)} {col.replace('_', ' ')} value(s)")
            break
    if "edition" in frame:
        parts.append("editions " + ", ".join(sorted(frame["edition"].dropna().unique())))
    for col, kind in _TIME_COLUMNS:
        if col in frame and frame[col].notna().any():
            lo, hi = frame[col].min(), frame[col].max()
            if kind == "date":
                end = frame["period_end"].max() if "period_end" in frame else hi
                lo, hi = lo.strftime("%Y-%m"), end.strftime("%Y-%m")
            parts.append(f"{lo}–{hi}")
            break
    return " · ".join(parts)


def units(resource: dict) -> pd.DataFrame:
    """Field name, type, unit and definition of every column of a dataset."""
    rows = [
        {
            "column": f["name"],
            "type": f["type"],
            "unit": f.get("unit", ""),
            "definition": f.get("description", ""),
        }
        for f in resource["schema"]["fields"]
    ]
    return pd.DataFrame(rows)


def catalogue_entry(frame: pd.DataFrame, sources: pd.DataFrame, res: dict) -> dict:
    """What the Data & sources page shows for one dataset (its frame, described by `res`), in one go."""
    published, accessed = vintage(frame, sources)
    used = cited(frame, sources)
    return {
        "coverage": coverage(frame),
        "licence": "; ".join(lic.get("title", lic["name"]) for lic in res.get("licenses", [])),
        "published": published,
        "accessed": accessed,
        "units": units(res),
        "sources": used[["title", "publisher", "published", "url", "licence", "accessed"]],
        "preview": frame.head(20),
    }


def catalogue_row(res: dict, entry: dict | None, status: str = "in use") -> dict:
    """One dataset's line in the catalogue's overview: `entry` from catalogue_entry, or None where it cannot be
    built, in which case `status` says why."""
    known = entry or {}
    return {
        "dataset": res["title"],
        "file": res["path"],
        "covers": known.get("coverage") or "—",
        "published up to": known.get("published") or "—",
        "last read": known.get("accessed") or "—",
        "sources": str(len(entry["sources"])) if entry else "—",
        "status": status,
    }
