"""Each chart of the dashboard, defined once: which rows, which builder, what title it states.

A view is computed from loaded datasets (a dict of DataFrames) and a few parameters, without
Streamlit, so the page, the image export and the briefing deck all show the same figure, and a
test can check a view without a browser. Titles state the finding with numbers computed here from
the data, never typed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lib import charts, metrics, provenance

Datasets = dict[str, pd.DataFrame]

CHINA_MAGNET_SERIES = "Rare-earth permanent magnets (China customs magnet line within HS 8505.11)"
STAGE_LABELS = {"mining": "mining", "refining": "refining", "magnet_manufacturing": "magnet making"}


@dataclass
class View:
    key: str
    title: str
    takeaway: str
    figure: go.Figure
    frame: pd.DataFrame
    source: str
    source_rows: pd.DataFrame  # the sourced rows behind the figure (frame may be derived from them)


def _mt(tonnes) -> str:
    return f"{tonnes / 1e6:.1f} Mt" if tonnes >= 1e6 else f"{tonnes:,.0f} t"


def _view(key, frame, d: Datasets, build, *, title, takeaway, subtitle, **kwargs) -> View:
    source = provenance.source_line(frame, d["sources"])
    figure = build(frame, title=title, subtitle=subtitle, source=source, **kwargs)
    return View(key, title, takeaway, figure, frame, source, frame)


# --- reserves ---------------------------------------------------------------------------------


def reserve_editions(d: Datasets) -> list[str]:
    return sorted(d["reserves"]["edition"].unique(), reverse=True)


def reserves_with_shares(d: Datasets, edition: str) -> pd.DataFrame:
    """One edition's reserves, with each country's share of the listed countries' total.

    USGS gives recent world totals only as lower bounds ('>75,000,000'), so a share of the world
    cannot be computed; the share of what USGS lists can, and is labelled as such.
    """
    rows = d["reserves"][d["reserves"]["edition"] == edition]
    return metrics.share_of_listed(rows, metrics.RESERVES_COL, ["edition"], skipna=True)


def _reserves_finding(rows: pd.DataFrame, edition: str) -> tuple[str, str]:
    countries = rows[rows["entity_type"] == "country"].dropna(subset=[metrics.RESERVES_COL])
    top = countries.sort_values(metrics.RESERVES_COL, ascending=False).iloc[0]
    title = (
        f"{top['country']} holds the largest rare-earth reserves: {_mt(top[metrics.RESERVES_COL])}, "
        f"{top['share_pct']:.0f}% of what USGS lists ({edition})"
    )
    missing = rows[(rows["entity_type"] == "country") & rows[metrics.RESERVES_COL].isna()]["country"].tolist()
    takeaway = f"{len(countries)} countries have a figure" + (
        f"; USGS gives none for {', '.join(missing)}." if missing else "."
    )
    return title, takeaway


def _reserves_view(d: Datasets, edition: str, key: str, build, subtitle: str) -> View:
    rows = reserves_with_shares(d, edition)
    title, takeaway = _reserves_finding(rows, edition)
    return _view(key, rows, d, build, title=title, takeaway=takeaway, subtitle=subtitle)


def reserves(d: Datasets, edition: str) -> View:
    return _reserves_view(d, edition, "reserves", charts.reserves_bar,
                          f"Reserves, t REO · USGS Mineral Commodity Summaries {edition[3:]} · NA: USGS gives no figure")


def reserves_map(d: Datasets, edition: str) -> View:
    return _reserves_view(d, edition, "reserves-map", charts.reserves_map,
                          f"Reserves, t REO · USGS Mineral Commodity Summaries {edition[3:]}")


def reserves_revisions(d: Datasets) -> pd.DataFrame:
    return metrics.reserves_revisions(d["reserves"])


# --- mining -----------------------------------------------------------------------------------


def production_countries(d: Datasets) -> list[str]:
    rows = d["production"][d["production"]["entity_type"] == "country"]
    latest = metrics.latest_production(rows)
    order = latest.groupby("country")[metrics.PRODUCTION_COL].max().sort_values(ascending=False)
    return order.index.tolist()


def mining(d: Datasets, countries: list[str], mode: str = "absolute") -> View:
    prod = d["production"]
    since_2018 = prod[(prod["year"] >= 2018) & (prod["edition"] != "DS140")]
    rows = since_2018[since_2018["country"].isin(countries) | (since_2018["entity_type"] == "world")]
    latest = metrics.latest_production(rows)
    year = int(latest["year"].max())
    this_year = metrics.share_of_world(latest[latest["year"] == year], metrics.PRODUCTION_COL, ["year"])
    top = this_year[this_year["entity_type"] == "country"].sort_values(metrics.PRODUCTION_COL).iloc[-1]
    world = this_year[this_year["entity_type"] == "world"][metrics.PRODUCTION_COL].iloc[0]
    title = (
        f"{top['country']} mined {top['share_pct']:.0f}% of the world's rare earths in {year} "
        f"({_mt(top[metrics.PRODUCTION_COL])} of {_mt(world)})"
    )
    unit = "share of world mine production, %" if mode == "share" else "mine production, t REO"
    return _view(
        "mining", rows, d, charts.production_lines, mode=mode, title=title,
        takeaway="China's figure is its official mining quota; several others are USGS estimates from China's import data.",
        subtitle=f"Rare earths, {unit} · {int(rows['year'].min())}–{year} · latest USGS edition per year; hollow = estimated",
    )


def world_production(d: Datasets) -> View:
    rows = d["production"][d["production"]["entity_type"] == "world"]
    latest = metrics.latest_production(rows).sort_values("year")
    first = latest.dropna(subset=[metrics.PRODUCTION_COL]).iloc[0]
    last = latest.dropna(subset=[metrics.PRODUCTION_COL]).iloc[-1]
    title = (
        f"World rare-earth mining reached {_mt(last[metrics.PRODUCTION_COL])} in {int(last['year'])}, "
        f"{last[metrics.PRODUCTION_COL] / latest[latest['year'] == 2015][metrics.PRODUCTION_COL].iloc[0]:.1f}× 2015"
    )
    return _view(
        "world-production", rows, d, charts.world_production_long_run, title=title,
        takeaway=f"USGS world totals from {int(first['year'])}; each year from the latest USGS publication.",
        subtitle=f"World mine production, t REO · {int(first['year'])}–{int(last['year'])} · USGS DS140, MYB and MCS",
    )


def production_revisions(d: Datasets) -> pd.DataFrame:
    return metrics.production_revisions(d["production"])


# --- supply chain -----------------------------------------------------------------------------


def stage_editions(d: Datasets) -> list[str]:
    s = d["stage_shares"]
    return sorted(s[s["stage"] != "magnet_manufacturing"]["edition"].unique(), reverse=True)


def stage_years(d: Datasets, edition: str) -> list[str]:
    s = d["stage_shares"]
    return [str(y) for y in sorted(s[s["edition"] == edition]["year"].unique())]


def _stage_rows(d: Datasets, edition: str, year: int) -> pd.DataFrame:
    s = d["stage_shares"]
    chosen = s[(s["edition"] == edition) & (s["year"] == year)]
    # The IEA's data has no magnet-making table; the only figure is a share from a later commentary.
    magnets = s[s["stage"] == "magnet_manufacturing"]
    return pd.concat([chosen, magnets], ignore_index=True)


def concentration(d: Datasets, edition: str, year: int) -> View:
    rows = _stage_rows(d, edition, year)
    conc = metrics.concentration(rows)
    conc["stage"] = pd.Categorical(conc["stage"], ["mining", "refining", "magnet_manufacturing"], ordered=True)
    conc = conc.sort_values("stage")
    parts = [f"{r.top_share_pct:.0f}% of {STAGE_LABELS[r.stage]}" for r in conc.itertuples()]
    leader = conc["top_country"].mode().iloc[0]
    case = rows[rows["stage"] != "magnet_manufacturing"]["case"].iloc[0]
    title = f"{leader} holds {', '.join(parts)}" + (" (projection)" if case == "projection" else "")
    view = _view(
        "concentration", rows, d, lambda _f, **kw: charts.stage_concentration(conc, **kw), title=title,
        takeaway="HHI is the sum of squared country shares: 10,000 means a single supplier.",
        subtitle=f"Top-country and top-3 shares of world supply, % · magnet rare earths (Nd, Pr, Dy, Tb) · {edition}, {year}",
    )
    view.frame = conc.reset_index(drop=True)
    return view


def headline_concentration(d: Datasets) -> View:
    """Concentration in the base year (actual, not projected) of the latest IEA edition."""
    edition = stage_editions(d)[0]
    return concentration(d, edition, int(stage_years(d, edition)[0]))


def stage_shares(d: Datasets, edition: str, year: int) -> View:
    rows = _stage_rows(d, edition, year)
    listed = rows[rows["supply_kt"].notna()]
    shares = metrics.share_of_world(listed, "supply_kt", ["stage", "edition", "year"])
    shares = pd.concat([shares, rows[rows["supply_kt"].isna()]], ignore_index=True)
    china = shares[(shares["country"] == "China") & (shares["stage"] == "refining")]
    title = (
        f"China refines {china['share_pct'].iloc[0]:.0f}% of magnet rare earths; Malaysia is a distant second"
        if not china.empty else f"Who supplies each stage, {year}"
    )
    return _view(
        "stage-shares", shares, d, charts.stage_country_shares, title=title,
        takeaway="Shares are each country's supply divided by the IEA's world total for the stage.",
        subtitle=f"Share of world supply by country, % · {edition}, {year} · magnet making: IEA commentary, 2025",
    )


# --- trade ------------------------------------------------------------------------------------


def series(product_scope: str) -> str:
    """The product series without who reported it, so one customs line read in several outlets is one series."""
    return product_scope.split(", as reported")[0].split(" (as reported")[0]


def china_exports(d: Datasets) -> pd.DataFrame:
    """China's monthly magnet exports from the customs magnet line, whichever outlet reported the figure."""
    t = d["trade_flows"]
    rows = t[
        (t["reporter"] == "China") & (t["flow"] == "export") & (t["period_type"] == "month")
        & t["product_scope"].str.startswith(CHINA_MAGNET_SERIES)
    ]
    return rows.assign(product_scope=rows["product_scope"].map(series))


def trade_events(d: Datasets) -> pd.DataFrame:
    """The events that bear on China's exports: its controls and the deals that eased them, dated to the
    day (month-only events cannot be placed on a monthly axis without implying a precision they lack)."""
    e = d["events"]
    return e[e["category"].isin(["export_control", "trade_deal"]) & (e["date_precision"] == "day")]


def magnet_exports(d: Datasets) -> View:
    rows = china_exports(d)
    world = rows[(rows["partner"] == "World") & (rows["status"] != "unverified")].sort_values("period_start")
    low = world.loc[world["mass_t"].idxmin()]
    last = world.iloc[-1]
    title = (
        f"China's magnet exports fell to {low['mass_t']:,.0f} t in {low['period_start']:%B %Y} "
        f"under export licensing, then recovered to {last['mass_t']:,.0f} t by {last['period_start']:%B %Y}"
    )
    return _view(
        "magnet-exports", rows, d, charts.magnet_exports, events=trade_events(d), title=title,
        takeaway="Gaps are months for which no source read gives a figure; hollow markers are secondary sources.",
        subtitle="China's exports of rare-earth permanent magnets, t per month · China customs via Reuters and others",
    )


def india_imports(d: Datasets) -> View:
    t = d["trade_flows"]
    rows = t[(t["reporter"] == "India") & (t["flow"] == "import") & t["mass_t"].notna()]
    return _view(
        "india-imports", rows, d, charts.india_imports,
        title="India's reported magnet imports differ a hundredfold depending on what counts as a magnet",
        takeaway="'Permanent magnets, all types' includes ferrite; 'rare-earth magnets' is the narrower series. Never add them.",
        subtitle="India's magnet imports, t, by period and product scope as reported · commerce-ministry data via the press",
    )


def us_import_sources(d: Datasets, edition: str | None = None) -> View:
    """U.S. import shares for rare-earth compounds and metals (the heavy elements are in the Country profile)."""
    s = d["import_sources"]
    edition = edition or sorted(s["edition"].unique())[-1]
    rows = s[(s["edition"] == edition) & (s["importer"] == "United States")
             & (s["product"] == "Rare-earth compounds and metals")]
    china = rows[rows["partner"].str.startswith("China")]["share_pct"]
    period = rows["period"].iloc[0] if not rows.empty else ""
    title = (
        f"The United States sourced {china.iloc[0]:.0f}% of its rare-earth compounds and metals from China"
        if not china.empty else "Where the United States imports rare earths from"
    )
    return _view(
        "us-import-sources", rows, d, charts.us_import_sources, title=title,
        takeaway="Shares of U.S. imports over several years, as USGS gives them.",
        subtitle=f"Share of U.S. imports of rare-earth compounds and metals by source, %, {period} · USGS {edition}",
    )


# --- chart sets for exports and the briefing deck ---------------------------------------------

# Short, because the briefing page's chart choice is kept in the URL by these labels.
CHART_LABELS = {
    "concentration": "Concentration by stage",
    "magnet-exports": "China's magnet exports",
    "reserves": "Reserves by country",
    "reserves-map": "Reserves map",
    "mining": "Mine production",
    "world-production": "World mine production",
    "stage-shares": "Supply by stage and country",
    "india-imports": "India's magnet imports",
    "us-import-sources": "U.S. import sources",
}
KEY_CHARTS = ["concentration", "magnet-exports", "reserves", "mining"]
COUNTRY_CHARTS = {"India": "india-imports", "United States": "us-import-sources"}


def key_chart_keys(country: str) -> list[str]:
    """The keys of the key set for a country: the chain from reserves to magnets, plus its own trade chart."""
    return KEY_CHARTS + ([COUNTRY_CHARTS[country]] if country in COUNTRY_CHARTS else [])


def _mining_countries(d: Datasets, country: str | None) -> list[str]:
    ranked = production_countries(d)
    chosen = ranked[:6]
    return chosen + [country] if country in ranked and country not in chosen else chosen


def all_views(d: Datasets, country: str | None = None) -> dict[str, Callable[[], View]]:
    """Every chart the deck can hold, by key, each as a function that builds its view on the latest data
    (latest reserves edition, latest IEA edition and base year, the top miners plus `country`)."""
    stage_edition = stage_editions(d)[0]
    stage_year = int(stage_years(d, stage_edition)[0])
    reserves_edition = reserve_editions(d)[0]
    return {
        "concentration": lambda: concentration(d, stage_edition, stage_year),
        "magnet-exports": lambda: magnet_exports(d),
        "reserves": lambda: reserves(d, reserves_edition),
        "reserves-map": lambda: reserves_map(d, reserves_edition),
        "mining": lambda: mining(d, _mining_countries(d, country)),
        "world-production": lambda: world_production(d),
        "stage-shares": lambda: stage_shares(d, stage_edition, stage_year),
        "india-imports": lambda: india_imports(d),
        "us-import-sources": lambda: us_import_sources(d),
    }


def key_views(d: Datasets, country: str) -> list[View]:
    """The key set for a country: concentration, magnet exports, reserves (latest edition), mining, and
    India's imports for India or U.S. import sources for the United States."""
    builders = all_views(d, country)
    return [builders[key]() for key in key_chart_keys(country)]
