"""Trade flows: China's magnet exports by month and destination, imports by product scope, U.S. import sources."""

import streamlit as st

from lib.app import components as c
from lib.app import page, site, state
from lib.specs import trade


def exports() -> None:
    c.chart("magnet-exports")
    c.claims_of(trade.EXPORTER)


def imports() -> None:
    importers = page.from_data(trade.importers, ("trade_flows",))
    if importers:
        importer = state.choice("Importer", importers, key="importer") if len(importers) > 1 else importers[0]
        c.chart("imports-by-scope", importer=importer)


st.title(site.QUESTIONS["trade"])
page.chart_tabs({
    "China's magnet exports": exports,
    "China's rare-earth exports": lambda: c.chart("rare-earth-exports"),
    "Magnet imports by product scope": imports,
    "U.S. import sources": lambda: c.chart("us-import-sources"),
})
