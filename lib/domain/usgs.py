"""USGS tables over editions: the latest value of each country-year, and what each edition revised.

A later edition supersedes an earlier one for the same country and year; the order comes from the
editions table (lib.domain.editions), passed in as a list of edition codes, oldest first.
"""

from __future__ import annotations

from itertools import pairwise

import pandas as pd

from lib.domain.editions import rank
from lib.domain.numbers import as_float, differs, is_in, pct_change, text

PRODUCTION_COL = "mine_production_t_reo"
RESERVES_COL = "reserves_t_reo"


def latest_production(production: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """One row per (country, year): the row of the latest edition that has one, all columns kept."""
    if production.empty:
        return production.copy()
    production = production.reset_index(drop=True)  # concatenated frames repeat labels
    ranks = rank(production["edition"], order)
    idx = ranks.groupby([production["country"], production["year"]], dropna=False).idxmax()
    return production.loc[idx.to_numpy()].sort_values(["country", "year"]).reset_index(drop=True)


def production_revisions(production: pd.DataFrame, order: list[str], value_col: str = PRODUCTION_COL) -> pd.DataFrame:
    """Each time a later edition published a different value for the same country and year.

    Consecutive editions that have a row for the country-year are compared; a change from a
    number to NA (or back), or between two kinds of missing value, counts as a change.
    """
    cols = ["country", "year", "earlier_edition", "earlier_value", "earlier_as_published",
            "later_edition", "later_value", "later_as_published", "change", "change_pct", "later_note"]
    if production.empty:
        return pd.DataFrame(columns=cols)
    df = production.assign(_rank=rank(production["edition"], order))
    df = df.sort_values(["country", "year", "_rank"]).reset_index(drop=True)
    prev = df.groupby(["country", "year"], dropna=False).shift(1)
    changed = differs(prev[value_col], df[value_col])
    if "value_status" in df:
        both_missing = as_float(prev[value_col]).isna() & as_float(df[value_col]).isna()
        changed |= both_missing & (prev["value_status"].astype("object") != df["value_status"].astype("object"))
    keep = prev["edition"].notna() & changed
    missing = pd.Series(None, index=df.index)
    out = pd.DataFrame({
        "country": df["country"],
        "year": df["year"],
        "earlier_edition": prev["edition"],
        "earlier_value": as_float(prev[value_col]),
        "earlier_as_published": text(prev.get("value_as_published", missing)),
        "later_edition": df["edition"],
        "later_value": as_float(df[value_col]),
        "later_as_published": text(df.get("value_as_published", missing)),
    })[keep]
    out["change"] = out["later_value"] - out["earlier_value"]
    out["change_pct"] = pct_change(out["earlier_value"], out["later_value"])
    out["later_note"] = text(df.get("note", missing))[keep]
    return out[cols].reset_index(drop=True)


def reserves_revisions(reserves: pd.DataFrame, order: list[str], value_col: str = RESERVES_COL) -> pd.DataFrame:
    """Per country, each step between consecutive editions where the value or its status changed.

    Includes NA -> number and number -> NA (India 6.9 Mt -> NA in MCS2026), and a country
    that stops or starts being listed (status 'not_listed'). The later edition's note and
    correction are the reason USGS gave.
    """
    cols = ["country", "entity_type", "from_edition", "to_edition", "from_value", "to_value",
            "from_as_published", "to_as_published", "from_status", "to_status",
            "change_t", "change_pct", "to_note", "to_correction"]
    rank(reserves["edition"], order)  # refuses unknown editions
    editions = [e for e in order if e in set(reserves["edition"].dropna())]
    keep = ["country", "entity_type", value_col, "value_status", "value_as_published", "note", "correction"]
    frames = []
    for before, after in pairwise(editions):
        a = reserves.loc[reserves["edition"] == before, [c for c in keep if c in reserves]]
        b = reserves.loc[reserves["edition"] == after, [c for c in keep if c in reserves]]
        m = a.astype("object").merge(b.astype("object"), on="country", how="outer", suffixes=("_a", "_b"), indicator=True)
        status_a = m["value_status_a"].where(m["_merge"] != "right_only", "not_listed")
        status_b = m["value_status_b"].where(m["_merge"] != "left_only", "not_listed")
        changed = (differs(m[f"{value_col}_a"], m[f"{value_col}_b"]) | (status_a != status_b)).to_numpy()
        m = m[changed]
        frames.append(pd.DataFrame({
            "country": m["country"],
            "entity_type": m["entity_type_b"].where(m["entity_type_b"].notna(), m["entity_type_a"]),
            "from_edition": before, "to_edition": after,
            "from_value": as_float(m[f"{value_col}_a"]), "to_value": as_float(m[f"{value_col}_b"]),
            "from_as_published": m["value_as_published_a"], "to_as_published": m["value_as_published_b"],
            "from_status": status_a[changed], "to_status": status_b[changed],
            "to_note": m.get("note_b"), "to_correction": m.get("correction_b"),
        }))
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)
    out["change_t"] = out["to_value"] - out["from_value"]
    out["change_pct"] = pct_change(out["from_value"], out["to_value"])
    for c in ("from_as_published", "to_as_published", "to_note", "to_correction"):
        out[c] = text(out[c]) if c in out else None
    position = out["from_edition"].map({e: i for i, e in enumerate(order)})
    return out.assign(_o=position).sort_values(["_o", "country"])[cols].reset_index(drop=True)


def rank_in_edition(reserves: pd.DataFrame, edition: str, value_col: str = RESERVES_COL) -> pd.DataFrame:
    """Countries of one edition ranked by reserves (1 = largest; ties share a rank).

    World and residual rows are left out; countries without a number (NA, withheld) come
    last with no rank.
    """
    d = reserves[(reserves["edition"] == edition).fillna(False).astype(bool) & is_in(reserves, "entity_type", "country")].copy()
    d["rank"] = as_float(d[value_col]).rank(ascending=False, method="min").astype("Int64")
    return d.sort_values(["rank", "country"], na_position="last").reset_index(drop=True)
