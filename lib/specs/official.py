"""Official statistics beside the press's figures: one reporter's annual imports from one partner, per product line
(U.S. imports from China, from USITC DataWeb), each code with its scope and how it relates to the press's figures
of the same flow (lib.domain.official_trade says both; this module only puts them into words for the chart)."""

from __future__ import annotations

import pandas as pd

from lib.domain import official_trade as ot
from lib.figures.official import code_panels
from lib.specs.base import Datasets, Finding, Spec, finding
from lib.specs.words import the, whose

NEEDS = ("trade_records", "trade_flows", "sources")
REPORTER, PARTNER, FLOW = "United States", "China", "import"
DEFAULT_MEASURE = "US$"


def _amount(v, measure: str) -> str:
    if pd.isna(v):
        return f"no complete figure in {ot.MEASURE_WORDS[measure]}"
    return f"{v:,.0f} t" if measure == "t" else f"US${v / 1e6:,.0f} million" if v >= 1e6 else f"US${v:,.0f}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def series(d: Datasets, measure: str = DEFAULT_MEASURE) -> pd.DataFrame:
    return ot.partner_series(d["trade_records"], REPORTER, PARTNER, FLOW, measure)


def official_imports(d: Datasets, measure: str = DEFAULT_MEASURE) -> Finding:
    frame = series(d, measure)
    if frame.empty:
        title = f"No official record of {whose(REPORTER)} imports from {PARTNER} in the data"
        year = None
    else:
        year = int(frame["year"].max())
        latest = frame[frame["year"] == year]
        figures = "; ".join(f"code {r['commodity_code']} ({r['line'].lower()}) {_amount(r['value'], measure)}"
                            for _, r in latest.iterrows())
        title = f"{whose(REPORTER)} recorded imports from {PARTNER} in {year}: {figures}"
    publisher = ", ".join(sorted(set(frame["publisher"]))) if not frame.empty else ""
    basis = ", ".join(sorted(set(frame["value_basis"]))) if not frame.empty else ""
    valued = f", valued at {basis.replace('_', ' ')}" if measure == "US$" and basis else ""
    return finding("official-imports", frame, d, code_panels, title=_sentence(title), latest=str(year or ""),
                   takeaway="Official records, not press reports: each panel is one code at the width it is published "
                            "in, whose scope and relation to the press's figures are listed under the chart. Whole "
                            "years only; a year without a figure is a gap.",
                   subtitle=_sentence(f"{whose(REPORTER)} annual imports from {PARTNER} by commodity code, "
                                      f"{ot.MEASURE_WORDS[measure]}{valued} · {publisher}"))


def relations(d: Datasets) -> list[tuple[str, str, str]]:
    """For each code drawn, then each of ot.ALWAYS_EXPLAINED not drawn: (the code, its scope, how it relates to the
    press's figures of the same flow), the latter with the press's figure of the latest year both sides have, where
    the press has one."""
    value, mass = series(d, "US$"), series(d, "t")
    out = []
    for (label, code), rows in value.groupby(["line", "commodity_code"], sort=False):
        words = ot.PRESS_RELATION.get(code, "")
        press = ot.press_counterpart(d["trade_flows"], ot.key_of(label), PARTNER, REPORTER)
        both = press[press["year"].isin(rows["year"]) & press["mass_t"].notna()]
        if not both.empty:
            p = both.iloc[-1]
            year = int(p["year"])
            v = rows.loc[rows["year"] == year, "value"].iloc[0]
            t = mass.loc[(mass["commodity_code"] == code) & (mass["year"] == year), "value"]
            words += (f" In {year}, the press reported {p['mass_t']:,.0f} t on that line exported by {PARTNER} to "
                      f"{the(REPORTER)} ({p['source_id']}); {the(REPORTER)} recorded {_amount(v, 'US$')} of "
                      f"code {code} imports from {PARTNER}, {_amount(t.iloc[0] if len(t) else float('nan'), 't')}.")
        out.append((code, ot.scope_of(code), words))
    drawn = {code for code, _, _ in out}
    out += [(code, ot.scope_of(code), f"{ot.PRESS_RELATION[code]} No figure of this code is drawn above.")
            for code in ot.ALWAYS_EXPLAINED if code not in drawn]
    return out


OFFICIAL_IMPORTS = Spec("official-imports", "U.S. imports from China (official statistics)", NEEDS, official_imports)
