"""Briefing deck: pick charts for a country and download them as a PowerPoint deck (or the same as a PDF),
each with its source."""

import functools

import streamlit as st

from lib import country, export, links, ui, views

d = ui.datasets(*ui.ALL_DATASETS)
CHARTS = "charts"


def _key_set_for_new_country() -> None:
    # A new country brings its own key set (India's imports, U.S. import sources), replacing the choice.
    st.session_state[CHARTS] = [views.CHART_LABELS[k] for k in views.key_chart_keys(st.session_state["country"])]


# The question comes first on screen, though it names the country chosen below it.
heading = st.empty()
name = links.choice("Country", ui.cached(country.countries, d), key="country", default=country.DEFAULT,
                    on_change=_key_set_for_new_country)
heading.title(f"Briefing deck: {ui.plain(name)}")
st.caption(
    "A PowerPoint file (16:9), or the same as a PDF: a title slide with today's date and the data vintage, one "
    "slide per chart (title, one-line takeaway, image, source footnote) and a closing slide listing every source."
)

builders = views.all_views(d, name)
key_set = [views.CHART_LABELS[k] for k in views.key_chart_keys(name)]
picked = st.multiselect(
    "Charts, in slide order", [views.CHART_LABELS[k] for k in builders], key=CHARTS, bind="query-params",
    # Once chosen (or reset by a new country), the choice lives in the session; a default then would only
    # make Streamlit warn that the value was also set through st.session_state.
    default=key_set if CHARTS not in st.session_state else None,
    help="The key set for the country is picked by default.",
)
if picked != key_set:
    links.remember(CHARTS, picked)
by_label = {label: key for key, label in views.CHART_LABELS.items()}
chosen = [by_label[label] for label in picked]

if not export.chromium_available():
    st.warning(
        "Chart images cannot be made on this host: server-side export needs Chromium (see the README, "
        "'Meeting-ready exports'). The deck still holds each chart's title, takeaway and source.",
        icon=":material/warning:",
    )
else:
    export.warm_in_background()


def _deck(build, keys: tuple[str, ...], country_name: str) -> bytes:
    return build([builders[k]() for k in keys], country_name, d["sources"])


charts_count = f"{len(chosen)} chart{'s' if len(chosen) != 1 else ''}"
file_stem = f"rare-earth-briefing-{name.lower().replace(' ', '-')}"
# Callables as data: a deck is built when its button is clicked, not on every run.
with st.container(horizontal=True):
    st.download_button(
        f"Download the deck ({charts_count}, PowerPoint)", data=functools.partial(_deck, export.deck, tuple(chosen), name),
        file_name=f"{file_stem}.pptx", mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="deck", on_click="ignore", type="primary", icon=":material/slideshow:", disabled=not chosen,
    )
    st.download_button(
        "The same deck as a PDF", data=functools.partial(_deck, export.deck_pdf, tuple(chosen), name),
        file_name=f"{file_stem}.pdf", mime="application/pdf", key="deck_pdf", on_click="ignore",
        icon=":material/picture_as_pdf:", disabled=not chosen,
        help="One 16:9 page per slide, for readers without PowerPoint",
    )
if not chosen:
    st.info("Pick at least one chart.", icon=":material/info:")

st.header("In the deck")
for i, key in enumerate(chosen, start=1):
    st.markdown(f"{i}\\. {ui.plain(views.CHART_LABELS.get(key, key))}")
