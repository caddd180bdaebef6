"""Policy events on a time axis: a dotted line each, a short label that stays readable, details on hover."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.figures.layout import hover, nothing
from lib.figures.text import br, esc, shorten
from lib.figures.theme import SMALL_SIZE

LABEL_CHARS = 30
# A label runs up its line, one text line wide; two labels closer than this (in pixels of a 1280 px
# chart's plot area, about 1,150 px) would touch, so the later one moves to the other side of its line
# or, if that is taken too, to the lower half of the plot.
LABEL_PX = 18
PLOT_PX = 1150
LANES = ((0.99, "right"), (0.99, "left"), (0.5, "right"), (0.5, "left"))


def lanes(days: list[float], span_days: float, plot_px: float = PLOT_PX) -> list[tuple[float, str]]:
    """(y, side) for each label, in date order, so that no two labels in one lane are within LABEL_PX."""
    px = [d / span_days * plot_px for d in days] if span_days > 0 else [0.0] * len(days)
    taken: dict[int, float] = {}
    out = []
    for x in px:
        for i, (y, side) in enumerate(LANES):
            edge = x + LABEL_PX if side == "right" else x
            if i not in taken or edge - taken[i] >= LABEL_PX:
                taken[i] = edge
                out.append((y, side))
                break
        else:  # every lane is taken here: the first lane, and the hover text still says it all
            out.append(LANES[0])
    return out


def events_layer(fig: go.Figure, events: pd.DataFrame | None, lo: pd.Timestamp, hi: pd.Timestamp) -> None:
    """Vertical lines with short labels laid out in lanes; hover on an invisible marker at each label."""
    if nothing(events):
        return
    ev = events.assign(_d=pd.to_datetime(events["event_date"]))
    ev = ev[(ev["_d"] >= lo) & (ev["_d"] <= hi)].sort_values("_d").reset_index(drop=True)
    if ev.empty:
        return
    placed = lanes([(d - lo).days for d in ev["_d"]], (hi - lo).days)
    for (_, e), (y, side) in zip(ev.iterrows(), placed, strict=True):
        scheduled = e.get("timing") == "scheduled"
        fig.add_shape(type="line", x0=e["_d"], x1=e["_d"], y0=0, y1=1, xref="x", yref="paper",
                      line=dict(color="#777777", width=1.5, dash="dash" if scheduled else "dot"), name="event")
        label = ("Scheduled: " if scheduled else "") + str(e["title"])
        # The label background is light enough that a data line under it still shows.
        fig.add_annotation(x=e["_d"], y=y, xref="x", yref="paper", text=shorten(label, LABEL_CHARS), showarrow=False,
                           name="event", textangle=-90, xanchor="left" if side == "right" else "right", yanchor="top",
                           xshift=2 if side == "right" else -2, bgcolor="rgba(255,255,255,0.6)",
                           font=dict(size=SMALL_SIZE, color="#333333"))
    texts = [f"<b>{esc(e['title'])}</b><br>{e['_d']:%d %b %Y}"
             + (" (scheduled)" if e.get("timing") == "scheduled" else "")
             + (" (month only)" if e.get("date_precision") == "month" else "")
             + (f" · {esc(e['actor'])}" if pd.notna(e.get("actor")) else "")
             + (f"<br>{br(e['description'])}" if pd.notna(e.get("description")) else "")
             + (" <i>(secondary)</i>" if e.get("status") == "secondary" else "")
             for _, e in ev.iterrows()]
    fig.add_trace(go.Scatter(**hover(dict(
        x=ev["_d"], y=[y for y, _ in placed], yaxis="y2", mode="markers", name="Policy events", showlegend=False,
        marker=dict(size=18, color="rgba(0,0,0,0)"),
    ), texts)))
    fig.update_layout(yaxis2=dict(overlaying="y", range=[0, 1], visible=False, fixedrange=True))
