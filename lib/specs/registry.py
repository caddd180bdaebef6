"""Every chart by key, and the charts a briefing deck holds for a country, with the latest data's parameters."""

from __future__ import annotations

from lib.domain import trade
from lib.specs import capacity, dependence, mining, official, reserves, supply_chain
from lib.specs import scenario as scenario_specs
from lib.specs import trade as trade_specs
from lib.specs.base import Datasets, Spec

SPECS: dict[str, Spec] = {s.key: s for s in (
    supply_chain.CONCENTRATION, trade_specs.MAGNET_EXPORTS, trade_specs.RARE_EARTH_EXPORTS, reserves.BAR, reserves.MAP,
    mining.MINING, mining.WORLD,
    supply_chain.SHARES, trade_specs.IMPORTS_BY_SCOPE, trade_specs.US_IMPORT_SOURCES, official.OFFICIAL_IMPORTS,
    scenario_specs.SCENARIO, scenario_specs.GRID, scenario_specs.REPLAY,
    *dependence.PROFILE, dependence.FEEDSTOCK_SPEC,
    capacity.CAPACITY, capacity.STARTS, capacity.QUOTAS, capacity.INDIA,
)}
# How the deck's chart list names each chart (its choice is kept in the address by these labels).
LABELS = {key: spec.label for key, spec in SPECS.items()}
BY_LABEL = {label: key for key, label in LABELS.items()}
# The chain from reserves to magnets, which every country's deck holds, before the country's own charts.
KEY_CHARTS = ("concentration", "magnet-exports", "reserves", "mining")


def country_charts(d: Datasets, country: str) -> tuple[str, ...]:
    """The charts about the country's own trade that the data can draw."""
    keys = []
    if "trade_flows" in d and not trade.magnets(trade.charted(d["trade_flows"], country, "import")).empty:
        keys.append("imports-by-scope")
    if "import_sources" in d and (d["import_sources"]["importer"] == country).any():
        keys.append("us-import-sources")
    if "trade_records" in d:
        keys += dependence.deck_charts(d, country)
    if "capacity" in d and country == capacity.INDIA_COUNTRY:
        keys.append("india-capacity")
    if "trade_records" in d and country == official.REPORTER:
        keys.append("official-imports")
    if "china_quotas" in d and country == capacity.QUOTA_COUNTRY:
        keys.append("china-quotas")
    return tuple(keys)


def key_charts(d: Datasets, country: str) -> tuple[str, ...]:
    return KEY_CHARTS + country_charts(d, country)


def latest_params(d: Datasets, key: str, country: str) -> dict:
    """The parameters that show `key` on the latest data, for a deck about `country`."""
    if key in ("reserves", "reserves-map"):
        return {"edition": reserves.edition_choices(d)[0]}
    if key in ("concentration", "stage-shares"):
        edition = supply_chain.edition_choices(d)[0]
        return {"edition": edition, "year": supply_chain.base_year(d, edition)}
    if key == "mining":
        return {"countries": tuple(mining.default_countries(d, also=country))}
    if key == "imports-by-scope":
        importers = trade_specs.importers(d)
        return {"importer": country if country in importers else importers[0]}
    if key in {spec.key for spec in dependence.PROFILE}:
        return dependence.latest_params(d, country, key)
    if key == "capacity":
        return {"stage": capacity.DEFAULT_STAGE, "unit": capacity.DEFAULT_UNIT}
    if key in ("scenario", "scenario-grid"):
        return scenario_specs.latest_params(d, country)
    return {}


def needs(keys) -> tuple[str, ...]:
    """Every dataset the charts `keys` read."""
    return tuple(sorted({n for k in keys for n in SPECS[k].needs}))
