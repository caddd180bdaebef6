"""Briefing deck: pick charts for a country and download them as a PowerPoint deck (or the same as a PDF),
each with its source."""

import functools

import streamlit as st

from lib.app import components as c
from lib.app import deck, page, site
from lib.app.text import plain
from lib.exports import renderer
from lib.specs.registry import BY_LABEL, LABELS, needs

CHARTS = "charts"


def key_set_for_new_country() -> None:
    # A new country brings its own key set (its imports, its import sources), replacing the choice.
    st.session_state[CHARTS] = [LABELS[k] for k in deck.key_charts(st.session_state["country"])]


name = page.country_heading(site.QUESTIONS["briefing"], on_change=key_set_for_new_country)
st.caption("A PowerPoint file (16:9), or the same as a PDF: a title slide with today's date and the data vintage, one "
           "slide per chart (title, one-line takeaway, image, source footnote) and a closing slide listing every source.")
key_set = [LABELS[k] for k in deck.key_charts(name)]
picked = st.multiselect(
    "Charts, in slide order", list(LABELS.values()), key=CHARTS, bind="query-params",
    # Once chosen (or reset by a new country), the choice lives in the session; a default then would only
    # make Streamlit warn that the value was also set through st.session_state.
    default=key_set if CHARTS not in st.session_state else None,
    help="The key set for the country is picked by default.",
)
chosen = tuple(BY_LABEL[label] for label in picked)
if not renderer.chromium_available():
    st.warning("Chart images cannot be made on this host: server-side export needs Chromium (see the README, "
               "'Meeting-ready exports'). The deck still holds each chart's title, takeaway and source.",
               icon=":material/warning:")
else:
    renderer.warm_in_background()

if c.loaded(("sources", *needs(chosen))) is not None:
    count = f"{len(chosen)} chart{'s' if len(chosen) != 1 else ''}"
    stem = f"rare-earth-briefing-{name.lower().replace(' ', '-')}"
    # Callables as data: a deck is built when its button is clicked, not on every run.
    with st.container(horizontal=True):
        st.download_button(f"Download the deck ({count}, PowerPoint)", data=functools.partial(deck.build, "pptx", chosen, name),
                           file_name=f"{stem}.pptx", key="deck", on_click="ignore", type="primary",
                           mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           icon=":material/slideshow:", disabled=not chosen)
        st.download_button("The same deck as a PDF", data=functools.partial(deck.build, "pdf", chosen, name),
                           file_name=f"{stem}.pdf", mime="application/pdf", key="deck_pdf", on_click="ignore",
                           icon=":material/picture_as_pdf:", disabled=not chosen,
                           help="One 16:9 page per slide, for readers without PowerPoint")
if not chosen:
    st.info("Pick at least one chart.", icon=":material/info:")

st.header("In the deck")
for i, key in enumerate(chosen, start=1):
    st.markdown(f"{i}\\. {plain(LABELS[key])}")
