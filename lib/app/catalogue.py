"""The Data & sources page's catalogue: every dataset in one table, and one dataset in full, chosen in the address.

One table and one dataset's details, rather than a section per dataset: a hundred elements drawn at once held
the page's heading back by about 230 ms (bench/RESULTS.md, 12), and a colleague's link can now open on the
dataset that it is about (?dataset=capacity.csv).
"""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from lib import data
from lib.app import cache, official, state
from lib.app import components as c
from lib.app.text import plain
from lib.domain import provenance


def _entry(d: dict, name: str) -> dict:
    return provenance.catalogue_entry(d[name], d["sources"], data.resource(name))


def entry(name: str) -> dict | None:
    """What the catalogue shows of one dataset, built once per process; None if it or sources.csv is broken."""
    _, errors = cache.available((name, "sources"))
    return None if errors else cache.derived(_entry, (name, "sources"), name)


def _status(own, sources) -> str:
    """'in use', or why not, from the errors of the dataset (`own`) and of sources.csv."""
    if own:
        return f"cannot be used: {own[0].file} has {len(own[0].problems)} problem(s)"
    if sources:
        return f"in use; its sources cannot be listed: {sources[0].file} has {len(sources[0].problems)} problem(s)"
    return "in use"


def overview() -> None:
    """Every dataset, one line each: what it covers, how current it is, how many sources, whether it is in use."""
    _, sources = cache.available(("sources",))
    rows = []
    for res in data.descriptor()["resources"]:
        _, own = cache.available((res["name"],))
        rows.append(provenance.catalogue_row(res, entry(res["name"]), _status(own, sources)))
    # A static table: its text is in the page, for screen readers, search and a projector alike.
    st.table(pd.DataFrame(rows).set_index("dataset"))


def choose() -> str:
    """The dataset shown in full, by its file: in the address (?dataset=capacity.csv), so a link opens on it.
    (A bound dropdown puts the option's text in the address: the file's name is short, and the table above
    pairs it with its title.)"""
    by_file = {data.resource(n)["path"]: n for n in data.names()}
    return by_file[state.choice("Dataset, by its file", list(by_file), key="dataset", dropdown=True)]


def in_full(name: str) -> None:
    """One dataset's description, coverage, licence, columns, sources, preview and download."""
    res = data.resource(name)
    st.subheader(res["title"], anchor=name)
    st.text(res["description"])
    found = entry(name)
    if found is None:
        c.loaded((name, "sources"))  # its problems, in its place
        return
    st.caption(
        f"Coverage: {plain(found['coverage'])}  \nLicence: {plain(found['licence'])}  \n"
        f"Data published up to {plain(found['published'] or '—')}; last read {plain(found['accessed'] or '—')}  \n"
        f"File: {plain(data.label(name))}"
    )
    st.download_button(f"Download {res['path']}", data=functools.partial(data.read_bytes, name), file_name=res["path"],
                       mime="text/csv", key=f"download_{name}", on_click="ignore")
    if name == official.DATASET:
        official.coverage_table()
    # Each grid waits to be opened: drawn (and sent) on every run otherwise.
    for label, part, options in (
        ("Columns, units and definitions", "units", {}),
        (f"Sources ({len(found['sources'])})", "sources", {"column_config": {"url": st.column_config.LinkColumn("url")}}),
        ("Preview (first 20 rows)", "preview", {}),
    ):
        box = c.on_request(label, key=f"{part}_{name}")
        if box.open:
            with box:
                st.dataframe(found[part], hide_index=True, width="stretch", **options)
