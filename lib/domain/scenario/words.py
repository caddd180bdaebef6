"""A scenario in words for footnotes and slides: its assumptions, and the data its baseline rests on."""

from __future__ import annotations

from lib.domain.scenario.inputs import (
    Scenario,
    fmt_n,
    fmt_t,
    month_label,
    plural,
    shift,
)

# --- words for footnotes and slides -------------------------------------------------------------------------------

def assumptions(scenario: Scenario) -> list[str]:
    """Every input that is an assumption, not data, in words fit for a chart's footnote and a slide."""
    sc = scenario
    b, r, s = sc.baseline, sc.restriction, sc.substitution
    lines = []
    if b.split_assumed:
        lines.append(f"Assumption (typed by the user, not data): {b.importer}'s {fmt_t(b.demand_t)} a month split by "
                     f"supplier as {b.split_note or 'given'}.")
    if r.cut_pct == 0 or (r.length_months == 0 and r.ramp_months == 0):
        cut = f"Assumption: no restriction ({r.supplier}'s cut is {fmt_n(r.cut_pct)} % for {plural(r.length_months, 'month')})."
    else:
        back = month_label(shift(r.start, r.length_months + r.ramp_months))
        ramp = (f", then restores them in {r.ramp_months} equal monthly steps (in full from {back})" if r.ramp_months
                else f", then restores them in full from {back}")
        cut = (f"Assumption: {r.supplier} cuts its shipments to {b.importer} by {fmt_n(r.cut_pct)} % from "
               f"{month_label(r.start)} for {plural(r.length_months, 'month')}{ramp}.")
    lines.append(cut)
    caps = sc.substitute_caps_t()
    if s.none:
        lines.append("Assumption: no other supplier makes up any of the loss (the worst case).")
    else:
        offered = ", ".join(f"{name} up to {fmt_t(t)} a month" for name, t in s.extra_t if t > 0)
        when = "from the month the cut starts" if s.lag_months == 0 else (
            f"from {plural(s.lag_months, 'month')} after the cut starts ({month_label(shift(r.start, s.lag_months))})")
        line = f"Assumption: other suppliers make up part of the loss ({offered}), {when}, never more than the tonnage lost"
        capped = [name for name, _ in s.bound_t if name in caps]
        if capped:
            line += (f"; capped by their world exports less what they already ship to {b.importer} "
                     f"({', '.join(f'{n} {fmt_t(caps[n])} a month' for n in capped)} at most)")
        lines.append(line + ".")
    m = sc.stocks.cover_months
    if m == 0:
        lines.append(f"Assumption: {b.importer} holds no stock at the start (0 months of cover).")
    else:
        lines.append(f"Assumption: {b.importer} holds {plural(m, 'month')} of cover at the start "
                     f"({fmt_t(m * b.demand_t)}), drawn before any shortfall and not rebuilt.")
    lines.append(f"Assumption: without the cut every supplier keeps shipping its baseline tonnage, and demand stays at "
                 f"{fmt_t(b.demand_t)} a month; no prices, no demand response, no re-exports through third countries.")
    return lines


def data_basis(scenario: Scenario) -> list[str]:
    """The inputs that are data, with their sources, for the same footnote."""
    sc = scenario
    b = sc.baseline
    split = ", ".join(f"{name} {fmt_t(t)}" for name, t in b.supply_t)
    lines = [f"Baseline, {b.importer}, {b.product}: {split} a month ({b.basis}; sources: {', '.join(b.source_ids)})."]
    s = sc.substitution
    if s.bound_t:
        bounds = ", ".join(f"{name} {fmt_t(t)} a month" for name, t in s.bound_t)
        lines.append(f"World exports bounding substitution: {bounds} ({s.bound_basis}; sources: "
                     f"{', '.join(s.bound_source_ids)}).")
    return lines

