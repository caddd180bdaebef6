"""Reserves: who holds them, and how USGS's figures changed between editions."""

import streamlit as st

from lib.app import components as c
from lib.app import page, site, state
from lib.specs import reserves

st.title(site.QUESTIONS["reserves"])
editions = page.from_data(reserves.edition_choices, reserves.NEEDS)
if editions:
    edition = state.choice("USGS edition", editions, key="edition")
    page.chart_tabs({
        "By country": lambda: c.chart("reserves", edition=edition),
        "World map": lambda: c.chart("reserves-map", edition=edition),
    })

st.header("What changed between editions, and why")
st.caption("Each row is a country whose reserves changed from one USGS edition to the next, with the reason USGS "
           "printed. 'NA' means USGS gives no figure; it is not zero.")
c.derived_table("Table of the {n} revisions", reserves.revisions, reserves.NEEDS, key="reserves-revisions",
                sources_from="reserves")
