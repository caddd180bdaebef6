"""Country names and ISO codes, from country_converter (a maintained library), never from a list of ours.

Its short names are the ones the data uses ('Myanmar' for USGS's 'Burma', 'South Korea' for 'Korea,
Republic of', 'Vietnam' for 'Viet Nam'). Aggregates ('World', 'Other countries') are not countries and are
never looked up here.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import pandas as pd

NOT_FOUND = "not found"


@lru_cache(maxsize=1)
def _converter():
    import country_converter as coco
    from country_converter import country_converter as module

    # country_converter 1.3 reads its table with pandas' default missing values, under which pandas 3 turns
    # Namibia's ISO2 code "NA" into a missing value and the converter fails to start. Read the same bundled
    # table keeping every code as text, and hand it over.
    table = pd.read_csv(module.COUNTRY_DATA_FILE, sep="\t", encoding="utf-8", dtype=str, keep_default_na=False)
    for column in ("ISOnumeric", "UNcode", "FAOcode", "GBDcode", "EURO", "UN", "UNmember", "obsolete", "GEOnumeric"):
        if column in table:
            table[column] = pd.to_numeric(table[column].replace("", None), errors="coerce")
    # A name it does not know is an answer here (None), not a warning on the console.
    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter(country_data=table)


def _convert(names: list[str], to: str) -> list[str | None]:
    if not names:
        return []
    out = _converter().convert(list(names), to=to, not_found=NOT_FOUND)
    out = out if isinstance(out, list) else [out]
    return [None if v == NOT_FOUND else v for v in out]


def short_names(names: list[str]) -> list[str | None]:
    """The data's name for each country as a publisher spells it; None where the library knows none."""
    return _convert(names, "name_short")


def iso3(names: list[str]) -> list[str | None]:
    return _convert(names, "ISO3")


@lru_cache(maxsize=1024)
def name_of(code: str) -> str | None:
    """The short name of an ISO 3166-1 alpha-3 code."""
    return _convert([code], "name_short")[0]


# Codes for the countries that exist now. The converter's table also keeps the ones that do not (the Soviet
# Union, the Netherlands Antilles, Zanzibar): a code published today must not resolve to one of those.


@lru_cache(maxsize=1)
def _current() -> pd.DataFrame:
    data = _converter().data
    return data[data["obsolete"].isna()]


@lru_cache(maxsize=1)
def _m49_to_iso3() -> dict[int, str]:
    rows = _current().dropna(subset=["UNcode"])
    return {int(code): iso for code, iso in zip(rows["UNcode"], rows["ISO3"], strict=True)}


@lru_cache(maxsize=1)
def current_iso3() -> frozenset[str]:
    """Every ISO 3166-1 alpha-3 code of a country that exists now."""
    return frozenset(_current()["ISO3"])


def m49_codes() -> list[int]:
    """The UN M49 numeric codes of the countries that exist now."""
    return sorted(_m49_to_iso3())


def iso3_of_m49(code: int) -> str | None:
    """The ISO3 of the country with this UN M49 numeric code (156 -> CHN); None where no current country has it."""
    return _m49_to_iso3().get(int(code))


def m49_of(code: str) -> int | None:
    """The UN M49 numeric code of an ISO3 code (IND -> 356); None where the library gives none."""
    return next((m49 for m49, iso in _m49_to_iso3().items() if iso == code), None)


@lru_cache(maxsize=4096)
def iso3_matching(name: str) -> tuple[str, ...]:
    """Every current country whose name pattern matches `name`: one, none, or more for a name that is ambiguous."""
    found = _converter().convert(name, src="regex", to="ISO3", not_found=NOT_FOUND, enforce_list=True)[0]
    return tuple(sorted({iso for iso in found if iso in current_iso3()}))
