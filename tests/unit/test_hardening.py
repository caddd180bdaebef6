"""Hostile text in the data files comes out literally: no script, no markup, no link that was not meant.

The rows below pass the schema (they are well-formed data) but their free text tries markup: an HTML
script tag, a markdown link to javascript:, bold, a heading. Each is loaded through lib.data and shown
through the same helpers the pages use.
"""

import csv
import io
import re

import plotly.graph_objects as go
import pytest
from conftest import RESERVES_HEADER
from streamlit.testing.v1 import AppTest

from lib import data
from lib.app.text import plain
from lib.domain import provenance
from lib.figures.layout import finish
from lib.specs import reserves

SCRIPT = "<script>alert(1)</script>"
LINK = "[click](javascript:alert(1))"
HOSTILE = f"{SCRIPT} {LINK} **bold** # heading"
HOSTILE_URL = "https://example.org/x) [evil](javascript:alert(1)"


def _csv_line(values) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


@pytest.fixture
def hostile(package_dir):
    """A data directory whose sources, reserves notes, claims and events carry hostile text."""
    sources = (package_dir.path / "sources.csv").read_text(encoding="utf-8")
    sources += _csv_line(["evil-source", f"Title {HOSTILE}", f"Publisher {SCRIPT}", "2025-01", HOSTILE_URL,
                          f"Licence {LINK}", "2025-02-01", "", f"Note {HOSTILE}"])
    (package_dir.path / "sources.csv").write_text(sources, encoding="utf-8")
    package_dir.write("reserves", RESERVES_HEADER + "".join(_csv_line(row) for row in [
        ["MCS2025", "China", "CHN", "country", "44000000", "value", "44,000,000", f"note {HOSTILE}", "", "evil-source"],
        ["MCS2025", "India", "IND", "country", "6900000", "value", "6,900,000", "", "", "evil-source"],
        ["MCS2025", "World", "", "world", "", "lower_bound", ">90,000,000", "", "", "evil-source"],
    ]))
    claims_header = ("claim_id,subject,claim_text,change_pct,period_description,period_start,period_end,base_period_start,"
                     "base_period_end,attributed_to,supported_reading,verification,source_id\n")
    package_dir.write("claims", claims_header + _csv_line(
        ["evil-claim", f"India {SCRIPT}", f"Claim {HOSTILE}", "", f"Period {LINK}", "", "", "", "", f"Someone {LINK}",
         f"Reading {SCRIPT}", f"Unverified {SCRIPT}", "evil-source"]))
    events_header = "event_date,date_precision,timing,reported_on,actor,title,description,category,countries,status,source_id\n"
    package_dir.write("events", events_header + _csv_line(
        ["2025-04-04", "day", "occurred", "", f"Actor {SCRIPT}", f"Event {LINK}", f"Description {HOSTILE}", "export_control",
         "IND", "confirmed", "evil-source"]))
    return package_dir.path


HOSTILE_TABLES = ("sources", "reserves", "claims", "events")


def _loaded(directory):
    return {name: data.load(name, directory) for name in HOSTILE_TABLES}


def _unsafe(text: str) -> list[str]:
    """Markup that would act if rendered: a raw script tag, or a markdown link/emphasis that is not escaped."""
    found = []
    if "<script>" in text:
        found.append("raw <script>")
    if re.search(r"(?<!\\)\[click(?<!\\)\]\(", text):
        found.append("live markdown link")
    if re.search(r"(?<!\\)\*\*bold", text):
        found.append("live bold")
    return found


def test_hostile_rows_are_valid_data_and_load(hostile):
    d = _loaded(hostile)
    assert SCRIPT in d["reserves"]["note"].iloc[0]
    assert LINK in d["claims"]["claim_text"].iloc[0]


def test_plain_escapes_every_markup_character():
    shown = plain(HOSTILE)
    assert _unsafe(shown) == []
    # Escaped markdown renders as the original characters: removing the backslashes gives the text back.
    assert re.sub(r"\\(.)", r"\1", shown) == HOSTILE


def test_source_lines_in_figures_are_html_escaped(hostile):
    d = _loaded(hostile)
    line = provenance.source_line(d["reserves"], d["sources"])
    assert SCRIPT.split(">")[0] in line  # the source line itself is text; escaping is the renderer's job
    view = reserves.BAR.build(d | {"editions": data.load("editions")}, edition="MCS2025")
    texts = [a.text or "" for a in view.figure.layout.annotations]
    texts += [str(t) for trace in view.figure.data for t in (trace.hovertext or trace.text or [])]
    assert texts and all("<script>" not in t for t in texts)
    assert any("&lt;script&gt;" in t for t in texts)


def test_chart_finish_escapes_title_subtitle_and_source():
    fig = finish(go.Figure(), title=f"T {SCRIPT}", subtitle=f"S {SCRIPT}", source=f"Source: {SCRIPT}")
    assert all("<script>" not in (a.text or "") for a in fig.layout.annotations)


def _render_sources_claims_and_events(directory: str) -> None:
    from pathlib import Path

    import streamlit as st

    from lib import data
    from lib.app import cache
    from lib.app import components as c
    from lib.data import catalog
    from lib.domain.country import GAPS

    catalog.DATA_DIR = Path(directory)  # the app's cached datasets come from the hostile copy, for this run
    cache.dataset.clear()
    cache.clear_built()
    d = {name: data.load(name) for name in ("sources", "reserves", "claims", "events")}
    st.caption(c.sources_in_full(d["reserves"]))
    c.claims(d["claims"])
    c.events(d["events"], "Narnia <script>alert(1)</script>")
    c.gaps(GAPS[:1], "Narnia <script>alert(1)</script> [click](javascript:alert(1))")


def test_streamlit_elements_show_hostile_text_literally(hostile):
    from lib.app import cache
    from lib.data import catalog

    real = catalog.DATA_DIR
    try:
        at = AppTest.from_function(_render_sources_claims_and_events, args=(str(hostile),), default_timeout=60).run()
    finally:
        catalog.DATA_DIR = real
        cache.dataset.clear()
        cache.clear_built()
    assert not at.exception
    shown = [str(e.value) for e in (*at.caption, *at.markdown, *at.info, *at.header)]
    assert any("Title" in s for s in shown) and any("Claim" in s for s in shown) and any("Event" in s for s in shown)
    for text in shown:
        assert _unsafe(text) == [], text
    links = re.findall(r"\]\((\S+?)\)", at.caption[0].value)
    assert links and all(u.startswith("https://") and "javascript:" not in u.split("%29", 1)[0] for u in links)
    assert "%29" in links[0] and " " not in links[0]


def test_data_page_shows_an_uploaded_file_name_literally():
    # The uploaded file's name is user input; the page puts it through ui.plain before markdown.
    assert _unsafe(plain(f"{SCRIPT}{LINK}.csv")) == []


def _raises() -> None:
    raise ValueError("a detail that must not reach the viewer")


def test_the_serving_config_redacts_errors_but_tests_still_see_them():
    from streamlit import config

    assert config.get_option("client.showErrorDetails") == "none"
    assert config.get_option("server.enableXsrfProtection") is True
    assert config.get_option("browser.gatherUsageStats") is False
    assert config.get_option("client.toolbarMode") == "viewer"
    assert 0 < config.get_option("server.maxUploadSize") <= 10
    at = AppTest.from_function(_raises).run()
    assert at.exception, "AppTest must still report an exception under the production config"
    assert "a detail that must not reach the viewer" not in at.exception[0].value
