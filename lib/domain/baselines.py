"""Where a scenario's baseline comes from: the trade_flows rows that give an importer's monthly supply of one
product line, and by which supplier. Pure functions on the table as lib.data loads it.

Three readings, each offered where the rows allow it:
- months: the importer's own monthly imports in the reference year (2024), the mean per supplier over the
  months reported (scenario.baseline_from_monthly: a gap is not read as zero);
- year: a year's figure (calendar or fiscal) that ends before the 2025 window, divided by its months, one
  publication at a time: where several publications give one period, each is its own option, never averaged;
- exports: China's reported monthly exports to the importer in the reference year (the 2024 baseline of
  lib.domain.replay), which is the supply from China only.
The split by supplier is what the same rows give: a partner's tonnage, or its share of the total (its tonnage
computed here), and the total less the partners listed, as 'Other suppliers'. Where the rows give a total only,
or China's part only, the user types the shares, and the baseline is flagged as the user's assumption.
Nothing is typed in: every tonnage is a figure of a row, a mean of rows, a share of a row's total, or a remainder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from lib.domain import replay, scenario, trade
from lib.domain.numbers import as_float, is_in
from lib.domain.scenario import Baseline, InputError

REFERENCE_YEAR = replay.BASELINE_YEAR
# A year's figure must end before the window the 2025 presets are read from, so that a repeat of 2025 can start
# after the baseline's reference period.
ENDS_BEFORE = pd.Timestamp(f"{replay.WINDOW[0]}-01")
TOTAL = "World"
OTHERS = "Other suppliers"
YEAR_TYPES = ("year", "fiscal_year")
KINDS = ("months", "year", "exports")
EXPORTS_PRODUCT = f"{trade.CHINA_MAGNET_SERIES}, as China reports its exports"
SHARES_EXAMPLE = "China 90, Other suppliers 10"
_SHARE = re.compile(r"^\s*(?P<name>[^\d:=]*[^\d\s:=])\s*[:=]?\s*(?P<pct>\d+(?:\.\d+)?)\s*%?\s*$")


@dataclass(frozen=True)
class Option:
    """One reading of an importer's baseline for one product line, from the rows `rows` (trade_flows index labels).

    supply_t: supplier -> tonnes a month, as the data gives them ('World' alone where the rows give a total only;
    'China' alone for China's reported exports, whose other suppliers the data does not name)."""

    label: str
    importer: str
    product: str
    kind: str
    start: str
    end: str
    supply_t: tuple[tuple[str, float], ...]
    basis: str
    rows: tuple
    source_ids: tuple[str, ...]
    statuses: tuple[str, ...]

    @property
    def suppliers(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.supply_t if name not in (TOTAL, OTHERS))

    @property
    def split(self) -> bool:
        """Whether the data gives the importer's whole supply split by supplier."""
        return self.kind != "exports" and TOTAL not in dict(self.supply_t)

    @property
    def known(self) -> str | None:
        """The one supplier whose tonnage is data where the others are not known (China's reported exports)."""
        return trade.EXPORTER if self.kind == "exports" else None

    @property
    def needs_shares(self) -> bool:
        """Whether the scenario cannot run without the shares the user types (a total, no supplier)."""
        return not self.split and self.known is None


def _month(ts) -> str:
    return pd.Timestamp(ts).strftime("%Y-%m")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _statuses(rows: pd.DataFrame) -> tuple[str, ...]:
    found = set(rows["status"].dropna().astype(str)) if "status" in rows else set()
    return tuple(s for s in (*trade.STATUS_RANK, "unverified") if s in found)


# --- year-long figures ------------------------------------------------------------------------------------------

def _year_option(importer: str, product: str, period: str, source_id: str, g: pd.DataFrame) -> Option | None:
    """The option one publication gives for one year: its World figure, and its partners' tonnages or shares."""
    mass = as_float(g["mass_t"])
    share = as_float(g["partner_share_pct"]) if "partner_share_pct" in g else pd.Series(float("nan"), index=g.index)
    world = mass[(g["partner"] == TOTAL) & mass.notna()]
    if world.nunique() != 1:  # no total, or one publication giving two for one period: no baseline from it
        return None
    total = float(world.iloc[0])
    if total <= 0:
        return None
    partners: dict[str, float] = {}
    derived: list[str] = []
    for name, p in g[g["partner"] != TOTAL].groupby("partner", sort=False):
        t, s = mass[p.index].dropna(), share[p.index].dropna()
        if t.nunique() == 1:
            partners[str(name)] = float(t.iloc[0])
        elif s.nunique() == 1:
            partners[str(name)] = total * float(s.iloc[0]) / 100
            derived.append(f"{name} {float(s.iloc[0]):g} % of the total")
    listed = sum(partners.values())
    start, end = g["period_start"].min(), g["period_end"].max()
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    notes = [f"{period} figure{'s' if partners else ''} / {months} months, as {source_id} gives {'them' if partners else 'it'}"]
    if derived:
        notes.append("tonnage from the share the source gives (" + "; ".join(derived) + ")")
    approx = [f"'{w}'" for w, a in zip(g.get("value_as_published", pd.Series(index=g.index)), g.get("approximate", pd.Series(
        False, index=g.index)), strict=True) if pd.notna(a) and bool(a) and pd.notna(w)]
    if approx:
        notes.append("approximate as the source gives it: " + ", ".join(approx))
    supply: dict[str, float]
    if not partners:
        supply = {TOTAL: total}
    elif listed < total * (1 - 1e-9):
        supply = partners | {OTHERS: total - listed}
        notes.append(f"{OTHERS}: the total less the suppliers listed")
    else:
        supply = partners  # the partners make up the total (or, as printed, more than it: their figures are used)
    split = TOTAL not in supply
    label = f"{period} figure / {months} months · {source_id} · " + ("split by supplier" if split else "total only")
    return Option(label, importer, product, "year", _month(start), _month(end),
                  tuple((k, v / months) for k, v in supply.items()), "; ".join(notes), tuple(g.index),
                  (source_id,), _statuses(g))


def _year_options(imports: pd.DataFrame, importer: str) -> list[Option]:
    rows = imports[is_in(imports, "period_type", *YEAR_TYPES) & (imports["period_end"] < ENDS_BEFORE)]
    out = []
    for (product, period, source_id), g in rows.groupby(["_series", "period", "source_id"], sort=False):
        option = _year_option(importer, str(product), str(period), str(source_id), g)
        if option is not None:
            out.append(option)
    return out


# --- monthly figures --------------------------------------------------------------------------------------------

def _month_options(imports: pd.DataFrame, importer: str) -> list[Option]:
    rows = imports[is_in(imports, "period_type", "month")]
    rows = rows[trade.month_start(rows).dt.year == REFERENCE_YEAR] if not rows.empty else rows
    out = []
    for product, g in rows.groupby("_series", sort=False):
        months = sorted(trade.month_start(g).dt.strftime("%Y-%m").unique())
        has_partners = bool((g["partner"] != TOTAL).any())
        try:
            b = scenario.baseline_from_monthly(g, importer=importer, product=str(product), months=months,
                                               exclude=(TOTAL,) if has_partners else ())
        except InputError:  # a gap or two figures for one month: no monthly baseline (the reason is not guessed away)
            continue
        label = f"mean of {_plural(len(months), 'monthly figure')} of {REFERENCE_YEAR} ({', '.join(months)})"
        out.append(Option(label, importer, str(product), "months", b.reference_start, b.reference_end, b.supply_t,
                          b.basis, tuple(g.index), b.source_ids, _statuses(g)))
    return out


# --- China's reported exports -----------------------------------------------------------------------------------

def _export_options(trade_flows: pd.DataFrame) -> dict[str, Option]:
    """importer -> the mean of China's reported exports to it in the reference year (replay's baseline)."""
    found = replay.presets(trade_flows)
    tf = trade_flows
    china = tf[is_in(tf, "reporter", trade.EXPORTER) & is_in(tf, "flow", "export") & is_in(tf, "period_type", "month")]
    china = china[(china["product_scope"].map(trade.series) == replay.SERIES).to_numpy(dtype=bool)]
    out = {}
    for partner, p in found.items():
        base = p.baseline
        if partner == TOTAL or not base.mean_t:
            continue
        month = trade.month_start(china).dt.strftime("%Y-%m")
        used = china[(china["partner"] == partner).to_numpy() & month.isin(base.months).to_numpy()
                     & china["source_id"].isin({s for f in base.figures for s in f.source_ids}).to_numpy()]
        months = ", ".join(base.months)
        label = f"China's reported exports to {partner}: mean of {_plural(base.n_months, 'month')} of {base.year} ({months})"
        basis = (f"mean of China's reported exports to {partner} in {_plural(base.n_months, 'month')} of {base.year} "
                 f"({months}); the other suppliers are not in the data")
        out[partner] = Option(label, partner, EXPORTS_PRODUCT, "exports", base.months[0], base.months[-1],
                              ((trade.EXPORTER, float(base.mean_t)),), basis, tuple(used.index),
                              tuple(sorted({s for f in base.figures for s in f.source_ids})), _statuses(used))
    return out


# --- all of them ------------------------------------------------------------------------------------------------

def _rank(o: Option) -> tuple:
    return (KINDS.index(o.kind), -pd.Timestamp(o.end + "-01").value, not o.split,
            o.statuses[:1] != ("confirmed",), "approximate" in o.basis, o.label)


def options(trade_flows: pd.DataFrame) -> dict[str, dict[str, dict[str, Option]]]:
    """importer -> product -> option label -> Option, each level in the order a control offers it: the importer with
    most products first; magnet products first, those whose first reading has a split by supplier before the others;
    readings by kind (months, year, exports), latest first, split before total, confirmed before secondary."""
    imports = trade.charted(trade_flows, flow="import")
    imports = imports.assign(_series=imports["product_scope"].map(trade.series))
    found: dict[str, list[Option]] = {}
    for importer, g in imports.groupby("reporter", sort=False):
        found.setdefault(str(importer), []).extend(_month_options(g, str(importer)) + _year_options(g, str(importer)))
    for importer, option in _export_options(trade_flows).items():
        found.setdefault(importer, []).append(option)
    out: dict[str, dict[str, dict[str, Option]]] = {}
    for importer, opts in found.items():
        by_product: dict[str, list[Option]] = {}
        for o in sorted(opts, key=_rank):
            by_product.setdefault(o.product, []).append(o)
        products = sorted(by_product, key=lambda p: (not p.startswith(trade.MAGNET_SCOPES), not by_product[p][0].split, p))
        if products:
            out[importer] = {p: {o.label: o for o in by_product[p]} for p in products}
    return dict(sorted(out.items(), key=lambda kv: -len(kv[1])))


# --- the baseline -----------------------------------------------------------------------------------------------

def parse_shares(text: str) -> tuple[tuple[str, float], ...]:
    """'China 90, Other suppliers 10' (or 'China: 90 %; Japan: 10') as pairs; '' as none."""
    if not isinstance(text, str):
        raise InputError("split", f"shares written as '{SHARES_EXAMPLE}'", text)
    items = [i for i in re.split(r"[,;\n]", text) if i.strip()]
    pairs = []
    for item in items:
        m = _SHARE.match(item)
        if not m:
            raise InputError("split", f"shares written as '{SHARES_EXAMPLE}' (a supplier, then its % of the supply)",
                             item.strip())
        pairs.append((m["name"].strip(), float(m["pct"])))
    return tuple(pairs)


def baseline(option: Option, shares: str | Mapping[str, float] = "") -> Baseline:
    """The scenario's Baseline from an option. Shares (typed by the user, % of the importer's supply) are used only
    where the data gives no split: they spread a total, or, with China's tonnage known, give the others' from it."""
    b = Baseline(option.importer, option.product, option.supply_t, option.start, option.end, option.basis,
                 option.source_ids)
    if option.split:
        return b
    pairs = parse_shares(shares) if isinstance(shares, str) else tuple(dict(shares).items())
    if not pairs:
        if option.known is not None:
            return b
        raise InputError("split", f"the shares by supplier you assume, as '{SHARES_EXAMPLE}': the data gives "
                                  f"{option.importer}'s total only", "")
    if option.known is None:
        return scenario.baseline_with_split(b, dict(pairs))
    return _from_known_part(b, option.known, pairs)


def _from_known_part(b: Baseline, known: str, pairs: tuple[tuple[str, float], ...]) -> Baseline:
    shares = dict(pairs)
    total_pct = sum(shares.values())
    if abs(total_pct - 100) > 0.01:
        raise InputError("split", "shares adding up to 100 (%)", round(total_pct, 4))
    if shares.get(known, 0) <= 0:
        raise InputError("split", f"a share above 0 for {known}, whose tonnage is the data's", shares.get(known, 0))
    total = b.supply(known) * 100 / shares[known]
    words = ", ".join(f"{name} {pct:g} %" for name, pct in pairs)
    return Baseline(b.importer, b.product, {name: total * pct / 100 for name, pct in pairs}, b.reference_start,
                    b.reference_end, f"{b.basis}; {known}'s tonnage is data, the others' follow from the shares typed by "
                                     f"the user ({words})", b.source_ids, split_assumed=True, split_note=words)
