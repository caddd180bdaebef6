"""Streamlit glue shared by the pages: cached loading, error display, chart blocks.

Everything here is thin. Loading and validation live in lib.data, figures in lib.charts.
"""

from __future__ import annotations

import re

import streamlit as st

from lib import data, provenance


@st.cache_data(show_spinner=False)
def _load(name: str):
    return data.load(name)


def dataset(name: str):
    """The dataset, loaded once per process. A broken file stops only the page that needs it."""
    try:
        return _load(name)
    except data.DataError as err:
        show_data_error(err)
        st.stop()


def try_dataset(name: str):
    """The dataset, or the DataError, for pages that keep going without it."""
    try:
        return _load(name)
    except data.DataError as err:
        return err


def show_data_error(err: data.DataError) -> None:
    st.error(f"This view cannot be shown: {err.file} has problems. The other pages still work.", icon="⚠️")
    # st.code renders the message as plain text, so nothing in a data file can inject markup.
    st.code(str(err), language=None)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def plain(text) -> str:
    """Text from data or a URL, escaped so that Streamlit's markdown shows it literally."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def source_caption(frame, sources) -> None:
    st.caption(provenance.source_line(frame, sources))



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
    if asked is not None and asked not in options:
        st.info(
            f"The link asked for {key} “{plain(asked)}”, which is not in the data; showing {plain(value)} instead.",
            icon="ℹ️",
        )
    return value
