"""What if a supplier restricts exports? One importer's scenario, its sensitivity grid, and the 2025 replay.

The page's parameters are plain values (cache.finding keys on them); here they become the model's inputs:
- the baseline: one reading of trade_flows (lib.domain.baselines), with the shares the user typed where the
  data gives no split by supplier;
- the restriction: 'A repeat of April–June 2025' takes its depth and length from the data (lib.domain.replay:
  the importer's own preset, or where it has none, the world's), 'Custom' the user's cut, start and length;
- ramp, cover and substitution are the user's; none of each by default, the worst case.
Titles state what the run finds; every input that is an assumption goes under the chart, in the PNG and on
the slide (Finding.assumptions).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.domain import baselines, replay, trade
from lib.domain.baselines import Option
from lib.domain.replay import Preset
from lib.domain.scenario import (
    InputError,
    Restriction,
    Result,
    Scenario,
    Stocks,
    Substitution,
    assumptions,
    data_basis,
    month_label,
    run,
    sensitivity_grid,
)
from lib.figures.scenario import replay_lines, shortfall_grid, supply_by_source
from lib.specs.base import Datasets, Finding, Spec, finding
from lib.specs.words import the, whose

NEEDS = ("trade_flows", "sources")
PRESET = "A repeat of April–June 2025"
CUSTOM = "Custom"
PRESETS = (PRESET, CUSTOM)
DEFAULT_IMPORTER = "India"
SUBSTITUTE = baselines.OTHERS  # who can add tonnage while the cut lasts
HORIZON_MONTHS = 24
LEAD_MONTHS = 2  # months of baseline shown before the cut, where the baseline's reference period allows
GRID_CUTS = tuple(range(0, 101, 10))
GRID_COLUMNS = 7  # months of cover shown, from none to what the deepest cut would need
COVER_STEPS = (0.5, 1, 2, 3, 6, 12)

# The app hands every build the same loaded frame (cache.dataset: one per process). The readings of the baseline and
# the presets take about 0.1 s of pandas, which a slider's every position would otherwise pay again: they are derived
# once per frame. The frame itself is held, so its id cannot be reused while its entry lives.
_DERIVED: dict[tuple[str, int], tuple[pd.DataFrame, object]] = {}
_DERIVED_MAX = 8


def _once(fn, frame: pd.DataFrame):
    key = (fn.__qualname__, id(frame))
    hit = _DERIVED.get(key)
    if hit is None or hit[0] is not frame:
        while len(_DERIVED) >= _DERIVED_MAX:
            _DERIVED.pop(next(iter(_DERIVED)))
        hit = _DERIVED[key] = (frame, fn(frame))
    return hit[1]


def choices(d: Datasets) -> dict[str, dict[str, dict[str, Option]]]:
    """importer -> product -> reading of the baseline -> Option, in the order the controls offer them."""
    return _once(baselines.options, d["trade_flows"])


def presets(d: Datasets) -> dict[str, Preset]:
    return _once(replay.presets, d["trade_flows"])


def importers(d: Datasets) -> list[str]:
    found = list(choices(d))
    return sorted(found, key=lambda name: name != DEFAULT_IMPORTER)


def option(d: Datasets, importer: str, product: str | None = None, basis: str | None = None) -> Option:
    """The reading of the baseline the controls name (the first product and reading by default)."""
    found = choices(d)
    if importer not in found:
        raise InputError("importer", f"an importer with a baseline in the data ({', '.join(found) or 'none'})", importer)
    products = found[importer]
    product = product or next(iter(products))
    if product not in products:
        raise InputError("product", f"a product with a baseline for {importer} ({'; '.join(products)})", product)
    readings = products[product]
    basis = basis or next(iter(readings))
    if basis not in readings:
        raise InputError("basis", f"a reading of the baseline the data gives ({'; '.join(readings)})", basis)
    return readings[basis]


def baseline_words(o: Option) -> str:
    """The reading of the baseline in a sentence: what it rests on, its tonnages a month, its statuses."""
    supply = ", ".join(f"{'total' if name == baselines.TOTAL else name} {_t(t)}" for name, t in o.supply_t)
    split = "" if o.split else (" The data gives no split by supplier: type the shares you assume." if o.needs_shares
                                else f" The data gives {trade.EXPORTER}'s part only: type shares to add the others.")
    return (f"Baseline, a month: {supply} ({o.basis}). Status of the figures: {', '.join(o.statuses) or 'none'}."
            + split)


def suppliers(o: Option, split: str = "") -> list[str]:
    """Who can be restricted: the suppliers the data names, or those the user typed (never the remainder)."""
    if o.split or not split:
        return list(o.suppliers)
    try:
        typed = [name for name, _ in baselines.parse_shares(split)]
    except InputError:
        typed = []
    return [n for n in dict.fromkeys([*o.suppliers, *typed]) if n not in (baselines.TOTAL, baselines.OTHERS)]


def preset_notes(d: Datasets, importer: str) -> list[str]:
    """What the preset rests on and what it leaves out, for the importer and, where it is used instead, the world."""
    found = presets(d)
    used = preset_for(d, importer)
    names = dict.fromkeys([importer] + ([used.partner] if used is not None else []))
    return [f"{name}: {' '.join(found[name].notes)}" for name in names if name in found]


def preset_for(d: Datasets, importer: str) -> Preset | None:
    """The importer's own 2025 preset, or where the data gives it none, the world's."""
    found = presets(d)
    own = found.get(importer)
    if own is not None and own.available:
        return own
    world = found.get(baselines.TOTAL)
    return world if world is not None and world.available else None


def preset_values(d: Datasets, importer: str) -> dict:
    """The preset's cut (%, to one decimal), start and length, and whose exports they were read from; {} if none."""
    p = preset_for(d, importer)
    if p is None:
        return {}
    return {"cut": round(float(p.cut_pct), 1), "start": p.start or replay.WINDOW[0], "length": int(p.length_months),
            "partner": p.partner}


def _shift(month: str, n: int) -> str:
    return str(pd.Period(month, "M") + n)


def _figure_rows(tf: pd.DataFrame, partner: str, figures) -> pd.DataFrame:
    """The trade_flows rows behind replay figures (China's monthly magnet exports to `partner`)."""
    keep = (tf["reporter"] == trade.EXPORTER) & (tf["flow"] == "export") & (tf["period_type"] == "month") & (
        tf["partner"] == partner)
    rows = tf[keep.fillna(False).to_numpy(dtype=bool)]
    rows = rows[(rows["product_scope"].map(trade.series) == replay.SERIES).to_numpy(dtype=bool)]
    month = trade.month_start(rows).dt.strftime("%Y-%m")
    wanted = {(f.month, s) for f in figures for s in f.source_ids}
    return rows[[(m, s) in wanted for m, s in zip(month, rows["source_id"], strict=True)]]


@dataclass(frozen=True, eq=False)
class Inputs:
    scenario: Scenario
    option: Option
    preset: Preset | None  # the preset the restriction was read from; None for a custom one
    rows: pd.DataFrame     # the trade_flows rows behind the baseline and the preset


def inputs(d: Datasets, importer: str = DEFAULT_IMPORTER, product: str | None = None, basis: str | None = None,
           split: str = "", supplier: str | None = None, preset: str = PRESET, cut: float | None = None,
           start: str | None = None, length: int | None = None, ramp: int = 0, cover: float = 0.0, extra: float = 0.0,
           lag: int = 0) -> Inputs:
    """The scenario the page's parameters describe. Raises InputError naming what cannot be used."""
    tf = d["trade_flows"]
    opt = option(d, importer, product, basis)
    base = baselines.baseline(opt, split or "")
    if supplier is None:
        supplier = trade.EXPORTER if trade.EXPORTER in base.suppliers else base.suppliers[0]
    if preset not in PRESETS:
        raise InputError("preset", f"one of: {', '.join(PRESETS)}", preset)
    read = preset_for(d, importer)
    if preset == PRESET:
        if read is None:
            raise InputError("preset", "a destination whose 2025 months the data gives, or the world's", importer)
        values = preset_values(d, importer)
        cut, start, length = values["cut"], values["start"], values["length"]
    else:
        values = preset_values(d, importer)
        cut = values.get("cut", 0.0) if cut is None else cut
        start = values.get("start", replay.WINDOW[0]) if start is None else start
        length = values.get("length", 0) if length is None else length
        read = None
    restriction = Restriction(supplier, cut, start, length, ramp)
    substitution = Substitution({SUBSTITUTE: extra} if extra else {}, lag_months=lag)
    after = _shift(base.reference_end, 1)
    horizon_start = max(after, _shift(restriction.start, -LEAD_MONTHS))
    sc = Scenario(base, restriction, substitution, Stocks(cover), horizon_start=horizon_start,
                  horizon_months=HORIZON_MONTHS)
    rows = tf.loc[list(opt.rows)]
    if read is not None:
        rows = pd.concat([rows, _figure_rows(tf, read.partner, read.figures_used)])
    return Inputs(sc, opt, read, rows)


# --- words ------------------------------------------------------------------------------------------------------

def _t(x: float) -> str:
    return f"{x:,.0f} t" if abs(x) >= 10 else f"{x:,.3g} t"


def _none_or_t(x: float) -> str:
    # The model's sums carry float dust (3.6e-15 t drawn from a stock of 0): below a gram is none.
    return "none" if abs(x) < 1e-6 else _t(x)


def _n(x: float) -> str:
    return f"{x:g}"


def footnote_lines(i: Inputs) -> tuple[str, ...]:
    """What the chart rests on that is not a figure of the data, then what is: the baseline and, for a repeat of
    2025, how the cut was read, each with its sources."""
    return tuple(w for w in (*assumptions(i.scenario), *data_basis(i.scenario), preset_words(i)) if w)


def preset_words(i: Inputs) -> str:
    """How the preset's cut was read from the data, in a sentence for the footnote; '' for a custom restriction."""
    p = i.preset
    if p is None:
        return ""
    partner = "the world" if p.partner == baselines.TOTAL else the(p.partner)
    used = [f for f in p.window if f.month in p.run]
    own = "" if p.partner == i.scenario.baseline.importer else (
        f"; {the(i.scenario.baseline.importer)} has no 2024 month of its own, so the world's figures are used")
    if not used:
        return (f"Cut from the data: no month of April–July 2025 fell below the 2024 average of China's magnet exports "
                f"to {partner}{own}.")
    ratios = ", ".join(f"{f.ratio:.0%}" for f in used)
    first, last = pd.Period(used[0].month, "M"), pd.Period(used[-1].month, "M")
    months = f"{first:%B %Y}" if first == last else (
        f"{first:%B}–{last:%B %Y}" if first.year == last.year else f"{first:%B %Y}–{last:%B %Y}")
    marked = " (some of them secondary)" if p.has_secondary else ""
    n = p.baseline.n_months
    return (f"Cut from the data: China's magnet exports to {partner} were {ratios} of their 2024 average ({n} month"
            f"{'s' if n != 1 else ''}){marked} in {months}, a mean cut of {p.cut_pct:.1f}% for {p.length_months} month"
            f"{'s' if p.length_months != 1 else ''}{own}.")


def headline(result: Result) -> str:
    """The scenario's finding: the first month short and the cumulative shortfall, or what absorbs the cut."""
    s, sc = result.summary, result.scenario
    who, months = sc.baseline.importer, sc.horizon_months
    who = the(who, start=True)
    if s.first_shortfall:
        return (f"{who} runs short from {month_label(s.first_shortfall)}: {_t(s.cumulative_shortfall_t)} over {months} "
                f"months, {s.shortfall_share_pct:.1f}% of its baseline demand")
    if s.lost_t == 0:
        return f"Without a cut, {whose(sc.baseline.importer)} supply stays at its baseline: no shortfall over {months} months"
    absorbed = [w for w, t in (("its stock", s.stock_drawn_t), ("other suppliers", s.substituted_t)) if t > 0]
    verb = "makes" if absorbed == ["its stock"] else "make"
    return f"{who} does not run short: {' and '.join(absorbed)} {verb} up the {_t(s.lost_t)} the cut removes"


def _horizon(sc: Scenario) -> str:
    return f"{month_label(sc.horizon_start)} – {month_label(sc.horizon_end)}"


def _basis(i: Inputs) -> str:
    """The reading of the baseline in a few words (its period and how it is divided), for a subtitle."""
    words = i.option.label.split(" · ")[0]
    return words + (", split typed by the user" if i.scenario.baseline.split_assumed else "")


def _product(sc: Scenario) -> str:
    p = sc.baseline.product
    return p[0].lower() + p[1:] if p[:2] != p[:2].upper() else p


# --- the charts -------------------------------------------------------------------------------------------------

def scenario_chart(d: Datasets, **params) -> Finding:
    """Supply by source, stock drawn and unmet demand, month by month."""
    i = inputs(d, **params)
    result = run(i.scenario)
    sc, s = i.scenario, result.summary
    frame = result.by_source.merge(result.monthly[["month", "demand_t", "stock_t", "cut_pct"]], on="month")
    r = sc.restriction
    end = _shift(r.start, r.length_months + r.ramp_months - 1)
    past = f" The cut runs past the horizon ({month_label(sc.horizon_end)}): what follows is not counted." if (
        end > sc.horizon_end) else ""
    alone = (f" Demand here is {trade.EXPORTER}'s supply alone: the data names no other supplier (type shares to add "
             "them)." if i.option.known and not sc.baseline.split_assumed else "")
    what = f"a repeat of April–June 2025 for {the(sc.baseline.importer)}" if i.preset is not None else (
        f"a cut of {_n(r.cut_pct)}% for {r.length_months} month{'s' if r.length_months != 1 else ''} from "
        f"{month_label(r.start)}")
    takeaway = " ".join(w for w in (
        f"A scenario, not a forecast: {what}.",
        f"Largest monthly shortfall {_none_or_t(s.peak_unmet_t)}; from stock {_none_or_t(s.stock_drawn_t)}; "
        f"from other suppliers {_none_or_t(s.substituted_t)}." + past + alone) if w)
    return finding("scenario", frame, d, supply_by_source, title=headline(result), takeaway=takeaway,
                   subtitle=f"{whose(sc.baseline.importer, start=True)} supply of {_product(sc)}, t per month, by source, "
                            f"{_horizon(sc)} · baseline: {_basis(i)}",
                   source_rows=i.rows, assumptions=footnote_lines(i))


def cover_axis(sc: Scenario) -> list[float]:
    """Months of cover from 0 in even steps, to the first step at which even a 100 % cut leaves no shortfall
    (the columns beyond it would all read 0), at most GRID_COLUMNS columns; the scenario's own cover added."""
    full = sensitivity_grid(sc, [100.0], [0.0]).iloc[0, 0] / sc.baseline.demand_t  # months of demand a full cut costs
    step = next((s for s in COVER_STEPS if s * (GRID_COLUMNS - 1) >= full), COVER_STEPS[-1])
    shown = [float(step * k) for k in range(GRID_COLUMNS) if k == 0 or step * (k - 1) < full]
    return sorted(set(shown) | {float(sc.stocks.cover_months)})


def grid_chart(d: Datasets, **params) -> Finding:
    """Cumulative shortfall over the horizon for cuts x months of cover, all else as in the scenario."""
    i = inputs(d, **params)
    sc = i.scenario
    result = run(sc)
    s = result.summary
    cut, cover = sc.restriction.cut_pct, sc.stocks.cover_months
    cuts = sorted({float(c) for c in GRID_CUTS} | {cut})
    covers = cover_axis(sc)
    tonnes = sensitivity_grid(sc, cuts, covers)
    shares = sensitivity_grid(sc, cuts, covers, share=True)
    frame = tonnes.stack().rename("shortfall_t").reset_index().merge(
        shares.stack().rename("shortfall_pct").reset_index(), on=["cut_pct", "cover_months"])
    frame["chosen"] = (frame["cut_pct"] == cut) & (frame["cover_months"] == cover)
    who, demand = the(sc.baseline.importer), sc.baseline.demand_t
    gap = s.lost_t - s.substituted_t
    if gap <= 0:
        title = (f"Without a cut, {who} runs no shortfall at any cover" if s.lost_t == 0 else
                 f"At a {_n(cut)}% cut, other suppliers make up the loss: {who} runs no shortfall at any cover")
    else:
        need = gap / demand
        title = f"At a {_n(cut)}% cut, {need:.1f} months of cover would spare {who} any shortfall; " + (
            f"with {_n(cover)} it runs {_t(s.cumulative_shortfall_t)} short" if s.cumulative_shortfall_t > 0
            else f"its {_n(cover)} months suffice")
    takeaway = ("Each cell: the cumulative shortfall over the horizon for that cut and that cover, the start, length, "
                "ramp and substitution as in the scenario. The outlined cell is the scenario itself.")
    return finding("scenario-grid", frame, d, shortfall_grid, title=title, takeaway=takeaway,
                   subtitle=f"{whose(sc.baseline.importer, start=True)} cumulative shortfall of {_product(sc)}, t, "
                            f"{_horizon(sc)}, by cut (rows) and months of cover at the start (columns) · baseline: {_basis(i)}",
                   source_rows=i.rows, assumptions=footnote_lines(i))


def replay_title(frame: pd.DataFrame) -> str:
    """How deep China's exports fell against the 2024 average, and when the world's were back above it."""
    rated = frame.dropna(subset=["ratio"]).sort_values("month")
    if rated.empty:
        return "China's reported magnet exports in 2025, month by month"
    world = rated[rated["partner"] == baselines.TOTAL]
    lead = world if not world.empty else rated
    low = lead.loc[lead["ratio"].idxmin()]
    to = "" if low["partner"] == baselines.TOTAL else f" to {the(low['partner'])}"
    title = (f"China's magnet exports{to} fell to {low['ratio']:.0%} of their {replay.BASELINE_YEAR} average in "
             f"{low['month']:%B %Y}")
    back = lead[(lead["partner"] == low["partner"]) & (lead["month"] > low["month"]) & (lead["ratio"] >= 1)]
    if not back.empty:
        title += f" and were back above it by {back['month'].iloc[0]:%B %Y}"
    others = rated[rated["partner"] != low["partner"]]
    if not others.empty:
        o = others.loc[others["ratio"].idxmin()]
        title += f"; to {the(o['partner'])}, {o['ratio']:.0%} in {o['month']:%B %Y}"
    return title


def replay_chart(d: Datasets) -> Finding:
    """The reported 2025 months against the 2024 average, for the world, India, the United States and Germany."""
    found = _once(replay.replay, d["trade_flows"])
    frame = found.frame
    rows = frame.assign(source_id=frame["source_ids"].str.split("; ")).explode("source_id")
    none = [p for p, b in found.baselines.items() if not b.mean_t and p in set(frame["partner"])]
    takeaway = ("Each panel on its own scale; gaps are months for which no source read gives a figure." + (
        f" {' and '.join(none)} {'has' if len(none) == 1 else 'have'} no {replay.BASELINE_YEAR} month in the data, so no "
        "baseline: their months are drawn without one." if none else ""))
    years = "–".join(sorted({str(m.year) for m in frame["month"]})) if not frame.empty else ""
    return finding("scenario-replay", frame, d, replay_lines, baseline_year=replay.BASELINE_YEAR,
                   title=replay_title(frame), takeaway=takeaway,
                   subtitle=f"China's reported exports of rare-earth permanent magnets, t per month, {years} · hollow "
                            "markers: secondary sources",
                   source_rows=rows)


def latest_params(d: Datasets, country: str) -> dict:
    """The deck's scenario for `country`: a repeat of April–June 2025 on its first reading of the baseline, or on
    India's where the data gives the country none."""
    names = importers(d)
    return {"importer": country if country in names else (names[0] if names else DEFAULT_IMPORTER), "preset": PRESET}


SCENARIO = Spec("scenario", "What if? Supply by source under a restriction", NEEDS, scenario_chart)
GRID = Spec("scenario-grid", "What if? Shortfall by cut and cover", NEEDS, grid_chart)
REPLAY = Spec("scenario-replay", "The 2025 restriction replayed", NEEDS, replay_chart)
