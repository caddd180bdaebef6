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


def _concentration_of(rows: np.ndarray, t: dict) -> dict:
    """One group's row of `concentration`, from the positions of its rows in the columns `t` (numpy arrays)."""
    world = t["value"][rows[t["world"][rows]]]
    if len(world) > 1:
        raise ValueError("More than one world row in a concentration group.")
    world_value = world[0] if len(world) else np.nan
    countries = rows[t["country"][rows]]
    has_residual = bool(t["other"][rows].any())
    residual = (" The residual ('Rest of world' / 'Other countries') is not a country: it is left out"
                " of top-3 and HHI, so HHI is a lower bound." if has_residual else "")
    values, stated = t["value"][countries], t["stated"][countries]

    result = dict.fromkeys(CONCENTRATION_COLUMNS, np.nan)
    result.update(top_country=None, n_countries=0, residual_excluded=has_residual, basis=None)
    if world_value > 0 and not np.isnan(values).all():
        known = ~np.isnan(values)
        shares = values[known] / world_value * 100
        order = np.argsort(-shares, kind="stable")  # largest first; ties keep the rows' order
        shares, names = shares[order], t["name"][countries][known][order]
        unreported = int((~known).sum())
        result.update(
            top_country=names[0], top_share_pct=shares[0], top3_share_pct=shares[:3].sum(), hhi=(shares**2).sum(),
            n_countries=len(shares), basis="world_total",
            note="Shares of the published world total." + residual
            + (f" {unreported} listed country(ies) without a value left out." if unreported else ""),
        )
    elif not np.isnan(stated).all():
        top = int(np.nanargmax(stated))
        result.update(
            top_country=t["name"][countries][top], top_share_pct=stated[top],
            n_countries=int((~np.isnan(stated)).sum()), basis="stated_share",
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
    # A few hundred small groups: their arithmetic on numpy arrays taken once, not on a frame per group.
    df = df.reset_index(drop=True)
    nothing = np.full(len(df), np.nan)
    t = {
        "world": is_in(df, "entity_type", "world").to_numpy(),
        "country": is_in(df, "entity_type", "country").to_numpy(),
        "other": is_in(df, "entity_type", "other").to_numpy(),
        "value": as_float(df[value_col]).to_numpy() if value_col in df else nothing,
        "stated": as_float(df["share_pct"]).to_numpy() if "share_pct" in df else nothing,
        "name": df["country"].to_numpy(dtype=object) if "country" in df else np.full(len(df), None, dtype=object),
    }
    scenarios = df["scenario"].to_numpy(dtype=object) if "scenario" in cols and "scenario" not in by else None
    grouped = df.groupby(by, dropna=False, sort=True)
    ids = grouped.ngroup().to_numpy()
    order = np.argsort(ids, kind="stable")
    bounds = np.cumsum(np.bincount(ids, minlength=grouped.ngroups))
    keys = grouped.size().index
    rows = []
    for i, key in enumerate(keys):
        positions = order[(bounds[i - 1] if i else 0):bounds[i]]
        key = key if isinstance(key, tuple) else (key,)
        row = dict(zip(by, key, strict=True)) | _concentration_of(positions, t)
        if scenarios is not None:
            names = pd.unique(pd.Series(scenarios[positions]).dropna().astype(str))
            row["scenario"] = "; ".join(n for n in names if n) or None
        rows.append(row)
    return pd.DataFrame(rows, columns=cols)
