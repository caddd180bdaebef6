"""Concentration of each stage, mine to magnet, and each country's share of a stage (IEA, magnet rare earths)."""

from __future__ import annotations

import pandas as pd

from lib.domain import editions, stages
from lib.figures.stages import stage_concentration, stage_country_shares
from lib.specs.base import Datasets, Finding, Spec, finding

NEEDS = ("stage_shares", "editions", "sources")


def edition_choices(d: Datasets) -> list[str]:
    """Editions with the IEA's tables (not the stages whose only figure is a stated share), newest first."""
    s = d["stage_shares"]
    stated = stages.stated_share_stages(s)
    return editions.newest_first(d["editions"], s[~s["stage"].isin(stated)]["edition"])


def year_choices(d: Datasets, edition: str) -> list[str]:
    s = d["stage_shares"]
    return [str(y) for y in sorted(s[s["edition"] == edition]["year"].unique())]


def base_year(d: Datasets, edition: str) -> int:
    """The edition's actual (not projected) year."""
    s = d["stage_shares"]
    return int(s[(s["edition"] == edition) & (s["case"] == "actual")]["year"].max())


def _rows(d: Datasets, edition: str, year: int) -> pd.DataFrame:
    s = d["stage_shares"]
    return stages.chosen(s, edition, int(year), stages.stated_share_stages(s))


def stated_share_note(d: Datasets) -> str:
    """What the stages with only a stated share rest on, in words, from their rows."""
    s = d["stage_shares"]
    labels = s.attrs.get("labels", {}).get("stage", {})
    notes = []
    for stage in stages.stated_share_stages(s):
        rows = s[s["stage"] == stage]
        top = rows.sort_values("share_pct").iloc[-1]
        source = d["sources"].set_index("source_id").loc[top["source_id"]]
        notes.append(
            f"{labels.get(stage, stage)}: the IEA's data has no table for it. The one figure ({top['country']} "
            f"{top['share_pct']:.0f}%) comes from {top['edition']}, as quoted by {source['publisher']} ({source['published']}), "
            f"so it is shown as a {top['status']} source with no other country."
        )
    return " ".join(notes)


def _latest(d: Datasets, year: int) -> str:
    s = d["stage_shares"]
    labels = s.attrs.get("labels", {}).get("stage", {})
    stated = [f"{labels.get(stage, stage).lower()}: {int(s[s['stage'] == stage]['year'].max())}"
              for stage in stages.stated_share_stages(s)]
    return f"{year}" + (f" ({'; '.join(stated)})" if stated else "")


def _stated_suffix(d: Datasets) -> str:
    s = d["stage_shares"]
    labels = s.attrs.get("labels", {}).get("stage", {})
    parts = [f"{labels.get(stage, stage).lower()}: {s[s['stage'] == stage]['edition'].iloc[0]}"
             for stage in stages.stated_share_stages(s)]
    return "".join(f" · {p}" for p in parts)


def concentration(d: Datasets, edition: str, year: int) -> Finding:
    rows = _rows(d, edition, year)
    conc = stages.concentration_by_stage(rows, d["stage_shares"])
    parts = [f"{r.top_share_pct:.0f}% of {str(r.stage_label).lower()}" for r in conc.itertuples()]
    leader = conc["top_country"].mode().iloc[0]
    projection = (conc["case"] == "projection").any()
    title = f"{leader} holds {', '.join(parts)}" + (" (projection)" if projection else "")
    return finding("concentration", conc, d, stage_concentration, source_rows=rows, title=title, latest=_latest(d, year),
                   takeaway="HHI is the sum of squared country shares: 10,000 means a single supplier.",
                   subtitle="Top-country and top-3 shares of world supply, % · magnet rare earths (Nd, Pr, Dy, Tb) · "
                            f"{edition}, {year}")


def latest_concentration(d: Datasets) -> Finding:
    """Concentration in the base year (actual, not projected) of the latest IEA edition."""
    edition = edition_choices(d)[0]
    return concentration(d, edition, base_year(d, edition))


def country_shares(d: Datasets, edition: str, year: int) -> Finding:
    rows = _rows(d, edition, year)
    frame = stages.country_shares(rows, d["stage_shares"])
    refiners = frame[(frame["stage"] == "refining") & (frame["entity_type"] == "country")]
    refiners = refiners.sort_values("share_pct", ascending=False)
    if len(refiners) >= 2:
        first, second = refiners.iloc[0], refiners.iloc[1]
        title = (f"{first['country']} refines {first['share_pct']:.0f}% of magnet rare earths; "
                 f"{second['country']} is second with {second['share_pct']:.0f}%")
    else:
        title = f"Who supplies each stage, {year}"
    return finding("stage-shares", frame, d, stage_country_shares, source_rows=rows, title=title, latest=_latest(d, year),
                   takeaway="Shares are each country's supply divided by the IEA's world total for the stage.",
                   subtitle=f"Share of world supply by country, % · {edition}, {year}{_stated_suffix(d)}")


CONCENTRATION = Spec("concentration", "Concentration by stage", NEEDS, concentration)
SHARES = Spec("stage-shares", "Supply by stage and country", NEEDS, country_shares)
