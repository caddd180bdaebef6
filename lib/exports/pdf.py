"""The briefing deck as a PDF (reportlab): one 16:9 page per slide, for readers without PowerPoint."""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path

import pandas as pd

from lib.exports import renderer
from lib.exports.deck import GREY, INK, NO_IMAGE, SLIDE_H_IN, SLIDE_W_IN, TITLE_INK, cover_lines, deck_sources, source_entry
from lib.exports.images import slide_image
from lib.figures.text import assumption_note

FONTS = Path(__file__).resolve().parents[2] / "static" / "fonts"
PAGE = (SLIDE_W_IN * 72, SLIDE_H_IN * 72)  # points: the slides' 16:9
MARGIN = 36
SOURCE_SIZE = 10  # points: the sources page's type


def deck_pdf(findings, country: str, sources: pd.DataFrame, *, today: dt.date | None = None,
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
    images = renderer.chromium_available() if images is None else images
    today = today or dt.date.today()

    def style(size, colour, bold=False, after=0):
        return ParagraphStyle(f"s{size}{colour}{bold}", fontName="DejaVu-Bold" if bold else "DejaVu", fontSize=size,
                              leading=size * 1.25, textColor=f"#{colour}", spaceAfter=after)

    def source_para(source):
        # A URL broken across lines no longer works when copied, so it is never split (splitLongWords=0), and
        # one wider than the page is set in smaller type until it fits on its own line; the citation keeps its size.
        st = style(SOURCE_SIZE, INK, after=4)
        st.splitLongWords = 0
        entry, url = source_entry(source), source["url"]
        if not isinstance(url, str) or not url:
            return para(entry, st)
        before, url, after = entry.partition(url)
        size = url_size(url, width, pdfmetrics.stringWidth)
        return Paragraph(f'{escape(before)}<font size="{size:.2f}">{escape(url)}</font>{escape(after)}', st)

    def para(text, st):
        return Paragraph(escape(str(text)), st)

    # What a page's frame holds: the page less its margins and the frame's own 6 pt padding on each side.
    width, height = PAGE[0] - 2 * MARGIN - 12, PAGE[1] - 2 * MARGIN - 12
    title, lines = cover_lines(findings, country, sources, today)
    story = [Spacer(1, 120), para(title, style(36, TITLE_INK, True, after=24)), para(lines[0], style(22, INK, after=8))]
    story += [para(line, style(16, GREY, after=4)) for line in lines[1:]]
    for finding in findings:
        top = [para(finding.title, style(22, TITLE_INK, True, after=6)), para(finding.takeaway, style(14, GREY, after=10))]
        foot = para(finding.source, style(10, GREY))
        # A scenario's assumptions, in words above the footnote, whatever the image says.
        below = [para(assumption_note(finding.assumptions), style(9, INK, after=4))] if finding.assumptions else []
        # The chart takes what the text leaves (and the 8 pt spacer, with 2 pt to spare), so that title,
        # chart and footnote share one page.
        used = (sum(p.wrap(width, height)[1] + p.style.spaceAfter for p in top + below) + foot.wrap(width, height)[1]
                + 8 + 2)
        story += [PageBreak(), *top]
        if images:
            picture, ratio = slide_image(finding)
            h = height - used
            w = min(h / ratio, width)
            story.append(Image(io.BytesIO(picture), width=w, height=w * ratio))
        else:
            story.append(para(NO_IMAGE, style(16, GREY, after=8)))
        story += [Spacer(1, 8), *below, foot]
    story += [PageBreak(), para("Sources", style(26, TITLE_INK, True, after=12))]
    story += [source_para(s) for _, s in deck_sources(findings, sources).iterrows()]

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                      bottomMargin=MARGIN, title=title, author="Rare-earth supply dependence dashboard",
                      lang="en").build(story)
    return out.getvalue()


def url_size(url: str, width: float, string_width, size: float = SOURCE_SIZE) -> float:
    """The font size at which `url` fits on one line of `width` points: the sources' own size where it fits.
    Rounded down to the hundredth that the markup carries, so that the rounding never makes it overflow."""
    wide = string_width(url, "DejaVu", size)
    return size if wide <= width else math.floor(size * width / wide * 100) / 100
