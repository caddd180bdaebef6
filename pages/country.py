"""Country profile: everything the data holds on one country, and a plain statement of what is missing."""

import streamlit as st

from lib import country, ui

d = ui.datasets(*ui.ALL_DATASETS)
# The question comes first on screen, though it names the country chosen below it.
heading = st.empty()
name = ui.choose_country(d)
heading.title(f"What do we know about {ui.plain(name)}, and what is missing?")

ui.gaps(ui.cached(country.gaps, d, name), name)
ui.facts(ui.cached(country.headline, d, name))

for title, frame, key in ui.cached(country.profile_tables, d, name):
    st.header(title)
    if frame.empty:
        st.info(f"No rows for {ui.plain(name)}.", icon=":material/info:")
    else:
        # Each table drawn only when opened: a page of data grids shows its heading late (bench/RESULTS.md, 1f).
        ui.table_on_request(f"Table of the {len(frame)} rows", frame, key=f"profile-{key}", sources=d["sources"])

ui.claims(ui.cached(country.claims, d, name), d["sources"])
ui.events(ui.cached(country.events, d, name), name, d["sources"])
