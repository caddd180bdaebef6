"""Mining: who mines rare earths, year by year, and the world total over the long run."""

import streamlit as st

from lib.app import components as c
from lib.app import page, site, state
from lib.specs import mining


def by_country() -> None:
    countries = page.from_data(mining.country_choices, mining.NEEDS)
    if not countries:
        return
    col1, col2 = st.columns([3, 1])
    with col1:
        chosen = state.multichoice("Countries", countries, key="countries", default=countries[: mining.TOP_MINERS])
    with col2:
        mode = state.choice("Show", ["absolute", "share"], key="mode", help="absolute: t REO; share: % of the USGS world total")
    c.chart("mining", countries=tuple(chosen), mode=mode)


st.title(site.QUESTIONS["mining"])
page.chart_tabs({"By country": by_country, "World since 1900": lambda: c.chart("world-production")})

st.header("Revisions between USGS publications")
st.caption("Where a later USGS publication changed a country's production for the same year. The latest one is charted.")
c.derived_table("Table of the {n} revisions", mining.revisions, mining.NEEDS, key="production-revisions",
                sources_from="production")
