"""The briefing deck as a 16:9 PowerPoint file (python-pptx)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd

from lib.exports import renderer
from lib.exports.deck import GREY, INK, NO_IMAGE, SLIDE_H_IN, SLIDE_W_IN, TITLE_INK, cover_lines, deck_sources, source_entry
from lib.exports.images import slide_image
from lib.figures.text import assumption_note

# Liberation Sans at 10 pt fits about 150 characters in 12.3 in (conservatively): the assumptions' box is sized by it.
NOTE_CHARS_PER_LINE, NOTE_LINE_IN = 150, 0.17
TAKEAWAY_CHARS_PER_LINE = 105


def deck(findings, country: str, sources: pd.DataFrame, *, today: dt.date | None = None, images: bool | None = None) -> bytes:
    """A 16:9 PowerPoint deck: a title slide (date, data vintage), one slide per chart (title, takeaway,
    chart image, a scenario's assumptions, source footnote) and a closing slide listing every source in full.

    Without Chromium (`images` False) each chart slide says the image could not be made on this host.
    """
    from pptx import Presentation  # noqa: PLC0415
    from pptx.dml.color import RGBColor  # noqa: PLC0415
    from pptx.util import Inches, Pt  # noqa: PLC0415

    images = renderer.chromium_available() if images is None else images
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

    title, lines = cover_lines(findings, country, sources, today)
    cover = prs.slides.add_slide(blank)
    text(cover, 0.8, 2.2, 11.7, 1.6, [(title, 40, TITLE_INK, True)], name="title")
    text(cover, 0.8, 3.9, 11.7, 1.6, [(lines[0], 22, INK, False)] + [(line, 18, GREY, False) for line in lines[1:]],
         name="subtitle")

    for finding in findings:
        slide = prs.slides.add_slide(blank)
        # Liberation Sans bold at 24 pt fits about 75 characters in 12.3 in; the takeaway goes under the title.
        title_lines = max(1, -(-len(finding.title) // 72))
        text(slide, 0.5, 0.2, 12.3, 0.45 * title_lines + 0.15, [(finding.title, 24, TITLE_INK, True)], name="title")
        takeaway_top = 0.3 + 0.45 * title_lines
        # At 15 pt about 105 characters fit a line; a scenario's takeaway (how its preset was read) takes several.
        takeaway_h = 0.27 * max(1, -(-len(finding.takeaway) // TAKEAWAY_CHARS_PER_LINE)) + 0.18
        text(slide, 0.5, takeaway_top, 12.3, takeaway_h, [(finding.takeaway, 15, GREY, False)], name="takeaway")
        top, bottom = takeaway_top + takeaway_h + 0.05, SLIDE_H_IN - 0.65
        if finding.assumptions:
            # A scenario's assumptions are on the slide in words, above the source footnote, whatever the image says.
            note = assumption_note(finding.assumptions)
            note_h = NOTE_LINE_IN * -(-len(note) // NOTE_CHARS_PER_LINE) + 0.1
            bottom -= note_h
            text(slide, 0.5, bottom, 12.3, note_h, [(note, 10, INK, False)], name="assumptions")
        if images:
            picture, ratio = slide_image(finding)
            height = bottom - top
            width = min(height / ratio, 12.3)
            height = width * ratio
            shape = slide.shapes.add_picture(io.BytesIO(picture), Inches((SLIDE_W_IN - width) / 2), Inches(top),
                                             Inches(width), Inches(height))
            shape.name = "chart"
            # The picture's alternative text (PowerPoint's "Alt Text"): python-pptx has no setter for it, so the
            # attribute of the picture's non-visual properties is written directly, as PowerPoint itself does.
            shape._element.nvPicPr.cNvPr.set("descr", finding.description)
        else:
            text(slide, 0.5, 3.2, 12.3, 1.0, [(NO_IMAGE, 18, GREY, False)], name="chart")
        text(slide, 0.5, SLIDE_H_IN - 0.65, 12.3, 0.6, [(finding.source, 11, GREY, False)], name="footnote")

    closing = prs.slides.add_slide(blank)
    text(closing, 0.5, 0.3, 12.3, 0.8, [("Sources", 28, TITLE_INK, True)], name="title")
    used = deck_sources(findings, sources)
    size = 10 if len(used) <= 30 else 8
    entries = [(source_entry(s), size, INK, False) for _, s in used.iterrows()]
    half = (len(entries) + 1) // 2 if len(entries) > 12 else len(entries)
    text(closing, 0.5, 1.2, 6.0 if half < len(entries) else 12.3, 6.0, entries[:half], name="sources")
    if half < len(entries):
        text(closing, 6.85, 1.2, 6.0, 6.0, entries[half:], name="sources-2")

    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
