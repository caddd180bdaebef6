"""Mining: who mines rare earths, year by year, and the world total over the long run."""

import streamlit as st

from lib import links, ui, views

d = ui.datasets("production", "sources")
st.title("Who mines rare earths?")

# One chart per tab, the open one in the link (?view=...): a new viewer's browser draws one chart before
# the page is usable, not two (bench/RESULTS.md, 1f).
by_country, since_1900 = links.tabs(["By country", "World since 1900"], key="view")
if by_country.open:
    with by_country:
        countries = ui.cached(views.production_countries, d)
        col1, col2 = st.columns([3, 1])
        with col1:
            chosen = links.multichoice("Countries", countries, key="countries", default=countries[:6])
        with col2:
            mode = links.choice("Show", ["absolute", "share"], key="mode",
                                help="absolute: t REO; share: % of the USGS world total")
        ui.show(ui.cached(views.mining, d, chosen, mode), d["sources"], key=f"mining-{mode}")
if since_1900.open:
    with since_1900:
        ui.show(ui.cached(views.world_production, d), d["sources"], key="world-production")

st.header("Revisions between USGS publications")
st.caption("Where a later USGS publication changed a country's production for the same year. The latest one is charted.")
revisions = ui.cached(views.production_revisions, d)
ui.table_on_request(f"Table of the {len(revisions)} revisions", revisions, key="production-revisions", sources=d["sources"],
                    frame_for_sources=d["production"])
