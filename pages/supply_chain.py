"""Refining and magnets: how concentrated each stage is, mine to magnet."""

import streamlit as st

from lib.app import components as c
from lib.app import page, site, state
from lib.specs import supply_chain

st.title(site.QUESTIONS["supply_chain"])
editions = page.from_data(supply_chain.edition_choices, supply_chain.NEEDS)
if editions:
    col1, col2 = st.columns(2)
    with col1:
        edition = state.choice("IEA edition", editions, key="edition",
                               help="GCMO 2024 is read from the IEA's own workbook; GCMO 2025 from third-party conversions.")
    with col2:
        year = int(state.choice("Year", page.from_data(supply_chain.year_choices, supply_chain.NEEDS, edition), key="year",
                                help="The base year is actual; later years are IEA base-case projections."))
    page.chart_tabs({
        "Concentration by stage": lambda: c.chart("concentration", edition=edition, year=year),
        "Countries' shares": lambda: c.chart("stage-shares", edition=edition, year=year),
        site.FEEDSTOCK_TAB: lambda: c.chart("china-feedstock"),
    })
    st.caption(page.from_data(supply_chain.stated_share_note, supply_chain.NEEDS))
