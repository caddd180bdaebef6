"""One row of each output table, from a USGS name and a printed value."""

from __future__ import annotations

from lib.etl.usgs.names import IMPORT_RESIDUAL_LABEL, harmonise
from lib.etl.usgs.values import parse_value

WORLD_TOTAL_NOTE = "World total (rounded)."
# The importer of USGS's import-source tables: the chapters describe the United States.
IMPORTER = "United States"


def reserve_row(edition, usgs_name, printed, note="", correction="", source_id=""):
    country, iso3, entity = harmonise(usgs_name)
    value, status = parse_value(printed, total=(entity == "world"))
    return {
        "edition": edition,
        "country": country,
        "iso3": iso3,
        "entity_type": entity,
        "reserves_t_reo": value,
        "value_status": status,
        "value_as_published": printed.strip(),
        "note": note,
        "correction": correction,
        "source_id": source_id,
    }


def production_row(edition, usgs_name, year, printed, estimated, basis, note, source_id, rounded_total=True):
    country, iso3, entity = harmonise(usgs_name)
    value, status = parse_value(printed, total=(entity == "world" and rounded_total))
    return {
        "country": country,
        "iso3": iso3,
        "entity_type": entity,
        "year": int(year),
        "edition": edition,
        "mine_production_t_reo": value,
        "value_status": status,
        "value_as_published": printed.strip(),
        "estimated": bool(estimated),
        "basis": basis,
        "note": note,
        "source_id": source_id,
    }


def import_row(edition, product, period, usgs_partner, share, note, source_id):
    partner, iso3, entity = harmonise(usgs_partner)
    if entity == "other":
        partner = IMPORT_RESIDUAL_LABEL
    return {
        "edition": edition,
        "importer": IMPORTER,
        "product": product,
        "period": period,
        "partner": partner,
        "partner_iso3": iso3,
        "share_pct": share,
        "note": note,
        "source_id": source_id,
    }
