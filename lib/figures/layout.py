"""The frame every figure shares: title and subtitle above, source line below, margins sized to fit.

Titles, subtitles and source lines are annotations placed in pixels from the plot area, and the margins
are computed from the wrapped line counts and the measured width of the y labels, so the text neither
overlaps the plot nor gets clipped at 1280x720, and plotly lays the chart out once.
"""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go

from lib.figures.text import SOURCE_WRAP, SUBTITLE_WRAP, TITLE_WRAP, wrap_lines
from lib.figures.theme import BODY_SIZE, INK, MUTED, NA_GREY, SOURCE_SIZE, TEMPLATE, TITLE_SIZE

NO_DATA = "No data reported for this selection"
LEGEND_SHORT_NAME = 28  # characters that fit a third of the plot width at the body font size
DEFAULT_HEIGHT = 620  # Streamlit's default 450 px leaves too little plot once title and source are in
TITLE_LINE, SUBTITLE_LINE, SOURCE_LINE, LEGEND_ROW = 28, 21, 19, 26
# The title, subtitle, legend and source start at the plot's left edge, so a wide left margin leaves them less room.
# Their wrap widths fit a figure NARROWEST_PX wide (a chart at 1280x720) with a left margin up to BASE_LEFT_PX.
NARROWEST_PX, BASE_LEFT_PX, RIGHT = 820, 120, 40


def _narrowing(left: int) -> float:
    """How much of the usual line length fits above and below a plot with this left margin."""
    return min(1.0, (NARROWEST_PX - left - RIGHT) / (NARROWEST_PX - BASE_LEFT_PX - RIGHT))


def hover(trace_kwargs: dict, texts) -> dict:
    """Trace keyword arguments with one hover text per point, and nothing else in the hover box."""
    return trace_kwargs | {"hovertext": list(texts), "hovertemplate": "%{hovertext}<extra></extra>"}


def legend_key(fig: go.Figure, name: str, **marker) -> None:
    """A legend-only entry that explains a marker style."""
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, hoverinfo="skip",
                             marker=dict(size=12, color=NA_GREY) | marker, showlegend=True))


def _legend_names(fig: go.Figure) -> list[str]:
    names = [t.name for t in fig.data if t.showlegend is not False and t.name]
    if fig.layout.showlegend is False or not names:
        return []
    # Plotly's default hides the legend of a single-trace figure.
    if fig.layout.showlegend is None and len(fig.data) < 2 and not any(t.showlegend for t in fig.data):
        return []
    return names


def _legend_grid(names: list[str], short: int = LEGEND_SHORT_NAME) -> tuple[float, int]:
    """(entry width as a fraction of the plot, rows). A fixed grid makes the legend's height
    predictable, so the title block above it can be sized exactly instead of guessed."""
    if not names:
        return 1.0, 0
    per_row = 1 if max(len(n) for n in names) > short else 3
    return 1 / per_row, math.ceil(len(names) / per_row)


def _tick_lines(fig: go.Figure) -> int:
    """Lines in the longest category label on the x axis (stage labels run to three)."""
    lines = 1
    for t in fig.data:
        xs = getattr(t, "x", None)
        if xs is not None and len(xs) and isinstance(xs[0], str):
            lines = max(lines, *(str(x).count("<br>") + 1 for x in xs))
    return lines


# Advance widths of Liberation Sans Regular (metric-compatible with Arial, the template's font), in
# thousandths of an em, for printable ASCII from space to '~'; other characters count as the widest, 'W'.
_GLYPHS = "".join(chr(c) for c in range(32, 127))
_WIDTHS = (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
           556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
           500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
           556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
           278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)
_EM = dict(zip(_GLYPHS, _WIDTHS, strict=True))


def text_px(text: str, size: float) -> float:
    """The width of the text's longest line."""
    return max(sum(_EM.get(ch, 944) for ch in html.unescape(line)) * size / 1000 for line in str(text).split("<br>"))


def _y_values(fig: go.Figure) -> list:
    """The first y axis's values as plotly stacks them: stacked bars and areas reach the sum of each x's values."""
    traces = [t for t in fig.data if (getattr(t, "yaxis", None) or "y") == "y" and getattr(t, "y", None) is not None]
    stacked = [t for t in traces if (t.type == "bar" and fig.layout.barmode in ("stack", "relative"))
               or getattr(t, "stackgroup", None)]
    values = [v for t in traces if t not in stacked for v in t.y]
    sums: dict = {}
    for t in stacked:
        for x, y in zip(t.x if t.x is not None else range(len(t.y)), t.y, strict=False):
            if y is not None and not isinstance(y, str) and not pd.isna(y):
                sums[x] = sums.get(x, 0.0) + abs(float(y))
    return values + list(sums.values())


def _y_tick_labels(fig: go.Figure) -> list[str]:
    """The first y axis's tick labels, or for a numeric axis the longest one plotly could print."""
    axis = fig.layout.yaxis
    if axis.visible is False:
        return []
    if axis.ticktext is not None:
        return [str(t) for t in axis.ticktext]
    suffix = axis.ticksuffix or ""
    if axis.tickvals is not None:
        return [f"{v:,}{suffix}" for v in axis.tickvals]
    values = _y_values(fig)
    words = [str(v) for v in values if isinstance(v, str)]
    if words:
        return words
    numbers = [abs(float(v)) for v in values if v is not None and not pd.isna(v)]
    if axis.range is not None:
        numbers += [abs(float(v)) for v in axis.range if v is not None]
    if not numbers:
        return []
    top = max(numbers) * 1.1  # plotly pads the range a little; its top tick is no longer than this
    return [(f"{top:,.0f}" if top >= 10 else f"{top:.1f}") + suffix]


def _left_margin(fig: go.Figure) -> int:
    """Room for the y axis's tick labels and title, reserved before plotly lays the chart out.

    Plotly's automargin would find the room itself, but only by drawing the chart a second time,
    which costs a viewer's browser about a fifth of the chart's first draw (bench/RESULTS.md, 1f).
    Automargin stays on as the safety net should this estimate ever fall short.
    """
    labels = _y_tick_labels(fig)
    room = max((text_px(t, BODY_SIZE) for t in labels), default=0) + 14
    if labels and fig.layout.yaxis.title.text:
        room += BODY_SIZE + 12 + 6  # the rotated title's line, its standoff and a little air
    return max(70, math.ceil(room))


def _has_bottom_axis(fig: go.Figure) -> bool:
    if fig.layout.xaxis.visible is False:
        return False
    return any(t.type not in ("choropleth", "scattergeo") for t in fig.data)


def finish(fig: go.Figure, title: str, subtitle: str, source: str) -> go.Figure:
    """Apply the template, put title and subtitle on top and the source line under the plot.

    All three are annotations (named 'title', 'subtitle', 'source'); plotly's own title is not used
    because it misplaces multi-line titles. The plain strings are also kept in layout.meta.
    """
    left = _left_margin(fig)
    fit = _narrowing(left)
    title_lines, sub_lines, src_lines = (wrap_lines(title, int(TITLE_WRAP * fit)),
                                         wrap_lines(subtitle, int(SUBTITLE_WRAP * fit)),
                                         wrap_lines(source, int(SOURCE_WRAP * fit)))
    entry_width, legend_rows = _legend_grid(_legend_names(fig), int(LEGEND_SHORT_NAME * fit))
    header = LEGEND_ROW * legend_rows
    if any(a.y == 1 and a.yanchor == "bottom" for a in fig.layout.annotations):
        header = max(header, 28)  # subplot titles sit just above the plot area
    sub_h = SUBTITLE_LINE * len(sub_lines)
    title_h = TITLE_LINE * len(title_lines)
    has_x_title = bool(fig.layout.xaxis.title.text)
    below = (14 + 22 * _tick_lines(fig) + (30 if has_x_title else 0)) if _has_bottom_axis(fig) else 8
    fig.update_layout(
        template=TEMPLATE,
        margin=dict(t=header + sub_h + title_h + 30, b=below + SOURCE_LINE * len(src_lines) + 14, l=left, r=RIGHT),
        meta=dict(title=title, subtitle=subtitle, source=source),
    )
    if fig.layout.height is None:
        fig.update_layout(height=DEFAULT_HEIGHT)
    if header:
        fig.update_layout(legend=dict(y=1.0, yanchor="bottom", yref="paper", x=0, xanchor="left",
                                      entrywidth=entry_width - 0.01, entrywidthmode="fraction"))
    common = dict(showarrow=False, align="left", x=0, xref="paper", yref="paper", xanchor="left")
    fig.add_annotation(name="subtitle", text="<br>".join(sub_lines), y=1, yanchor="bottom", yshift=header + 6,
                       font=dict(size=BODY_SIZE, color=MUTED), **common)
    fig.add_annotation(name="title", text="<br>".join(title_lines), y=1, yanchor="bottom",
                       yshift=header + sub_h + 10, font=dict(size=TITLE_SIZE, color=INK), **common)
    fig.add_annotation(name="source", text="<br>".join(src_lines), y=0, yanchor="top", yshift=-below,
                       font=dict(size=SOURCE_SIZE, color=MUTED), **common)
    return fig


def title_height(fig: go.Figure) -> int:
    """The pixels the title block takes, for a slide that states the title itself."""
    return TITLE_LINE * (len(wrap_lines((fig.layout.meta or {}).get("title", ""), TITLE_WRAP)) or 1)


def empty_figure(*, title: str, subtitle: str, source: str, message: str = NO_DATA) -> go.Figure:
    """A figure that says there is nothing to show, with the usual title and source."""
    fig = go.Figure()
    fig.add_annotation(name="no_data", text=message, x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font=dict(size=20, color=MUTED))
    fig.update_layout(xaxis=dict(visible=False), yaxis=dict(visible=False), showlegend=False)
    return finish(fig, title, subtitle, source)


def nothing(df) -> bool:
    return df is None or len(df) == 0
