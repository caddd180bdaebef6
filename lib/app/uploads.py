"""A viewer's own trade extract, kept for that viewer's session only.

The Data & sources page checks an uploaded file with the trade importers and keeps the rows here; the country
charts read them back for the same session and mark them as the viewer's upload. Nothing reaches the server's
disk, and st.session_state is per browser session, so a second viewer never sees another's upload.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from lib.app.text import plain
from lib.etl.trade.upload import SOURCE_ID

_KEY = "_uploaded_trade_records"
LABEL = "your upload, not part of the published data"


@dataclass(frozen=True)
class Upload:
    name: str  # the file's name as the viewer's browser gave it
    records: pd.DataFrame  # rows in the columns of trade_records


def keep(name: str, records: pd.DataFrame) -> None:
    st.session_state[_KEY] = Upload(name, records)


def current() -> Upload | None:
    return st.session_state.get(_KEY)


def clear() -> None:
    st.session_state.pop(_KEY, None)


def citation(ids) -> str:
    """The upload in a chart's full sources, where `ids` (a chart's source ids) hold its rows' id; '' otherwise.
    It is no source of data/sources.csv: what it is, is the viewer's file."""
    kept = current()
    if SOURCE_ID not in ids or kept is None:
        return ""
    return (f"{LABEL}: {plain(kept.name)}, held in this browser session only (a maintainer cites its publisher's "
            "source when adding the rows)")
