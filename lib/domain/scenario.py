"""What if a supplier restricts exports? One importer, one product line, monthly steps. Pure functions, no I/O.

The model, in the words a footnote needs:
- Baseline: each supplier ships the importer a fixed tonnage a month, read from the data for a reference period
  (a mean of monthly figures, or a period's total divided by its months). Demand is the sum, held constant.
- Restriction: supplier S cuts its shipments by c % from month t0 for d months, then restores them in r equal
  monthly steps: with r = 2 the cut is 2/3 c, then 1/3 c, and supply is back in full the month after.
- Substitution: other suppliers can add up to a given tonnage a month, from `lag` months after the cut starts,
  never more than the tonnage lost. Where a supplier's world exports are known (data), it can add no more than
  those exports less what it already ships to this importer. The default is no substitution, the worst case.
- Stocks: the importer starts with m months of baseline demand in stock and draws it before any shortfall.
  Drawn stock is not rebuilt within the horizon.
- Each month: supply from all sources + stock drawn + unmet demand = demand. With G the cumulative gap (tonnage
  lost less substitution) and S0 the opening stock, cumulative unmet demand is max(G - S0, 0): that closed form is
  what lets the sensitivity grid be computed by broadcasting, without a loop over cells.
Limits: no prices, no demand response, no re-exports through third countries.

Every input is a frozen dataclass that validates itself and raises `InputError` (a ValueError) naming the field
and what it expects, so a page can show the message instead of a broken chart.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lib.domain import trade
from lib.domain.numbers import as_float, is_in

MAX_HORIZON_MONTHS = 600
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# Shortfalls below this share of a month's demand are floating-point rounding (a gram in a thousand tonnes),
# not a shortfall: without it a cover that exactly matches the gap could report a "first shortfall month".
_ROUNDING = 1e-9


class InputError(ValueError):
    """An input a scenario cannot use. `field` names it (as `Class.field`); the message says what is expected."""

    def __init__(self, field: str, expected: str, got: object):
        self.field = field
        self.expected = expected
        super().__init__(f"{field}: expected {expected}, got {got!r}")


# --- validation helpers -------------------------------------------------------------------------------------------

def _real(value, name: str, expected: str, *, low: float | None = None, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InputError(name, expected, value)
    x = float(value)
    if not math.isfinite(x) or (low is not None and x < low) or (high is not None and x > high):
        raise InputError(name, expected, value)
    return x


def _count(value, name: str, expected: str, *, low: int = 0, high: int | None = None) -> int:
    # A slider may hand over 3.0 for 3; 2.5 months is not a count.
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not float(value).is_integer():
        raise InputError(name, expected, value)
    n = int(value)
    if n < low or (high is not None and n > high):
        raise InputError(name, expected, value)
    return n


def _text(value, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(name, "a non-empty text", value)
    return value.strip()


def _month(value, name: str) -> str:
    if isinstance(value, pd.Period) and value.freqstr.startswith("M"):
        return str(value)
    if isinstance(value, str) and _MONTH.match(value.strip()):
        return value.strip()
    raise InputError(name, "a month written YYYY-MM (e.g. 2025-04)", value)


def _ids(value, name: str) -> tuple[str, ...]:
    if isinstance(value, str):  # one id, not its characters
        value = (value,)
    if not isinstance(value, Iterable):
        raise InputError(name, "a list of source ids", value)
    ids = tuple(value)
    for i in ids:
        _text(i, name)
    return tuple(dict.fromkeys(i.strip() for i in ids))


def _tonnages(value, name: str) -> tuple[tuple[str, float], ...]:
    """A mapping of name -> t (or pairs), normalised to a tuple of pairs so the dataclass stays hashable."""
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, Iterable) and not isinstance(value, str):
        items = list(value)
    else:
        raise InputError(name, "a mapping of supplier to tonnes a month", value)
    out: dict[str, float] = {}
    for item in items:
        if not (isinstance(item, tuple | list) and len(item) == 2):
            raise InputError(name, "pairs of (supplier, tonnes a month)", item)
        key = _text(item[0], f"{name} supplier")
        if key in out:
            raise InputError(name, f"each supplier once ({key!r} appears twice)", key)
        out[key] = _real(item[1], f"{name}[{key!r}]", "tonnes a month, a finite number of at least 0", low=0)
    return tuple(out.items())


def _index(month: str) -> int:
    # Months as integers (year * 12 + month - 1): pd.Period arithmetic costs more than the model itself.
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _offset(month: str, origin: str) -> int:
    return _index(month) - _index(origin)


def _shift(month: str, n: int) -> str:
    y, m = divmod(_index(month) + n, 12)
    return f"{y:04d}-{m + 1:02d}"


def month_label(month: str) -> str:
    """2025-04 as a reader says it: Apr 2025."""
    return pd.Period(month, "M").strftime("%b %Y")


def _fmt_t(x: float) -> str:
    return f"{x:,.0f} t" if abs(x) >= 10 else f"{x:,.3g} t"


def _fmt_n(x: float) -> str:
    return f"{x:g}"


def _plural(n: float, word: str) -> str:
    return f"{_fmt_n(n)} {word}" + ("" if n == 1 else "s")


# --- inputs -------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Baseline:
    """The importer's monthly supply of one product line from each supplier, and where it comes from.

    supply_t: supplier -> tonnes a month (a mapping or pairs; kept as pairs, in the order given).
    reference_start / reference_end: the months (YYYY-MM) the figures describe.
    basis: how the tonnage was obtained, in words (e.g. "mean of 12 monthly figures, 2024-01 to 2024-12").
    source_ids: the sources of the figures (ids in data/sources.csv); at least one.
    split_assumed: True when the split by supplier was typed by the user, not read from the data;
        split_note then gives it in words (e.g. "China 90 %, Japan 10 %").
    """

    importer: str
    product: str
    supply_t: Mapping[str, float] | tuple[tuple[str, float], ...]
    reference_start: str
    reference_end: str
    basis: str
    source_ids: tuple[str, ...]
    split_assumed: bool = False
    split_note: str = ""

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "importer", _text(self.importer, "Baseline.importer"))
        set_(self, "product", _text(self.product, "Baseline.product"))
        pairs = _tonnages(self.supply_t, "Baseline.supply_t")
        if not pairs:
            raise InputError("Baseline.supply_t", "at least one supplier", self.supply_t)
        if sum(t for _, t in pairs) <= 0:
            raise InputError("Baseline.supply_t", "a total above 0 t a month (a scenario needs some demand)", self.supply_t)
        set_(self, "supply_t", pairs)
        start = _month(self.reference_start, "Baseline.reference_start")
        end = _month(self.reference_end, "Baseline.reference_end")
        if _offset(end, start) < 0:
            raise InputError("Baseline.reference_end", f"a month no earlier than reference_start ({start})", end)
        set_(self, "reference_start", start)
        set_(self, "reference_end", end)
        set_(self, "basis", _text(self.basis, "Baseline.basis"))
        ids = _ids(self.source_ids, "Baseline.source_ids")
        if not ids:
            raise InputError("Baseline.source_ids", "at least one source id for the baseline's figures", self.source_ids)
        set_(self, "source_ids", ids)
        if not isinstance(self.split_assumed, bool):
            raise InputError("Baseline.split_assumed", "True or False", self.split_assumed)
        if not isinstance(self.split_note, str):
            raise InputError("Baseline.split_note", "a text", self.split_note)

    @property
    def suppliers(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.supply_t)

    @property
    def demand_t(self) -> float:
        """Baseline demand: the sum of all suppliers' monthly tonnage."""
        return float(sum(t for _, t in self.supply_t))

    def supply(self, supplier: str) -> float:
        return dict(self.supply_t).get(supplier, 0.0)


@dataclass(frozen=True)
class Restriction:
    """Supplier `supplier` cuts its shipments by `cut_pct` % from `start` (YYYY-MM) for `length_months` months,
    then restores them in `ramp_months` equal monthly steps (0: back in full at once)."""

    supplier: str
    cut_pct: float
    start: str
    length_months: int
    ramp_months: int = 0

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "supplier", _text(self.supplier, "Restriction.supplier"))
        set_(self, "cut_pct", _real(self.cut_pct, "Restriction.cut_pct", "a cut from 0 to 100 (%)", low=0, high=100))
        set_(self, "start", _month(self.start, "Restriction.start"))
        set_(self, "length_months", _count(self.length_months, "Restriction.length_months",
                                           f"a whole number of months from 0 to {MAX_HORIZON_MONTHS}",
                                           high=MAX_HORIZON_MONTHS))
        set_(self, "ramp_months", _count(self.ramp_months, "Restriction.ramp_months",
                                         f"a whole number of months from 0 to {MAX_HORIZON_MONTHS}", high=MAX_HORIZON_MONTHS))


@dataclass(frozen=True)
class Substitution:
    """What other suppliers can add while the cut lasts.

    extra_t: supplier -> tonnes a month it can add (an assumption). Empty: none (the default, the worst case).
    lag_months: months after the cut starts before any extra arrives.
    bound_t: supplier -> its exports to the world, tonnes a month (data). Where given, the supplier adds at most
        that less what it already ships to this importer. bound_basis and bound_source_ids say where it comes from.
    """

    extra_t: Mapping[str, float] | tuple[tuple[str, float], ...] = ()
    lag_months: int = 0
    bound_t: Mapping[str, float] | tuple[tuple[str, float], ...] = ()
    bound_basis: str = ""
    bound_source_ids: tuple[str, ...] = ()

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "extra_t", _tonnages(self.extra_t, "Substitution.extra_t"))
        set_(self, "lag_months", _count(self.lag_months, "Substitution.lag_months",
                                        f"a whole number of months from 0 to {MAX_HORIZON_MONTHS}", high=MAX_HORIZON_MONTHS))
        set_(self, "bound_t", _tonnages(self.bound_t, "Substitution.bound_t"))
        set_(self, "bound_source_ids", _ids(self.bound_source_ids, "Substitution.bound_source_ids"))
        if not isinstance(self.bound_basis, str):
            raise InputError("Substitution.bound_basis", "a text", self.bound_basis)
        if self.bound_t and not self.bound_source_ids:
            raise InputError("Substitution.bound_source_ids", "the source ids of the world-export bounds (they are data)",
                             self.bound_source_ids)
        if self.bound_t and not self.bound_basis.strip():
            raise InputError("Substitution.bound_basis", "a few words on what the bounds are (e.g. '2024 exports / 12')",
                             self.bound_basis)

    @property
    def none(self) -> bool:
        return not any(t > 0 for _, t in self.extra_t)


@dataclass(frozen=True)
class Stocks:
    """The importer's opening stock, in months of baseline demand."""

    cover_months: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "cover_months", _real(self.cover_months, "Stocks.cover_months",
                                                       "months of cover, a number of at least 0", low=0))


@dataclass(frozen=True)
class Scenario:
    """One scenario. horizon_start defaults to the month after the baseline's reference period."""

    baseline: Baseline
    restriction: Restriction
    substitution: Substitution = field(default_factory=Substitution)
    stocks: Stocks = field(default_factory=Stocks)
    horizon_start: str | None = None
    horizon_months: int = 24

    def __post_init__(self):
        set_ = object.__setattr__
        for name, kind in (("baseline", Baseline), ("restriction", Restriction),
                           ("substitution", Substitution), ("stocks", Stocks)):
            if not isinstance(getattr(self, name), kind):
                raise InputError(f"Scenario.{name}", f"a {kind.__name__}", getattr(self, name))
        b, r = self.baseline, self.restriction
        set_(self, "horizon_months", _count(self.horizon_months, "Scenario.horizon_months",
                                            f"a whole number of months from 1 to {MAX_HORIZON_MONTHS}", low=1,
                                            high=MAX_HORIZON_MONTHS))
        after_ref = _shift(b.reference_end, 1)
        start = after_ref if self.horizon_start is None else _month(self.horizon_start, "Scenario.horizon_start")
        if _offset(start, after_ref) < 0:
            raise InputError("Scenario.horizon_start",
                             f"a month after the baseline's reference period ({b.reference_start} to {b.reference_end})",
                             start)
        set_(self, "horizon_start", start)
        if r.supplier not in b.suppliers:
            raise InputError("Restriction.supplier", f"one of the baseline's suppliers ({', '.join(b.suppliers)})", r.supplier)
        if _offset(r.start, after_ref) < 0:
            raise InputError("Restriction.start",
                             f"a month after the baseline's reference period ({b.reference_start} to {b.reference_end})",
                             r.start)
        if not 0 <= _offset(r.start, start) < self.horizon_months:
            raise InputError("Restriction.start", f"a month within the horizon ({start} to {self.horizon_end})", r.start)
        for name, _ in self.substitution.extra_t:
            if name == r.supplier:
                raise InputError("Substitution.extra_t", f"suppliers other than the restricted one ({r.supplier})", name)

    @property
    def horizon_end(self) -> str:
        return _shift(self.horizon_start, self.horizon_months - 1)

    @property
    def months(self) -> np.ndarray:
        """First day of each month of the horizon (datetime64)."""
        first = np.datetime64(self.horizon_start, "M")
        return (first + np.arange(self.horizon_months)).astype("datetime64[D]").astype("datetime64[ns]")

    def substitute_caps_t(self) -> dict[str, float]:
        """What each other supplier can add a month: its extra tonnage, capped by its world exports (where known)
        less what it already ships to this importer."""
        bounds = dict(self.substitution.bound_t)
        caps = {}
        for name, extra in self.substitution.extra_t:
            headroom = max(bounds[name] - self.baseline.supply(name), 0.0) if name in bounds else math.inf
            caps[name] = min(extra, headroom)
        return caps


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
    t0 = _offset(r.start, sc.horizon_start)
    full_loss = sc.baseline.supply(r.supplier) * cut_profile(sc.horizon_months, t0, r.length_months, r.ramp_months)
    cap = sum(sc.substitute_caps_t().values())
    available = np.where(np.arange(sc.horizon_months) >= t0 + sc.substitution.lag_months, cap, 0.0)
    return full_loss, available


def _cumulative_unmet(gap_total: np.ndarray, opening_stock: np.ndarray, demand: float) -> np.ndarray:
    unmet = np.maximum(gap_total - opening_stock, 0.0)
    return np.where(unmet > _ROUNDING * demand, unmet, 0.0)


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
    short = unmet > _ROUNDING * demand
    summary = Summary(
        first_shortfall=_shift(sc.horizon_start, int(np.argmax(short))) if short.any() else None,
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


# --- baselines from data ------------------------------------------------------------------------------------------

def baseline_from_monthly(rows: pd.DataFrame, *, importer: str, product: str, months: Sequence[str],
                          exclude: Sequence[str] = ("World",)) -> Baseline:
    """Mean of the chosen months, per supplier, from rows already narrowed to the importer's monthly imports of
    one product (one row per supplier and month; the trade tables' columns partner, period_start or period,
    mass_t, source_id and, where there is one, status). Rows whose partner is in `exclude` (totals, groups) are
    left out, and so are the rows trade.charted never draws (unverified). Every supplier needs a figure in every
    chosen month, and one only: a gap is not read as zero, nor filled."""
    chosen = [_month(m, "months") for m in months]
    if not chosen:
        raise InputError("months", "at least one month", months)
    if len(set(chosen)) != len(chosen):
        raise InputError("months", "each month once", list(months))
    missing_cols = [c for c in ("partner", "mass_t", "source_id") if c not in rows.columns]
    if missing_cols or not {"period_start", "period"} & set(rows.columns):
        raise InputError("rows", "a table with columns partner, period_start (or period), mass_t, source_id",
                         missing_cols or ["period_start"])
    df = trade.charted(rows.loc[~is_in(rows, "partner", *exclude)])
    period = trade.month_start(df).dt.strftime("%Y-%m")
    df = df.assign(_month=period.to_numpy()).loc[period.isin(chosen).to_numpy()]
    mass = as_float(df["mass_t"])
    df = df.assign(_mass=mass.to_numpy()).loc[mass.notna().to_numpy()]
    if df.empty:
        raise InputError("months", f"months with figures for {importer} (none in {', '.join(chosen)})", list(months))
    dup = df.duplicated(["partner", "_month"], keep=False)
    if dup.any():
        first = df.loc[dup].iloc[0]
        raise InputError("rows", f"one figure per supplier and month ({first['partner']} has several in {first['_month']})",
                         sorted(df.loc[dup, "source_id"].astype(str).unique()))
    supply = {}
    for supplier, g in df.groupby("partner", sort=False):
        lacking = [m for m in chosen if m not in set(g["_month"])]
        if lacking:
            raise InputError("months", f"months where every supplier has a figure ({supplier} has none in "
                                       f"{', '.join(lacking)})", list(months))
        supply[str(supplier)] = float(g["_mass"].mean())
    ordered = sorted(chosen)
    span = f"{ordered[0]} to {ordered[-1]}" if len(ordered) > 1 else ordered[0]
    contiguous = _offset(ordered[-1], ordered[0]) == len(ordered) - 1
    basis = f"mean of {len(ordered)} monthly figure{'s' if len(ordered) != 1 else ''}, " + (
        span if contiguous else ", ".join(ordered))
    return Baseline(importer=importer, product=product, supply_t=supply, reference_start=ordered[0],
                    reference_end=ordered[-1], basis=basis, source_ids=tuple(sorted(df["source_id"].astype(str).unique())))


def baseline_from_records(table: pd.DataFrame, *, importer: str, product: str, months: Sequence[str],
                          product_col: str = "product_scope", exclude: Sequence[str] = ("World",)) -> Baseline:
    """Monthly baseline from a long trade table: the importer's imports of `product`, matched exactly in
    product_col (product_scope in trade_flows; pass e.g. "commodity_code" for a table that names products so),
    monthly rows, as trade.charted keeps them (the importer's own imports, never unverified)."""
    for col in (product_col, "reporter", "flow", "period_type"):
        if col not in table.columns:
            raise InputError("table", f"a trade table with a column {col!r}", list(table.columns))
    rows = trade.charted(table, importer, "import")
    rows = rows.loc[is_in(rows, "period_type", "month") & is_in(rows, product_col, product)]
    return baseline_from_monthly(rows, importer=importer, product=product, months=months, exclude=exclude)


def baseline_from_total(totals_t: Mapping[str, float], *, importer: str, product: str, start: str, end: str,
                        label: str, source_ids: Sequence[str]) -> Baseline:
    """A period's total per supplier divided by the period's months (a year's figure / 12, a fiscal half / 6).
    label names the period as the source states it (e.g. '2024', 'FY2024-25')."""
    s, e = _month(start, "start"), _month(end, "end")
    n = _offset(e, s) + 1
    if n < 1:
        raise InputError("end", f"a month no earlier than start ({s})", e)
    pairs = _tonnages(totals_t, "totals_t")
    return Baseline(importer=importer, product=product, supply_t={k: v / n for k, v in pairs}, reference_start=s,
                    reference_end=e, basis=f"{_text(label, 'label')} figure / {n} months", source_ids=tuple(source_ids))


def baseline_from_year(totals_t: Mapping[str, float], *, importer: str, product: str, year: int,
                       source_ids: Sequence[str]) -> Baseline:
    """A calendar year's figure per supplier / 12."""
    y = _count(year, "year", "a year such as 2024", low=1900, high=2200)
    return baseline_from_total(totals_t, importer=importer, product=product, start=f"{y}-01", end=f"{y}-12",
                               label=str(y), source_ids=source_ids)


def baseline_with_split(baseline_total: Baseline, split_pct: Mapping[str, float]) -> Baseline:
    """Spread a baseline without a partner split (one row, e.g. 'World') over suppliers by shares the user typed.
    The result is flagged as the user's assumption (split_assumed) and says so in its basis."""
    if not isinstance(baseline_total, Baseline):
        raise InputError("baseline_total", "a Baseline", baseline_total)
    pairs = _tonnages(split_pct, "split_pct")
    for name, pct in pairs:
        _real(pct, f"split_pct[{name!r}]", "a share from 0 to 100 (%)", low=0, high=100)
    total_pct = sum(p for _, p in pairs)
    if not pairs or abs(total_pct - 100) > 0.01:
        raise InputError("split_pct", "shares adding up to 100 (%)", round(total_pct, 4))
    total = baseline_total.demand_t
    words = ", ".join(f"{name} {_fmt_n(p)} %" for name, p in pairs)
    return Baseline(importer=baseline_total.importer, product=baseline_total.product,
                    supply_t={name: total * p / 100 for name, p in pairs},
                    reference_start=baseline_total.reference_start, reference_end=baseline_total.reference_end,
                    basis=f"{baseline_total.basis}; split by supplier as typed by the user ({words})",
                    source_ids=baseline_total.source_ids, split_assumed=True,
                    split_note=words)


# --- words for footnotes and slides -------------------------------------------------------------------------------

def assumptions(scenario: Scenario) -> list[str]:
    """Every input that is an assumption, not data, in words fit for a chart's footnote and a slide."""
    sc = scenario
    b, r, s = sc.baseline, sc.restriction, sc.substitution
    lines = []
    if b.split_assumed:
        lines.append(f"Assumption (typed by the user, not data): {b.importer}'s {_fmt_t(b.demand_t)} a month split by "
                     f"supplier as {b.split_note or 'given'}.")
    if r.cut_pct == 0 or (r.length_months == 0 and r.ramp_months == 0):
        cut = f"Assumption: no restriction ({r.supplier}'s cut is {_fmt_n(r.cut_pct)} % for {_plural(r.length_months, 'month')})."
    else:
        back = month_label(_shift(r.start, r.length_months + r.ramp_months))
        ramp = (f", then restores them in {r.ramp_months} equal monthly steps (in full from {back})" if r.ramp_months
                else f", then restores them in full from {back}")
        cut = (f"Assumption: {r.supplier} cuts its shipments to {b.importer} by {_fmt_n(r.cut_pct)} % from "
               f"{month_label(r.start)} for {_plural(r.length_months, 'month')}{ramp}.")
    lines.append(cut)
    caps = sc.substitute_caps_t()
    if s.none:
        lines.append("Assumption: no other supplier makes up any of the loss (the worst case).")
    else:
        offered = ", ".join(f"{name} up to {_fmt_t(t)} a month" for name, t in s.extra_t if t > 0)
        when = "from the month the cut starts" if s.lag_months == 0 else (
            f"from {_plural(s.lag_months, 'month')} after the cut starts ({month_label(_shift(r.start, s.lag_months))})")
        line = f"Assumption: other suppliers make up part of the loss ({offered}), {when}, never more than the tonnage lost"
        capped = [name for name, _ in s.bound_t if name in caps]
        if capped:
            line += (f"; capped by their world exports less what they already ship to {b.importer} "
                     f"({', '.join(f'{n} {_fmt_t(caps[n])} a month' for n in capped)} at most)")
        lines.append(line + ".")
    m = sc.stocks.cover_months
    if m == 0:
        lines.append(f"Assumption: {b.importer} holds no stock at the start (0 months of cover).")
    else:
        lines.append(f"Assumption: {b.importer} holds {_plural(m, 'month')} of cover at the start "
                     f"({_fmt_t(m * b.demand_t)}), drawn before any shortfall and not rebuilt.")
    lines.append(f"Assumption: without the cut every supplier keeps shipping its baseline tonnage, and demand stays at "
                 f"{_fmt_t(b.demand_t)} a month; no prices, no demand response, no re-exports through third countries.")
    return lines


def data_basis(scenario: Scenario) -> list[str]:
    """The inputs that are data, with their sources, for the same footnote."""
    sc = scenario
    b = sc.baseline
    split = ", ".join(f"{name} {_fmt_t(t)}" for name, t in b.supply_t)
    lines = [f"Baseline, {b.importer}, {b.product}: {split} a month ({b.basis}; sources: {', '.join(b.source_ids)})."]
    s = sc.substitution
    if s.bound_t:
        bounds = ", ".join(f"{name} {_fmt_t(t)} a month" for name, t in s.bound_t)
        lines.append(f"World exports bounding substitution: {bounds} ({s.bound_basis}; sources: "
                     f"{', '.join(s.bound_source_ids)}).")
    return lines
