"""What is computed once per process and shared by every session: loaded datasets, findings, derived tables.

st.cache_resource, not cache_data: one shared object per process instead of an unpickled copy per call,
which with pyarrow-backed columns cost more than the rest of a page's run. Treat results as read-only.
A broken file's DataError is kept too, like the data: a process serves one checkout of data/ and never
watches its files (.streamlit/config.toml), so a corrected file is read by the next process, as new data is.
"""

from __future__ import annotations

import streamlit as st

from lib import data
from lib.specs.registry import SPECS

# Distinct parameter sets a process keeps; beyond this the least recently used is dropped, so a process
# whose viewers try many country sets stays bounded (bench/soak.py).
MAX_ENTRIES = 1024


@st.cache_resource(show_spinner=False)
def dataset(name: str):
    """The dataset, loaded and validated once per process. Raises DataError if it is broken."""
    return data.load(name)


@st.cache_resource(show_spinner=False)
def _available(needs: tuple[str, ...]) -> tuple[dict, tuple[data.DataError, ...]]:
    loaded, errors = {}, []
    for name in needs:
        try:
            loaded[name] = dataset(name)
        except data.DataError as err:
            errors.append(err)
    return loaded, tuple(errors)


def available(needs) -> tuple[dict, tuple[data.DataError, ...]]:
    """The datasets that load, and the errors of those that do not: one look-up per set of names, since a page
    asks for the same sets on every run."""
    return _available(tuple(needs))


def datasets(needs) -> dict:
    """The datasets named, as a dict. Raises the DataError of the first broken one."""
    loaded, errors = available(needs)
    if errors:
        raise errors[0]
    return loaded


def _frozen(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


@st.cache_resource(show_spinner=False, max_entries=MAX_ENTRIES)
def _finding(key: str, params: tuple):
    spec = SPECS[key]
    return spec.build(datasets(spec.needs), **dict(params))


def finding(key: str, **params):
    """The chart `key` built with `params`, once per process for each parameter set."""
    return _finding(key, _frozen(params))


@st.cache_resource(show_spinner=False, max_entries=MAX_ENTRIES)
def _derived(name: str, needs: tuple, args: tuple, _fn):
    return _fn(datasets(needs), *args)


def derived(fn, needs, *args):
    """`fn(datasets, *args)` (a table, a list of options, a country's facts), once per process for each set
    of arguments. Its name and arguments are the key: the datasets are loaded once per process anyway."""
    if fn.__module__ == "__main__" or "<" in fn.__qualname__:
        # A page's own function or a lambda has no name that is unique across pages: two would share a key.
        raise ValueError(f"cache.derived needs a named function of lib/, not {fn.__qualname__} of {fn.__module__}")
    args = tuple(tuple(a) if isinstance(a, list) else a for a in args)
    return _derived(f"{fn.__module__}.{fn.__qualname__}", tuple(needs), args, fn)


def swap(name: str) -> None:
    """Read dataset `name` afresh on next use, for a file swapped for a broken copy and back (the broken-data tests).
    What was built from it stays cached and is never reached while it fails to load: every element asks `available`
    for its datasets first. Once it loads again it is the same file those were built from."""
    dataset.clear(name)
    _available.clear()


def clear_built() -> None:
    """Forget every finding and derived table, and which datasets load (after the data changed)."""
    _available.clear()
    _finding.clear()
    _derived.clear()
