"""Trade flows: China's magnet exports by month and destination, imports by product scope, U.S. import sources, and
the official statistics of one flow beside the press's figures."""

import streamlit as st

from lib.app import components as c
from lib.app import page, site, state
from lib.app.text import plain
from lib.domain import official_trade as ot
from lib.specs import official, trade


def exports() -> None:
    c.chart("magnet-exports")
    c.claims_of(trade.EXPORTER)


def imports() -> None:
    importers = page.from_data(trade.importers, ("trade_flows",))
    if importers:
        importer = state.choice("Importer", importers, key="importer") if len(importers) > 1 else importers[0]
        c.chart("imports-by-scope", importer=importer)


def official_statistics() -> None:
    measure = state.choice("Measure", list(ot.MEASURES), key="official_measure", default=official.DEFAULT_MEASURE,
                           help="US$: value as the reporter publishes it; t: net mass in tonnes, where every part of "
                                "a code's figure has one.")
    c.chart("official-imports", measure=measure)
    notes = page.from_data(official.relations, official.NEEDS)
    if notes:
        st.subheader("What each code covers, and how it relates to the press's figures")
        st.markdown("\n".join(f"- **Code {plain(code)}**: {plain(scope)}. {plain(words)}" for code, scope, words in notes))


st.title(site.QUESTIONS["trade"])
page.chart_tabs({
    "China's magnet exports": exports,
    "China's rare-earth exports": lambda: c.chart("rare-earth-exports"),
    "Magnet imports by product scope": imports,
    "U.S. import sources": lambda: c.chart("us-import-sources"),
    "Official statistics": official_statistics,
})
