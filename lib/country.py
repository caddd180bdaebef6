"""What the data says about one country, as plain facts with a reading and a source, and what it lacks.

Used by the Overview (headline facts) and the Country profile (everything). No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib import metrics, provenance, views

DEFAULT = "India"


@dataclass
class Fact:
    label: str
    value: str
    reading: str
    source: str
    rows: pd.DataFrame


def countries(d: dict) -> list[str]:
    """Every country the data says something about, the default first."""
    names = set()
    for name, col in (("reserves", "country"), ("production", "country"), ("stage_shares", "country")):
        frame = d[name]
        names |= set(frame[frame["entity_type"] == "country"][col].dropna())
    t = d["trade_flows"]
    names |= set(t["reporter"]) | set(t[t["partner_iso3"].notna()]["partner"])
    names |= set(d["import_sources"]["importer"])
    return [DEFAULT] + sorted(names - {DEFAULT})


def iso3(d: dict, country: str) -> str | None:
    for name in ("reserves", "production", "stage_shares"):
        codes = d[name][d[name]["country"] == country]["iso3"].dropna()
        if not codes.empty:
            return str(codes.iloc[0])
    codes = d["trade_flows"][d["trade_flows"]["partner"] == country]["partner_iso3"].dropna()
    return str(codes.iloc[0]) if not codes.empty else None


def _t(v) -> str:
    return f"{v / 1e6:.1f} Mt" if v >= 1e6 else f"{v:,.0f} t"


def _fact(label, value, reading, rows, d) -> Fact:
    return Fact(label, value, reading, provenance.source_line(rows, d["sources"]), rows)


def reserves_fact(d: dict, country: str) -> Fact | None:
    r = d["reserves"]
    rows = r[r["country"] == country].copy()
    if rows.empty:
        return None
    rows["order"] = rows["edition"].map(metrics.RESERVES_EDITION_ORDER.index)
    rows = rows.sort_values("order")
    latest = rows.iloc[-1]
    ranked = metrics.rank_in_edition(r, latest["edition"])
    rank = ranked[ranked["country"] == country]["rank"]
    known = rows.dropna(subset=[metrics.RESERVES_COL])
    if pd.notna(latest[metrics.RESERVES_COL]):
        value = _t(latest[metrics.RESERVES_COL])
        reading = f"Ranked {int(rank.iloc[0])} in USGS {latest['edition']}."
        if len(rows) > 1:
            before = rows.iloc[-2]
            reading += f" {before['edition']} said {before['value_as_published']} t."
    else:
        value = "not available"
        reading = f"USGS {latest['edition']} gives no figure ({latest['value_as_published']})."
        if not known.empty:
            last = known.iloc[-1]
            reading += f" {last['edition']} gave {_t(last[metrics.RESERVES_COL])}."
    return _fact(f"Reserves ({latest['edition']})", value, reading, rows.drop(columns="order"), d)


def production_fact(d: dict, country: str) -> Fact | None:
    p = d["production"]
    rows = p[p["country"] == country]
    if rows.empty:
        return None
    latest = metrics.latest_production(rows).dropna(subset=[metrics.PRODUCTION_COL]).sort_values("year")
    if latest.empty:
        return None
    last = latest.iloc[-1]
    world_rows = metrics.latest_production(p[(p["entity_type"] == "world") & (p["year"] == last["year"])])
    world = world_rows[metrics.PRODUCTION_COL].iloc[0] if not world_rows.empty else None
    pct = last[metrics.PRODUCTION_COL] / world * 100 if world else None
    share = "" if pct is None else (", under 0.1% of world" if pct < 0.1 else f", {pct:.1f}% of world")
    basis = {
        "official_quota": "China's official quota, not measured output",
        "estimated_from_china_imports": "a USGS estimate from China's import data",
    }.get(str(last["basis"]), "estimated by USGS" if last["estimated"] else "as reported")
    used = pd.concat([last.to_frame().T, world_rows])
    return _fact(
        f"Mine production ({int(last['year'])})",
        _t(last[metrics.PRODUCTION_COL]),
        f"USGS {last['edition']}{share}; {basis}.",
        used,
        d,
    )


def stage_facts(d: dict, country: str) -> list[Fact]:
    s = d["stage_shares"]
    facts = []
    for stage, label in (("refining", "Refining"), ("magnet_manufacturing", "Magnet making")):
        rows = s[(s["stage"] == stage) & (s["case"] == "actual")]
        if rows.empty:
            continue
        latest_year = rows["year"].max()
        rows = rows[rows["year"] == latest_year]
        if rows["supply_kt"].notna().any():
            conc = metrics.concentration(rows)
            top = conc.iloc[0]
            mine = metrics.share_of_world(rows, "supply_kt", ["stage", "edition", "year"])
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


def period_label(row) -> str:
    """A period as a reader says it: 'May 2025', 'Apr–Sep 2025', 'FY2024-25', '2025-H1'."""
    start, end = row["period_start"], row["period_end"]
    if row["period_type"] == "month":
        return f"{start:%b %Y}"
    if row["period_type"] in ("cumulative", "fiscal_half"):
        return f"{start:%b} – {end:%b %Y}" if start.year == end.year else f"{start:%b %Y} – {end:%b %Y}"
    return str(row["period"])


def trade_facts(d: dict, country: str) -> list[Fact]:
    """The latest reported magnet figure of each series: the country's own imports (or, for an exporter,
    its exports to the world) and China's exports to it."""
    t = d["trade_flows"]
    own = (t["reporter"] == country) & ((t["flow"] == "import") | (t["partner"] == "World"))
    rows = t[(own | (t["partner"] == country)) & (t["status"] != "unverified")]
    rows = rows[rows["mass_t"].notna() | rows["partner_share_pct"].notna()].assign(series=rows["product_scope"].map(views.series))
    facts = []
    for _, group in rows.groupby(["reporter", "flow", "partner", "series"]):
        last = group.sort_values(["period_end", "period_start"]).iloc[-1]
        who = f"{last['reporter']} {last['flow']}s"
        if last["partner"] != "World":
            who += f" {'to' if last['flow'] == 'export' else 'from'} {last['partner']}"
        value = (
            f"{last['mass_t']:,.0f} t" if pd.notna(last["mass_t"]) else f"{last['partner_share_pct']:.0f}% of the total"
        )
        change = f" Reported change: {last['reported_change']}." if pd.notna(last["reported_change"]) else ""
        status = " Secondary source." if last["status"] == "secondary" else ""
        facts.append(_fact(
            f"{who}, {period_label(last)}", value, f"{last['product_scope']}.{status}{change}",
            last.drop(labels="series").to_frame().T, d,
        ))
    return facts


def us_facts(d: dict, country: str) -> list[Fact]:
    """Net import reliance and import sources, which USGS gives for the United States only."""
    if country != "United States":
        return []
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


def profile_tables(d: dict, country: str) -> list[tuple[str, pd.DataFrame, str]]:
    """(heading, every row about the country, key) for each dataset, in the order of the chain."""
    t = d["trade_flows"]
    return [
        ("Reserves, every USGS edition", d["reserves"][d["reserves"]["country"] == country], "reserves"),
        ("Mine production, every USGS publication", d["production"][d["production"]["country"] == country], "production"),
        ("Supply-chain stages (IEA)", d["stage_shares"][d["stage_shares"]["country"] == country], "stages"),
        ("Magnet trade figures", t[(t["reporter"] == country) | (t["partner"] == country)], "trade"),
        ("U.S. salient statistics (USGS)", d["us_salient"][d["us_salient"]["chapter"].notna() & (country == "United States")],
         "salient"),
    ]


def headline(d: dict, country: str) -> list[Fact]:
    facts = [reserves_fact(d, country), production_fact(d, country)]
    facts += stage_facts(d, country) + us_facts(d, country) + trade_facts(d, country)
    return [f for f in facts if f is not None]


def events(d: dict, country: str) -> pd.DataFrame:
    code = iso3(d, country)
    e = d["events"]
    if code is None:
        return e.iloc[0:0]
    return e[e["countries"].str.split(";").apply(lambda codes: code in codes)].sort_values("event_date")


def claims(d: dict, country: str) -> pd.DataFrame:
    c = d["claims"]
    return c[c["subject"].str.contains(country, regex=False)]


def gaps(d: dict, country: str) -> list[str]:
    """Plain statements of what the data does not say about the country."""
    missing = []
    r = d["reserves"][d["reserves"]["country"] == country]
    if r.empty:
        missing.append("USGS lists no reserves for it in MCS 2024–2026.")
    elif r[metrics.RESERVES_COL].isna().any():
        eds = ", ".join(r[r[metrics.RESERVES_COL].isna()]["edition"])
        missing.append(f"USGS gives no reserves figure in {eds}.")
    if d["production"][d["production"]["country"] == country].empty:
        missing.append("USGS lists no mine production for it.")
    s = d["stage_shares"]
    if s[(s["country"] == country) & (s["stage"] == "refining")].empty:
        missing.append("The IEA does not list it among refiners of magnet rare earths (it falls in 'Rest of world').")
    t = d["trade_flows"]
    if t[(t["reporter"] == "China") & (t["partner"] == country) & (t["status"] != "unverified")].empty:
        missing.append("No confirmed or secondary figure of China's magnet exports to it was found.")
    else:
        months = t[(t["reporter"] == "China") & (t["partner"] == country) & (t["period_type"] == "month")]
        if months[months["status"] != "unverified"].empty:
            missing.append("No monthly figure of China's magnet exports to it from a confirmed source.")
    if t[(t["reporter"] == country) & (t["flow"] == "import")].empty:
        missing.append("No figure of its own magnet imports was found.")
    if not claims(d, country).empty:
        missing.append("Some reported changes have no tonnages behind them (see the attributed claims on this page).")
    return missing
