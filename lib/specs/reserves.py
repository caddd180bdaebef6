"""Reserves by country for one USGS edition, as bars and as a map."""

from __future__ import annotations

import pandas as pd

from lib.domain import editions, shares
from lib.domain.usgs import RESERVES_COL, reserves_revisions
from lib.figures.reserves import reserves_bar, reserves_map
from lib.specs.base import Datasets, Finding, Spec, finding, mt

NEEDS = ("reserves", "editions", "sources")


def edition_choices(d: Datasets) -> list[str]:
    """The editions that hold reserves, newest first."""
    return editions.newest_first(d["editions"], d["reserves"]["edition"])


def with_shares(d: Datasets, edition: str) -> pd.DataFrame:
    """One edition's reserves, with each country's share of the listed countries' total.

    USGS gives recent world totals only as lower bounds ('>75,000,000'), so a share of the world
    cannot be computed; the share of what USGS lists can, and is labelled as such.
    """
    rows = d["reserves"][d["reserves"]["edition"] == edition]
    return shares.share_of_listed(rows, RESERVES_COL, ["edition"], skipna=True)


def _finding_text(rows: pd.DataFrame, edition: str) -> tuple[str, str]:
    countries = rows[rows["entity_type"] == "country"].dropna(subset=[RESERVES_COL])
    top = countries.sort_values(RESERVES_COL, ascending=False).iloc[0]
    title = (f"{top['country']} holds the largest rare-earth reserves: {mt(top[RESERVES_COL])}, "
             f"{top['share_pct']:.0f}% of what USGS lists ({edition})")
    missing = rows[(rows["entity_type"] == "country") & rows[RESERVES_COL].isna()]["country"].tolist()
    takeaway = f"{len(countries)} countries have a figure" + (f"; USGS gives none for {', '.join(missing)}." if missing else ".")
    return title, takeaway


def _build(key: str, draw, note: str):
    def build(d: Datasets, edition: str) -> Finding:
        rows = with_shares(d, edition)
        title, takeaway = _finding_text(rows, edition)
        name = editions.title(d["editions"], edition)
        published = d["editions"].set_index("edition").loc[edition, "published"]
        scope = d["reserves"].attrs.get("scope")
        subtitle = f"Reserves, t REO{f' ({scope})' if scope else ''} · USGS {name}{note}"
        return finding(key, rows, d, draw, title=title, takeaway=takeaway, subtitle=subtitle,
                       latest=f"reserves as published ({published})")
    return build


BAR = Spec("reserves", "Reserves by country", NEEDS, _build("reserves", reserves_bar, " · NA: USGS gives no figure"))
MAP = Spec("reserves-map", "Reserves map", NEEDS, _build("reserves-map", reserves_map, ""))


def revisions(d: Datasets) -> pd.DataFrame:
    return reserves_revisions(d["reserves"], editions.order(d["editions"]))
