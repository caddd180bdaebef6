"""Rules a Table Schema cannot state, checked on every load (and the world-total rule by the ETL too).

USGS rounds what it prints, the world total and each country alike, so the listed countries may add up
to a little more than the printed world total. Each printed value can be off by half a unit of its last
non-zero digit (44,000,000 by 500,000; 6,900,000 by 50,000), so the listed values may exceed the total by
at most the sum of those half-units. More than that is an error in the data, not rounding.

The curated capacity and quota tables keep a number only where the source states one, and every figure
names its unit, so a range or an unpublished quota can never be charted as a number, nor kt added to t.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lib.data import rules_trade
from lib.data.problems import Problem


def rounding_slacks(values) -> np.ndarray:
    """Half a unit of the last non-zero digit of each printed whole number (390,000 -> 5,000; 0 -> 0; NaN stays NaN)."""
    values = np.asarray(values, dtype="float64")
    whole = np.rint(np.abs(np.nan_to_num(values))).astype(np.int64)
    trailing = sum(((whole % 10**k == 0) & (whole > 0)).astype(np.int64) for k in range(1, 19))
    return np.where(np.isnan(values), np.nan, np.where(whole == 0, 0.0, 10.0**trailing / 2))


def exceeds_world_total(listed: list[float], world: float) -> bool:
    """Whether listed values add up to more than the world total than rounding of every value explains."""
    values = np.array([v for v in listed if v is not None], dtype="float64")
    values = values[~np.isnan(values)]
    return bool(values.sum() > world + rounding_slacks([world])[0] + rounding_slacks(values).sum())


def world_not_below_listed(value_col: str, by: list[str]):
    """A check: in each group, the world row is not below the sum of the other rows beyond rounding
    (the rule of exceeds_world_total, on every group at once: production has hundreds of them)."""

    def check(frame: pd.DataFrame) -> list[Problem]:
        rows = frame.reset_index(drop=True)
        values = pd.to_numeric(rows[value_col], errors="coerce").astype("float64").to_numpy()
        is_world = (rows["entity_type"] == "world").fillna(False).astype(bool).to_numpy()
        present = ~np.isnan(values)
        world = is_world & present
        listed = ~is_world & present
        parts = pd.DataFrame({
            "world_row": np.where(world, rows.index, np.nan),
            "listed_sum": np.where(listed, values, 0.0),
            "listed_slack": np.where(listed, rounding_slacks(values), 0.0),
            "listed_n": listed.astype(int),
        }, index=rows.index)
        keys = [rows[c] for c in by]
        groups = parts.groupby(keys, dropna=False).agg(
            world_row=("world_row", "min"), listed_sum=("listed_sum", "sum"),
            listed_slack=("listed_slack", "sum"), listed_n=("listed_n", "sum"))
        groups = groups[groups["world_row"].notna() & (groups["listed_n"] > 0)]
        first = groups["world_row"].astype(int).to_numpy()
        total = values[first]
        over = groups["listed_sum"].to_numpy() > total + rounding_slacks(total) + groups["listed_slack"].to_numpy()
        return [
            Problem(int(row) + 2, value_col,
                    f"world total {world_total:,.0f} is below the sum of listed countries {listed_sum:,.0f} "
                    f"for {dict(zip(by, key if isinstance(key, tuple) else (key,), strict=True))}, "
                    "more than the rounding of the printed values explains")
            for key, row, world_total, listed_sum in zip(
                groups.index[over], first[over], total[over], groups["listed_sum"].to_numpy()[over], strict=True)
        ]

    return check


def number_only_where_stated(value_col: str):
    """A check: a number is typed exactly where value_status is 'value'. A range, a figure in words or an
    unpublished quota keeps its cell empty, so no chart can mistake it for a stated number."""

    def check(frame: pd.DataFrame) -> list[Problem]:
        rows = frame.reset_index(drop=True)
        wrong = rows[value_col].notna() != rows["value_status"].eq("value").fillna(False).astype(bool)
        return [
            Problem(int(i) + 2, value_col,
                    f"expected a number only where value_status is value, got value_status = {rows.at[i, 'value_status']!r}")
            for i in rows.index[wrong]
        ]

    return check


def unit_with_every_figure(frame: pd.DataFrame) -> list[Problem]:
    """A figure (a number or a range) names its unit: without one it could be added to a figure in another unit."""
    rows = frame.reset_index(drop=True)
    missing = rows["value_status"].isin(["value", "range"]).fillna(False).astype(bool) & rows["unit"].isna()
    return [
        Problem(int(i) + 2, "unit", f"a unit is required where value_status is {rows.at[i, 'value_status']}")
        for i in rows.index[missing]
    ]


INVARIANTS = {
    "reserves": [world_not_below_listed("reserves_t_reo", ["edition"])],
    "production": [world_not_below_listed("mine_production_t_reo", ["edition", "year"])],
    "trade_records": [rules_trade.problems],
    "capacity": [number_only_where_stated("value"), unit_with_every_figure],
    "china_quotas": [number_only_where_stated("quota_t_reo")],
}


def check(name: str, frame: pd.DataFrame) -> list[Problem]:
    return [p for rule in INVARIANTS.get(name, ()) for p in rule(frame)]
