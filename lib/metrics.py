"""Derived figures: latest values, revisions, shares, concentration. Pure pandas, no I/O.

Inputs are the long tables of data/datapackage.json as lib.data loads them (nullable
dtypes: Float64, Int64, string); plain float/object frames work too. Shares are only ever
divided by a total the source published: where it published none, or only a lower bound,
the share is missing rather than estimated.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd

# Ordered by publication date, because a later publication supersedes an earlier one for
# the same country and year: DS140 last modified 27 Sep 2023; MCS 2024 data release Mar
# 2024; MCS 2025 Jan 2025; MYB 2022 tables posted 19 Mar 2025 (after MCS 2025, though they
# describe 2018-2022 and hold data through 1 Apr 2024); MCS 2026 Feb 2026.
EDITION_ORDER = ["DS140", "MCS2024", "MYB2022", "MCS2025", "MCS2026"]
RESERVES_EDITION_ORDER = ["MCS2024", "MCS2025", "MCS2026"]

PRODUCTION_COL = "mine_production_t_reo"
RESERVES_COL = "reserves_t_reo"

CONCENTRATION_COLUMNS = [
    "top_country", "top_share_pct", "top3_share_pct", "hhi", "n_countries",
    "residual_excluded", "basis", "note",
]


# --- small helpers -----------------------------------------------------------------------

def pct_change(a, b):
    """Percent change from a to b; missing where either is missing or a is zero.

    Works on scalars (returns float) and on Series/arrays (returns the same shape).
    """
    index = b.index if isinstance(b, pd.Series) else a.index if isinstance(a, pd.Series) else None
    a_ = _floats(a)
    b_ = _floats(b)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where((a_ == 0) | np.isnan(a_) | np.isnan(b_), np.nan, (b_ - a_) / a_ * 100)
    if index is not None:
        return pd.Series(out, index=index)
    return float(out) if out.ndim == 0 else out


def _floats(x) -> np.ndarray:
    # Float64/Int64 columns carry pd.NA, which numpy cannot compare; NaN can.
    if np.ndim(x) == 0:
        return np.asarray(np.nan if x is None or pd.isna(x) else float(x), dtype="float64")
    return as_float(pd.Series(np.asarray(x, dtype=object))).to_numpy()


def as_float(series: pd.Series) -> pd.Series:
    """Numbers as plain floats, missing as NaN (nullable Float64/Int64 in, float64 out)."""
    return pd.to_numeric(series, errors="coerce").astype("float64")


def _is(df: pd.DataFrame, col: str, *values) -> pd.Series:
    return df[col].isin(values).fillna(False).astype(bool)


def _differs(a: pd.Series, b: pd.Series) -> pd.Series:
    """NaN-aware inequality: NA -> number and number -> NA count as changes, NA -> NA does not."""
    a, b = as_float(a), as_float(b)
    return (a.isna() != b.isna()) | (a.notna() & b.notna() & (a != b))


def _text(series: pd.Series) -> pd.Series:
    return series.astype("object").where(series.notna(), None)


def _edition_rank(editions: pd.Series, order: list[str]) -> pd.Series:
    unknown = sorted(set(editions.dropna().unique()) - set(order))
    if unknown:
        # Guessing where an unknown edition sits could silently pick a superseded value.
        raise ValueError(f"Unknown edition(s) {unknown}; add them to the edition order first.")
    return editions.map({e: i for i, e in enumerate(order)}).astype("int64")


# --- production ----------------------------------------------------------------------------

def latest_production(production: pd.DataFrame) -> pd.DataFrame:
    """One row per (country, year): the row of the latest edition that has one, all columns kept."""
    if production.empty:
        return production.copy()
    production = production.reset_index(drop=True)  # concatenated frames repeat labels
    rank = _edition_rank(production["edition"], EDITION_ORDER)
    idx = rank.groupby([production["country"], production["year"]], dropna=False).idxmax()
    return production.loc[idx.to_numpy()].sort_values(["country", "year"]).reset_index(drop=True)


def production_revisions(production: pd.DataFrame, value_col: str = PRODUCTION_COL) -> pd.DataFrame:
    """Each time a later edition published a different value for the same country and year.

    Consecutive editions that have a row for the country-year are compared; a change from a
    number to NA (or back), or between two kinds of missing value, counts as a change.
    """
    cols = ["country", "year", "earlier_edition", "earlier_value", "earlier_as_published",
            "later_edition", "later_value", "later_as_published", "change", "change_pct", "later_note"]
    if production.empty:
        return pd.DataFrame(columns=cols)
    df = production.assign(_rank=_edition_rank(production["edition"], EDITION_ORDER))
    df = df.sort_values(["country", "year", "_rank"]).reset_index(drop=True)
    prev = df.groupby(["country", "year"], dropna=False).shift(1)
    has_prev = prev["edition"].notna()
    changed = _differs(prev[value_col], df[value_col])
    if "value_status" in df:
        both_missing = as_float(prev[value_col]).isna() & as_float(df[value_col]).isna()
        changed |= both_missing & (prev["value_status"].astype("object") != df["value_status"].astype("object"))
    keep = has_prev & changed
    out = pd.DataFrame({
        "country": df["country"],
        "year": df["year"],
        "earlier_edition": prev["edition"],
        "earlier_value": as_float(prev[value_col]),
        "earlier_as_published": _text(prev.get("value_as_published", pd.Series(None, index=df.index))),
        "later_edition": df["edition"],
        "later_value": as_float(df[value_col]),
        "later_as_published": _text(df.get("value_as_published", pd.Series(None, index=df.index))),
    })[keep]
    out["change"] = out["later_value"] - out["earlier_value"]
    out["change_pct"] = pct_change(out["earlier_value"], out["later_value"])
    out["later_note"] = _text(df.get("note", pd.Series(None, index=df.index)))[keep]
    return out[cols].reset_index(drop=True)


# --- shares and concentration -----------------------------------------------------------

def _group_keys(df: pd.DataFrame, by: list[str]) -> list[pd.Series]:
    return [df[c] for c in by] if by else [pd.Series(0, index=df.index)]


def _ratio_pct(num: pd.Series, den) -> pd.Series:
    den = pd.Series(_floats(den) if np.ndim(den) else float(_floats(den)), index=num.index)
    num = as_float(num)
    return (num / den * 100).where(den > 0)


def share_of_world(df: pd.DataFrame, value_col: str, by: list[str], out_col: str = "share_pct") -> pd.DataFrame:
    """Copy of df with out_col = value / the group's world row * 100.

    Missing (NaN) where the group has no world row or the world value is missing (NA or a
    lower bound such as '>90,000,000'): a share is never taken of a guessed denominator.
    Overwrites out_col if present (stage_shares has a source-stated share_pct; pass another
    out_col to keep it).
    """
    by = list(by)
    out = df.copy()
    world = df[_is(df, "entity_type", "world")]
    if by:
        if world.duplicated(by).any():
            raise ValueError(f"More than one world row in a group of {by}; the denominator is ambiguous.")
        denom = out[by].merge(
            world[by + [value_col]].rename(columns={value_col: "_world"}), on=by, how="left"
        )["_world"].to_numpy()
    else:
        if len(world) > 1:
            raise ValueError("More than one world row; the denominator is ambiguous.")
        denom = world[value_col].iloc[0] if len(world) else np.nan
    out[out_col] = _ratio_pct(out[value_col], denom)
    return out


def share_of_listed(df: pd.DataFrame, value_col: str, by: list[str], out_col: str = "share_pct",
                    skipna: bool = False) -> pd.DataFrame:
    """Copy of df with out_col = value / the sum of the group's listed rows (country + other) * 100.

    For charts that say 'share of listed countries'. World rows get no share. With
    skipna=False a group in which any listed value is missing gets no shares at all, since
    its sum would understate the total; skipna=True divides by the sum of reported values.
    """
    out = df.copy()
    listed = _is(df, "entity_type", "country", "other")
    vals = as_float(df[value_col]).where(listed)
    keys = _group_keys(df, list(by))
    total = vals.groupby(keys, dropna=False).transform("sum")
    reported = vals.notna().groupby(keys, dropna=False).transform("sum")
    total = total.where(reported > 0)
    if not skipna:
        gap = (listed & vals.isna()).groupby(keys, dropna=False).transform("any")
        total = total.where(~gap)
    out[out_col] = _ratio_pct(vals, total).where(listed)
    return out


def _concentration_of(g: pd.DataFrame, value_col: str) -> dict:
    world = as_float(g.loc[_is(g, "entity_type", "world"), value_col])
    if len(world) > 1:
        raise ValueError("More than one world row in a concentration group.")
    world_value = world.iloc[0] if len(world) else np.nan
    countries = g[_is(g, "entity_type", "country")].reset_index(drop=True)
    has_residual = bool(_is(g, "entity_type", "other").any())
    residual = (" The residual ('Rest of world' / 'Other countries') is not a country: it is left out"
                " of top-3 and HHI, so HHI is a lower bound." if has_residual else "")
    values = as_float(countries[value_col]) if value_col in countries else pd.Series(dtype="float64")
    stated = as_float(countries["share_pct"]) if "share_pct" in countries else pd.Series(dtype="float64")

    result = dict.fromkeys(CONCENTRATION_COLUMNS, np.nan)
    result.update(top_country=None, n_countries=0, residual_excluded=has_residual, basis=None)
    if world_value > 0 and values.notna().any():
        shares = pd.Series((values / world_value * 100).to_numpy(), index=countries["country"].to_numpy())
        shares = shares.dropna().sort_values(ascending=False, kind="stable")
        unreported = int(values.isna().sum())
        result.update(
            top_country=shares.index[0], top_share_pct=shares.iloc[0],
            top3_share_pct=shares.head(3).sum(), hhi=(shares**2).sum(), n_countries=len(shares),
            basis="world_total",
            note="Shares of the published world total." + residual
            + (f" {unreported} listed country(ies) without a value left out." if unreported else ""),
        )
    elif stated.notna().any():
        top = stated.idxmax()
        result.update(
            top_country=countries.loc[top, "country"], top_share_pct=stated[top],
            n_countries=int(stated.notna().sum()), basis="stated_share",
            note="Only the share(s) stated by the source: top-3 share and HHI cannot be computed.",
        )
    else:
        result["note"] = "No world total published for this group: shares not computed."
    return result


def concentration(df: pd.DataFrame, value_col: str = "supply_kt",
                  by: list[str] = ("stage", "edition", "year", "case")) -> pd.DataFrame:
    """Per group: top_country, top_share_pct, top3_share_pct, hhi, n_countries, residual_excluded, basis, note.

    Shares are of the group's world row. HHI is the sum of squared percent shares of the
    named countries (0-10,000; 10,000 = one country supplies everything). The 'other'
    residual is not one country, so it is left out of top-n and of HHI: HHI is therefore a
    lower bound whenever a residual exists (splitting it into countries can only add to the
    sum), and so is top-3 where fewer than three countries are named. Where a group has no
    world value but the source states a country's share (magnet manufacturing: China 94%),
    top_share_pct is that share and top-3/HHI stay missing (basis='stated_share').
    A 'scenario' column, if present and not a key, is carried along.
    """
    by = list(by)
    cols = by + CONCENTRATION_COLUMNS + (["scenario"] if "scenario" in df and "scenario" not in by else [])
    rows = []
    for key, g in df.groupby(by, dropna=False, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        row = dict(zip(by, key, strict=True)) | _concentration_of(g, value_col)
        if "scenario" in cols and "scenario" not in by:
            names = g["scenario"].dropna().astype(str).unique()
            row["scenario"] = "; ".join(n for n in names if n) or None
        rows.append(row)
    return pd.DataFrame(rows, columns=cols)


# --- reserves ------------------------------------------------------------------------------

def reserves_revisions(reserves: pd.DataFrame, value_col: str = RESERVES_COL) -> pd.DataFrame:
    """Per country, each step between consecutive editions where the value or its status changed.

    Includes NA -> number and number -> NA (India 6.9 Mt -> NA in MCS2026), and a country
    that stops or starts being listed (status 'not_listed'). The later edition's note and
    correction are the reason USGS gave.
    """
    cols = ["country", "entity_type", "from_edition", "to_edition", "from_value", "to_value",
            "from_as_published", "to_as_published", "from_status", "to_status",
            "change_t", "change_pct", "to_note", "to_correction"]
    editions = [e for e in RESERVES_EDITION_ORDER if e in set(reserves["edition"].dropna())]
    _edition_rank(reserves["edition"], RESERVES_EDITION_ORDER)  # refuses unknown editions
    keep = ["country", "entity_type", value_col, "value_status", "value_as_published", "note", "correction"]
    frames = []
    for before, after in pairwise(editions):
        a = reserves.loc[reserves["edition"] == before, [c for c in keep if c in reserves]]
        b = reserves.loc[reserves["edition"] == after, [c for c in keep if c in reserves]]
        m = a.astype("object").merge(b.astype("object"), on="country", how="outer",
                                     suffixes=("_a", "_b"), indicator=True)
        status_a = m["value_status_a"].where(m["_merge"] != "right_only", "not_listed")
        status_b = m["value_status_b"].where(m["_merge"] != "left_only", "not_listed")
        changed = _differs(m[f"{value_col}_a"], m[f"{value_col}_b"]) | (status_a != status_b)
        m = m[changed.to_numpy()]
        frames.append(pd.DataFrame({
            "country": m["country"],
            "entity_type": m["entity_type_b"].where(m["entity_type_b"].notna(), m["entity_type_a"]),
            "from_edition": before, "to_edition": after,
            "from_value": as_float(m[f"{value_col}_a"]), "to_value": as_float(m[f"{value_col}_b"]),
            "from_as_published": m["value_as_published_a"], "to_as_published": m["value_as_published_b"],
            "from_status": status_a[changed.to_numpy()], "to_status": status_b[changed.to_numpy()],
            "to_note": m.get("note_b"), "to_correction": m.get("correction_b"),
        }))
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)
    out["change_t"] = out["to_value"] - out["from_value"]
    out["change_pct"] = pct_change(out["from_value"], out["to_value"])
    for c in ("from_as_published", "to_as_published", "to_note", "to_correction"):
        out[c] = _text(out[c]) if c in out else None
    order = out["from_edition"].map({e: i for i, e in enumerate(RESERVES_EDITION_ORDER)})
    return out.assign(_o=order).sort_values(["_o", "country"])[cols].reset_index(drop=True)


def rank_in_edition(reserves: pd.DataFrame, edition: str, value_col: str = RESERVES_COL) -> pd.DataFrame:
    """Countries of one edition ranked by reserves (1 = largest; ties share a rank).

    World and residual rows are left out; countries without a number (NA, withheld) come
    last with no rank.
    """
    d = reserves[(reserves["edition"] == edition).fillna(False).astype(bool)
                 & _is(reserves, "entity_type", "country")].copy()
    d["rank"] = as_float(d[value_col]).rank(ascending=False, method="min").astype("Int64")
    return d.sort_values(["rank", "country"], na_position="last").reset_index(drop=True)
