"""Country profile: everything the data holds on one country, and a plain statement of what is missing."""

import streamlit as st

from lib import country, ui

d = ui.datasets(*ui.ALL_DATASETS)
name = ui.choice("Country", country.countries(d), key="country", default=country.DEFAULT)
st.title(f"What do we know about {name}, and what is missing?")

ui.gaps(country.gaps(d, name), name)
ui.facts(country.headline(d, name))

for title, frame, key in country.profile_tables(d, name):
    st.header(title)
    if frame.empty:
        st.info(f"No rows for {name}.", icon=":material/info:")
    else:
        ui.table(frame, key=f"profile-{key}", sources=d["sources"])

ui.claims(country.claims(d, name), d["sources"])
ui.events(country.events(d, name), name)
