"""Trade flows: China's magnet exports by month and destination, India's magnet imports, U.S. import sources."""

import streamlit as st

from lib import country, links, ui, views

d = ui.datasets("trade_flows", "events", "claims", "import_sources", "sources")
st.title("Who ships rare-earth magnets to whom?")

# One chart per tab, the open one in the link (?view=...): a new viewer's browser draws one chart, not
# three, before the page is usable (bench/RESULTS.md, 1f).
exports_tab, india_tab, us_tab = links.tabs(["China's magnet exports", "India's magnet imports", "U.S. import sources"],
                                            key="view")
if exports_tab.open:
    with exports_tab:
        ui.show(ui.cached(views.magnet_exports, d), d["sources"], key="magnet-exports")
        ui.claims(ui.cached(country.claims, d, "India"), d["sources"])
if india_tab.open:
    with india_tab:
        ui.show(ui.cached(views.india_imports, d), d["sources"], key="india-imports")
if us_tab.open:
    with us_tab:
        ui.show(ui.cached(views.us_import_sources, d), d["sources"], key="us-import-sources")
