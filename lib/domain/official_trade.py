"""Official trade records (trade_records) read as product lines and denominators, the vocabulary every chart of them shares.

A commodity code's scope is the code's own, at its number of digits: HS 8505.11 (six digits) holds every
permanent magnet of metal, not only rare-earth ones, and HTS 8505 (four digits) adds electromagnets. A line
therefore names the codes it takes and, for each, how much wider than the product the code is, so that every
title and note reads that scope from here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.domain import shares, trade
from lib.domain.memo import per_table

COUNTRY = "country"
WORLD = "world"


@dataclass(frozen=True)
class ProductLine:
    key: str
    label: str
    codes: tuple[str, ...]  # commodity codes as published, at any number of digits


# Codes are matched exactly as published; a wider code belongs to the line it is the only record of.
PRODUCT_LINES = (
    ProductLine("magnets", "Magnets", ("850511", "8505")),
    ProductLine("compounds", "Rare-earth compounds", ("2846",)),
    ProductLine("metals", "Rare-earth metals", ("280530", "2805")),
)
BY_KEY = {line.key: line for line in PRODUCT_LINES}

# What each code holds beyond the product line's name: shown wherever a figure of that code is drawn.
CODE_SCOPE = {
    "850511": "HS 8505.11: all permanent magnets of metal, rare-earth or not (wider than China's rare-earth magnet line)",
    "8505": "HTS 8505 at four digits: all permanent magnets, electromagnets, magnetic chucks and their parts",
    "2846": "HS 2846: all compounds of rare-earth metals, yttrium and scandium",
    "280530": "HS 2805.30: rare-earth metals, scandium and yttrium",
    "2805": "HTS 2805 at four digits: also alkali and alkaline-earth metals and mercury",
}

# How an official figure of each code relates to the press's figures of the same goods (lib.domain.trade names the
# press's series): shown beside every official series, so that the two are never read as one product.
PRESS_RELATION = {
    "850511": (f"The press's magnet figures are China's '{trade.CHINA_MAGNET_SERIES}': one national line within HS "
               "8505.11, narrower than the six-digit code. India's ITC-HS 8505.11.10 is ferrite cores, not "
               "rare-earth magnets: Indian 'permanent magnet' tonnages are not China's 'rare-earth magnet' tonnages."),
    "8505": (f"Wider still than HS 8505.11, and so than the press's '{trade.CHINA_MAGNET_SERIES}'; some of its lines "
             "are counted in pieces, so a tonnage of the code is not a tonnage of magnets."),
    "2846": (f"Not the press's rare-earth export figures. {trade.CHINA_RARE_EARTHS_WORDS} HS 2846 is compounds alone, "
             "as the importer records them."),
    "280530": f"Rare-earth metals alone, a part of what the press's rare-earth export figures count. "
              f"{trade.CHINA_RARE_EARTHS_WORDS}",
    "2805": "Wider than rare-earth metals (HS 2805.30): a figure of the heading is not a figure of rare-earth metals.",
}
# Codes whose scope and relation to the press's figures are in view beside every official series, whichever codes
# are drawn: the press's magnet tonnages are what official figures get compared with, and HS 8505.11 (and India's
# ITC-HS 8505.11.10) are the codes a reader reaches for to do it.
ALWAYS_EXPLAINED = ("850511",)
# The press's series of the same goods as a product line, where one is in trade_flows (for `press_counterpart`).
PRESS_SERIES = {"magnets": trade.CHINA_MAGNET_SERIES}


def line_of(code: str) -> ProductLine | None:
    for line in PRODUCT_LINES:
        if str(code) in line.codes:
            return line
    return None


def scope_of(code: str) -> str:
    return CODE_SCOPE.get(str(code), f"code {code} as published")


def of_line(records: pd.DataFrame, key: str) -> pd.DataFrame:
    """The records of one product line."""
    return records[records["commodity_code"].astype(str).isin(BY_KEY[key].codes)]


def countries(records: pd.DataFrame) -> pd.DataFrame:
    """Rows that are countries: never World, a group of countries or an 'areas, n.e.s.'."""
    return records[records["partner_kind"] == COUNTRY]


WORLD_DENOMINATOR = "share of all partners, the publisher's World total"


def denominator(records: pd.DataFrame) -> str:
    """What a share of these records is a share of, in words for a title: WORLD_DENOMINATOR, or the partners a
    query named ('share of the 18 partners queried, not of all trade')."""
    selected = records[records["partner_scope"] == "selected"]
    return WORLD_DENOMINATOR if selected.empty else f"share of {_queried(selected)}, not of all trade"


def origin(records: pd.DataFrame) -> str:
    """Where a total of these records comes from, in words after 'imported …': '' for the publisher's World total,
    'from the 18 partners queried' for a selection (so a sum of 18 partners is never read as all imports)."""
    selected = records[records["partner_scope"] == "selected"]
    return "" if selected.empty else f"from {_queried(selected)}"


# --- What the records cover ------------------------------------------------------------------------------------

COVERAGE_COLUMNS = ["reporter", "flow", "code", "period type", "from", "to", "periods", "partners", "rows",
                    "partner_scope", "denominator", "product line", "code's scope", "source_id"]
NO_LINE = "none (no chart draws this code)"


def coverage(records: pd.DataFrame) -> pd.DataFrame:
    """One line per reporter, flow, code and kind of period (year, month, year to date): its first and last period,
    how many periods, how many countries are partners, how many rows, its partner scope and what a share of it is a
    share of (`denominator`). For the published table and for a viewer's upload alike."""
    if records.empty:
        return pd.DataFrame(columns=COVERAGE_COLUMNS)
    t = typed(records)
    lines = []
    for (reporter, flow, code, kind), g in t.groupby(["reporter", "flow", "commodity_code", "period_type"], sort=False):
        periods = g.sort_values(["period_start", "period_end"], kind="stable")["period"].drop_duplicates()
        line = line_of(code)
        lines.append({
            "reporter": reporter, "flow": flow, "code": code, "product line": line.label if line else NO_LINE,
            "code's scope": scope_of(code), "period type": kind, "from": periods.iloc[0], "to": periods.iloc[-1],
            "periods": len(periods), "partners": g.loc[g["partner_kind"] == COUNTRY, "partner"].nunique(), "rows": len(g),
            "partner_scope": ", ".join(sorted(g["partner_scope"].dropna().astype(str).unique())),
            "denominator": denominator(g), "source_id": ", ".join(sorted(g["source_id"].dropna().astype(str).unique())),
        })
    out = pd.DataFrame(lines, columns=COVERAGE_COLUMNS)
    return out.sort_values(["reporter", "flow", "code", "period type"], kind="stable").reset_index(drop=True)


# --- A reporter's dependence on its suppliers, year by year ---------------------------------------------------
# Annual figures only: a cumulative Jan–Apr range is a different period, never drawn beside whole years.

MEASURES = {"t": "mass_t", "US$": "value_usd"}  # the control's label -> the column it draws
MEASURE_WORDS = {"t": "tonnes", "US$": "value (US$)"}
OTHERS = "Others"
TOP_PARTNERS = 5  # partners drawn by name; the rest are summed as Others, so the legend stays readable
CHINA = "China"
# How partner kinds enter shares.concentration: a World row is its denominator, an 'areas, n.e.s.', a group
# or a special area is a residual (left out of top-3 and HHI, which makes HHI a lower bound).
_ENTITY = {COUNTRY: "country", WORLD: "world", "nes": "other", "group": "other", "special": "other"}
PARTNER_COLUMNS = ["year", "partner", "partner_iso3", "measure", "value", "unit_rows", "denominator", "source_id",
                   "period_type", "period_start", "period_end"]


def typed(records: pd.DataFrame) -> pd.DataFrame:
    """Records with the columns these derivations compute on in one type, whoever made the frame (data/ or an
    upload's importer): numbers as floats, codes as text, dates as dates."""
    out = records.copy()
    for col in ("mass_t", "value_usd", "partners_queried"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in ("period_start", "period_end"):
        out[col] = pd.to_datetime(out[col])
    out["commodity_code"] = out["commodity_code"].astype(str)
    return out


def annual(records: pd.DataFrame, reporter: str, flow: str, key: str) -> pd.DataFrame:
    """One reporter's whole-year records of one flow and product line, in one code: where a reporter publishes
    a line at two widths (HS 8505.11 and HTS 8505), the line's first code it publishes, so that nothing is
    counted twice."""
    rows = records[(records["reporter"] == reporter) & (records["flow"] == flow) & (records["period_type"] == "year")]
    rows = of_line(rows, key)
    published = set(rows["commodity_code"].astype(str))
    code = next((c for c in BY_KEY[key].codes if c in published), None)
    return rows[rows["commodity_code"].astype(str) == code] if code else rows.iloc[0:0]


def reporters(records: pd.DataFrame, flow: str = "import") -> list[str]:
    """Reporters with whole-year records of `flow`, most rows first."""
    rows = records[(records["flow"] == flow) & (records["period_type"] == "year")]
    return rows["reporter"].value_counts().index.tolist()


def lines_of(records: pd.DataFrame, reporter: str) -> list[str]:
    """The labels of the product lines whose annual imports the reporter publishes, in PRODUCT_LINES order."""
    return [line.label for line in PRODUCT_LINES if not annual(records, reporter, "import", line.key).empty]


def key_of(label: str) -> str:
    """A product line's key from its label (the control shows labels)."""
    return next(line.key for line in PRODUCT_LINES if label in (line.label, line.key))


def _summed(rows: pd.DataFrame, column: str, by: list[str]) -> pd.DataFrame:
    """One figure per group, the sum of its rows (DataWeb splits a partner's figure by quantity unit).

    A tonnage is missing where any row that carries trade has none: HTS 8505 counts some of its lines in pieces,
    and the kilograms of the rest are not the line's weight. A value is missing where any row's is."""
    value = rows[column]
    traded = rows["value_usd"].fillna(1) > 0 if column == "mass_t" else pd.Series(True, index=rows.index)
    unknown = (value.isna() & traded).groupby([rows[c] for c in by], dropna=False).any()
    out = rows.groupby(by, dropna=False).agg(
        value=(column, "sum"), unit_rows=(column, "size"), source_id=("source_id", "first"),
        period_type=("period_type", "first"), period_start=("period_start", "first"),
        period_end=("period_end", "first"))
    out.loc[unknown[unknown].index, "value"] = float("nan")
    return out.reset_index()


@per_table  # each chart of a profile, and its default measure, starts from it
def suppliers(records: pd.DataFrame, reporter: str, key: str, measure: str) -> pd.DataFrame:
    """The reporter's annual imports of a line by partner, one row per year and partner, with the row that a share
    is taken of: the publisher's World row where the query covered all partners, or the sum of the partners
    queried (missing if any of them is) where it covered a selection. `entity_type` says which row is which."""
    rows = typed(annual(records, reporter, "import", key))
    if rows.empty:
        return pd.DataFrame(columns=PARTNER_COLUMNS + ["entity_type"])
    rows = rows.assign(year=rows["period_start"].dt.year)
    column = MEASURES[measure]
    figures = _summed(rows, column, ["year", "partner", "partner_iso3", "partner_kind"])
    figures["entity_type"] = figures["partner_kind"].map(_ENTITY).fillna("other")
    figures["measure"] = measure
    figures["denominator"] = denominator(rows)
    selected = rows[rows["partner_scope"] == "selected"]
    if not selected.empty:
        listed = figures[figures["year"].isin(selected["year"]) & (figures["entity_type"] == "country")]
        total = listed.groupby("year")["value"].agg(lambda v: v.sum() if v.notna().all() else float("nan"))
        sample = listed.groupby("year").first()
        queried = pd.DataFrame({"year": total.index, "partner": _queried_label(selected), "partner_iso3": None,
                                "partner_kind": WORLD, "value": total.to_numpy(), "unit_rows": 0,
                                "source_id": sample["source_id"].to_numpy(), "period_type": "year",
                                "period_start": sample["period_start"].to_numpy(),
                                "period_end": sample["period_end"].to_numpy(),
                                "entity_type": "world", "measure": measure, "denominator": denominator(rows)})
        figures = pd.concat([figures, queried], ignore_index=True)
    return figures.sort_values(["year", "entity_type", "partner"], kind="stable").reset_index(drop=True)


def _queried(selected: pd.DataFrame) -> str:
    """'the 18 partners queried': the partners a query named, in words."""
    n = selected["partners_queried"].dropna()
    return f"the {int(n.max())} partners queried" if not n.empty else "the partners queried"


def _queried_label(selected: pd.DataFrame) -> str:
    words = _queried(selected)
    return words[0].upper() + words[1:]


def by_partner(records: pd.DataFrame, reporter: str, key: str, measure: str, top: int = TOP_PARTNERS) -> pd.DataFrame:
    """Annual imports by partner: the `top` countries with the most over all the years drawn by name, every other
    country summed as Others (missing in a year where one of them is). Countries only: World, groups and 'areas,
    n.e.s.' are never partners, so the bars add up to the countries' total, not to World."""
    s = suppliers(records, reporter, key, measure)
    countries_ = s[s["entity_type"] == "country"]
    if countries_.empty:
        return pd.DataFrame(columns=PARTNER_COLUMNS)
    ranked = countries_.groupby("partner")["value"].sum().sort_values(ascending=False, kind="stable")
    named = list(ranked.index[:top])
    kept = countries_[countries_["partner"].isin(named)]
    rest = countries_[~countries_["partner"].isin(named)]
    frames = [kept]
    if not rest.empty:
        others = rest.groupby("year").agg(
            value=("value", lambda v: v.sum() if v.notna().all() else float("nan")), unit_rows=("unit_rows", "sum"),
            source_id=("source_id", "first"), period_type=("period_type", "first"),
            period_start=("period_start", "first"), period_end=("period_end", "first"),
            denominator=("denominator", "first"), measure=("measure", "first")).reset_index()
        frames.append(others.assign(partner=OTHERS, partner_iso3=None))
    out = pd.concat(frames, ignore_index=True)
    order = {p: i for i, p in enumerate([*named, OTHERS])}
    out = out.assign(_order=out["partner"].map(order)).sort_values(["year", "_order"], kind="stable")
    return out[PARTNER_COLUMNS].reset_index(drop=True)


def supplier_shares(records: pd.DataFrame, reporter: str, key: str, measure: str) -> pd.DataFrame:
    """Each country's share of the reporter's annual imports of a line, per year, of the denominator `suppliers`
    names, with that denominator's figure (`total`)."""
    s = suppliers(records, reporter, key, measure)
    if s.empty:
        return s.assign(share_pct=pd.Series(dtype="float64"), total=pd.Series(dtype="float64"))
    shared = shares.share_of_world(s, "value", ["year"])
    total = s[s["entity_type"] == "world"].set_index("year")["value"]
    countries_ = shared[shared["entity_type"] == "country"]
    return countries_.assign(total=countries_["year"].map(total)).reset_index(drop=True)


def china_share(records: pd.DataFrame, reporter: str, key: str, measure: str) -> pd.DataFrame:
    """China's share of the reporter's annual imports of a line, per year, of the denominator `suppliers` names
    (a year without a China row or without a denominator has no share)."""
    cols = ["year", "partner", "value", "total", "share_pct", "denominator", "measure", "source_id",
            "period_type", "period_start", "period_end"]
    shared = supplier_shares(records, reporter, key, measure)
    return shared.loc[shared["partner"] == CHINA, cols].reset_index(drop=True) if not shared.empty \
        else pd.DataFrame(columns=cols)


def concentration(records: pd.DataFrame, reporter: str, key: str, measure: str) -> pd.DataFrame:
    """Supplier concentration per year, by the supply-chain page's definitions (lib.domain.shares.concentration):
    HHI, the sum of squared percent shares of the named countries (10,000: one supplier), and the top-3 share, of
    the same denominator as China's share."""
    s = suppliers(records, reporter, key, measure)
    cols = ["year", "top_country", "top_share_pct", "top3_share_pct", "hhi", "n_countries", "residual_excluded",
            "note", "denominator", "measure"]
    if s.empty:
        return pd.DataFrame(columns=cols)
    conc = shares.concentration(s.rename(columns={"partner": "country"}), "value", ["year"])
    of = s["denominator"].iloc[0]
    conc["denominator"], conc["measure"] = of, measure
    if not s.loc[s["entity_type"] == "world", "partner"].eq("World").all():  # the sum of the partners queried
        conc["note"] = conc["note"].str.replace("Shares of the published world total.",
                                                f"Shares of {of.removeprefix('share of ')}.", regex=False)
        conc.loc[conc["hhi"].isna(), "note"] = (f"Not every partner queried has a figure in {MEASURE_WORDS[measure]}: "
                                                "shares not computed.")
    return conc[cols]


def mirror(records: pd.DataFrame, country: str, key: str, measure: str) -> pd.DataFrame:
    """Both sides of one flow where both are in the records, per year: an importer's reported imports from a
    partner beside that partner's reported exports to it, for every pair `country` is in. Shown, not reconciled:
    valuation (CIF against FAS or FOB), timing and attribution of origin all differ between the two."""
    cols = ["year", "importer", "exporter", "reported_by", "side", "value", "value_basis", "commodity_code",
            "gap", "measure", "source_id", "period_type", "period_start", "period_end"]
    # Only the rows about the country (reported by it, or naming it as partner) are read: a large table stays cheap.
    about = (records["reporter"] == country) | (records["partner"] == country)
    rows = typed(records[about & (records["period_type"] == "year") & (records["partner_kind"] == COUNTRY)])
    rows = of_line(rows, key)
    if rows.empty:
        return pd.DataFrame(columns=cols)
    rows = rows.assign(year=rows["period_start"].dt.year)
    column = MEASURES[measure]
    sides = []
    for flow, importer, exporter in (("import", "reporter", "partner"), ("export", "partner", "reporter")):
        part = rows[rows["flow"] == flow]
        part = part.assign(importer=part[importer], exporter=part[exporter], reported_by=part["reporter"])
        sides.append(_summed(part.assign(value_basis=part["value_basis"], commodity_code=part["commodity_code"]),
                             column, ["year", "importer", "exporter", "reported_by", "value_basis", "commodity_code"])
                     .assign(flow=flow))
    imports, exports = sides
    pairs = imports.merge(exports[["year", "importer", "exporter"]], on=["year", "importer", "exporter"])
    pairs = pairs[(pairs["importer"] == country) | (pairs["exporter"] == country)]
    if pairs.empty:
        return pd.DataFrame(columns=cols)
    keys = pairs[["year", "importer", "exporter"]].drop_duplicates()
    both = pd.concat([imports.merge(keys), exports.merge(keys)], ignore_index=True)
    wide = both.pivot_table(index=["year", "importer", "exporter"], columns="flow", values="value", aggfunc="sum",
                            dropna=False)
    gap = (wide["import"] - wide["export"]).rename("gap").reset_index()
    both = both.merge(gap, on=["year", "importer", "exporter"])
    both["side"] = [f"{i} reports imports from {e}" if f == "import" else f"{e} reports exports to {i}"
                    for i, e, f in zip(both["importer"], both["exporter"], both["flow"], strict=True)]
    both["measure"] = measure
    return both.sort_values(["importer", "exporter", "year", "flow"], kind="stable")[cols].reset_index(drop=True)


def partner_in(records: pd.DataFrame, country: str) -> list[str]:
    """The reporters whose records name `country` as a partner (for a country with no records of its own)."""
    return sorted(records.loc[records["partner"] == country, "reporter"].dropna().unique())


# --- One partner's official figures, line by line (the Trade flows page, beside the press's series) -------------

SERIES_COLUMNS = ["line", "commodity_code", "scope", "year", "reporter", "partner", "flow", "measure", "value",
                  "unit_rows", "publisher", "value_basis", "source_id", "period_type", "period_start", "period_end"]


def partner_series(records: pd.DataFrame, reporter: str, partner: str, flow: str, measure: str) -> pd.DataFrame:
    """A reporter's annual figures of one flow with one partner: one row per product line and year, in the code
    `annual` reads the line in, the rows of a figure's units summed as in `suppliers` (missing where a part of it
    has no figure in the measure)."""
    frames = []
    for line in PRODUCT_LINES:
        rows = annual(records, reporter, flow, line.key)
        rows = typed(rows[rows["partner"] == partner])
        if rows.empty:
            continue
        code = str(rows["commodity_code"].iloc[0])
        summed = _summed(rows.assign(year=rows["period_start"].dt.year), MEASURES[measure], ["year"])
        frames.append(summed.assign(
            line=line.label, commodity_code=code, scope=scope_of(code), reporter=reporter, partner=partner, flow=flow,
            measure=measure, publisher=", ".join(sorted(rows["publisher"].dropna().astype(str).unique())),
            value_basis=", ".join(sorted(rows["value_basis"].dropna().astype(str).unique()))))
    if not frames:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    return pd.concat(frames, ignore_index=True)[SERIES_COLUMNS]


def press_counterpart(trade_flows: pd.DataFrame, key: str, exporter: str, importer: str) -> pd.DataFrame:
    """The press's whole-year figures of the same flow seen from the other side: the exporter's reported exports to
    the importer on the press series of the line (PRESS_SERIES), never unverified; empty where there is none."""
    line = PRESS_SERIES.get(key)
    cols = ["year", "mass_t", "value_usd", "product_scope", "status", "source_id"]
    if line is None:
        return pd.DataFrame(columns=cols)
    rows = trade.charted(trade_flows, exporter, "export")
    rows = rows[(rows["partner"] == importer) & (rows["period_type"] == "year")
                & rows["product_scope"].fillna("").str.startswith(line)]
    rows = rows.assign(year=pd.to_datetime(rows["period_start"]).dt.year)
    return rows[cols].sort_values("year").reset_index(drop=True)
