"""A chart as PNG (slides) or SVG (print), exactly as the page draws it, on a fixed light background.

Every export starts from a copy of the finding's figure, so what is downloaded is what the page shows,
with the title, the source line and the data date (annotations made by lib.figures.layout.finish) inside
the image, whatever the viewer's theme.
"""

from __future__ import annotations

import copy

import plotly.graph_objects as go

from lib.exports import renderer
from lib.figures import layout
from lib.figures.theme import TEMPLATE

WIDTH, HEIGHT, SCALE = 1280, 720, 2
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def for_export(fig: go.Figure, *, width: int = WIDTH, height: int = HEIGHT) -> go.Figure:
    """A copy of the figure on the fixed light template at the slide size; the original is untouched."""
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    out.update_layout(template=TEMPLATE, width=width, height=height, autosize=False,
                      paper_bgcolor="white", plot_bgcolor="white", font_color="#222222")
    if any(t.type in ("choropleth", "scattergeo") for t in out.data):
        out.update_geos(bgcolor="white")
    return out


def _render(fig: go.Figure, fmt: str, scale: float) -> bytes:
    opts = {"format": fmt, "width": fig.layout.width, "height": fig.layout.height, "scale": scale}
    return renderer.render(fig.to_dict(), opts)


def png(fig: go.Figure, *, scale: float = SCALE) -> bytes:
    """The figure as a PNG for slides: 1280×720 layout at 2× (2560×1440 pixels)."""
    return _render(for_export(fig), "png", scale)


def svg(fig: go.Figure) -> bytes:
    """The figure as an SVG for print, 1280×720 layout."""
    return _render(for_export(fig), "svg", 1)


def without_title(fig: go.Figure) -> go.Figure:
    """The figure without its title annotation and the space it took, for a slide whose title states it."""
    out = go.Figure(fig)
    if not any(a.name == "title" for a in out.layout.annotations):
        return out
    room = layout.title_height(out)
    out.layout.annotations = [a for a in out.layout.annotations if a.name != "title"]
    out.update_layout(margin_t=max(out.layout.margin.t - room, 20), height=HEIGHT - room)
    out.layout.meta = {**(out.layout.meta or {}), "title_lines": room // layout.TITLE_LINE}
    return out


def slide_image(finding) -> tuple[bytes, float]:
    """The chart of a slide as a PNG, without its title (the slide carries it), and its height / width."""
    fig = without_title(finding.figure)
    return _render(for_export(fig, height=fig.layout.height), "png", SCALE), fig.layout.height / WIDTH
