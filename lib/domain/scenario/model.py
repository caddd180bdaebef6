"""The model: one scenario month by month, and the sensitivity grid over cut × cover by broadcasting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.domain.scenario.inputs import (
    ROUNDING,
    InputError,
    Scenario,
    offset,
    shift,
)

# --- the model ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Summary:
    first_shortfall: str | None     # YYYY-MM of the first month with unmet demand, None if none
    months_short: int               # months with unmet demand
    cumulative_shortfall_t: float   # unmet demand over the horizon
    shortfall_share_pct: float      # of baseline demand over the horizon
    peak_unmet_t: float             # the largest monthly shortfall
    horizon_demand_t: float         # baseline demand over the horizon
    lost_t: float                   # tonnage the cut removed
    substituted_t: float            # tonnage other suppliers added
    stock_drawn_t: float            # tonnage drawn from stock


@dataclass(frozen=True, eq=False)
class Result:
    """monthly: one row a month (month, demand_t, restricted_supply_t, other_supply_t, substitution_t,
    stock_draw_t, supply_t, unmet_t, stock_t at month end, cut_pct applied that month).
    by_source: long, for a stacked chart: month, source, kind (supplier, substitution, stock, unmet), mass_t;
    its mass_t adds up to demand every month."""

    scenario: Scenario
    monthly: pd.DataFrame
    by_source: pd.DataFrame
    summary: Summary


def cut_profile(horizon_months: int, start: int, length: int, ramp: int) -> np.ndarray:
    """Share of the cut applied each month (0..1): 1 for `length` months from `start`, then ramp steps
    r/(r+1), ..., 1/(r+1), then 0."""
    k = np.arange(horizon_months)
    profile = np.zeros(horizon_months)
    profile[(k >= start) & (k < start + length)] = 1.0
    step = k - (start + length) + 1
    in_ramp = (step >= 1) & (step <= ramp)
    profile[in_ramp] = 1.0 - step[in_ramp] / (ramp + 1)
    return profile


def _profile(sc: Scenario) -> tuple[np.ndarray, np.ndarray]:
    """The two vectors every computation shares: the restricted supplier's tonnage at a 100 % cut each month,
    and the substitution available each month."""
    r = sc.restriction
    t0 = offset(r.start, sc.horizon_start)
    full_loss = sc.baseline.supply(r.supplier) * cut_profile(sc.horizon_months, t0, r.length_months, r.ramp_months)
    cap = sum(sc.substitute_caps_t().values())
    available = np.where(np.arange(sc.horizon_months) >= t0 + sc.substitution.lag_months, cap, 0.0)
    return full_loss, available


def _cumulative_unmet(gap_total: np.ndarray, opening_stock: np.ndarray, demand: float) -> np.ndarray:
    unmet = np.maximum(gap_total - opening_stock, 0.0)
    return np.where(unmet > ROUNDING * demand, unmet, 0.0)


def run(scenario: Scenario) -> Result:
    """Run one scenario: the monthly frame, the frame by source and the summary."""
    sc = scenario
    b = sc.baseline
    demand = b.demand_t
    restricted = b.supply(sc.restriction.supplier)
    full_loss, available = _profile(sc)
    loss = (sc.restriction.cut_pct / 100) * full_loss
    gap = np.maximum(loss - available, 0.0)
    substitution = loss - gap
    opening = sc.stocks.cover_months * demand
    cum_gap = np.cumsum(gap)
    cum_unmet = _cumulative_unmet(cum_gap, opening, demand)
    unmet = np.diff(cum_unmet, prepend=0.0)
    stock = np.maximum(opening - cum_gap, 0.0)
    draw = np.clip(gap - unmet, 0.0, None)
    months = sc.months
    H = sc.horizon_months
    restricted_supply = restricted - loss
    other = np.full(H, demand - restricted)
    supply = restricted_supply + other + substitution + draw
    monthly = pd.DataFrame({
        "month": months,
        "demand_t": np.full(H, demand),
        "restricted_supply_t": restricted_supply,
        "other_supply_t": other,
        "substitution_t": substitution,
        "stock_draw_t": draw,
        "supply_t": supply,
        "unmet_t": unmet,
        "stock_t": stock,
        "cut_pct": loss / restricted * 100 if restricted > 0 else np.zeros(H),
    })
    by_source = _by_source(sc, months, loss, substitution, draw, unmet)
    total_unmet = float(_cumulative_unmet(np.asarray(gap.sum()), np.asarray(opening), demand))
    short = unmet > ROUNDING * demand
    summary = Summary(
        first_shortfall=shift(sc.horizon_start, int(np.argmax(short))) if short.any() else None,
        months_short=int(short.sum()),
        cumulative_shortfall_t=total_unmet,
        shortfall_share_pct=total_unmet / (demand * H) * 100,
        peak_unmet_t=float(unmet.max()),
        horizon_demand_t=demand * H,
        lost_t=float(loss.sum()),
        substituted_t=float(substitution.sum()),
        stock_drawn_t=float(draw.sum()),
    )
    return Result(sc, monthly, by_source, summary)


def _by_source(sc: Scenario, months, loss, substitution, draw, unmet) -> pd.DataFrame:
    H = len(months)
    caps = {k: v for k, v in sc.substitute_caps_t().items() if v > 0}
    cap_total = sum(caps.values())
    sources, kinds, values = [], [], []
    for name, t in sc.baseline.supply_t:
        sources.append(name)
        kinds.append("supplier")
        values.append(t - loss if name == sc.restriction.supplier else np.full(H, t))
    for name, cap in caps.items():
        # Added tonnage split in proportion to what each can add: the model does not rank substitutes.
        sources.append(name)
        kinds.append("substitution")
        values.append(substitution * (cap / cap_total))
    for name, kind, v in (("Stock drawdown", "stock", draw), ("Unmet demand", "unmet", unmet)):
        sources.append(name)
        kinds.append(kind)
        values.append(v)
    n = len(sources)
    return pd.DataFrame({
        "month": np.tile(months, n),
        "source": np.repeat(sources, H),
        "kind": np.repeat(kinds, H),
        "mass_t": np.concatenate(values),
    })


def _axis(values, name: str, expected: str, *, high: float | None) -> np.ndarray:
    arr = np.asarray(values, dtype="float64") if not isinstance(values, str) else None
    if arr is None or arr.ndim != 1 or arr.size == 0:
        raise InputError(name, f"a non-empty list of {expected}", values)
    bad = ~np.isfinite(arr) | (arr < 0) | ((arr > high) if high is not None else False)
    if bad.any():
        raise InputError(name, expected, float(arr[np.argmax(bad)]))
    return arr


def shortfall_grid_t(scenario: Scenario, cuts_pct: Sequence[float], covers_months: Sequence[float]) -> np.ndarray:
    """Cumulative shortfall (t) over the horizon for every cut x cover, all else as in `scenario`.
    Shape (len(cuts_pct), len(covers_months)); computed by broadcasting, no loop over cells."""
    cuts = _axis(cuts_pct, "cuts_pct", "cuts from 0 to 100 (%)", high=100)
    covers = _axis(covers_months, "covers_months", "months of cover of at least 0", high=None)
    demand = scenario.baseline.demand_t
    full_loss, available = _profile(scenario)
    loss = (cuts / 100)[:, None] * full_loss[None, :]                     # (cuts, months)
    gap_total = np.maximum(loss - available[None, :], 0.0).sum(axis=1)  # (cuts,)
    return _cumulative_unmet(gap_total[:, None], covers[None, :] * demand, demand)


def sensitivity_grid(scenario: Scenario, cuts_pct: Sequence[float], covers_months: Sequence[float], *,
                     share: bool = False) -> pd.DataFrame:
    """The grid as a frame: index cut_pct, columns cover_months; cumulative shortfall in t, or with share=True
    as % of baseline demand over the horizon."""
    grid = shortfall_grid_t(scenario, cuts_pct, covers_months)
    if share:
        grid = grid / (scenario.baseline.demand_t * scenario.horizon_months) * 100
    return pd.DataFrame(grid, index=pd.Index(np.asarray(cuts_pct, dtype="float64"), name="cut_pct"),
                        columns=pd.Index(np.asarray(covers_months, dtype="float64"), name="cover_months"))


