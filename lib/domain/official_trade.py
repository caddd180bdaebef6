"""Official trade records (trade_records) read as product lines and denominators, the vocabulary every chart of them shares.

A commodity code's scope is the code's own, at its number of digits: HS 8505.11 (six digits) holds every
permanent magnet of metal, not only rare-earth ones, and HTS 8505 (four digits) adds electromagnets. A line
therefore names the codes it takes and, for each, how much wider than the product the code is, so that every
title and note reads that scope from here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

COUNTRY = "country"
WORLD = "world"


@dataclass(frozen=True)
class ProductLine:
    key: str
    label: str
    codes: tuple[str, ...]  # commodity codes as published, at any number of digits


# Codes are matched exactly as published; a wider code belongs to the line it is the only record of.
PRODUCT_LINES = (
    ProductLine("magnets", "Magnets", ("850511", "8505")),
    ProductLine("compounds", "Rare-earth compounds", ("2846",)),
    ProductLine("metals", "Rare-earth metals", ("280530", "2805")),
)
BY_KEY = {line.key: line for line in PRODUCT_LINES}

# What each code holds beyond the product line's name: shown wherever a figure of that code is drawn.
CODE_SCOPE = {
    "850511": "HS 8505.11: all permanent magnets of metal, rare-earth or not (wider than China's rare-earth magnet line)",
    "8505": "HTS 8505 at four digits: all permanent magnets, electromagnets, magnetic chucks and their parts",
    "2846": "HS 2846: all compounds of rare-earth metals, yttrium and scandium",
    "280530": "HS 2805.30: rare-earth metals, scandium and yttrium",
    "2805": "HTS 2805 at four digits: also alkali and alkaline-earth metals and mercury",
}


def line_of(code: str) -> ProductLine | None:
    for line in PRODUCT_LINES:
        if str(code) in line.codes:
            return line
    return None


def scope_of(code: str) -> str:
    return CODE_SCOPE.get(str(code), f"code {code} as published")


def of_line(records: pd.DataFrame, key: str) -> pd.DataFrame:
    """The records of one product line."""
    return records[records["commodity_code"].astype(str).isin(BY_KEY[key].codes)]


def countries(records: pd.DataFrame) -> pd.DataFrame:
    """Rows that are countries: never World, a group of countries or an 'areas, n.e.s.'."""
    return records[records["partner_kind"] == COUNTRY]


def denominator(records: pd.DataFrame) -> str:
    """What a share of these records is a share of, in words for a title."""
    selected = records[records["partner_scope"] == "selected"]
    if selected.empty:
        return "share of all partners (the publisher's World total)"
    n = selected["partners_queried"].dropna()
    count = f"the {int(n.max())} partners queried" if not n.empty else "the partners queried"
    return f"share of {count}, not of all trade"
