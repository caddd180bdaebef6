"""Streamlit glue shared by the pages: cached loading, error display, chart blocks.

Everything here is thin. Loading and validation live in lib.data, figures in lib.charts.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

import streamlit as st

from lib import charts, data, provenance


@st.cache_data(show_spinner=False)
def _load(name: str):
    return data.load(name)


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


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def plain(text) -> str:
    """Text from data or a URL, escaped so that Streamlit's markdown shows it literally."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def _safe_url(url: str) -> str:
    # The schema only admits http(s) addresses; encoding brackets and spaces keeps the markdown link whole.
    return str(url).replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def source_details(frame, sources) -> None:
    """Full citations with links for the rows behind a chart (the figure itself carries the short line)."""
    used = provenance.cited(frame, sources)
    links = " · ".join(f"[{plain(provenance.citation(s))}]({_safe_url(s['url'])})" for _, s in used.iterrows())
    st.caption(f"Sources in full: {links}" if links else "No source: nothing to show.")


def show(view, sources, key: str | None = None) -> None:
    """A view's chart, its full sources, and the exact rows it plots as a table and a CSV download."""
    key = key or view.key
    frame = view.frame
    st.plotly_chart(
        view.figure,
        key=f"chart_{key}",
        theme=None,  # Streamlit's theme would override the shared template and the country colours
        config=charts.download_config(key),
        alt=f"{view.title}. {view.takeaway}",
    )
    source_details(view.source_rows, sources)
    with st.expander("Data behind this chart"):
        st.dataframe(frame, hide_index=True, width="stretch")
        st.download_button(
            "Download these rows (CSV)",
            data=frame.to_csv(index=False).encode("utf-8"),
            file_name=f"{key}.csv",
            mime="text/csv",
            key=f"csv_{key}",
        )


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


LINK_PARAMS = "_link_params"


def start_link() -> None:
    """Forget the previous run's link parameters; `choice` records this run's."""
    st.session_state[LINK_PARAMS] = {}


def share_link(page_path: str) -> str:
    """The address of exactly this view: page plus every bound control that differs from its default."""
    origin = ""
    if st.context.url:
        parts = urlsplit(st.context.url)
        origin = f"{parts.scheme}://{parts.netloc}"
    query = urlencode(st.session_state.get(LINK_PARAMS, {}), doseq=True)
    return f"{origin}/{page_path}" + (f"?{query}" if query else "")



def choice(label: str, options, key: str, default=None, *, widget=st.selectbox, **kwargs) -> str:
    """A selectbox (or radio) whose value lives in the URL (?key=value), so a link restores it.

    Streamlit drops a URL value that is not an option; we say so, because a colleague's link that
    silently shows something else is worse than a short notice.
    """
    options = [str(o) for o in options]
    index = options.index(str(default)) if default is not None and str(default) in options else 0
    asked = st.query_params.get(key)
    if widget is st.radio:
        kwargs.setdefault("horizontal", True)
    value = widget(label, options, index=index, key=key, bind="query-params", **kwargs)
    if value != options[index]:
        st.session_state.setdefault(LINK_PARAMS, {})[key] = value
    if asked is not None and asked not in options:
        st.info(
            f"The link asked for {key} “{plain(asked)}”, which is not in the data; showing {plain(value)} instead.",
            icon=":material/info:",
        )
    return value


def multichoice(label: str, options, key: str, default: list[str]) -> list[str]:
    """A multiselect bound to the URL (?key=a&key=b); an empty choice falls back to the default."""
    options = [str(o) for o in options]
    asked = st.query_params.get_all(key)
    values = st.multiselect(label, options, default=default, key=key, bind="query-params")
    if values != default:
        st.session_state.setdefault(LINK_PARAMS, {})[key] = values
    unknown = [a for a in asked if a not in options]
    if unknown:
        st.info(f"The link asked for {key} {plain(', '.join(unknown))}, which are not in the data.", icon=":material/info:")
    return values or default


ALL_DATASETS = ("reserves", "production", "stage_shares", "trade_flows", "import_sources", "us_salient",
                "events", "claims", "sources")


def facts(items, per_row: int = 3) -> None:
    """Headline figures: value, a one-line reading, and the source line under each."""
    for start in range(0, len(items), per_row):
        for column, fact in zip(st.columns(per_row), items[start : start + per_row], strict=False):
            with column.container(border=True):
                st.metric(plain(fact.label), fact.value)
                st.caption(plain(fact.reading))
                st.caption(plain(fact.source))


def claims(frame, sources) -> None:
    """Reported changes without tonnages: quoted and attributed, never charted."""
    if frame.empty:
        return
    st.header("Reported, but not backed by figures we could find")
    for _, c in frame.iterrows():
        with st.container(border=True):
            st.markdown(f"**Attributed claim, not charted:** “{plain(c['claim_text'])}”")
            st.caption(f"Attributed to: {plain(c['attributed_to'])}")
            st.caption(f"What is known: {plain(c['verification'])}")
            source_details(frame.loc[[c.name]], sources)


def events(frame, name: str) -> None:
    st.header(f"Events that concern {name}")
    if frame.empty:
        st.info(f"No policy event in the data names {name}.", icon=":material/info:")
        return
    shown = frame[["event_date", "actor", "title", "description", "status", "source_id"]]
    st.dataframe(shown, hide_index=True, width="stretch", column_config={"event_date": st.column_config.DateColumn("date")})


def gaps(items: list[str], name: str) -> None:
    if items:
        st.info(f"**What the data does not say about {plain(name)}:**\n" + "\n".join(f"- {plain(g)}" for g in items))


def link_box(page_path: str) -> None:
    """The 'copy link' control: the address of exactly this view, with a copy button."""
    with st.sidebar:
        st.caption("Link to this view (copy with the button at its right):")
        st.code(share_link(page_path), language=None, wrap_lines=True)
