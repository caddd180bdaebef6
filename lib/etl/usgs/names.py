"""USGS's names, harmonised: countries through country_converter, aggregates through the table below."""

from __future__ import annotations

import re
from functools import cache

from lib.data import countries
from lib.etl.usgs.values import markers

# USGS's aggregate rows, which are not countries: name used in data/ and entity_type. World totals are printed
# 'World total (rounded)' (MCS tables), 'World total' (MCS 2026 data release), 'Total' (MYB Table 8); residuals
# 'Other' (MCS 2025 table), 'other' (MCS 2025 import sources), 'Other countries' (MCS 2026 data release).
AGGREGATES = {
    "World total (rounded)": ("World", "world"),
    "World total": ("World", "world"),
    "Total": ("World", "world"),
    "Other": ("Other countries", "other"),
    "other": ("Other countries", "other"),
    "Other countries": ("Other countries", "other"),
}
# import_sources.csv names its residual 'Other' (schema); AGGREGATES gives its entity_type.
IMPORT_RESIDUAL_LABEL = "Other"
# What may follow a name in a Minerals Yearbook row label: footnote markers ('e', 'r', digits) and commas.
_MARKERS = re.compile(r"[er\d,\s]*")


@cache
def harmonise(name: str) -> tuple[str, str, str]:
    """A USGS name -> (name used in data/, ISO 3166-1 alpha-3 or '' for an aggregate, entity_type)."""
    label = name.strip()
    if label in AGGREGATES:
        short, entity = AGGREGATES[label]
        return short, "", entity
    (short,), (code,) = countries.short_names([label]), countries.iso3([label])
    if short is None or code is None:
        raise KeyError(f"USGS name {name!r} is neither a country country_converter knows nor in AGGREGATES")
    return short, code, "country"


def _known(label: str) -> bool:
    if label in AGGREGATES:
        return True
    return countries.iso3([label])[0] is not None


def split_label(label: str) -> tuple[str, list[str]]:
    """'Indiae, 4' -> ('India', ['e', '4']): the shortest leading name that is a known country or aggregate and
    is followed by footnote markers only. (Markers are fused to names in the workbook.)"""
    text = label.strip()
    for end in range(1, len(text) + 1):
        head, tail = text[:end].strip(), text[end:]
        if head and _MARKERS.fullmatch(tail) and _known(head):
            return head, markers(tail)
    raise KeyError(f"MYB label {label!r} does not start with a country or aggregate name")
