"""Trade: China's monthly magnet exports with policy events, India's imports by product scope, and the
import sources USGS gives for the United States."""

from __future__ import annotations

import pandas as pd

from lib.domain import editions, trade
from lib.figures.trade import by_scope, monthly_lines, partner_shares
from lib.specs.base import Datasets, Finding, Spec, finding

EXPORTS_NEEDS = ("trade_flows", "events", "sources")
# The attributed claims about the exporter go with its chart.
EXPORTER = trade.EXPORTER


def magnet_exports(d: Datasets) -> Finding:
    frame = trade.china_magnet_exports(d["trade_flows"])
    world = frame[frame["partner"] == "World"].sort_values("month")
    low = world.loc[pd.to_numeric(world["mass_t"]).idxmin()]
    last = world.iloc[-1]
    title = (f"China's magnet exports fell to {low['mass_t']:,.0f} t in {low['month']:%B %Y} "
             f"under export licensing, then recovered to {last['mass_t']:,.0f} t by {last['month']:%B %Y}")
    return finding("magnet-exports", frame, d, monthly_lines, events=trade.policy_events(d["events"]), title=title,
                   takeaway="Gaps are months for which no source read gives a figure; hollow markers are secondary sources.",
                   subtitle="China's exports of rare-earth permanent magnets, t per month · China customs via Reuters and others")


def rare_earth_exports(d: Datasets) -> Finding:
    frame = trade.china_exports(d["trade_flows"], trade.CHINA_RARE_EARTHS_SERIES)
    world = frame[frame["partner"] == "World"].sort_values("month")
    peak, last = world.loc[pd.to_numeric(world["mass_t"]).idxmax()], world.iloc[-1]
    title = (f"China's rare-earth exports peaked at {peak['mass_t']:,.0f} t in {peak['month']:%B %Y}; "
             f"the latest month read is {last['month']:%B %Y}, {last['mass_t']:,.0f} t")
    return finding("rare-earth-exports", frame, d, monthly_lines, events=trade.policy_events(d["events"]), title=title,
                   takeaway=f"{trade.CHINA_RARE_EARTHS_WORDS} "
                            "Gaps are months no source read gives; a two-month total is not drawn as a month.",
                   subtitle="China's exports of rare earths (17 elements), t per month · China customs via Reuters and others")


def _scope_spread(frame: pd.DataFrame, importer: str) -> str | None:
    """The widest spread between product scopes in the latest period that more than one scope reports."""
    d = frame.assign(series=frame["product_scope"].map(trade.series))
    shared = d.groupby("period")["series"].nunique()
    periods = d[d["period"].isin(shared[shared > 1].index)].sort_values("period_end")
    if periods.empty:
        return None
    period = periods["period"].iloc[-1]
    rows = d[d["period"] == period]
    lo, hi = rows.loc[rows["mass_t"].idxmin()], rows.loc[rows["mass_t"].idxmax()]
    return (f"In {period}, {importer}'s reported magnet imports range from {lo['mass_t']:,.0f} t to {hi['mass_t']:,.0f} t, "
            "depending on what counts as a magnet")


def importer_by_scope(d: Datasets, importer: str) -> Finding:
    t = trade.magnets(trade.charted(d["trade_flows"], importer, "import"))
    frame = t[t["mass_t"].notna()].reset_index(drop=True)
    title = _scope_spread(frame, importer) or f"{importer}'s reported magnet imports, by product scope"
    return finding("imports-by-scope", frame, d, by_scope, title=title,
                   takeaway="'Permanent magnets, all types' includes ferrite; 'rare-earth magnets' is the narrower series. "
                            "Never add them.",
                   subtitle=f"{importer}'s magnet imports, t, by period and product scope as reported · "
                            "commerce-ministry data via the press")


def importers(d: Datasets) -> list[str]:
    """Reporters of magnet imports in trade_flows, most rows first."""
    t = trade.magnets(trade.charted(d["trade_flows"], flow="import"))
    return t["reporter"].value_counts().index.tolist()


SOURCES_NEEDS = ("import_sources", "editions", "sources")
US_PRODUCT = "Rare-earth compounds and metals"


def us_import_sources(d: Datasets, edition: str | None = None) -> Finding:
    """U.S. import shares for rare-earth compounds and metals (the heavy elements are in the Country profile)."""
    s = d["import_sources"]
    edition = edition or editions.order(d["editions"], s["edition"])[-1]
    frame = s[(s["edition"] == edition) & (s["product"] == US_PRODUCT)].reset_index(drop=True)
    importer = frame["importer"].iloc[0] if not frame.empty else "United States"
    china = frame[frame["partner"].str.startswith("China")]["share_pct"]
    period = frame["period"].iloc[0] if not frame.empty else ""
    title = (f"The {importer} sourced {china.iloc[0]:.0f}% of its rare-earth compounds and metals from China"
             if not china.empty else f"Where the {importer} imports rare earths from")
    return finding("us-import-sources", frame, d, partner_shares, share_of=f"imports into the {importer}", title=title,
                   latest=str(period), takeaway=f"Shares of imports into the {importer} over several years, as USGS gives them.",
                   subtitle=f"Share of imports of rare-earth compounds and metals into the {importer} by source, %, {period} · "
                            f"USGS {edition}")


MAGNET_EXPORTS = Spec("magnet-exports", "China's magnet exports", EXPORTS_NEEDS, magnet_exports)
RARE_EARTH_EXPORTS = Spec("rare-earth-exports", "China's rare-earth exports", EXPORTS_NEEDS, rare_earth_exports)
IMPORTS_BY_SCOPE = Spec("imports-by-scope", "Magnet imports by product scope", ("trade_flows", "sources"), importer_by_scope)
US_IMPORT_SOURCES = Spec("us-import-sources", "U.S. import sources", SOURCES_NEEDS, us_import_sources)
