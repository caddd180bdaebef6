"""Overview: how exposed one country is, at a glance, with every figure sourced."""

import streamlit as st

from lib import country, links, ui, views

d = ui.datasets(*ui.ALL_DATASETS)
# The question comes first on screen, though it names the country chosen below it.
heading = st.empty()
name = ui.choose_country(d)
heading.title(f"How exposed is {ui.plain(name)} to one supplier of rare earths?")
st.caption(
    "Reserves, mining, refining, magnet making and magnet trade, each with a plain reading and its source. "
    "Missing figures are said to be missing."
)

# The answer first, the chart and the reported claims a tab away, the open tab in the link (?view=...):
# each fills a projector screen, and the landing page draws no chart a viewer would first have to
# scroll past nine figures to see (bench/RESULTS.md, 1h).
figures_tab, chart_tab, claims_tab = links.tabs(
    ["Headline figures", "Concentration by stage", "Claims and events"], key="view"
)
if figures_tab.open:
    with figures_tab:
        ui.facts(ui.cached(country.headline, d, name))
        ui.gaps(ui.cached(country.gaps, d, name), name)
if chart_tab.open:
    with chart_tab:
        ui.show(ui.cached(views.headline_concentration, d), d["sources"], key="overview-concentration")
if claims_tab.open:
    with claims_tab:
        ui.claims(ui.cached(country.claims, d, name), d["sources"])
        ui.events(ui.cached(country.events, d, name), name, d["sources"])
