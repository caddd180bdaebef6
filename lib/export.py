"""Server-side exports: a chart as PNG or SVG (kaleido driving Chromium) and a briefing deck (python-pptx).

No Streamlit here. Every export starts from a copy of the view's figure, so what is downloaded is what
the page shows, with the title, the source line and the data date (all annotations made by
charts.finish) inside the image, on a fixed light background whatever the viewer's theme.
"""

from __future__ import annotations

import asyncio
import atexit
import copy
import datetime as dt
import io
import os
import shutil
import threading
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from lib import charts, provenance

# kaleido (through choreographer) finds the browser through BROWSER_PATH; Debian's Chromium by default.
os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")

WIDTH, HEIGHT, SCALE = 1280, 720, 2
# plotly.js asks for f"{topojsonURL}world_110m.json"; the app serves the same file, so exports never
# need the network (kaleido's Chromium is started with --allow-file-access-from-files).
TOPOJSON_URL = (Path(__file__).resolve().parent.parent / "static").as_uri() + "/"
RENDER_TIMEOUT_S = 60
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def browser_path() -> str:
    return os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"


def chromium_available() -> bool:
    """Whether a Chromium that kaleido can drive is installed (BROWSER_PATH, default /usr/bin/chromium)."""
    path = browser_path()
    return bool(shutil.which(path)) or (Path(path).is_file() and os.access(path, os.X_OK))


class ExportUnavailable(RuntimeError):
    """Server-side export cannot run on this host (no Chromium)."""


# --- one warm Chromium ----------------------------------------------------------------------------
#
# Starting Chromium and loading plotly.js into it takes a few seconds; rendering into an open page takes
# a fraction of one. So one Kaleido (one Chromium, one tab) is opened on first use and kept, on an event
# loop of its own in a daemon thread. kaleido's own kaleido.start_sync_server() does the same, but its
# call_function() shares one task queue and one result queue between callers, so two downloads clicked
# at once (Streamlit runs each deferred download on its own thread) could receive each other's image,
# and it waits forever if Chromium fails to start. asyncio.run_coroutine_threadsafe gives each caller its
# own future with a timeout; Kaleido queues concurrent renders on its tab itself.


class _Renderer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    def _run(self, coro, timeout: float = RENDER_TIMEOUT_S):
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=timeout)

    def _ensure_started(self) -> None:
        with self._lock:
            if self._kaleido is not None:
                return
            if not chromium_available():
                raise ExportUnavailable(f"No Chromium at {browser_path()}; install Debian's chromium or set BROWSER_PATH.")
            import kaleido  # noqa: PLC0415  (imported late: the app runs without it when exports are off)

            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="kaleido", daemon=True).start()
            self._loop = loop

            async def open_kaleido():
                # mathjax=False: no CDN fetch; plotly.js comes from the installed plotly package.
                k = kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT_S, mathjax=False)
                await k.open()
                return k

            try:
                self._kaleido = self._run(open_kaleido())
            except Exception:
                self._stop_loop()
                raise

    def _stop_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._loop = None
        self._kaleido = None

    def render(self, fig_dict: dict, opts: dict) -> bytes:
        self._ensure_started()
        try:
            return self._run(self._kaleido.calc_fig(fig_dict, opts=opts, topojson=TOPOJSON_URL))
        except Exception:
            # A crashed or stuck Chromium is replaced on the next call rather than reused.
            self.close()
            raise

    def close(self) -> None:
        with self._lock:
            if self._kaleido is not None and self._loop is not None:
                try:
                    self._run(self._kaleido.close(), timeout=10)
                except Exception:  # noqa: BLE001  (closing a broken browser may fail; it is dropped anyway)
                    pass
            self._stop_loop()


_renderer = _Renderer()
atexit.register(_renderer.close)


def warm() -> None:
    """Start Chromium now rather than on the first click (no-op without Chromium)."""
    if chromium_available():
        _renderer._ensure_started()


_warming = threading.Lock()


def warm_in_background() -> None:
    """Start Chromium on a background thread once, so that the first click does not wait for it."""
    if _renderer._kaleido is not None or not chromium_available() or not _warming.acquire(blocking=False):
        return

    def run():
        try:
            warm()
        except Exception:  # noqa: BLE001  (a failed start is retried, and reported, on the first click)
            pass

    threading.Thread(target=run, name="kaleido-warm", daemon=True).start()


# --- figures -------------------------------------------------------------------------------------


def for_export(fig: go.Figure, *, width: int = WIDTH, height: int = HEIGHT) -> go.Figure:
    """A copy of the figure on the fixed light template at the slide size; the original is untouched."""
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    out.update_layout(
        template=charts.TEMPLATE, width=width, height=height, autosize=False,
        paper_bgcolor="white", plot_bgcolor="white", font_color="#222222",
    )
    if any(t.type in ("choropleth", "scattergeo") for t in out.data):
        out.update_geos(bgcolor="white")
    return out


def _render(fig: go.Figure, fmt: str, scale: float) -> bytes:
    opts = {"format": fmt, "width": fig.layout.width, "height": fig.layout.height, "scale": scale}
    return _renderer.render(fig.to_dict(), opts)


def png(fig: go.Figure, *, scale: float = SCALE) -> bytes:
    """The figure as a PNG for slides: 1280×720 layout at 2× (2560×1440 pixels)."""
    return _render(for_export(fig), "png", scale)


def svg(fig: go.Figure) -> bytes:
    """The figure as an SVG for print, 1280×720 layout."""
    return _render(for_export(fig), "svg", 1)


def without_title(fig: go.Figure) -> go.Figure:
    """The figure without its title annotation and the space it took, for a slide whose title states it."""
    out = go.Figure(fig)
    title = next((a for a in out.layout.annotations if a.name == "title"), None)
    if title is None:
        return out
    lines = len(charts._lines((out.layout.meta or {}).get("title", ""), charts.TITLE_WRAP)) or 1
    out.layout.annotations = [a for a in out.layout.annotations if a.name != "title"]
    out.update_layout(margin_t=max(out.layout.margin.t - 28 * lines, 20), height=HEIGHT - 28 * lines)
    out.layout.meta = {**(out.layout.meta or {}), "title_lines": lines}
    return out


# --- briefing deck -------------------------------------------------------------------------------

SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5
INK, GREY = "222222", "555555"


def deck_vintage(views, sources: pd.DataFrame) -> tuple[str, str]:
    """(latest publication, latest date read) across the rows behind all the views."""
    rows = [v.source_rows for v in views if "source_id" in v.source_rows]
    if not rows:
        return "", ""
    return provenance.vintage(pd.concat([r[["source_id"]] for r in rows], ignore_index=True), sources)


def deck_sources(views, sources: pd.DataFrame) -> pd.DataFrame:
    rows = [v.source_rows[["source_id"]] for v in views if "source_id" in v.source_rows]
    if not rows:
        return sources.iloc[0:0]
    return provenance.cited(pd.concat(rows, ignore_index=True), sources)


def slide_image(view) -> tuple[bytes, float]:
    """The chart of a slide as a PNG, without its title (the slide carries it), and its height / width."""
    fig = without_title(view.figure)
    return _render(for_export(fig, height=fig.layout.height), "png", SCALE), fig.layout.height / WIDTH


def cover_lines(views, country: str, sources: pd.DataFrame, today: dt.date) -> tuple[str, list[str]]:
    """The title slide's title and lines: the date, the data vintage, the number of charts."""
    published, accessed = deck_vintage(views, sources)
    return f"Rare-earth supply dependence: {country}", [
        f"Briefing deck, {today:%d %B %Y}",
        f"Data vintage: sources published up to {published}; read up to {accessed}." if published else
        "Data vintage: no sourced rows.",
        f"{len(views)} chart{'s' if len(views) != 1 else ''}; every figure names its source.",
    ]


def source_entry(source) -> str:
    return f"{provenance.citation(source)}. {source['url']} (read {source['accessed']:%Y-%m-%d})"


NO_IMAGE = "Chart image unavailable: server-side export needs Chromium on the host that built this deck."


def deck(views, country: str, sources: pd.DataFrame, *, today: dt.date | None = None, images: bool | None = None) -> bytes:
    """A 16:9 PowerPoint deck: a title slide (date, data vintage), one slide per view (title, takeaway,
    chart image, source footnote) and a closing slide listing every source in full.

    Without Chromium (`images` False) each chart slide says the image could not be made on this host.
    """
    from pptx import Presentation  # noqa: PLC0415
    from pptx.dml.color import RGBColor  # noqa: PLC0415
    from pptx.util import Inches, Pt  # noqa: PLC0415

    images = chromium_available() if images is None else images
    today = today or dt.date.today()
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W_IN), Inches(SLIDE_H_IN)
    blank = prs.slide_layouts[6]

    def text(slide, left, top, width, height, paragraphs, *, name=None):
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        if name:
            box.name = name
        frame = box.text_frame
        frame.word_wrap = True
        for i, (content, size, colour, bold) in enumerate(paragraphs):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = p.add_run()
            run.text = content
            run.font.size, run.font.bold, run.font.name = Pt(size), bold, "Liberation Sans"
            run.font.color.rgb = RGBColor.from_string(colour)
        return box

    title, lines = cover_lines(views, country, sources, today)
    cover = prs.slides.add_slide(blank)
    text(cover, 0.8, 2.2, 11.7, 1.6, [(title, 40, "111111", True)], name="title")
    text(cover, 0.8, 3.9, 11.7, 1.6, [(lines[0], 22, INK, False)] + [(line, 18, GREY, False) for line in lines[1:]],
         name="subtitle")

    for view in views:
        slide = prs.slides.add_slide(blank)
        # Liberation Sans bold at 24 pt fits about 75 characters in 12.3 in; the takeaway goes under the title.
        title_lines = max(1, -(-len(view.title) // 72))
        text(slide, 0.5, 0.2, 12.3, 0.45 * title_lines + 0.15, [(view.title, 24, "111111", True)], name="title")
        takeaway_top = 0.3 + 0.45 * title_lines
        text(slide, 0.5, takeaway_top, 12.3, 0.45, [(view.takeaway, 15, GREY, False)], name="takeaway")
        top, bottom = takeaway_top + 0.5, SLIDE_H_IN - 0.65
        if images:
            picture, ratio = slide_image(view)
            height = bottom - top
            width = min(height / ratio, 12.3)
            height = width * ratio
            slide.shapes.add_picture(io.BytesIO(picture), Inches((SLIDE_W_IN - width) / 2), Inches(top),
                                     Inches(width), Inches(height)).name = "chart"
        else:
            text(slide, 0.5, 3.2, 12.3, 1.0, [(NO_IMAGE, 18, GREY, False)], name="chart")
        text(slide, 0.5, SLIDE_H_IN - 0.65, 12.3, 0.6, [(view.source, 11, GREY, False)], name="footnote")

    closing = prs.slides.add_slide(blank)
    text(closing, 0.5, 0.3, 12.3, 0.8, [("Sources", 28, "111111", True)], name="title")
    used = deck_sources(views, sources)
    size = 10 if len(used) <= 30 else 8
    entries = [(source_entry(s), size, INK, False) for _, s in used.iterrows()]
    half = (len(entries) + 1) // 2 if len(entries) > 12 else len(entries)
    text(closing, 0.5, 1.2, 6.0 if half < len(entries) else 12.3, 6.0, entries[:half], name="sources")
    if half < len(entries):
        text(closing, 6.85, 1.2, 6.0, 6.0, entries[half:], name="sources-2")

    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# --- the same deck as a PDF ------------------------------------------------------------------------

FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"
PAGE = (SLIDE_W_IN * 72, SLIDE_H_IN * 72)  # points: the slides' 16:9
MARGIN = 36


def deck_pdf(views, country: str, sources: pd.DataFrame, *, today: dt.date | None = None,
             images: bool | None = None) -> bytes:
    """The deck of `deck` as a PDF, one 16:9 page per slide, for readers without PowerPoint. Its type is
    DejaVu Sans, embedded; text from the data is escaped, so markup in it prints as written."""
    from xml.sax.saxutils import escape  # noqa: PLC0415

    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer  # noqa: PLC0415

    for name, file in (("DejaVu", "DejaVuSans.ttf"), ("DejaVu-Bold", "DejaVuSans-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    images = chromium_available() if images is None else images
    today = today or dt.date.today()

    def style(size, colour, bold=False, after=0):
        return ParagraphStyle(f"s{size}{colour}{bold}", fontName="DejaVu-Bold" if bold else "DejaVu", fontSize=size,
                              leading=size * 1.25, textColor=f"#{colour}", spaceAfter=after)

    def para(text, st):
        return Paragraph(escape(str(text)), st)

    # What a page's frame holds: the page less its margins and the frame's own 6 pt padding on each side.
    width, height = PAGE[0] - 2 * MARGIN - 12, PAGE[1] - 2 * MARGIN - 12
    title, lines = cover_lines(views, country, sources, today)
    story = [Spacer(1, 120), para(title, style(36, "111111", True, after=24)), para(lines[0], style(22, INK, after=8))]
    story += [para(line, style(16, GREY, after=4)) for line in lines[1:]]
    for view in views:
        top = [para(view.title, style(22, "111111", True, after=6)), para(view.takeaway, style(14, GREY, after=10))]
        foot = para(view.source, style(10, GREY))
        # The chart takes what the text leaves (and the 8 pt spacer, with 2 pt to spare), so that title,
        # chart and footnote share one page.
        used = sum(p.wrap(width, height)[1] + p.style.spaceAfter for p in top) + foot.wrap(width, height)[1] + 8 + 2
        story += [PageBreak(), *top]
        if images:
            picture, ratio = slide_image(view)
            h = height - used
            w = min(h / ratio, width)
            story.append(Image(io.BytesIO(picture), width=w, height=w * ratio))
        else:
            story.append(para(NO_IMAGE, style(16, GREY, after=8)))
        story += [Spacer(1, 8), foot]
    story += [PageBreak(), para("Sources", style(26, "111111", True, after=12))]
    story += [para(source_entry(s), style(10, INK, after=4)) for _, s in deck_sources(views, sources).iterrows()]

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                      bottomMargin=MARGIN, title=title, author="Rare-earth supply dependence dashboard").build(story)
    return out.getvalue()
