"""Shares and concentration. A share is only ever divided by a total the source published: where it
published none, or only a lower bound, the share is missing rather than estimated."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lib.domain.numbers import as_float, floats, is_in

CONCENTRATION_COLUMNS = [
    "top_country", "top_share_pct", "top3_share_pct", "hhi", "n_countries",
    "residual_excluded", "basis", "note",
]


def _group_keys(df: pd.DataFrame, by: list[str]) -> list[pd.Series]:
    return [df[c] for c in by] if by else [pd.Series(0, index=df.index)]


def _ratio_pct(num: pd.Series, den) -> pd.Series:
    den = pd.Series(floats(den) if np.ndim(den) else float(floats(den)), index=num.index)
    return (as_float(num) / den * 100).where(den > 0)


def share_of_world(df: pd.DataFrame, value_col: str, by: list[str], out_col: str = "share_pct") -> pd.DataFrame:
    """Copy of df with out_col = value / the group's world row * 100.

    Missing (NaN) where the group has no world row or the world value is missing (NA or a
    lower bound such as '>90,000,000'): a share is never taken of a guessed denominator.
    """
    by = list(by)
    out = df.copy()
    world = df[is_in(df, "entity_type", "world")]
    if by:
        if world.duplicated(by).any():
            raise ValueError(f"More than one world row in a group of {by}; the denominator is ambiguous.")
        denom = out[by].merge(world[by + [value_col]].rename(columns={value_col: "_world"}), on=by, how="left")["_world"]
        denom = denom.to_numpy()
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
    listed = is_in(df, "entity_type", "country", "other")
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
    world = as_float(g.loc[is_in(g, "entity_type", "world"), value_col])
    if len(world) > 1:
        raise ValueError("More than one world row in a concentration group.")
    world_value = world.iloc[0] if len(world) else np.nan
    countries = g[is_in(g, "entity_type", "country")].reset_index(drop=True)
    has_residual = bool(is_in(g, "entity_type", "other").any())
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
    world value but the source states a country's share (magnet manufacturing), top_share_pct
    is that share and top-3/HHI stay missing (basis='stated_share').
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
