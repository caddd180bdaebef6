"""Refining and magnet capacity: who can separate, make metal and make magnets, now and announced; when plants are
due to start; China's quotas beside its mine production; India's line. Every figure in a title is taken from
lib.domain.capacity, within one stated unit."""

from __future__ import annotations

import pandas as pd

from lib.domain import capacity, capacity_lists, capacity_starts, china_quotas, editions
from lib.figures import capacity as figures
from lib.specs.base import Datasets, Finding, Spec, finding

NEEDS = ("capacity", "sources")
QUOTA_NEEDS = ("china_quotas", "production", "editions", "sources")
WINDOW = (2028, 2030)
EXCLUDED = ("CHN",)
DEFAULT_STAGE, DEFAULT_UNIT = "magnet", "t magnets/yr"
INDIA_COUNTRY = "India"
QUOTA_COUNTRY = "China"  # whose quotas china_quotas holds
STAGE_LABELS = capacity.STAGE_LABELS


def stage_choices(d: Datasets) -> list[str]:
    """Stages with a plant-level figure, by label, in the chain's order."""
    return [capacity.STAGE_LABELS[s] for s in capacity.stages_with_figures(d["capacity"])]


def stage_of(label: str) -> str:
    return {v: k for k, v in capacity.STAGE_LABELS.items()}.get(label, label)


def start_stage_choices(d: Datasets) -> list[str]:
    """Stages with an announced start year, by label, in the chain's order."""
    f = d["capacity"]
    dated = set(f[f["status"].isin(capacity.CHARTABLE) & f["expected_start_year"].notna()]["stage"])
    return [label for stage, label in capacity.STAGE_LABELS.items() if stage in dated]


def unit_choices(d: Datasets, stage: str) -> list[str]:
    return capacity.units_of(d["capacity"], stage)


def amount(value, unit: str) -> str:
    """'6,200 t magnets/yr'; with no unit, the number and a space, for a title that names the unit once."""
    return (f"{value:,.0f} {unit}" if value >= 10 or float(value).is_integer() else f"{value:,.1f} {unit}")


def _span(rows: pd.DataFrame) -> str:
    """The dates of the statements behind a chart, as the latest period it shows ('statements 2017–2026')."""
    if rows.empty:
        return ""
    years = rows["stated_on"].astype(str).str[:4]
    first, last = years.min(), years.max()
    return f"statements {first}–{last}" if first != last else f"statements {last}"


# --- 1. capacity by country, stage and status, one unit ---------------------------------------------


def stated_totals_text(d: Datasets, stage: str) -> str:
    """The totals sources state over many plants outside China, in their own units: shown beside, never added."""
    totals = capacity.stated_totals(d["capacity"], stage, measure="output_capacity")
    outside = totals[totals["scope"].eq("ex_china_total")]
    parts = [f"{r.facility}: {r.value_as_published} {r.unit} ({r.facility_status.replace('_', ' ')}, {r.stated_on})"
             for r in outside.itertuples()]
    return ("Totals stated over all plants outside China, in their own units, shown beside the plants and never added "
            "to them: " + "; ".join(parts) + ".") if parts else ""


def _outlook_row(d: Datasets, stage: str, unit: str) -> pd.Series | None:
    outlook = capacity.capacity_outlook(d["capacity"], window=WINDOW, exclude_iso3=EXCLUDED)
    row = outlook[(outlook["stage"] == stage) & (outlook["unit"] == unit)]
    return None if row.empty else row.iloc[0]


def _undated(row: pd.Series | None) -> list[str]:
    if row is None or pd.isna(row["undated_facilities"]):
        return []
    return str(row["undated_facilities"]).split("; ")


def _sum_text(r: pd.Series, col: str) -> str:
    return capacity.qualified(amount(r[col], "").strip(), r[f"qualifier_{col}"])


def outlook_text(r: pd.Series) -> str:
    """What runs against what is announced for the window, each sum qualified as its figures are ('about', 'more
    than'): '6,200 running against 9,000 more announced for 2028–2030, 31,000 in all by 2030'."""
    first, last = WINDOW
    running = f"{_sum_text(r, 'operating_now')} running" if r["operating_now"] > 0 else "none running"
    if r["announced_by_window_end"] <= 0:
        return f"{running}, none announced with a start year by {last}"
    window = (f"{_sum_text(r, 'announced_in_window')} more announced for {first}–{last}"
              if r["announced_in_window"] > 0 else f"none more announced for {first}–{last}")
    return f"{running} against {window} ({_sum_text(r, 'announced_by_window_end')} in all by {last})"


def by_country_notes(d: Datasets, stage: str = DEFAULT_STAGE, unit: str = DEFAULT_UNIT) -> list[str]:
    """What the chart leaves out, in words, for under it: plants announced with no start date, and the totals that
    sources state over many plants."""
    notes = []
    undated = _undated(_outlook_row(d, stage, unit))
    if undated:
        notes.append(f"Announced with no start date, so not in the {WINDOW[1]} figure: {'; '.join(undated)}.")
    totals = stated_totals_text(d, stage)
    if totals:
        notes.append(totals)
    return notes


CHINA_BAR_SUFFIX = " (some plants only)"


def china_bar_note(china: pd.DataFrame) -> str:
    """Why China's bar is not China's capacity: it adds only the Chinese plants and companies that state a figure."""
    names = sorted({capacity.short_name(n) for n in china["facility"]})
    return (f"China's bar adds only the {len(names)} Chinese plants or companies with a stated figure ({'; '.join(names)}): "
            "it is not China's capacity, for which no national figure was found.")


def by_country(d: Datasets, stage: str = DEFAULT_STAGE, unit: str = DEFAULT_UNIT) -> Finding:
    f = d["capacity"]
    label = capacity.STAGE_LABELS.get(stage, stage)
    frame = capacity.capacity_stack(f, stage, unit)
    r = _outlook_row(d, stage, unit)
    undated = _undated(r)
    if r is None:
        title = f"Outside China, no plant states {label.lower()} capacity in {unit}"
    else:
        title = f"{label} outside China ({unit}): {outlook_text(r)}"
        if undated:
            title += f"; {len(undated)} announced with no start year"
    china = frame[frame["iso3"].isin(EXCLUDED)]
    takeaway = ("Each plant is counted once, at its most recent stated figure; what runs now (operating or ramping) is "
                "shown apart from what that figure adds."
                + (f" {len(undated)} plants or phases announced with no start date are not in the {WINDOW[1]} figure "
                   "(listed under the chart)." if undated else "")
                + (f" {china_bar_note(china)}" if not china.empty else " No Chinese plant states a figure in this unit."))
    frame.loc[frame["iso3"].isin(EXCLUDED), "country"] = frame["country"] + CHINA_BAR_SUFFIX
    return finding("capacity", frame, d, figures.status_bars, title=title, takeaway=takeaway, latest=_span(frame),
                   subtitle=f"{label} capacity by country and status, {unit}, as stated · only plant-level figures, "
                            "confirmed or secondary")


# --- 2. announced start dates --------------------------------------------------------------------


def starts(d: Datasets, stage: str = DEFAULT_STAGE) -> Finding:
    f = d["capacity"]
    label = capacity.STAGE_LABELS.get(stage, stage)
    frame = capacity_starts.start_timeline(f[f["stage"] == stage])
    phases = frame.drop_duplicates(["facility_id", "phase"])
    slipped = phases[phases["slip_years"].fillna(0) > 0].sort_values("slip_years", ascending=False)
    if slipped.empty:
        title = (f"{label}: {len(phases)} plants and phases give a start year; no source gives a later one than first "
                 "announced")
    else:
        worst = slipped.iloc[0]
        title = (f"{label}: of {len(phases)} plants and phases with a start year, {len(slipped)} with a later start than "
                 f"first announced: {capacity.short_name(worst['facility']).split(' (')[0]}, {worst['first_announced_year']} "
                 f"to {worst['latest_announced_year']}")
    takeaway = ("Each dot is one statement of a start year, at the year it gives (hover for who said it, and when); a "
                "line joins a plant's first and latest start year where they differ. A diamond is a first plan that a "
                "later source reports. A start year in the past is as stated then: the data may hold no later word.")
    return finding("capacity-starts", frame, d, figures.start_timeline, title=title, takeaway=takeaway,
                   latest=_span(frame), subtitle=f"{label}: announced start year of each plant and phase "
                                                 "· confirmed or secondary sources")


# --- 3. China's quotas beside USGS mine production --------------------------------------------------


def quota_frame(d: Datasets) -> pd.DataFrame:
    return china_quotas.quotas_beside_production(d["china_quotas"], d["production"], editions.order(d["editions"]))


def quota_scope_note(d: Datasets) -> str:
    """The notices' own caveats on what the quotas cover, from the rows that state them."""
    notes = china_quotas.quota_series(d["china_quotas"])["scope_notes"]
    seen = list(dict.fromkeys(n for joined in notes if joined for n in joined.split(" | ")))
    return " ".join(seen)


def _years(years) -> str:
    years = sorted(int(y) for y in years)
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def usgs_basis_note(frame: pd.DataFrame) -> str:
    """What USGS's China figure is in each year, from the production rows' basis: the official quota, or its estimate."""
    quota = frame[frame["usgs_basis"] == "official_quota"]["year"]
    estimated = frame[frame["usgs_basis"] == "estimated"]["year"]
    parts = []
    if len(quota):
        parts.append(f"For {_years(quota)} USGS gives China's official quota as its mine production")
    if len(estimated):
        parts.append(f"for {_years(estimated)} its figure is an estimate")
    return ("; ".join(parts) + ".") if parts else ""


def quotas(d: Datasets) -> Finding:
    frame = quota_frame(d)
    mining = frame.dropna(subset=["mining_quota_t_reo"])
    first, last = mining.iloc[0], mining.iloc[-1]
    unpublished = frame[~frame["mining_quota_published"].fillna(True).astype(bool)]["year"].tolist()
    title = (f"China's mining quota rose from {first['mining_quota_t_reo']:,.0f} t in {first['year']} to "
             f"{last['mining_quota_t_reo']:,.0f} t in {last['year']}")
    if unpublished:
        title += f"; the {', '.join(map(str, unpublished))} quotas were issued, not published"
    q = d["china_quotas"]
    p = d["production"]
    rows = pd.concat([q[q["status"].isin(capacity.CHARTABLE)],
                      p[(p["iso3"] == "CHN") & p["edition"].isin(frame["usgs_edition"].dropna())
                        & p["year"].isin(frame["year"])]])
    takeaway = ("The quotas cover ore mined in China, not imported feedstock, so they are not China's processing "
                f"capacity. {usgs_basis_note(frame)} " + quota_scope_note(d))
    return finding("china-quotas", frame, d, figures.quota_lines, source_rows=rows, title=title, takeaway=takeaway.strip(),
                   latest=str(int(frame["year"].max())),
                   subtitle="Mining and smelting & separation quotas, and USGS mine production, t REO a year")


def china_output(d: Datasets) -> pd.DataFrame:
    """China's reported output: production in a year, not capacity, as the only national figures found."""
    return capacity_lists.china_reported_output(d["capacity"])


# --- 4. India's line ---------------------------------------------------------------------------


INDIA_LEFT_OUT = ("feed_preparation",)


def india_frame(d: Datasets) -> pd.DataFrame:
    """India's figures that may be charted, in refining, metal and magnets (feed preparation and feedstock figures,
    which are not output, stay in the table)."""
    rows = capacity_lists.india_line(d["capacity"])
    return rows[rows["shown_as"].eq("fact") & ~rows["stage"].isin(INDIA_LEFT_OUT)
                & ~rows["measure"].eq("feedstock_capacity")].reset_index(drop=True)


def india(d: Datasets) -> Finding:
    f = d["capacity"]
    frame = india_frame(d)
    indian = f[f["country"] == INDIA_COUNTRY]
    built = capacity.built_now(indian)
    built = built[(built["stage"] == "magnet") & (built["unit"] == DEFAULT_UNIT)]
    running = capacity.operating_now(indian)
    running = running[(running["stage"] == "magnet") & (running["unit"] == DEFAULT_UNIT)]
    target = capacity.stated_totals(indian, "magnet", measure="output_target")
    target = target[target["unit"] == DEFAULT_UNIT]
    has = (f"{built['value'].sum():,.0f} t/yr of magnet capacity built" if not built.empty else "no magnet plant built")
    if not built.empty and running.empty:
        has += ", none of it in operation yet"
    title = f"India has {has}" + (f", against a {target['value'].iloc[0]:,.0f} t/yr target" if not target.empty else "")
    unverified = capacity_lists.india_line(f)
    unverified = unverified[unverified["shown_as"] == "unverified"]
    kept_out = "; ".join(f"{r.facility}: {r.value_as_published} {r.unit}" for r in unverified.itertuples())
    takeaway = ("Capacity, output and targets are drawn apart and never added; each panel is one stated unit."
                + (f" Unverified, not charted: {kept_out}." if kept_out else ""))
    return finding("india-capacity", frame, d, figures.india_panels, title=title, takeaway=takeaway, latest=_span(frame),
                   subtitle="India's stated capacity, output and targets, refining to magnets, each in its own unit")


# --- what the data cannot answer ---------------------------------------------------------------------


def unanswered(d: Datasets) -> list[str]:
    """What could not be found, in words, each from the rows that show it missing."""
    f = d["capacity"]
    china = f[f["iso3"] == "CHN"]
    items = []
    sep = capacity.stated_totals(china, "separation", measure="output_capacity")
    plants = capacity.operating_now(china)
    plants = plants[plants["stage"] == "separation"]
    found = [f"{r.facility} ({r.value_as_published} {r.unit}, {r.stated_on})" for r in sep.itertuples()]
    found += [f"{r.facility} ({r.value_as_published} {r.unit}, {r.stated_on})" for r in plants.itertuples()]
    items.append("China's total separation capacity: no national figure was found. The quotas cap domestic ore, not "
                 "processing capacity" + (f"; the figures found cover parts only: {'; '.join(found)}." if found else "."))
    output = capacity_lists.china_reported_output(f)
    magnets = output[(output["stage"] == "magnet") & (output["scope"] == "area_total")].sort_values("applies_year")
    listed = capacity.mark_for_chart(china[(china["stage"] == "magnet") & (china["measure"] == "output_capacity")])
    weak = listed[listed["shown_as"] == "unverified"]
    text = "China's magnet capacity, as opposed to its output: no national capacity figure from a credible source."
    if not magnets.empty:
        last = magnets.iloc[-1]
        text += (f" The national figure is output: {last['value_as_published']} {last['unit'].removesuffix('/yr')} "
                 f"in {last['applies_year']} ({last['status']}).")
    companies = capacity.chartable(china[china["stage"] == "magnet"])
    if not companies.empty:
        text += (" Plant and company figures found, never added up into a national one: " + "; ".join(
            f"{capacity.short_name(r.facility)} {r.value_as_published} {r.unit} ({r.stated_on})"
            for r in companies.itertuples()) + ".")
    if not weak.empty:
        text += f" A capacity figure for listed companies ({weak.iloc[0]['value_as_published']}) is unverified."
    items.append(text)
    missing = capacity_lists.facilities_without_figures(f)
    if not missing.empty:
        items.append("Facilities with no stated capacity figure: " + "; ".join(
            f"{r.facility} ({r.country}, {r.facility_status.replace('_', ' ')}: {r.value_as_published})"
            for r in missing.itertuples()) + ".")
    return items


def all_figures(d: Datasets) -> pd.DataFrame:
    """Every figure as stated, with how a chart may show it (fact, unverified, no number)."""
    cols = ["facility", "company", "country", "scope", "stage", "measure", "basis", "phase", "value_as_published", "unit",
            "facility_status", "expected_start", "stated_on", "status", "shown_as", "source_id"]
    return capacity.mark_for_chart(d["capacity"])[cols]


CAPACITY = Spec("capacity", "Refining and magnet capacity by country", NEEDS, by_country)
STARTS = Spec("capacity-starts", "Announced start dates of plants", NEEDS, starts)
QUOTAS = Spec("china-quotas", "China's quotas and mine production", QUOTA_NEEDS, quotas)
INDIA = Spec("india-capacity", "India's refining and magnet line", NEEDS, india)
