"""Reserves: who holds them, and how USGS's figures changed between editions."""

import streamlit as st

from lib import links, ui, views

d = ui.datasets("reserves", "sources")
st.title("Who holds the world's rare-earth reserves?")

edition = links.choice("USGS edition", ui.cached(views.reserve_editions, d), key="edition")
tab_bar, tab_map = links.tabs(["By country", "World map"], key="view")
if tab_bar.open:
    with tab_bar:
        ui.show(ui.cached(views.reserves, d, edition), d["sources"], key=f"reserves-{edition}")
if tab_map.open:
    with tab_map:
        ui.show(ui.cached(views.reserves_map, d, edition), d["sources"], key=f"reserves-map-{edition}")

st.header("What changed between editions, and why")
st.caption(
    "Each row is a country whose reserves changed from one USGS edition to the next, with the reason USGS "
    "printed. 'NA' means USGS gives no figure; it is not zero."
)
revisions = ui.cached(views.reserves_revisions, d)
ui.table_on_request(f"Table of the {len(revisions)} revisions", revisions, key="reserves-revisions", sources=d["sources"],
                    frame_for_sources=d["reserves"])
