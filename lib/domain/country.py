"""What the data says about one country, as plain facts with a reading and a source, and what it lacks.

Used by the Overview (headline facts) and the Country profile (everything). No Streamlit here. Each fact,
gap and table names the datasets it needs (FACTS, GAPS, TABLES), so that one broken file costs only the
cards that read it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from lib.data import countries as names
from lib.domain import editions, provenance, shares, trade
from lib.domain.usgs import PRODUCTION_COL, RESERVES_COL, latest_production, rank_in_edition

DEFAULT = "India"
# us_salient holds the salient statistics of the USGS chapters, which describe the United States only.
US_SALIENT_COUNTRY = "United States"


@dataclass
class Fact:
    label: str
    value: str
    reading: str
    source: str
    rows: pd.DataFrame


@dataclass(frozen=True)
class Part:
    """One piece of a country's profile: the datasets it reads and the function that builds it."""

    key: str
    needs: tuple[str, ...]
    build: Callable
    only_for: str | None = None  # a part about one country only (USGS's U.S. statistics)

    def applies(self, country: str) -> bool:
        return self.only_for is None or self.only_for == country


# The datasets that name countries, and the columns that do.
COUNTRY_COLUMNS = {
    "reserves": ("country",),
    "production": ("country",),
    "stage_shares": ("country",),
    "trade_flows": ("reporter", "partner"),
    "import_sources": ("importer",),
    "capacity": ("country",),
}


def countries(d: dict) -> list[str]:
    """Every country the given datasets say something about, the default first. Datasets missing from `d`
    (a broken file) are passed over, so the chooser still works."""
    names = set()
    for name in ("reserves", "production", "stage_shares"):
        if name in d:
            frame = d[name]
            names |= set(frame[frame["entity_type"] == "country"]["country"].dropna())
    if "trade_flows" in d:
        t = d["trade_flows"]
        names |= set(t["reporter"].dropna()) | set(t[t["partner_iso3"].notna()]["partner"])
    if "import_sources" in d:
        names |= set(d["import_sources"]["importer"].dropna())
    if "capacity" in d:  # a country with a plant; not the groups a total covers ("Outside China")
        c = d["capacity"]
        names |= set(c[c["scope"].eq("facility") & c["iso3"].notna()]["country"])
    return [DEFAULT] + sorted(names - {DEFAULT})


def _t(v) -> str:
    return f"{v / 1e6:.1f} Mt" if v >= 1e6 else f"{v:,.0f} t"


def _fact(label, value, reading, rows, d) -> Fact:
    return Fact(label, value, reading, provenance.source_line(rows, d["sources"]), rows)


def reserves_fact(d: dict, country: str) -> list[Fact]:
    r = d["reserves"]
    rows = r[r["country"] == country].copy()
    if rows.empty:
        return []
    rows["order"] = rows["edition"].map({e: i for i, e in enumerate(editions.order(d["editions"]))})
    rows = rows.sort_values("order")
    latest = rows.iloc[-1]
    ranked = rank_in_edition(r, latest["edition"])
    rank = ranked[ranked["country"] == country]["rank"]
    known = rows.dropna(subset=[RESERVES_COL])
    if pd.notna(latest[RESERVES_COL]):
        value = _t(latest[RESERVES_COL])
        reading = f"Ranked {int(rank.iloc[0])} in USGS {latest['edition']}."
        if len(rows) > 1:
            before = rows.iloc[-2]
            reading += f" {before['edition']} said {before['value_as_published']} t."
    else:
        value = "not available"
        reading = f"USGS {latest['edition']} gives no figure ({latest['value_as_published']})."
        if not known.empty:
            last = known.iloc[-1]
            reading += f" {last['edition']} gave {_t(last[RESERVES_COL])}."
    return [_fact(f"Reserves ({latest['edition']})", value, reading, rows.drop(columns="order"), d)]


def production_fact(d: dict, country: str) -> list[Fact]:
    p = d["production"]
    rows = p[p["country"] == country]
    if rows.empty:
        return []
    order = editions.order(d["editions"])
    latest = latest_production(rows, order).dropna(subset=[PRODUCTION_COL]).sort_values("year")
    if latest.empty:
        return []
    last = latest.iloc[-1]
    world_rows = latest_production(p[(p["entity_type"] == "world") & (p["year"] == last["year"])], order)
    world = world_rows[PRODUCTION_COL].iloc[0] if not world_rows.empty else None
    pct = last[PRODUCTION_COL] / world * 100 if world else None
    share = "" if pct is None else (", under 0.1% of world" if pct < 0.1 else f", {pct:.1f}% of world")
    basis = {
        "official_quota": "China's official quota, not measured output",
        "estimated_from_china_imports": "a USGS estimate from China's import data",
    }.get(str(last["basis"]), "estimated by USGS" if last["estimated"] else "as reported")
    used = pd.concat([last.to_frame().T, world_rows])
    return [_fact(f"Mine production ({int(last['year'])})", _t(last[PRODUCTION_COL]),
                  f"USGS {last['edition']}{share}; {basis}.", used, d)]


def stage_facts(d: dict, country: str) -> list[Fact]:
    s = d["stage_shares"]
    labels = s.attrs.get("labels", {}).get("stage", {})
    facts = []
    for stage in ("refining", "magnet_manufacturing"):
        label = labels.get(stage, stage)
        rows = s[(s["stage"] == stage) & (s["case"] == "actual")]
        if rows.empty:
            continue
        latest_year = rows["year"].max()
        rows = rows[rows["year"] == latest_year]
        if rows["supply_kt"].notna().any():
            conc = shares.concentration(rows)
            top = conc.iloc[0]
            mine = shares.share_of_world(rows, "supply_kt", ["stage", "edition", "year"])
            own = mine[mine["country"] == country]["share_pct"]
            own_text = f"{country}: {own.iloc[0]:.1f}%." if not own.empty else f"{country} is not listed by the IEA."
            value = f"{top['top_country']} {top['top_share_pct']:.0f}%"
        else:
            top = rows.sort_values("share_pct").iloc[-1]
            value = f"{top['country']} {top['share_pct']:.0f}%"
            own_text = f"No share is given for {country}." if top["country"] != country else ""
        scope = rows["scope"].iloc[0]
        facts.append(_fact(f"{label} ({int(latest_year)}): top country", value, f"{own_text} Scope: {scope}.", rows, d))
    return facts


def trade_facts(d: dict, country: str) -> list[Fact]:
    """The latest reported magnet figure of each series: the country's own imports (or, for an exporter,
    its exports to the world) and China's exports to it."""
    t = trade.magnets(d["trade_flows"])
    own = (t["reporter"] == country) & ((t["flow"] == "import") | (t["partner"] == "World"))
    rows = t[(own | (t["partner"] == country)) & (t["status"] != "unverified")]
    rows = rows[rows["mass_t"].notna() | rows["partner_share_pct"].notna()].assign(series=rows["product_scope"].map(trade.series))
    facts = []
    for _, group in rows.groupby(["reporter", "flow", "partner", "series"]):
        last = group.sort_values(["period_end", "period_start"]).iloc[-1]
        who = f"{last['reporter']} {last['flow']}s"
        if last["partner"] != "World":
            who += f" {'to' if last['flow'] == 'export' else 'from'} {last['partner']}"
        value = (
            f"{last['mass_t']:,.0f} t" if pd.notna(last["mass_t"]) else f"{last['partner_share_pct']:.0f}% of the total"
        )
        approximate = ""
        if trade.is_approximate(last):
            value = f"≈ {value}"
            approximate = f" Approximate: the source says “{last['value_as_published']}”."
        change = f" Reported change: {last['reported_change']}." if pd.notna(last["reported_change"]) else ""
        status = " Secondary source." if last["status"] == "secondary" else ""
        facts.append(_fact(
            f"{who}, {trade.period_label(last)}", value, f"{last['product_scope']}.{approximate}{status}{change}",
            last.drop(labels="series").to_frame().T, d,
        ))
    return facts


def us_facts(d: dict, country: str) -> list[Fact]:
    """Net import reliance, which USGS gives for the United States only (the part applies only to it)."""
    s = d["us_salient"]
    nir = s[s["statistic"].str.contains("Net import reliance") & s["statistic"].str.contains("Compounds and metals")]
    nir = nir[nir["chapter"] == "Rare Earths"].sort_values(["edition", "year"])
    facts = []
    if not nir.empty:
        last = nir.iloc[-1]
        facts.append(_fact(
            f"Net import reliance, compounds and metals ({int(last['year'])})",
            f"{last['value_as_published']}%",
            f"USGS {last['edition']}: imports minus exports as a share of apparent consumption.",
            last.to_frame().T, d,
        ))
    return facts


def _about(frame: pd.DataFrame, country: str, *columns: str) -> pd.DataFrame:
    mask = pd.Series(False, index=frame.index)
    for c in columns:
        mask |= (frame[c] == country).fillna(False).astype(bool)
    return frame[mask]


def reserves_rows(d: dict, country: str) -> pd.DataFrame:
    return _about(d["reserves"], country, "country")


def production_rows(d: dict, country: str) -> pd.DataFrame:
    return _about(d["production"], country, "country")


def stage_rows(d: dict, country: str) -> pd.DataFrame:
    return _about(d["stage_shares"], country, "country")


def trade_rows(d: dict, country: str) -> pd.DataFrame:
    return _about(d["trade_flows"], country, "reporter", "partner")


FACILITY_COLUMNS = ["facility", "company", "stage", "measure", "value_as_published", "unit", "facility_status",
                    "expected_start", "stated_on", "status", "source_id"]


def _names(frame: pd.DataFrame, country: str, column: str) -> pd.DataFrame:
    """Rows whose column names the country alone or among others ('South Korea; Malaysia; United States')."""
    named = frame[column].fillna("").astype(str).str.split(";").map(lambda parts: country in {p.strip() for p in parts})
    return frame[named.astype(bool)]


def facility_rows(d: dict, country: str) -> pd.DataFrame:
    """Every figure stated for a plant or project in the country, as stated (unit, status, date, label), including
    a company's total over plants in several countries, on the profile of each of them."""
    rows = _names(d["capacity"], country, "country")
    return rows.sort_values(["stage", "facility", "stated_on"], kind="stable")[FACILITY_COLUMNS]


def salient_rows(d: dict, country: str) -> pd.DataFrame:
    return d["us_salient"]


# (heading, rows) for each dataset, in the order of the chain.
TABLES = (
    ("Reserves, every USGS edition", Part("reserves", ("reserves", "sources"), reserves_rows)),
    ("Mine production, every USGS publication", Part("production", ("production", "sources"), production_rows)),
    ("Supply-chain stages (IEA)", Part("stages", ("stage_shares", "sources"), stage_rows)),
    ("Magnet trade figures", Part("trade", ("trade_flows", "sources"), trade_rows)),
    ("Refining and magnet plants: capacity as stated", Part("facilities", ("capacity", "sources"), facility_rows)),
    ("U.S. salient statistics (USGS)",
     Part("salient", ("us_salient", "sources"), salient_rows, only_for=US_SALIENT_COUNTRY)),
)

def events(d: dict, country: str) -> pd.DataFrame:
    (code,) = names.iso3([country])
    e = d["events"]
    if code is None:
        return e.iloc[0:0]
    return e[e["countries"].str.split(";").apply(lambda codes: code in codes)].sort_values("event_date")


def claims(d: dict, country: str) -> pd.DataFrame:
    c = d["claims"]
    return c[c["subject"].str.contains(country, regex=False)]


def reserves_gaps(d: dict, country: str) -> list[str]:
    r = d["reserves"]
    rows = r[r["country"] == country]
    listed = ", ".join(editions.order(d["editions"], r["edition"]))
    if rows.empty:
        return [f"USGS lists no reserves for it ({listed})."]
    missing = rows[rows[RESERVES_COL].isna()]
    return [f"USGS gives no reserves figure in {', '.join(missing['edition'])}."] if not missing.empty else []


def production_gaps(d: dict, country: str) -> list[str]:
    return ["USGS lists no mine production for it."] if d["production"][d["production"]["country"] == country].empty else []


def stage_gaps(d: dict, country: str) -> list[str]:
    s = d["stage_shares"]
    if s[(s["country"] == country) & (s["stage"] == "refining")].empty:
        return ["The IEA does not list it among refiners of magnet rare earths (it falls in 'Rest of world')."]
    return []


def trade_gaps(d: dict, country: str) -> list[str]:
    t = trade.magnets(d["trade_flows"])
    missing = []
    to_it = t[(t["reporter"] == "China") & (t["partner"] == country)]
    if to_it[to_it["status"] != "unverified"].empty:
        missing.append("No confirmed or secondary figure of China's magnet exports to it was found.")
    elif to_it[(to_it["period_type"] == "month") & (to_it["status"] == "confirmed")].empty:
        missing.append("No monthly figure of China's magnet exports to it from a confirmed source.")
    if t[(t["reporter"] == country) & (t["flow"] == "import")].empty:
        missing.append("No figure of its own magnet imports was found.")
    return missing


def capacity_gaps(d: dict, country: str) -> list[str]:
    plants = _names(d["capacity"], country, "country")
    plants = plants[plants["scope"] == "facility"]
    if plants.empty:
        return ["No refining or magnet plant with a stated capacity was found in it."]
    if not plants["value_status"].eq("value").any():
        return ["Its plants are named in the sources, but none with a capacity figure."]
    return []


def claims_gaps(d: dict, country: str) -> list[str]:
    if claims(d, country).empty:
        return []
    return ["Some reported changes have no tonnages behind them (see the attributed claims on this page)."]


FACTS = (
    Part("reserves", ("reserves", "editions", "sources"), reserves_fact),
    Part("production", ("production", "editions", "sources"), production_fact),
    Part("stages", ("stage_shares", "sources"), stage_facts),
    Part("salient", ("us_salient", "sources"), us_facts, only_for=US_SALIENT_COUNTRY),
    Part("trade", ("trade_flows", "sources"), trade_facts),
)
GAPS = (
    Part("reserves", ("reserves", "editions"), reserves_gaps),
    Part("production", ("production",), production_gaps),
    Part("stages", ("stage_shares",), stage_gaps),
    Part("trade", ("trade_flows",), trade_gaps),
    Part("capacity", ("capacity",), capacity_gaps),
    Part("claims", ("claims",), claims_gaps),
)


def headline(d: dict, country: str) -> list[Fact]:
    """Every fact, for callers that hold every dataset (tests, the deck)."""
    return [f for part in FACTS if part.applies(country) for f in part.build(d, country)]


def gaps(d: dict, country: str) -> list[str]:
    """Plain statements of what the data does not say about the country."""
    return [g for part in GAPS if part.applies(country) for g in part.build(d, country)]
