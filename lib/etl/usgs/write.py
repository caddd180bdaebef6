"""Writing the tables, and checking them before they are written."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from lib.data import rules
from lib.etl.usgs.values import fmt_number


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return fmt_number(v)
    return str(v)


def to_csv(rows: list[dict], fields: list[str]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(fields)
    for r in rows:
        w.writerow([_cell(r[f]) for f in fields])
    return buf.getvalue().encode("utf-8")


def check_unique(rows, key, table):
    seen = set()
    for r in rows:
        k = tuple(r[f] for f in key)
        if k in seen:
            raise ValueError(f"{table}: duplicate primary key {k}")
        seen.add(k)


def world_total_checks(reserves: list[dict], production: list[dict]) -> list[str]:
    """Report (never fix) world totals below the sum of the listed countries by more than rounding explains,
    by the rule the loader applies (lib.data.rules)."""
    msgs = []
    groups: dict[tuple, list[dict]] = {}
    for r in reserves:
        groups.setdefault(("reserves", r["edition"], None), []).append(r)
    for r in production:
        groups.setdefault(("production", r["edition"], r["year"]), []).append(r)
    for (table, edition, year), rows in sorted(groups.items(), key=lambda kv: str(kv[0])):
        value_col = "reserves_t_reo" if table == "reserves" else "mine_production_t_reo"
        world = [r for r in rows if r["entity_type"] == "world" and r[value_col] is not None]
        listed = [float(r[value_col]) for r in rows if r["entity_type"] != "world" and r[value_col] is not None]
        if world and listed and rules.exceeds_world_total(listed, float(world[0][value_col])):
            msgs.append(f"{table} {edition}{'' if year is None else ' ' + str(year)}: listed entries sum to "
                        f"{sum(listed):,.0f}, above the world total {world[0]['value_as_published']}")
    return msgs
