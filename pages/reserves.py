"""Reserves: who holds them, and how USGS's figures changed between editions."""

import streamlit as st

from lib import links, ui, views

d = ui.datasets("reserves", "sources")
st.title("Who holds the world's rare-earth reserves?")

edition = links.choice("USGS edition", views.reserve_editions(d), key="edition")
bar, world_map = ui.cached(views.reserves, d, edition), ui.cached(views.reserves_map, d, edition)
st.caption(ui.plain(bar.takeaway))

tab_bar, tab_map = st.tabs(["By country", "World map"])
with tab_bar:
    ui.show(bar, d["sources"], key=f"reserves-{edition}")
with tab_map:
    ui.show(world_map, d["sources"], key=f"reserves-map-{edition}")

st.header("What changed between editions, and why")
st.caption(
    "Each row is a country whose reserves changed from one USGS edition to the next, with the reason USGS "
    "printed. 'NA' means USGS gives no figure; it is not zero."
)
ui.table(views.reserves_revisions(d), key="reserves-revisions", sources=d["sources"], frame_for_sources=d["reserves"])
