"""What a briefing deck says, whichever file it goes into: the cover, the data vintage, the sources."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from lib.domain import provenance

SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5
INK, GREY, TITLE_INK = "222222", "555555", "111111"
NO_IMAGE = "Chart image unavailable: server-side export needs Chromium on the host that built this deck."


def deck_vintage(findings, sources: pd.DataFrame) -> tuple[str, str]:
    """(latest publication, latest date read) across the rows behind all the findings."""
    rows = [f.source_rows for f in findings if "source_id" in f.source_rows]
    if not rows:
        return "", ""
    return provenance.vintage(pd.concat([r[["source_id"]] for r in rows], ignore_index=True), sources)


def deck_sources(findings, sources: pd.DataFrame) -> pd.DataFrame:
    rows = [f.source_rows[["source_id"]] for f in findings if "source_id" in f.source_rows]
    if not rows:
        return sources.iloc[0:0]
    return provenance.cited(pd.concat(rows, ignore_index=True), sources)


def cover_lines(findings, country: str, sources: pd.DataFrame, today: dt.date) -> tuple[str, list[str]]:
    """The title slide's title and lines: the date, the data vintage, the number of charts."""
    published, accessed = deck_vintage(findings, sources)
    return f"Rare-earth supply dependence: {country}", [
        f"Briefing deck, {today:%d %B %Y}",
        f"Data vintage: sources published up to {published}; read up to {accessed}." if published else
        "Data vintage: no sourced rows.",
        f"{len(findings)} chart{'s' if len(findings) != 1 else ''}; every figure names its source.",
    ]


def source_entry(source) -> str:
    return f"{provenance.citation(source)}. {source['url']} (read {source['accessed']:%Y-%m-%d})"
