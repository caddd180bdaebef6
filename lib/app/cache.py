"""What is computed once per process and shared by every session: loaded datasets, findings, derived tables.

st.cache_resource, not cache_data: one shared object per process instead of an unpickled copy per call,
which with pyarrow-backed columns cost more than the rest of a page's run. Treat results as read-only.
A broken file is not cached: its DataError is raised again on the next run, so a fixed file is read.
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
    """The dataset, loaded and validated once per process. Raises DataError (never cached) if it is broken."""
    return data.load(name)


def datasets(needs) -> dict:
    """The datasets named, as a dict. Raises the DataError of the first broken one."""
    return {name: dataset(name) for name in needs}


def available(needs) -> tuple[dict, list[data.DataError]]:
    """The datasets that load, and the errors of those that do not."""
    loaded, errors = {}, []
    for name in needs:
        try:
            loaded[name] = dataset(name)
        except data.DataError as err:
            errors.append(err)
    return loaded, errors


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


def clear_built() -> None:
    """Forget every finding and derived table (after the data they were built from changed)."""
    _finding.clear()
    _derived.clear()
