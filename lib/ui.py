"""Streamlit glue shared by the pages: cached loading, error display, chart blocks.

Everything here is thin. Loading and validation live in lib.data, figures in lib.charts.
"""

from __future__ import annotations

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


def source_caption(frame, sources) -> None:
    st.caption(provenance.source_line(frame, sources))
