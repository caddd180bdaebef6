"""Country profile: everything the data holds on one country, its dependence on suppliers where its official trade
records allow, and a plain statement of what is missing."""

import streamlit as st

from lib.app import cache, page, profile, site
from lib.app import components as c
from lib.app.text import plain
from lib.domain import country

name = page.country_heading(site.QUESTIONS["country"])
c.gaps(country.GAPS, name)
c.facts(country.FACTS, name)
profile.dependence_section(name)

for title, part in country.TABLES:
    if not part.applies(name):
        continue
    st.header(title)
    if c.loaded(part.needs) is None:
        continue
    frame = cache.derived(part.build, part.needs, name)
    if frame.empty:
        st.info(f"No rows for {plain(name)}.", icon=":material/info:")
    else:
        # Each table drawn only when opened: a page of data grids shows its heading late (bench/RESULTS.md, 1f).
        c.table_on_request(f"Table of the {len(frame)} rows", frame, key=f"profile-{part.key}")

c.claims_and_events(name)
