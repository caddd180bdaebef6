"""Overview: how exposed one country is, at a glance, with every figure sourced."""

import streamlit as st

from lib import country, ui, views

d = ui.datasets(*ui.ALL_DATASETS)
# The question comes first on screen, though it names the country chosen below it.
heading = st.empty()
name = ui.choice("Country", ui.derived("country.countries", d), key="country", default=country.DEFAULT)
heading.title(f"How exposed is {ui.plain(name)} to one supplier of rare earths?")
st.caption(
    "Reserves, mining, refining, magnet making and magnet trade, each with a plain reading and its source. "
    "Missing figures are said to be missing."
)

ui.facts(ui.derived("country.headline", d, name))

conc = ui.view("concentration", d, views.stage_editions(d)[0], int(views.stage_years(d, views.stage_editions(d)[0])[0]))
st.caption(ui.plain(conc.takeaway))
ui.show(conc, d["sources"], key="overview-concentration")

ui.claims(ui.derived("country.claims", d, name), d["sources"])
ui.events(ui.derived("country.events", d, name), name)
ui.gaps(ui.derived("country.gaps", d, name), name)
