"""Server-side exports: PNG, SVG and the briefing deck are valid files that carry their source."""

import copy
import io
import os
import xml.etree.ElementTree as ET

import pytest

from lib.exports import images, pdf, pptx, renderer
from lib.exports.deck import deck_sources
from lib.specs import mining, registry, reserves, supply_chain
from lib.specs import trade as trade_specs


@pytest.fixture(scope="module")
def d(bundled):
    return bundled


@pytest.fixture(scope="module")
def chromium():
    if not renderer.chromium_available():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {renderer.browser_path()}; .ci/run installs Debian's chromium package")
        pytest.skip(f"Chromium not found at {renderer.browser_path()} (apt-get install chromium)")
    renderer.warm()


def key_findings(d, country):
    return [registry.SPECS[k].build(d, **registry.latest_params(d, k, country)) for k in registry.key_charts(d, country)]


def test_png_is_a_2x_slide_with_a_white_background(d, chromium):
    from PIL import Image

    view = mining.mining(d, mining.default_countries(d))
    png = images.png(view.figure)
    assert png.startswith(images.PNG_MAGIC)
    image = Image.open(io.BytesIO(png))
    assert image.size == (2560, 1440)
    assert image.convert("RGB").getpixel((5, 5)) == (255, 255, 255)


def test_export_leaves_the_page_figure_untouched(d, chromium):
    view = trade_specs.magnet_exports(d)
    before = view.figure.to_json()
    images.png(view.figure)
    assert view.figure.to_json() == before


def test_a_dark_figure_is_exported_on_the_light_template(d, chromium):
    view = supply_chain.latest_concentration(d)
    dark = view.figure.update_layout(template="plotly_dark", paper_bgcolor="black", plot_bgcolor="black")
    svg = images.svg(dark).decode("utf-8")
    assert "rgb(0, 0, 0)" not in svg.split("<g", 1)[0]  # the background rectangles come first
    assert 'style="fill: rgb(255, 255, 255)' in svg or "fill: rgb(255, 255, 255)" in svg


def test_svg_is_xml_and_carries_title_source_and_data_date(d, chromium):
    view = reserves.MAP.build(d, edition=reserves.edition_choices(d)[0])  # a map: needs the local topojson
    svg = images.svg(view.figure)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = " ".join(root.itertext())
    assert "Data published up to" in text
    assert view.source.split(";")[0].removeprefix("Sources: ").removeprefix("Source: ")[:40] in text
    assert view.title[:30] in text
    assert b"<path" in svg  # the countries were drawn


def test_deck_has_a_title_slide_a_slide_per_chart_and_a_sources_slide(d, chromium):
    from pptx import Presentation

    chosen = key_findings(d, "India")
    deck = pptx.deck(chosen, "India", d["sources"])
    assert deck[:2] == b"PK"
    prs = Presentation(io.BytesIO(deck))
    slides = list(prs.slides)
    assert len(slides) == 2 + len(chosen)
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    cover = {s.name: s.text_frame.text for s in slides[0].shapes if s.has_text_frame}
    assert "India" in cover["title"] and "Data vintage" in cover["subtitle"]
    for slide, view in zip(slides[1:-1], chosen, strict=True):
        shapes = {s.name: s for s in slide.shapes}
        assert shapes["title"].text_frame.text == view.title
        assert shapes["takeaway"].text_frame.text == view.takeaway
        assert shapes["chart"].shape_type == 13  # a picture
        assert shapes["chart"]._element.nvPicPr.cNvPr.get("descr") == view.description  # its alt text
        footnote = shapes["footnote"].text_frame.text
        assert footnote == view.source
        cited = deck_sources([view], d["sources"])
        assert any(publisher.split(",")[0] in footnote for publisher in cited["publisher"])
    closing = " ".join(s.text_frame.text for s in slides[-1].shapes if s.has_text_frame)
    for _, source in deck_sources(chosen, d["sources"]).iterrows():
        assert source["url"] in closing


def test_without_chromium_the_deck_still_builds_and_says_why(d, monkeypatch):
    from pptx import Presentation

    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert not renderer.chromium_available()
    chosen = key_findings(d, "United States")
    prs = Presentation(io.BytesIO(pptx.deck(chosen, "United States", d["sources"])))
    assert len(prs.slides) == 2 + len(chosen)
    assert "needs Chromium" in {s.name: s for s in prs.slides[1].shapes}["chart"].text_frame.text


def pdf_pages(made: bytes) -> list[str]:
    """Each page's text, with line breaks and runs of spaces as single spaces."""
    from pypdf import PdfReader

    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(made)).pages]


def test_the_pdf_deck_states_its_language(d):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf.deck_pdf(key_findings(d, "Japan")[:1], "Japan", d["sources"], images=False)))
    assert reader.trailer["/Root"].get("/Lang") == "en"


def test_pdf_deck_has_a_title_page_a_page_per_chart_and_the_sources(d, chromium):
    from pypdf import PdfReader

    chosen = key_findings(d, "India")
    made = pdf.deck_pdf(chosen, "India", d["sources"])
    assert made.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(made))
    assert reader.metadata.title.startswith("Rare-earth supply dependence")
    box = reader.pages[0].mediabox
    assert abs(float(box.width) / float(box.height) - 16 / 9) < 0.01
    pages = pdf_pages(made)
    assert "India" in pages[0] and "Data vintage" in pages[0]
    for number, view in enumerate(chosen, start=1):
        assert view.title in pages[number]
        assert view.takeaway in pages[number]
        assert view.source in pages[number]  # the footnote, on the chart's own page
        assert len(reader.pages[number].images) == 1
    closing = " ".join(pages[1 + len(chosen):])
    assert closing.startswith("Sources")
    for _, source in deck_sources(chosen, d["sources"]).iterrows():
        assert source["url"] in closing


def test_pdf_deck_prints_markup_from_the_data_as_written(d):
    hostile = copy.copy(reserves.BAR.build(d, edition="MCS2026"))
    hostile.title = 'China <b>holds</b> & <font color="red">more</font>'
    pages = pdf_pages(pdf.deck_pdf([hostile], "India", d["sources"], images=False))
    assert 'China <b>holds</b> & <font color="red">more</font>' in pages[1]


def test_without_chromium_the_pdf_deck_still_builds_and_says_why(d, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    chosen = key_findings(d, "United States")
    pages = pdf_pages(pdf.deck_pdf(chosen, "United States", d["sources"]))
    assert "needs Chromium" in pages[1]
    assert chosen[0].title in pages[1]


def test_a_url_wider_than_the_page_prints_whole_on_one_line(d):
    """Never split mid-word: a URL broken across lines no longer works when copied out of the PDF."""
    url = "https://tw.news.yahoo.com/" + "%E4%B8%AD%E5%9C%8B" * 20 + "-100054918.html"
    finding = reserves.BAR.build(d, edition="MCS2026")
    sources = d["sources"].copy()
    sources.loc[sources["source_id"].isin(finding.source_rows["source_id"]), "url"] = url
    pages = pdf_pages(pdf.deck_pdf([finding], "India", sources, images=False))
    assert url in " ".join(pages[2:])
