"""Patterns pages share: a question as the heading, naming the country chosen under it; a chart a tab."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from lib.app import cache, state
from lib.app.components import data_error
from lib.app.text import plain
from lib.domain import country

COUNTRY_NEEDS = tuple(country.COUNTRY_COLUMNS)


def countries() -> list[str]:
    """Every country the loadable datasets name: a broken file narrows the list, it does not stop it."""
    found, _ = cache.available(COUNTRY_NEEDS)
    return cache.derived(country.countries, tuple(found))


def country_heading(question: str, key: str = "country", on_change=None) -> str:
    """The page's question as its title, naming the country chosen in a dropdown under it (?country=).

    The question comes first on screen, though it names the country chosen below it."""
    heading = st.empty()
    name = state.choice_behind_button("Choose another country", "Country", countries(), key=key,
                                      default=country.DEFAULT, icon=":material/flag:", on_change=on_change)
    heading.title(question.format(country=plain(name)))
    return name


def chart_tabs(tabs: dict[str, Callable[[], None]], key: str = "view") -> None:
    """One chart (or section) per tab, the open one in the link (?view=...): a new viewer's browser draws
    one chart before the page is usable, not several (bench/RESULTS.md, 1f)."""
    labels = list(tabs)
    for label, tab in zip(labels, state.tabs(labels, key=key), strict=True):
        if tab.open:
            with tab:
                tabs[label]()


def from_data(fn, needs, *args):
    """`fn(datasets, *args)`: a control's options or a note from the data, or None after showing why not."""
    found, errors = cache.available(needs)
    if errors:
        for err in errors:
            data_error(err)
        return None
    return cache.derived(fn, needs, *args)
