"""A country's dependence on its suppliers, from official trade records: imports by partner, China's share,
supplier concentration, the two sides of one flow; and China's own imports of rare-earth compounds by origin.

Each chart takes the reporter, the product line (its label) and the measure ('t' or 'US$'). A viewer's own upload is
drawn by the same builders with `upload` set to the words that mark it (lib.app.uploads.LABEL) and `upload_file` to
the file's name: its title and source line then say so, since its rows cite no source of sources.csv.
"""

from __future__ import annotations

import pandas as pd

from lib.domain import official_trade as ot
from lib.domain import provenance
from lib.figures.dependence import concentration_panels, mirror_lines, partner_bars, share_line
from lib.specs.base import Datasets, Finding, Spec
from lib.specs.words import the, whose

NEEDS = ("trade_records", "sources")
FEEDSTOCK = dict(country="China", product="Rare-earth compounds", measure="t")


# --- Choices, from the data -------------------------------------------------------------------------------------

def reporter_for(d: Datasets, country: str) -> str:
    """The country itself where it reports imports; otherwise the reporter with the most records (a deck or a
    test asking for a country without records still gets a chart of real records)."""
    found = ot.reporters(d["trade_records"])
    return country if country in found or not found else found[0]


def product_choices(d: Datasets, country: str) -> list[str]:
    """The product lines the country's annual import records cover, by label."""
    return ot.lines_of(d["trade_records"], country)


def default_measure(d: Datasets, country: str, product: str) -> str:
    """Tonnes where every partner of the latest year has a tonnage, else value (HTS 8505 counts lines in pieces)."""
    s = ot.suppliers(d["trade_records"], country, ot.key_of(product), "t")
    if s.empty:
        return "US$"
    latest = s[s["year"] == s["year"].max()]
    return "t" if latest.loc[latest["entity_type"] == "country", "value"].notna().all() else "US$"


def latest_params(d: Datasets, country: str, key: str | None = None) -> dict:
    """Reporter, product and measure that show the country's dependence on the latest data: for both sides of a
    flow, the first product line that has a pair of records."""
    reporter = reporter_for(d, country)
    products = product_choices(d, reporter) or [ot.PRODUCT_LINES[0].label]
    if key == "dependence-mirror":
        paired = [p for p in products if not ot.mirror(d["trade_records"], reporter, ot.key_of(p), "US$").empty]
        products = paired or products
    return {"country": reporter, "product": products[0], "measure": default_measure(d, reporter, products[0])}


def record_gap(d: Datasets, country: str) -> str | None:
    """What the records lack for the country's profile, in words; None where it reports imports."""
    records = d["trade_records"]
    if country in ot.reporters(records):
        return None
    named = ot.partner_in(records, country)
    also = f" It appears only as a partner, in the records of {', '.join(named)}." if named else ""
    return (f"No official trade record in the data has {country} as reporter, so no chart of its imports by partner, "
            f"China's share or supplier concentration can be drawn.{also}")


# --- Words shared by the charts ---------------------------------------------------------------------------------

def _subject(d: Datasets, country: str, product: str) -> tuple[str, str]:
    """(the line in words, the code's scope) of the reporter's records of a product line."""
    rows = ot.annual(d["trade_records"], country, "import", ot.key_of(product))
    code = str(rows["commodity_code"].iloc[0]) if not rows.empty else ""
    return product.lower(), ot.scope_of(code) if code else "no records"


def _publishers(rows: pd.DataFrame) -> str:
    return ", ".join(sorted(rows["publisher"].dropna().astype(str).unique())) if "publisher" in rows else ""


def _source(rows: pd.DataFrame, d: Datasets, latest: str, upload: str | None, upload_file: str) -> str:
    if upload is None:
        return provenance.source_line(rows, d["sources"], latest=latest)
    by = _publishers(d["trade_records"])
    return (f"Source: {upload}: {upload_file or 'a file'}" + (f", records of {by}" if by else "")
            + (f". Latest period: {latest}." if latest else "."))


def _title(title: str, upload: str | None) -> str:
    title = title[:1].upper() + title[1:]
    return f"{title} ({upload})" if upload else title


def _make(key: str, frame: pd.DataFrame, d: Datasets, build, *, title: str, takeaway: str, subtitle: str,
          latest: str, upload: str | None, upload_file: str, source_rows: pd.DataFrame | None = None) -> Finding:
    rows = frame if source_rows is None else source_rows
    source = _source(rows, d, latest, upload, upload_file)
    title = _title(title, upload)
    figure = build(frame, title=title, subtitle=subtitle, source=source)
    return Finding(key, title, takeaway, figure, frame, source, rows)


def _latest(frame: pd.DataFrame, column: str = "value") -> pd.Series | None:
    known = frame[pd.to_numeric(frame[column], errors="coerce").notna()] if not frame.empty else frame
    return None if known.empty else known.sort_values("year").iloc[-1]


def _amount(v, measure: str) -> str:
    return f"{v:,.0f} t" if measure == "t" else f"US${v / 1e6:,.0f} million" if v >= 1e6 else f"US${v:,.0f}"


def _course(first: pd.Series, peak: pd.Series, last: pd.Series) -> str:
    """'rose from 5% in 1993 to 60% in 2025, peaking at 80% in 2012', in whole percent as the chart's axis reads."""
    pct = {k: round(float(r["share_pct"])) for k, r in (("first", first), ("peak", peak), ("last", last))}
    year = {k: int(r["year"]) for k, r in (("first", first), ("peak", peak), ("last", last))}
    if year["first"] == year["last"]:
        return f"was {pct['last']}% in {year['last']}"
    verb = "rose" if pct["last"] > pct["first"] else "fell" if pct["last"] < pct["first"] else "was back at"
    course = (f"{verb} from {pct['first']}% in {year['first']} to {pct['last']}% in {year['last']}"
              if verb != "was back at" else f"was {pct['last']}% in {year['last']}, as in {year['first']}")
    if pct["peak"] > max(pct["first"], pct["last"]):
        course += f", peaking at {pct['peak']}% in {year['peak']}"
    return course


def _by(measure: str) -> str:
    return "by weight" if measure == "t" else "by value"


def _a(pct: float) -> str:
    """'a 60% share', 'an 80% share', 'an 11% share', as the number is said."""
    said = f"{pct:.0f}"
    return f"{'an' if said.startswith('8') or said in ('11', '18') else 'a'} {said}%"


def _share_subtitle(partner: str, denominator: str, country: str) -> str:
    if denominator in (ot.WORLD_DENOMINATOR, ""):
        return f"{partner}'s share of {whose(country)} annual imports, %"
    return f"{partner}'s {denominator}, in {whose(country)} annual imports, %"


# --- The charts -------------------------------------------------------------------------------------------------

def partners(d: Datasets, country: str, product: str, measure: str, upload: str | None = None,
             upload_file: str = "") -> Finding:
    key = ot.key_of(product)
    frame = ot.by_partner(d["trade_records"], country, key, measure)
    line, scope = _subject(d, country, product)
    shared = ot.supplier_shares(d["trade_records"], country, key, measure)
    top = _latest(shared, "share_pct")
    if top is not None:
        # What the bars show: how much came in, then and now, and who supplied most of it.
        year_rows = shared[shared["year"] == top["year"]]
        top = year_rows.sort_values("share_pct", ascending=False).iloc[0]
        totals = shared.dropna(subset=["total"]).drop_duplicates("year").sort_values("year")
        first = totals.iloc[0]
        since = f" ({_amount(first['total'], measure)} in {int(first['year'])})" if first["year"] != top["year"] else ""
        origin = ot.origin(ot.annual(d["trade_records"], country, "import", key))
        title = (f"{the(country, start=True)} imported {_amount(top['total'], measure)} of {line}"
                 f"{' ' + origin if origin else ''} in {int(top['year'])}{since}, {top['partner']} the largest "
                 f"supplier at {top['share_pct']:.0f}% {_by(measure)} "
                 f"({top['denominator']})")
    else:
        title = f"{whose(country)} imports of {line} by partner: no {ot.MEASURE_WORDS[measure]} in the records"
    latest = str(int(frame["year"].max())) if not frame.empty else ""
    return _make("dependence-partners", frame, d, partner_bars, title=title, latest=latest,
                 upload=upload, upload_file=upload_file,
                 takeaway=f"Countries only, the top {ot.TOP_PARTNERS} by name and the rest as Others: World and "
                          "'areas, n.e.s.' are never partners. Whole years only; a missing figure is an empty segment.",
                 subtitle=f"{whose(country)} annual imports by partner, {ot.MEASURE_WORDS[measure]} · {scope}")


def china_share(d: Datasets, country: str, product: str, measure: str, upload: str | None = None,
                upload_file: str = "") -> Finding:
    key = ot.key_of(product)
    frame = ot.china_share(d["trade_records"], country, key, measure)
    line, scope = _subject(d, country, product)
    last = _latest(frame, "share_pct")
    if last is not None:
        # What the line shows: where China's share went, from the first year to the last, and its peak between.
        known = frame[frame["share_pct"].notna()].sort_values("year", kind="stable")
        first, peak = known.iloc[0], known.loc[known["share_pct"].idxmax()]
        of = last["denominator"]
        title = (f"China's share of {whose(country)} imports of {line} {_by(measure)} {_course(first, peak, last)} ({of})"
                 if of == ot.WORLD_DENOMINATOR else
                 f"China's {of}, in {whose(country)} imports of {line} {_by(measure)}, {_course(first, peak, last)}")
    else:
        title = f"China's share of {whose(country)} imports of {line}: not computable from the records"
    denominator = frame["denominator"].iloc[0] if not frame.empty else ""
    latest = str(int(frame["year"].max())) if not frame.empty else ""
    return _make("dependence-china-share", frame, d, share_line, title=title, latest=latest,
                 upload=upload, upload_file=upload_file,
                 takeaway=f"China's figure as a {denominator or 'share'}. A year with no China row or no complete "
                          "total is a gap.",
                 subtitle=f"{_share_subtitle('China', denominator, country)}, {ot.MEASURE_WORDS[measure]} · {scope}")


def concentration(d: Datasets, country: str, product: str, measure: str, upload: str | None = None,
                  upload_file: str = "") -> Finding:
    key = ot.key_of(product)
    frame = ot.concentration(d["trade_records"], country, key, measure)
    rows = ot.suppliers(d["trade_records"], country, key, measure)
    line, scope = _subject(d, country, product)
    last = _latest(frame, "hhi")
    if last is not None:
        held, of = last["top3_share_pct"], last["denominator"]
        share = (f"{held:.0f}% {_by(measure)} in {int(last['year'])}, HHI {last['hhi']:,.0f} ({of})"
                 if of == ot.WORLD_DENOMINATOR else
                 f"{_a(held)} {of}, {_by(measure)} in {int(last['year'])}, HHI {last['hhi']:,.0f}")
        title = f"{whose(country)} top 3 suppliers of {line} held {share}"
    else:
        title = f"How concentrated {whose(country)} suppliers of {line} are: not computable from the records"
    latest = str(int(frame["year"].max())) if not frame.empty else ""
    return _make("dependence-concentration", frame, d, concentration_panels, source_rows=rows, title=title,
                 latest=latest, upload=upload, upload_file=upload_file,
                 takeaway="The supply-chain page's definitions: HHI is the sum of squared percent shares of the named "
                          "countries (10,000 = one supplier); 'areas, n.e.s.' are left out, so HHI is then a lower bound.",
                 subtitle=f"Supplier concentration of {whose(country)} annual imports, {ot.MEASURE_WORDS[measure]} · "
                          f"{scope}")


def mirror(d: Datasets, country: str, product: str, measure: str, upload: str | None = None,
           upload_file: str = "") -> Finding:
    frame = ot.mirror(d["trade_records"], country, ot.key_of(product), measure)
    line = product.lower()
    last = _latest(frame)
    if last is not None:
        year = frame[frame["year"] == last["year"]]
        pair = year[(year["importer"] == last["importer"]) & (year["exporter"] == last["exporter"])]
        imports = pair[pair["side"].str.contains("reports imports")]["value"]
        exports = pair[~pair["side"].str.contains("reports imports")]["value"]
        title = (f"{int(last['year'])}, {line}: {last['exporter']} reports {_amount(exports.iloc[0], measure)} exported "
                 f"to {last['importer']}; {last['importer']} reports {_amount(imports.iloc[0], measure)} imported from "
                 f"{last['exporter']}" if imports.notna().any() and exports.notna().any()
                 else f"Both sides of {whose(country)} trade in {line}")
    else:
        title = f"Both sides of {whose(country)} trade in {line}: no pair of records in the data"
    codes = ", ".join(dict.fromkeys(ot.scope_of(c) for c in frame["commodity_code"])) if not frame.empty else ""
    latest = str(int(frame["year"].max())) if not frame.empty else ""
    return _make("dependence-mirror", frame, d, mirror_lines, title=title, latest=latest,
                 upload=upload, upload_file=upload_file,
                 takeaway="Shown, not reconciled: imports are valued CIF or at customs value, exports FAS or FOB, and "
                          "origin, timing and re-exports are recorded differently on each side.",
                 subtitle=f"The same flow as each side reports it, {ot.MEASURE_WORDS[measure]}, whole years"
                          + (f" · {codes}" if codes else ""))


def feedstock(d: Datasets) -> Finding:
    """China's imports of rare-earth compounds (HS 2846) by origin: the largest refiner's own dependence."""
    country, product, measure = FEEDSTOCK["country"], FEEDSTOCK["product"], FEEDSTOCK["measure"]
    found = partners(d, country, product, measure)
    countries = ot.supplier_shares(d["trade_records"], country, ot.key_of(product), measure)
    last = _latest(countries, "share_pct")
    if last is not None:
        year = countries[countries["year"] == last["year"]].sort_values("share_pct", ascending=False).head(3)
        world = year["total"].iloc[0]
        names = list(year["partner"])
        title = (f"{', '.join(names[:-1])} and {names[-1]} supplied {year['share_pct'].sum():.0f}% of the "
                 f"{world:,.0f} t of rare-earth compounds China imported in {int(last['year'])}")
    else:
        title = "China's imports of rare-earth compounds by origin"
    figure = partner_bars(found.frame, title=title, subtitle=f"China's annual imports of rare-earth compounds by origin, "
                          f"tonnes · {ot.scope_of('2846')}", source=found.source)
    return Finding("china-feedstock", title, "The largest refiner leans on a few neighbours for ore and intermediates. "
                   "Countries only (World and 'areas, n.e.s.' are never partners); the top "
                   f"{ot.TOP_PARTNERS} by name, the rest as Others.", figure, found.frame, found.source, found.source_rows)


PARTNERS = Spec("dependence-partners", "Imports by partner (official records)", NEEDS, partners)
CHINA_SHARE = Spec("dependence-china-share", "China's share of imports (official records)", NEEDS, china_share)
CONCENTRATION = Spec("dependence-concentration", "Supplier concentration (official records)", NEEDS, concentration)
MIRROR = Spec("dependence-mirror", "Both sides of a flow (official records)", NEEDS, mirror)
FEEDSTOCK_SPEC = Spec("china-feedstock", "China's feedstock imports", NEEDS, feedstock)
# The profile's charts in the order of its tabs.
PROFILE = (PARTNERS, CHINA_SHARE, CONCENTRATION, MIRROR)


def profile_charts(d: Datasets, country: str, product: str | None = None) -> tuple[str, ...]:
    """The profile's charts that the records can draw for the country (and product line): none without its own
    import records; China's share not for China itself (its imports from China are re-imports); both sides of a
    flow only where a pair of records exists."""
    records = d["trade_records"]
    if country not in ot.reporters(records):
        return ()
    products = [product] if product else product_choices(d, country)
    keys = [PARTNERS.key] + ([CHINA_SHARE.key] if country != ot.CHINA else []) + [CONCENTRATION.key]
    if any(not ot.mirror(records, country, ot.key_of(p), "US$").empty for p in products):
        keys.append(MIRROR.key)
    return tuple(keys)


def deck_charts(d: Datasets, country: str) -> tuple[str, ...]:
    """The country's dependence charts for its deck: as on its profile, but China's imports by partner are its
    feedstock chart, with its own title."""
    keys = profile_charts(d, country)
    return tuple(FEEDSTOCK_SPEC.key if country == FEEDSTOCK["country"] and k == PARTNERS.key else k for k in keys)
