"""The pieces pages lay out: a chart with its sources and downloads, tables, fact cards, claims, events.

Each piece loads only the datasets it needs; when one of them is broken, that piece shows the precise
error (file, row, column, expected) in its place, and the rest of the page is drawn.
"""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import streamlit as st

from lib import data
from lib.app import cache, uploads
from lib.app.presentation import presenting, slide
from lib.app.text import plain, safe_url
from lib.domain import country, freshness, provenance
from lib.domain.scenario import InputError
from lib.exports import images, renderer
from lib.figures.layout import DEFAULT_HEIGHT
from lib.figures.text import assumption_note
from lib.figures.theme import download_config
from lib.specs.registry import SPECS

NO_SERVER_EXPORT = (
    "Server-side image export is unavailable on this host (no Chromium found). "
    "The camera icon above the chart downloads a PNG from your browser."
)


def data_error(err: data.DataError) -> None:
    st.error(f"This part cannot be shown: {err.file} has problems. The rest of the page still works.",
             icon=":material/error:")
    problems(err)


def problems(err: data.DataError) -> None:
    """A broken file's problems (file, row, column, expected), as plain text: st.code renders no markup, so nothing
    in a data file can inject any."""
    st.code(str(err), language=None)


def loaded(needs) -> dict | None:
    """The datasets named, or None after showing the error of each broken one in this place."""
    found, errors = cache.available(needs)
    for err in errors:
        data_error(err)
    return None if errors else found


def _citations(d: dict, ids: tuple[str, ...]) -> str:
    used = provenance.cited(pd.DataFrame({"source_id": list(ids)}), d["sources"])
    return " · ".join(f"[{plain(provenance.citation(s))}]({safe_url(s['url'])})" for _, s in used.iterrows())


def citation_links(ids) -> str:
    """Markdown links to the full citations of these source ids, newest first; built once per set of ids."""
    return cache.derived(_citations, ("sources",), tuple(sorted(ids)))


def source_note(text: str) -> None:
    """Small print that holds links: markdown, not a caption, whose faded grey would take links below 4.5:1."""
    st.markdown(f":small[{text}]")


def sources_in_full(frame=None, ids=None) -> str:
    """Full citations with links for the rows of `frame` (or the source ids `ids`), as markdown."""
    if ids is None:
        ids = frame["source_id"].dropna().unique() if "source_id" in frame else ()
    cited = " · ".join(part for part in (citation_links(ids), uploads.citation(ids)) if part)
    return f"Sources in full: {cited}" if cited else "No source: nothing to show."


def chart(key: str, *, name: str | None = None, field_names: dict[str, str] | None = None, **params) -> None:
    """A chart by its spec key: its takeaway, the chart, its full sources, PNG/SVG and CSV downloads, and
    the exact rows it plots on request. While presenting, the chart fills a screen and nothing else is drawn.
    A spec that cannot use its parameters (a scenario's InputError) says why in the chart's place, naming the
    control by `field_names` (the model's field -> the control's label).

    Its widgets and files are named `name`, by default after the key and the parameters that are single values
    ('reserves-MCS2024.png'), not lists (a mining chart's countries)."""
    if loaded(SPECS[key].needs) is None:
        return
    try:
        found = cache.finding(key, **params)
    except InputError as err:
        input_error(err, field_names or {})
        return
    name = name or "-".join([key] + [str(v) for v in params.values() if isinstance(v, str | int)])
    show(found, key=name)


def input_error(err: InputError, field_names: dict[str, str]) -> None:
    """What cannot be used, and what is expected instead, in place of a chart."""
    label = field_names.get(err.field, err.field)
    st.error(f"This scenario cannot be drawn. **{plain(label)}**: {plain(str(err).removeprefix(f'{err.field}: '))}.",
             icon=":material/error:")


def show(found, key: str) -> None:
    """A finding drawn: its takeaway above, the chart, its full sources under it, and its downloads."""
    st.caption(plain(found.takeaway))
    figure = found.figure
    # While presenting, a chart of the usual height follows its screen-high container; one that needs more
    # room for its labels (reserves of many countries) keeps its own height.
    stretch = presenting() and (figure.layout.height or DEFAULT_HEIGHT) <= DEFAULT_HEIGHT
    if stretch:
        figure = type(figure)(figure)
        figure.update_layout(height=None, autosize=True)
    with slide(key):
        st.plotly_chart(figure, key=f"chart_{key}", theme=None, config=download_config(key),
                        alt=found.description, height="stretch" if stretch else "content")
        source_note(sources_in_full(ids=found.source_ids))
        if found.assumptions:
            st.caption(plain(assumption_note(found.assumptions)))
    if presenting():
        return
    downloads(found, key)
    # The table only when asked for: a data grid under every chart would hold up the page's first paint.
    if st.toggle("Show the data behind this chart", key=f"table_{key}"):
        st.dataframe(found.frame, hide_index=True, width="stretch")


def downloads(found, key: str) -> None:
    """The plotted rows as CSV, and the chart as PNG (2×, for slides) and SVG (for print), made on the server
    only when clicked; where there is no Chromium, a note says so."""
    server_images = renderer.chromium_available()
    if server_images:
        renderer.warm_in_background()
    with st.container(horizontal=True, key=f"downloads_{key}"):
        # Callables as data: each file is made when its button is clicked, not on every run.
        st.download_button("CSV of these rows", data=functools.partial(csv_bytes, found.frame),
                           file_name=f"{key}.csv", mime="text/csv", key=f"csv_{key}", on_click="ignore",
                           icon=":material/table:")
        if server_images:
            st.download_button("PNG for slides", data=functools.partial(images.png, found.figure),
                               file_name=f"{key}.png", mime="image/png", key=f"png_{key}", on_click="ignore",
                               icon=":material/image:",
                               help="1280×720 at 2×, light background, with the title, source and data date inside")
            st.download_button("SVG for print", data=functools.partial(images.svg, found.figure),
                               file_name=f"{key}.svg", mime="image/svg+xml", key=f"svg_{key}", on_click="ignore",
                               icon=":material/draw:",
                               help="Vector image, light background, with the title, source and data date inside")
    if not server_images:
        st.caption(NO_SERVER_EXPORT)


def csv_bytes(frame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def table(frame, *, key: str, frame_for_sources=None) -> None:
    """A table shown as data (never as markdown), its sources, and a CSV download of exactly it."""
    st.dataframe(frame, hide_index=True, width="stretch")
    source_note(sources_in_full(frame if frame_for_sources is None else frame_for_sources))
    st.download_button("Download this table (CSV)", data=functools.partial(csv_bytes, frame), file_name=f"{key}.csv",
                       mime="text/csv", key=f"csv_{key}", on_click="ignore")


def on_request(label: str, key: str):
    """An expander whose content the caller draws only while it is open (`if box.open:`), for data grids
    below a page's charts or in long lists: a grid drawn on first load fetches its bundle alongside
    plotly.js and delays the first chart (bench/RESULTS.md, 1d), and is sent again on every rerun."""
    return st.expander(label, key=key, on_change="rerun")


def table_on_request(label: str, frame, *, key: str, frame_for_sources=None, ids=None) -> None:
    """`table` inside an expander that draws it only once opened; the sources are named either way."""
    if presenting():
        return
    box = on_request(label, key=f"show_{key}")
    if box.open:
        with box:
            table(frame, key=key, frame_for_sources=frame_for_sources)
    elif ids is not None:
        source_note(sources_in_full(ids=ids))
    else:
        source_note(sources_in_full(frame if frame_for_sources is None else frame_for_sources))


def source_ids(d: dict, name: str) -> tuple[str, ...]:
    """The sources a whole dataset cites."""
    return tuple(sorted(d[name]["source_id"].dropna().astype(str).unique()))


def derived_table(label: str, fn, needs, *, key: str, sources_from: str | None = None) -> None:
    """A derived table (revisions) on request, or the error of the dataset it needs."""
    d = loaded(needs)
    if d is None:
        return
    frame = cache.derived(fn, needs)
    ids = cache.derived(source_ids, (sources_from,), sources_from) if sources_from else None
    table_on_request(label.format(n=len(frame)), frame, key=key, frame_for_sources=d[sources_from] if sources_from else None,
                     ids=ids)


def facts(parts, country: str, per_row: int = 3) -> None:
    """Headline figures, each part from its own datasets: value, a one-line reading, the source under it."""
    cards = []
    for part in (p for p in parts if p.applies(country)):
        found, errors = cache.available(part.needs)
        if errors:
            cards.extend(errors)
        else:
            cards.extend(cache.derived(part.build, part.needs, country))
    for start in range(0, len(cards), per_row):
        for column, card in zip(st.columns(per_row), cards[start : start + per_row], strict=False):
            with column.container(border=True):
                if isinstance(card, data.DataError):
                    data_error(card)
                    continue
                st.metric(plain(card.label), card.value)
                # One element for both lines: every element is a message to each viewer (bench/RESULTS.md, 3b).
                st.caption(f"{plain(card.reading)}\n\n{plain(card.source)}")


def gaps(parts, country: str) -> None:
    """What the data does not say about the country, from each dataset that can say it."""
    items, errors = [], []
    for part in (p for p in parts if p.applies(country)):
        found, broken = cache.available(part.needs)
        errors += broken
        if not broken:
            items += cache.derived(part.build, part.needs, country)
    if items:
        st.info(f"**What the data does not say about {plain(country)}:**\n" + "\n".join(f"- {plain(g)}" for g in items))
    for err in {e.file: e for e in errors}.values():
        data_error(err)


def claim_texts(frame) -> list[tuple[str, str, str]]:
    """Each claim as (quote, attribution, sources), in markdown with the data's text escaped."""
    def about(c) -> str:
        parts = [f"Attributed to: {plain(c['attributed_to'])}"]
        if pd.notna(c.get("period_description")):
            parts.append(f"Period: {plain(c['period_description'])}")
        if pd.notna(c.get("supported_reading")):
            parts.append(f"What the sources support: {plain(c['supported_reading'])}")
        parts.append(f"What is known: {plain(c['verification'])}")
        return "\n\n".join(parts)

    return [(f"**Attributed claim, not charted:** “{plain(c['claim_text'])}”", about(c), sources_in_full(ids=(c["source_id"],)))
            for _, c in frame.iterrows()]


def claims(frame=None, texts=None) -> None:
    """Reported changes without tonnages: quoted and attributed, never charted."""
    texts = claim_texts(frame) if texts is None else texts
    if not texts:
        return
    st.header("Reported, but not backed by figures we could find")
    for quote, attribution, sources in texts:
        with st.container(border=True):
            st.markdown(quote)
            st.caption(attribution)
            source_note(sources)


def events_markdown(frame) -> str:
    """Policy events as a dated list in markdown, each with its status and source ('' for none)."""
    lines = []
    for _, e in frame.iterrows():
        when = e["event_date"].strftime("%-d %b %Y" if e["date_precision"] == "day" else "%b %Y")
        if e.get("timing") == "scheduled":
            when += ", scheduled"
        reported = f"; reported {e['reported_on']:%-d %b %Y}" if pd.notna(e.get("reported_on")) else ""
        lines.append(f"- **{when}** · {plain(e['actor'])}: **{plain(e['title'])}**. {plain(e['description'])} "
                     f"_({plain(e['status'])}{reported}; {citation_links([e['source_id']])})_")
    return "\n".join(lines)


def events(frame=None, name: str = "", text: str | None = None) -> None:
    """Policy events as a dated list, each with its status and source.

    A list rather than a data grid: it reads in full on a projector, and the grid's bundle would
    otherwise load before the page's first chart (bench/RESULTS.md, 1d).
    """
    text = events_markdown(frame) if text is None else text
    st.header(f"Events that concern {plain(name)}")
    if not text:
        st.info(f"No policy event in the data names {plain(name)}.", icon=":material/info:")
        return
    st.markdown(text)


def _country_claims(d: dict, name: str) -> list[tuple[str, str, str]]:
    return claim_texts(country.claims(d, name))


def _country_events(d: dict, name: str) -> str:
    return events_markdown(country.events(d, name))


def claims_of(name: str) -> None:
    """The attributed claims that concern a country, their text built once per country."""
    if loaded(("claims", "sources")) is not None:
        claims(texts=cache.derived(_country_claims, ("claims", "sources"), name))


def claims_and_events(name: str) -> None:
    """The attributed claims and the policy events that concern a country, their text built once per country."""
    claims_of(name)
    if loaded(("events", "sources")) is not None:
        events(name=name, text=cache.derived(_country_events, ("events", "sources"), name))


FRESHNESS_NEEDS = ("release_rhythm", "trade_flows", "reserves", "production", "us_salient", "import_sources", "stage_shares")


def _freshness(d: dict, today: dt.date):
    return freshness.table(d["release_rhythm"], d, today)


def _trade_freshness(d: dict, today: dt.date) -> str:
    return freshness.trade_line(freshness.table(d["release_rhythm"], d, today), d["release_rhythm"])


def freshness_table() -> None:
    """How current each series is, today: its latest period, the publisher's rhythm, what is due and missing."""
    if loaded(FRESHNESS_NEEDS) is None:
        return
    frame = cache.derived(_freshness, FRESHNESS_NEEDS, dt.date.today())
    shown = frame.rename(columns={"latest_period": "latest period", "next_due": "next release due",
                                  "releases_due": "releases out, not in the data", "source_id": "rhythm's source"})
    st.dataframe(shown.drop(columns=["series_id"]), hide_index=True, width="stretch")


def trade_freshness() -> None:
    """One line on how current the trade figures are."""
    needs = ("release_rhythm", "trade_flows")
    if loaded(needs) is not None:
        line = cache.derived(_trade_freshness, needs, dt.date.today())
        if line:
            st.caption(f"How current: {plain(line)}")
