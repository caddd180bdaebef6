"""A scenario's inputs: frozen dataclasses that validate themselves, and the month arithmetic they share."""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

MAX_HORIZON_MONTHS = 600
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# Shortfalls below this share of a month's demand are floating-point rounding (a gram in a thousand tonnes),
# not a shortfall: without it a cover that exactly matches the gap could report a "first shortfall month".
ROUNDING = 1e-9


class InputError(ValueError):
    """An input a scenario cannot use. `field` names it (as `Class.field`); the message says what is expected."""

    def __init__(self, field: str, expected: str, got: object):
        self.field = field
        self.expected = expected
        super().__init__(f"{field}: expected {expected}, got {got!r}")


# --- validation helpers -------------------------------------------------------------------------------------------

def check_real(value, name: str, expected: str, *, low: float | None = None, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InputError(name, expected, value)
    x = float(value)
    if not math.isfinite(x) or (low is not None and x < low) or (high is not None and x > high):
        raise InputError(name, expected, value)
    return x


def check_count(value, name: str, expected: str, *, low: int = 0, high: int | None = None) -> int:
    # A slider may hand over 3.0 for 3; 2.5 months is not a count.
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not float(value).is_integer():
        raise InputError(name, expected, value)
    n = int(value)
    if n < low or (high is not None and n > high):
        raise InputError(name, expected, value)
    return n


def check_text(value, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(name, "a non-empty text", value)
    return value.strip()


def check_month(value, name: str) -> str:
    if isinstance(value, pd.Period) and value.freqstr.startswith("M"):
        return str(value)
    if isinstance(value, str) and _MONTH.match(value.strip()):
        return value.strip()
    raise InputError(name, "a month written YYYY-MM (e.g. 2025-04)", value)


def check_ids(value, name: str) -> tuple[str, ...]:
    if isinstance(value, str):  # one id, not its characters
        value = (value,)
    if not isinstance(value, Iterable):
        raise InputError(name, "a list of source ids", value)
    ids = tuple(value)
    for i in ids:
        check_text(i, name)
    return tuple(dict.fromkeys(i.strip() for i in ids))


def check_tonnages(value, name: str) -> tuple[tuple[str, float], ...]:
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
        key = check_text(item[0], f"{name} supplier")
        if key in out:
            raise InputError(name, f"each supplier once ({key!r} appears twice)", key)
        out[key] = check_real(item[1], f"{name}[{key!r}]", "tonnes a month, a finite number of at least 0", low=0)
    return tuple(out.items())


def month_index(month: str) -> int:
    # Months as integers (year * 12 + month - 1): pd.Period arithmetic costs more than the model itself.
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def offset(month: str, origin: str) -> int:
    return month_index(month) - month_index(origin)


def shift(month: str, n: int) -> str:
    y, m = divmod(month_index(month) + n, 12)
    return f"{y:04d}-{m + 1:02d}"


def month_label(month: str) -> str:
    """2025-04 as a reader says it: Apr 2025."""
    return pd.Period(month, "M").strftime("%b %Y")


def fmt_t(x: float) -> str:
    return f"{x:,.0f} t" if abs(x) >= 10 else f"{x:,.3g} t"


def fmt_n(x: float) -> str:
    return f"{x:g}"


def plural(n: float, word: str) -> str:
    return f"{fmt_n(n)} {word}" + ("" if n == 1 else "s")



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
        set_(self, "importer", check_text(self.importer, "Baseline.importer"))
        set_(self, "product", check_text(self.product, "Baseline.product"))
        pairs = check_tonnages(self.supply_t, "Baseline.supply_t")
        if not pairs:
            raise InputError("Baseline.supply_t", "at least one supplier", self.supply_t)
        if sum(t for _, t in pairs) <= 0:
            raise InputError("Baseline.supply_t", "a total above 0 t a month (a scenario needs some demand)", self.supply_t)
        set_(self, "supply_t", pairs)
        start = check_month(self.reference_start, "Baseline.reference_start")
        end = check_month(self.reference_end, "Baseline.reference_end")
        if offset(end, start) < 0:
            raise InputError("Baseline.reference_end", f"a month no earlier than reference_start ({start})", end)
        set_(self, "reference_start", start)
        set_(self, "reference_end", end)
        set_(self, "basis", check_text(self.basis, "Baseline.basis"))
        ids = check_ids(self.source_ids, "Baseline.source_ids")
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
        set_(self, "supplier", check_text(self.supplier, "Restriction.supplier"))
        set_(self, "cut_pct", check_real(self.cut_pct, "Restriction.cut_pct", "a cut from 0 to 100 (%)", low=0, high=100))
        set_(self, "start", check_month(self.start, "Restriction.start"))
        set_(self, "length_months", check_count(self.length_months, "Restriction.length_months",
                                           f"a whole number of months from 0 to {MAX_HORIZON_MONTHS}",
                                           high=MAX_HORIZON_MONTHS))
        set_(self, "ramp_months", check_count(self.ramp_months, "Restriction.ramp_months",
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
        set_(self, "extra_t", check_tonnages(self.extra_t, "Substitution.extra_t"))
        set_(self, "lag_months", check_count(self.lag_months, "Substitution.lag_months",
                                        f"a whole number of months from 0 to {MAX_HORIZON_MONTHS}", high=MAX_HORIZON_MONTHS))
        set_(self, "bound_t", check_tonnages(self.bound_t, "Substitution.bound_t"))
        set_(self, "bound_source_ids", check_ids(self.bound_source_ids, "Substitution.bound_source_ids"))
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
        object.__setattr__(self, "cover_months", check_real(self.cover_months, "Stocks.cover_months",
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
        set_(self, "horizon_months", check_count(self.horizon_months, "Scenario.horizon_months",
                                            f"a whole number of months from 1 to {MAX_HORIZON_MONTHS}", low=1,
                                            high=MAX_HORIZON_MONTHS))
        after_ref = shift(b.reference_end, 1)
        start = after_ref if self.horizon_start is None else check_month(self.horizon_start, "Scenario.horizon_start")
        if offset(start, after_ref) < 0:
            raise InputError("Scenario.horizon_start",
                             f"a month after the baseline's reference period ({b.reference_start} to {b.reference_end})",
                             start)
        set_(self, "horizon_start", start)
        if r.supplier not in b.suppliers:
            raise InputError("Restriction.supplier", f"one of the baseline's suppliers ({', '.join(b.suppliers)})", r.supplier)
        if offset(r.start, after_ref) < 0:
            raise InputError("Restriction.start",
                             f"a month after the baseline's reference period ({b.reference_start} to {b.reference_end})",
                             r.start)
        if not 0 <= offset(r.start, start) < self.horizon_months:
            raise InputError("Restriction.start", f"a month within the horizon ({start} to {self.horizon_end})", r.start)
        for name, _ in self.substitution.extra_t:
            if name == r.supplier:
                raise InputError("Substitution.extra_t", f"suppliers other than the restricted one ({r.supplier})", name)

    @property
    def horizon_end(self) -> str:
        return shift(self.horizon_start, self.horizon_months - 1)

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


