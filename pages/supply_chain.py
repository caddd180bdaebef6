"""Refining and magnets: how concentrated each stage is, mine to magnet."""

import streamlit as st

from lib import links, ui, views

d = ui.datasets("stage_shares", "sources")
st.title("How concentrated is each stage, from mine to magnet?")

col1, col2 = st.columns(2)
with col1:
    edition = links.choice("IEA edition", ui.cached(views.stage_editions, d), key="edition",
                        help="GCMO 2024 is read from the IEA's own workbook; GCMO 2025 from third-party conversions.")
with col2:
    year = int(links.choice("Year", ui.cached(views.stage_years, d, edition), key="year",
                         help="The base year is actual; later years are IEA base-case projections."))

# One chart per tab, the open one in the link (?view=...): a new viewer's browser draws one chart before
# the page is usable, not two (bench/RESULTS.md, 1f).
by_stage, by_country = links.tabs(["Concentration by stage", "Countries' shares"], key="view")
if by_stage.open:
    with by_stage:
        ui.show(ui.cached(views.concentration, d, edition, year), d["sources"], key=f"concentration-{edition}-{year}")
if by_country.open:
    with by_country:
        ui.show(ui.cached(views.stage_shares, d, edition, year), d["sources"], key=f"stage-shares-{edition}-{year}")
st.caption(
    "Magnet making: the IEA's data has no table for it. The one figure (China 94%) comes from an IEA commentary "
    "of October 2025 as quoted by Rare Earth Exchanges, so it is shown as a secondary source with no other country."
)
