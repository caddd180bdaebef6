"""Refining and magnet capacity: who can separate, make metal and make magnets, now and announced; when plants are due
to start; China's quotas; India's line; and what the data cannot say."""

import streamlit as st

from lib.app import components as c
from lib.app import page, site, state
from lib.app.text import plain
from lib.specs import capacity


def by_country() -> None:
    stages = page.from_data(capacity.stage_choices, capacity.NEEDS)
    if not stages:
        return
    col1, col2 = st.columns([3, 2])
    with col1:
        label = state.choice("Stage", stages, key="stage", default=capacity.STAGE_LABELS[capacity.DEFAULT_STAGE])
    stage = capacity.stage_of(label)
    with col2:
        # Side by side where they fit: a dropdown's bundle would load beside plotly.js and delay the first chart.
        unit = state.choice("Unit, as the sources state it", page.from_data(capacity.unit_choices, capacity.NEEDS, stage),
                            key="unit", help="Figures in different units are never added or converted.")
    c.chart("capacity", stage=stage, unit=unit)
    notes = page.from_data(capacity.by_country_notes, capacity.NEEDS, stage, unit)
    if notes:
        st.markdown("\n".join(f"- {plain(n)}" for n in notes))


def starts() -> None:
    stages = page.from_data(capacity.start_stage_choices, capacity.NEEDS)
    if stages:
        label = state.choice("Stage", stages, key="start_stage", default=capacity.STAGE_LABELS[capacity.DEFAULT_STAGE])
        c.chart("capacity-starts", stage=capacity.stage_of(label))


def china() -> None:
    c.chart("china-quotas")
    st.subheader("China's reported output: production in a year, not capacity")
    rows = page.from_data(capacity.china_output, capacity.NEEDS)
    if rows is not None:
        c.table_on_request(f"Table of the {len(rows)} output figures", rows, key="china-output")


def every_figure() -> None:
    st.caption("Each row is one figure a source states, in its own unit: capacity, feedstock capacity, output or target. "
               "'shown_as' says how a chart may use it; unverified figures and ranges are never charted as fact.")
    c.derived_table("Table of the {n} figures", capacity.all_figures, capacity.NEEDS, key="capacity-figures",
                    sources_from="capacity")


st.title(site.QUESTIONS["capacity"])
page.chart_tabs({
    "Capacity by country": by_country,
    "Start dates": starts,
    "China's quotas": china,
    "India": lambda: c.chart("india-capacity"),
    # A tab of its own: closed, the table still cites its 69 sources in full, and drawn below the charts that
    # citation held up the page's first paint (bench/RESULTS.md, 10).
    "Every figure": every_figure,
})

st.header("What the data cannot answer")
gaps = page.from_data(capacity.unanswered, capacity.NEEDS)
if gaps:
    st.markdown("\n".join(f"- {plain(g)}" for g in gaps))
