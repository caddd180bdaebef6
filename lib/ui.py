"""Streamlit glue shared by the pages: cached loading, error display, chart blocks and page sections.

Everything here is thin. Loading and validation live in lib.data, figures in lib.charts.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd
import streamlit as st

from lib import charts, country, data, export, links, provenance
from lib.links import presenting
from lib.text import plain, safe_url

# The browser tab's icon, a file of our own: a Material icon name would have every viewer's browser fetch it
# from fonts.gstatic.com, a request to a third party that locked-down networks block. Read once per
# process, not on every run (set_page_config is the first call of each run).
APP_ICON = (Path(__file__).resolve().parent.parent / "static" / "app_icon.png").read_bytes()


# cache_resource, not cache_data: one shared frame per process instead of an unpickled copy per call, which
# with pyarrow-backed columns cost more than the rest of a page's run. Treat loaded frames as read-only.
@st.cache_resource(show_spinner=False)
def _load(name: str):
    frame = data.load(name)
    _settle_heap()
    return frame


def _use_app_navigation() -> None:
    """Make sure app.py, not a lone page script, is running.

    Streamlit decides per process, at its first session, whether this is an old-style app whose
    pages/ folder is the navigation; until app.py has called st.navigation once, a link straight to
    a page (a colleague's share link, after a restart) runs only that page's script, with no
    navigation and no share link, and the process stays that way. Every page asks for data first,
    so the check sits here: switch the flag off and run again through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def dataset(name: str):
    """The dataset, loaded once per process. A broken file stops only the page that needs it."""
    _use_app_navigation()
    try:
        return _load(name)
    except data.DataError as err:
        show_data_error(err)
        st.stop()


def datasets(*names: str) -> dict:
    """Several datasets for one page; the page stops with the error if any of them is broken."""
    return {name: dataset(name) for name in names}


def try_dataset(name: str):
    """The dataset, or the DataError, for pages that keep going without it."""
    try:
        return _load(name)
    except data.DataError as err:
        return err


def show_data_error(err: data.DataError) -> None:
    st.error(f"This view cannot be shown: {err.file} has problems. The other pages still work.", icon=":material/error:")
    # st.code renders the message as plain text, so nothing in a data file can inject markup.
    st.code(str(err), language=None)


def _citation_links(d: dict, ids: tuple) -> str:
    used = provenance.cited(pd.DataFrame({"source_id": list(ids)}), d["sources"])
    return " · ".join(f"[{plain(provenance.citation(s))}]({safe_url(s['url'])})" for _, s in used.iterrows())


def citation_links(ids, sources) -> str:
    """Markdown links to the full citations of these source ids, newest first; built once per set of ids."""
    return cached(_citation_links, {"sources": sources}, tuple(sorted(ids)))


def sources_in_full(frame, sources) -> str:
    """Full citations with links for the rows of `frame`, as markdown."""
    links = citation_links(frame["source_id"].dropna().unique() if "source_id" in frame else (), sources)
    return f"Sources in full: {links}" if links else "No source: nothing to show."


def source_details(frame, sources) -> None:
    """Full citations with links for the rows behind a chart (the figure itself carries the short line)."""
    st.caption(sources_in_full(frame, sources))


def show(view, sources, key: str | None = None) -> None:
    """A view's takeaway, its chart, its full sources, PNG/SVG downloads, and the exact rows it plots as a
    table and a CSV.

    In presentation mode the chart fills the screen with its sources under it, and the controls are left out.
    """
    key = key or view.key
    frame = view.frame
    presenting_now = presenting()
    st.caption(plain(view.takeaway))
    with st.container(key=f"slide_{key}" if presenting_now else None):
        figure = view.figure
        if presenting_now:
            # The figure follows the height of its screen-high container instead of its fixed 620 px.
            figure = type(figure)(figure)
            figure.update_layout(height=None, autosize=True)
        st.plotly_chart(
            figure,
            key=f"chart_{key}",
            theme=None,  # Streamlit's theme would override the shared template and the country colours
            config=charts.download_config(key),
            alt=f"{view.title}. {view.takeaway}",
            height="stretch" if presenting_now else "content",
        )
        source_details(view.source_rows, sources)
    if presenting_now:
        return
    downloads(view, key)
    # The table only when asked for: a data grid under every chart would hold up the page's first paint.
    if st.toggle("Show the data behind this chart", key=f"table_{key}"):
        st.dataframe(frame, hide_index=True, width="stretch")


NO_SERVER_EXPORT = (
    "Server-side image export is unavailable on this host (no Chromium found). "
    "The camera icon above the chart downloads a PNG from your browser."
)


def downloads(view, key: str) -> None:
    """The plotted rows as CSV, and the chart as PNG (2×, for slides) and SVG (for print).

    Images are rendered on the server only when clicked; where there is no Chromium, a note says so.
    """
    server_images = export.chromium_available()
    if server_images:
        export.warm_in_background()
    with st.container(horizontal=True, key=f"downloads_{key}"):
        st.download_button("CSV of these rows", data=view.frame.to_csv(index=False).encode("utf-8"),
                           file_name=f"{key}.csv", mime="text/csv", key=f"csv_{key}", on_click="ignore",
                           icon=":material/table:")
        if server_images:
            # A callable as data: the image is made when the button is clicked, not on every run.
            st.download_button("PNG for slides", data=functools.partial(export.png, view.figure),
                               file_name=f"{key}.png", mime="image/png", key=f"png_{key}", on_click="ignore",
                               icon=":material/image:",
                               help="1280×720 at 2×, light background, with the title, source and data date inside")
            st.download_button("SVG for print", data=functools.partial(export.svg, view.figure),
                               file_name=f"{key}.svg", mime="image/svg+xml", key=f"svg_{key}", on_click="ignore",
                               icon=":material/draw:",
                               help="Vector image, light background, with the title, source and data date inside")
    if not server_images:
        st.caption(NO_SERVER_EXPORT)


def table(frame, *, key: str, sources, frame_for_sources=None) -> None:
    """A table shown as data (never as markdown), its sources, and a CSV download of exactly it."""
    st.dataframe(frame, hide_index=True, width="stretch")
    source_details(frame if frame_for_sources is None else frame_for_sources, sources)
    st.download_button(
        "Download this table (CSV)",
        data=frame.to_csv(index=False).encode("utf-8"),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"csv_{key}",
    )


def on_request(label: str, key: str):
    """An expander whose content the caller draws only while it is open (`if box.open:`), for data grids
    below a page's charts or in long lists: a grid drawn on first load fetches its bundle alongside
    plotly.js and delays the first chart (bench/RESULTS.md, 1d), and is sent again on every rerun."""
    return st.expander(label, key=key, on_change="rerun")


def table_on_request(label: str, frame, *, key: str, sources, frame_for_sources=None) -> None:
    """`table` inside an expander that draws it only once opened; the sources are named either way."""
    box = on_request(label, key=f"show_{key}")
    if box.open:
        with box:
            table(frame, key=key, sources=sources, frame_for_sources=frame_for_sources)
    else:
        source_details(frame if frame_for_sources is None else frame_for_sources, sources)


ALL_DATASETS = ("reserves", "production", "stage_shares", "trade_flows", "import_sources", "us_salient",
                "events", "claims", "sources")


def facts(items, per_row: int = 3) -> None:
    """Headline figures: value, a one-line reading, and the source line under each."""
    for start in range(0, len(items), per_row):
        for column, fact in zip(st.columns(per_row), items[start : start + per_row], strict=False):
            with column.container(border=True):
                st.metric(plain(fact.label), fact.value)
                # One element for both lines: every element is a message to each viewer (bench/RESULTS.md, 3b).
                st.caption(f"{plain(fact.reading)}\n\n{plain(fact.source)}")


def claims(frame, sources) -> None:
    """Reported changes without tonnages: quoted and attributed, never charted."""
    if frame.empty:
        return
    st.header("Reported, but not backed by figures we could find")
    for _, c in frame.iterrows():
        with st.container(border=True):
            st.markdown(f"**Attributed claim, not charted:** “{plain(c['claim_text'])}”")
            st.caption(f"Attributed to: {plain(c['attributed_to'])}\n\nWhat is known: {plain(c['verification'])}\n\n"
                       + sources_in_full(frame.loc[[c.name]], sources))


def events(frame, name: str, sources) -> None:
    """Policy events as a dated list, each with its status and source.

    A list rather than a data grid: it reads in full on a projector, and the grid's bundle would
    otherwise load before the page's first chart (bench/RESULTS.md, 1d).
    """
    st.header(f"Events that concern {plain(name)}")
    if frame.empty:
        st.info(f"No policy event in the data names {plain(name)}.", icon=":material/info:")
        return
    lines = []
    for _, e in frame.iterrows():
        when = e["event_date"].strftime("%-d %b %Y" if e["date_precision"] == "day" else "%b %Y")
        lines.append(
            f"- **{when}** · {plain(e['actor'])}: **{plain(e['title'])}**. {plain(e['description'])} "
            f"_({plain(e['status'])}; {citation_links([e['source_id']], sources)})_"
        )
    st.markdown("\n".join(lines))


def choose_country(d: dict) -> str:
    """The country a page is about, in the URL (?country=): a dropdown that opens from a button under the
    heading, which names the country (`links.choice_behind_button`)."""
    return links.choice_behind_button("Choose another country", "Country", cached(country.countries, d), key="country",
                                      default=country.DEFAULT, icon=":material/flag:")


def gaps(items: list[str], name: str) -> None:
    if items:
        st.info(f"**What the data does not say about {plain(name)}:**\n" + "\n".join(f"- {plain(g)}" for g in items))


# --- built views and derived tables, cached per parameter set ---------------------------------


@st.cache_resource(show_spinner=False, max_entries=1024)
def _built(name: str, args: tuple, _fn, _d: dict):
    built = _fn(_d, *[list(a) if isinstance(a, tuple) else a for a in args])
    _settle_heap()
    return built


def cached(fn, d: dict, *args):
    """`fn(d, *args)` (a view, or a table from lib.country), built once per process for each parameter set
    and shared by every session, so a rerun does not rebuild the figure. The key is the function's name and
    its simple parameters (lists become tuples); the datasets are not hashed, as they too are loaded once
    per process. Treat the result as read-only."""
    key = tuple(tuple(a) if isinstance(a, list) else a for a in args)
    return _built(f"{fn.__module__}.{fn.__qualname__}", key, fn, d)


def _settle_heap() -> None:
    """Exempt what is built to last (modules, loaded data, cached figures) from the full garbage
    collection Streamlit runs after every script run (`runner.postScriptGC`): without this, each rerun
    walks every object of plotly, pandas and frictionless, which costs more than the page itself.
    Called only when a cache is filled, so it runs a bounded number of times per process."""
    import gc

    gc.collect()
    gc.freeze()

