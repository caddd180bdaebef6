"""A viewer's own trade extract, kept for that viewer's session only.

The Data & sources page checks an uploaded file with the trade importers and keeps the rows here; the country
charts read them back for the same session and mark them as the viewer's upload. Nothing reaches the server's
disk, and st.session_state is per browser session, so a second viewer never sees another's upload.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from lib.app.text import plain
from lib.etl.trade.upload import SOURCE_ID

_KEY = "_uploaded_trade_records"
LABEL = "your upload, not part of the published data"
# What one session keeps derived from its upload (typed rows, a chart per product line and measure): beyond this the
# oldest is dropped.
MAX_DERIVED = 64


@dataclass(frozen=True)
class Upload:
    name: str  # the file's name as the viewer's browser gave it
    records: pd.DataFrame  # rows in the columns of trade_records
    # What the page derives from the rows, built once for this session: its rows never enter a cache that other
    # sessions read, and rebuilding its charts on every rerun cost 0.2-0.3 s of CPU (bench/RESULTS.md, 11).
    derived: dict = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: Hashable, build: Callable[[], object]):
        """`build()`, once per key for this upload."""
        if key not in self.derived:
            if len(self.derived) >= MAX_DERIVED:
                self.derived.pop(next(iter(self.derived)))
            self.derived[key] = build()
        return self.derived[key]


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
