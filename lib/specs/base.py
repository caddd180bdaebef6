"""What a chart spec is, and what it makes: a Finding (title, takeaway, figure, the frame it plots)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from lib.domain import provenance
from lib.figures.text import assumed, assumption_note

Datasets = dict[str, pd.DataFrame]


@dataclass
class Finding:
    key: str
    title: str
    takeaway: str
    figure: go.Figure
    frame: pd.DataFrame  # exactly the rows the figure plots, and the CSV a viewer downloads
    source: str
    source_rows: pd.DataFrame  # the sourced rows behind the figure (the frame may be derived from them)
    assumptions: tuple[str, ...] = field(default=())  # inputs that are assumptions, not data (scenarios)

    @cached_property
    def source_ids(self) -> tuple[str, ...]:
        """The ids of the sources behind the figure, once per finding (findings are cached and shared)."""
        if "source_id" not in self.source_rows:
            return ()
        return tuple(sorted(self.source_rows["source_id"].dropna().astype(str).unique()))

    @property
    def description(self) -> str:
        """The chart in words, for screen readers and alt text: its finding and what it rests on."""
        return f"{self.title}. {self.takeaway}"


@dataclass(frozen=True)
class Spec:
    """A chart: its key, its short label (the deck's list), the datasets it reads, and how it is built."""

    key: str
    label: str
    needs: tuple[str, ...]
    build: Callable[..., Finding]


def finding(key: str, frame: pd.DataFrame, d: Datasets, build, *, title: str, takeaway: str, subtitle: str,
            source_rows: pd.DataFrame | None = None, latest: str | None = None, assumptions: Sequence[str] = (),
            **kwargs) -> Finding:
    """Draw `frame` with `build`, with the source line of the rows behind it. A scenario's footnote lines go into
    the Finding (for the page and the slide); those that are assumptions also go into the figure under its source
    line, so the PNG carries them (the data lines' sources are the source line's). The Finding's own source stays
    the source line."""
    rows = frame if source_rows is None else source_rows
    source = provenance.source_line(rows, d["sources"], latest=latest)
    made = [line for line in assumptions if assumed(line)]
    shown = f"{source}\n{assumption_note(made)}" if made else source
    figure = build(frame, title=title, subtitle=subtitle, source=shown, **kwargs)
    return Finding(key, title, takeaway, figure, frame, source, rows, tuple(assumptions))


def mt(tonnes) -> str:
    return f"{tonnes / 1e6:.1f} Mt" if tonnes >= 1e6 else f"{tonnes:,.0f} t"
