"""Trade flows: China's magnet exports by month and destination, and India's magnet imports."""

import streamlit as st

from lib import country, ui, views

d = ui.datasets("trade_flows", "events", "claims", "import_sources", "sources")
st.title("Who ships rare-earth magnets to whom?")

exports = ui.cached(views.magnet_exports, d)
st.caption(ui.plain(exports.takeaway))
ui.show(exports, d["sources"], key="magnet-exports")

ui.claims(ui.cached(country.claims, d, "India"), d["sources"])

imports = ui.cached(views.india_imports, d)
st.caption(ui.plain(imports.takeaway))
ui.show(imports, d["sources"], key="india-imports")

us = ui.cached(views.us_import_sources, d)
st.caption(ui.plain(us.takeaway))
ui.show(us, d["sources"], key="us-import-sources")
