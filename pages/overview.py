"""Overview: how exposed one country is, at a glance, with every figure sourced."""

import streamlit as st

from lib.app import components as c
from lib.app import page, site
from lib.domain import country
from lib.specs import registry, supply_chain


def headline() -> None:
    c.facts(country.FACTS, name)
    c.gaps(country.GAPS, name)


def concentration() -> None:
    params = page.from_data(registry.latest_params, supply_chain.NEEDS, "concentration", name)
    if params is not None:
        c.chart("concentration", **params)




name = page.country_heading(site.QUESTIONS["overview"])
st.caption("Reserves, mining, refining, magnet making and magnet trade, each with a plain reading and its source. "
           "Missing figures are said to be missing.")
c.trade_freshness()
st.page_link(site.PAGES_DIR / "supply_chain.py", query_params={"view": site.FEEDSTOCK_TAB}, icon=":material/factory:",
             label="The other side of the story: where China, the largest refiner, gets its rare-earth compounds")
# The answer first, the chart and the reported claims a tab away: each fills a projector screen, and the
# landing page draws no chart a viewer would first have to scroll past nine figures to see.
page.chart_tabs({
    "Headline figures": headline,
    "Concentration by stage": concentration,
    "Claims and events": lambda: c.claims_and_events(name),
})
