"""Who a trade partner is: a country (ISO3 and the project's short name), the World total, or an area that is not a country.

Names and codes come from country_converter through lib.data.countries (its `name_short` is the project's spelling:
'South Korea', 'Myanmar', 'Vietnam', 'United States'). Nothing here is a hand-kept list of countries. Publishers have
codes of their own: Comtrade numbers a few countries apart from M49 (842 USA, 699 India, 757 Switzerland, 251 France,
579 Norway) and has partner areas that are not countries ('Areas, nes', 'Other Asia, nes', 'Free Zones',
'Belgium-Luxembourg'). Those get a kind of their own and never an ISO3, so they are never summed with countries or
mistaken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.data import countries

WORLD, COUNTRY, GROUP, NES, SPECIAL = "world", "country", "group", "nes", "special"
KINDS = (WORLD, COUNTRY, GROUP, NES, SPECIAL)

# Comtrade's code for the World total (its partnerISO is 'W00'); documented in Comtrade's partner reference.
COMTRADE_WORLD_CODE = 0
# "nes" is Comtrade's spelling of "not elsewhere specified" ("Areas, nes", "Other Asia, nes"); n.e.s. and nesoi too.
_NES = re.compile(r"\bn\.?e\.?s\.?(o\.?i\.?)?\b|not elsewhere specified", re.IGNORECASE)


class UnknownPartner(ValueError):
    """A partner code or name that no reference resolves: never guessed."""


@dataclass(frozen=True)
class Partner:
    kind: str
    name: str
    iso3: str | None  # only for kind == country

    @property
    def is_country(self) -> bool:
        return self.kind == COUNTRY


def _names_to_iso3(name: str) -> tuple[str, ...]:
    """The countries a description names: one, none, or several for a union such as 'Belgium-Luxembourg (...1998)'.

    country_converter's patterns deliberately refuse a joint name, so the parts are looked up one by one.
    """
    whole = countries.iso3_matching(name)
    if whole:
        return whole
    bare = re.sub(r"\(.*?\)", "", name).strip()
    parts = [p.strip() for p in re.split(r"-|/|,| and ", bare) if p.strip()]
    if len(parts) < 2:
        return ()
    found = [countries.iso3_matching(p) for p in parts]
    if all(len(f) == 1 for f in found):
        return tuple(sorted({f[0] for f in found}))
    return ()


def country_name(iso3: str) -> str:
    if iso3 not in countries.current_iso3():
        raise UnknownPartner(f"'{iso3}' is not an ISO 3166 alpha-3 code known to country_converter")
    return countries.name_of(iso3)


def from_comtrade(code: int, iso: str | None, desc: str | None) -> Partner:
    """A Comtrade partner (or reporter) from its numeric code, its published ISO field and its description."""
    iso = (iso or "").strip()
    desc = (desc or "").strip()
    if code == COMTRADE_WORLD_CODE:
        return Partner(WORLD, "World", None)
    if iso in countries.current_iso3():
        named = _names_to_iso3(desc) if desc else ()
        if countries.iso3_of_m49(code) == iso or named == (iso,):
            return Partner(COUNTRY, country_name(iso), iso)
        if len(named) > 1:  # e.g. 'Belgium-Luxembourg (...1998)': one figure for two countries
            return Partner(GROUP, desc, None)
        raise UnknownPartner(
            f"code {code} is published with ISO3 '{iso}' ({desc!r}), but {code} is not the M49 code of "
            f"{country_name(iso)} ({countries.m49_of(iso) or 'none'}) and the description does not name it"
        )
    if _NES.search(desc):
        return Partner(NES, desc, None)
    iso3 = countries.iso3_of_m49(code)
    if iso3:
        return Partner(COUNTRY, country_name(iso3), iso3)
    if re.fullmatch(r"[A-Z]{3}", iso) or not desc:
        raise UnknownPartner(f"code {code} ('{iso}', {desc!r}) is neither an M49 code nor an ISO3 code country_converter knows")
    # Comtrade's own non-ISO area codes ('X2 ' Free Zones, 'ZA1' a former customs union, 'X1 ' Bunkers): not a country.
    return Partner(SPECIAL, desc, None)


def from_name(name: str) -> Partner:
    """A partner the publisher names but does not code (DataWeb's 'Myanmar (Burma)', 'South Korea')."""
    name = name.strip()
    if name.lower() in ("world", "world total"):
        return Partner(WORLD, "World", None)
    if _NES.search(name):
        return Partner(NES, name, None)
    found = _names_to_iso3(name)
    if len(found) == 1:
        return Partner(COUNTRY, country_name(found[0]), found[0])
    if len(found) > 1:
        return Partner(GROUP, name, None)
    raise UnknownPartner(f"{name!r} does not name a country known to country_converter")
