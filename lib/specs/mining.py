"""Mine production: chosen countries since 2018, and the world since 1900."""

from __future__ import annotations

import pandas as pd

from lib.domain import editions, shares
from lib.domain.usgs import PRODUCTION_COL, latest_production, production_revisions
from lib.figures.production import BASIS_TEXT, production_lines, world_production_long_run
from lib.specs.base import Datasets, Finding, Spec, finding, mt

NEEDS = ("production", "editions", "sources")
# Country-level figures start with the Minerals Yearbook 2022 table (2018); DS140 gives world totals only.
COUNTRIES_SINCE = 2018
TOP_MINERS = 6


def _latest(d: Datasets, rows: pd.DataFrame) -> pd.DataFrame:
    return latest_production(rows, editions.order(d["editions"]))


def country_choices(d: Datasets) -> list[str]:
    """Countries in order of their largest production in any year, as the latest editions give it."""
    rows = d["production"][d["production"]["entity_type"] == "country"]
    order = _latest(d, rows).groupby("country")[PRODUCTION_COL].max().sort_values(ascending=False)
    return order.index.tolist()


def default_countries(d: Datasets, also: str | None = None) -> list[str]:
    """The top miners, and `also` (a country a deck is about) where it mines."""
    ranked = country_choices(d)
    chosen = ranked[:TOP_MINERS]
    return chosen + [also] if also in ranked and also not in chosen else chosen


def by_country(d: Datasets, countries: tuple[str, ...] | list[str], mode: str = "absolute") -> pd.DataFrame:
    """The chosen countries and the world, one row per country and year (latest edition), with share_pct
    of the same year's world total."""
    prod = d["production"]
    rows = prod[(prod["year"] >= COUNTRIES_SINCE) & (prod["country"].isin(list(countries)) | (prod["entity_type"] == "world"))]
    latest = _latest(d, rows)
    latest = latest[latest["year"].isin(latest.loc[latest["entity_type"] == "country", "year"])]
    return shares.share_of_world(latest, PRODUCTION_COL, ["year"]).reset_index(drop=True)


def _basis_takeaway(year_rows: pd.DataFrame) -> str:
    """How the latest year's figures were arrived at, as USGS marks them."""
    countries = year_rows[year_rows["entity_type"] == "country"]
    top = countries.sort_values(PRODUCTION_COL).iloc[-1]
    basis = BASIS_TEXT.get(str(top["basis"]), str(top["basis"]))
    from_imports = countries[countries["basis"] == "estimated_from_china_imports"]["country"].tolist()
    estimated = int(countries["estimated"].fillna(False).sum())
    text = (f"{top['country']}'s figure for {int(top['year'])}: {basis}. "
            f"{estimated} of the {len(countries)} countries shown are estimates")
    return text + (f"; {', '.join(from_imports)} from China's reported imports." if from_imports else ".")


def mining(d: Datasets, countries: tuple[str, ...] | list[str], mode: str = "absolute") -> Finding:
    frame = by_country(d, countries, mode)
    year = int(frame["year"].max())
    this_year = frame[frame["year"] == year]
    top = this_year[this_year["entity_type"] == "country"].sort_values(PRODUCTION_COL).iloc[-1]
    world = this_year[this_year["entity_type"] == "world"][PRODUCTION_COL].iloc[0]
    title = (f"{top['country']} mined {top['share_pct']:.0f}% of the world's rare earths in {year} "
             f"({mt(top[PRODUCTION_COL])} of {mt(world)})")
    unit = "share of world mine production, %" if mode == "share" else "mine production, t REO"
    scope = d["production"].attrs.get("scope")
    unit += f" ({scope})" if scope else ""
    first = int(frame["year"].min())
    return finding("mining", frame, d, production_lines, mode=mode, title=title, takeaway=_basis_takeaway(this_year),
                   subtitle=f"Rare earths, {unit} · {first}–{year} · latest USGS edition per year; hollow = estimated")


def world(d: Datasets) -> Finding:
    rows = d["production"][d["production"]["entity_type"] == "world"]
    frame = _latest(d, rows).sort_values("year").reset_index(drop=True)
    known = frame.dropna(subset=[PRODUCTION_COL])
    first, last = known.iloc[0], known.iloc[-1]
    base_year = int(last["year"]) - 10
    base = known[known["year"] == base_year][PRODUCTION_COL]
    times = f", {last[PRODUCTION_COL] / base.iloc[0]:.1f}× {base_year}" if not base.empty else ""
    title = f"World rare-earth mining reached {mt(last[PRODUCTION_COL])} in {int(last['year'])}{times}"
    return finding("world-production", frame, d, world_production_long_run, title=title,
                   takeaway=f"USGS world totals from {int(first['year'])}; each year from the latest USGS publication.",
                   subtitle=f"World mine production, t REO · {int(first['year'])}–{int(last['year'])} · USGS DS140, MYB and MCS")


MINING = Spec("mining", "Mine production", NEEDS, mining)
WORLD = Spec("world-production", "World mine production", NEEDS, world)


def revisions(d: Datasets) -> pd.DataFrame:
    return production_revisions(d["production"], editions.order(d["editions"]))
