"""Capacity charts: plants by country and status in one unit, announced start dates, China's quotas beside its mine
production, India's figures panel by panel. Each draws the frame lib.specs.capacity gives it and adds nothing up."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lib.domain.capacity import short_name
from lib.figures.access import ink_on
from lib.figures.layout import empty_figure, finish, hover, legend_key, nothing
from lib.figures.text import column, esc, label_lines
from lib.figures.theme import MUTED, NA_GREY, SERIES_DARK, SERIES_LIGHT, SMALL_SIZE

# Dark to light: what runs now reads as solid, what is only planned as faint; each also has its own pattern, so the
# status reads without colour.
STATUS_STYLE = {
    "in operation": ("#2F4B7C", ""),
    "commissioning": ("#4F7CAC", "."),
    "under construction": ("#8FB3D9", "/"),
    "planned": ("#D6E4F2", "x"),
}
ROW_PX = 36


def _tall(n_rows: int, base: int = 260) -> int:
    return max(620, base + ROW_PX * n_rows)


def status_bars(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """Horizontal bars, one per country, stacked by status from each plant's rows (capacity_stack); the country's
    total (given in the frame) printed at the end of its bar."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    unit = str(df["unit"].iloc[0])
    countries = list(dict.fromkeys(df["country"]))[::-1]  # largest at the top
    fig = go.Figure()
    for segment, (colour, pattern) in STATUS_STYLE.items():
        g = df[df["segment"] == segment]
        if g.empty:
            continue
        texts = [f"<b>{esc(r.facility)}</b><br>{esc(r.country)} · {segment}: {r.capacity:,.0f} {esc(unit)}"
                 f"<br>Stated {esc(r.stated_on)} ({esc(r.status)}), status as stated: {esc(r.facility_status).replace('_', ' ')}"
                 + (f"<br>Start as stated: {esc(r.expected_start)}" if isinstance(r.expected_start, str) else "")
                 for r in g.itertuples()]
        fig.add_trace(go.Bar(**hover(dict(
            y=g["country"], x=g["capacity"].astype("float64"), orientation="h", name=segment,
            marker=dict(color=colour, line=dict(color=SERIES_DARK, width=1),
                        pattern=dict(shape=pattern, fgcolor=ink_on(colour), solidity=0.2)),
        ), texts)))
    totals = df.drop_duplicates("country")
    fig.add_trace(go.Scatter(y=totals["country"], x=totals["country_total"].astype("float64"), mode="text",
                             text=[f"  {esc(v)}" for v in totals["country_total_as_stated"]], textposition="middle right",
                             textfont=dict(color=MUTED, size=SMALL_SIZE), showlegend=False, hoverinfo="skip",
                             cliponaxis=False))
    fig.update_layout(barmode="stack", bargap=0.35, height=_tall(len(countries)),
                      yaxis=dict(categoryorder="array", categoryarray=countries, showgrid=False, title=None),
                      xaxis=dict(title=dict(text=unit), showgrid=True, gridcolor="#E6E6E6", rangemode="tozero",
                                 tickformat=","),
                      legend=dict(traceorder="normal"))
    return finish(fig, title, subtitle, source)


LABEL_CHARS = 30


def _plant_label(r) -> str:
    """The plant's name in a line or two, and its phase whole on a line of its own: two phases of one plant are two
    rows."""
    name = short_name(r["facility"])
    phase = r["phase"] if isinstance(r["phase"], str) and r["phase"] else ""
    if not phase:
        return label_lines(name, LABEL_CHARS)
    return f"{label_lines(name, LABEL_CHARS, lines=1)}<br>· {esc(phase)}"


def start_timeline(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """One row per plant and phase: a dot at each announced start year (hover: when and by whom it was stated),
    a diamond for an original plan a later source reports, and a line from first to latest where they differ."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d = df.copy()
    d["_y"] = [_plant_label(r) for _, r in d.iterrows()]
    d = d.sort_values(["latest_announced_year", "first_announced_year", "_y"], na_position="last", kind="stable")
    rows = list(dict.fromkeys(d["_y"]))[::-1]
    fig = go.Figure()
    slipped = d[d["slip_years"].fillna(0) > 0].drop_duplicates(["facility_id", "phase"])
    for _, r in slipped.iterrows():
        fig.add_trace(go.Scatter(x=[int(r["first_announced_year"]), int(r["latest_announced_year"])], y=[r["_y"]] * 2,
                                 mode="lines", line=dict(color="#D55E00", width=3), showlegend=False, hoverinfo="skip"))
    if not slipped.empty:
        legend_key(fig, "later than first announced", symbol="line-ew", color="#D55E00",
                   line=dict(width=3, color="#D55E00"))
    styles = {"announced": ("circle", SERIES_DARK, "announced start"),
              "original, as reported later": ("diamond-open", SERIES_DARK, "first plan, reported later")}
    for kind, (symbol, colour, name) in styles.items():
        g = d[d["kind"] == kind]
        if g.empty:
            continue
        texts = [f"<b>{esc(r['facility'])}</b>{' · ' + esc(r['phase']) if r['phase'] else ''}<br>{esc(r['country'])}"
                 f"<br>Start {int(r['start_year'])}: “{esc(r['start_as_stated'])}”<br>Stated {esc(r['stated_on'])} "
                 f"({esc(r['status'])})" for _, r in g.iterrows()]
        fig.add_trace(go.Scatter(**hover(dict(
            x=g["start_year"].astype(int), y=g["_y"], mode="markers", name=name,
            marker=dict(symbol=symbol, size=12, color=colour, line=dict(width=2, color=colour)),
        ), texts)))
    fig.update_layout(height=_tall(len(rows), base=240), showlegend=True,
                      yaxis=dict(categoryorder="array", categoryarray=rows, showgrid=True, gridcolor="#F0F0F0", title=None,
                                 tickfont=dict(size=SMALL_SIZE), tickmode="array", tickvals=rows, ticktext=rows),
                      xaxis=dict(title=dict(text="Announced start year"), dtick=1, showgrid=True, gridcolor="#E6E6E6"))
    return finish(fig, title, subtitle, source)


def quota_lines(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """The two quotas as bars and USGS mine production as a line, by year; a year whose quota was issued but not
    published is marked in words at the foot of its column, with no bar."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    years = df["year"].astype(int)
    fig = go.Figure()
    for col, name, colour, pattern in (("mining_quota_t_reo", "Mining quota", SERIES_DARK, ""),
                                       ("smelting_separation_quota_t_reo", "Smelting & separation quota", SERIES_LIGHT, "/")):
        values = pd.to_numeric(df[col], errors="coerce").astype("float64")
        status = column(df, col.replace("_t_reo", "_status"))
        fig.add_trace(go.Bar(**hover(dict(
            x=years, y=values, name=name,
            marker=dict(color=colour, pattern=dict(shape=pattern, fgcolor=ink_on(colour), solidity=0.2)),
        ), [f"<b>{name}, {y}</b><br>" + (f"{v:,.0f} t REO ({esc(s)})" if pd.notna(v) else "issued, not published")
            for y, v, s in zip(years, values, status, strict=True)])))
    usgs = pd.to_numeric(df["usgs_mine_production_t_reo"], errors="coerce").astype("float64")
    fig.add_trace(go.Scatter(**hover(dict(
        x=years, y=usgs, name="USGS mine production", mode="lines+markers",
        line=dict(color="#D55E00", width=3, dash="dot"), marker=dict(size=10, color="#D55E00", symbol="diamond"),
    ), [f"<b>USGS mine production, {y}</b><br>{v:,.0f} t REO ({esc(e)}, {esc(b).replace('_', ' ')})" if pd.notna(v) else ""
        for y, v, e, b in zip(years, usgs, column(df, "usgs_edition"), column(df, "usgs_basis"), strict=True)])))
    hidden = df[~df["mining_quota_published"].fillna(True).astype(bool)]
    if len(hidden):
        fig.add_trace(go.Scatter(x=hidden["year"].astype(int), y=[0] * len(hidden), mode="text", showlegend=False,
                                 hoverinfo="skip", text=["quotas issued,<br>not published"] * len(hidden),
                                 textposition="top center", textfont=dict(size=SMALL_SIZE, color=MUTED)))
    fig.update_layout(barmode="group", bargap=0.25, xaxis=dict(title=None, dtick=1),
                      yaxis=dict(title=dict(text="t REO a year"), rangemode="tozero", tickformat=","))
    return finish(fig, title, subtitle, source)


MEASURE_STYLE = {  # what a figure is, told by colour and pattern at once; names short enough for one legend row
    "output_capacity": ("capacity", SERIES_DARK, ""),
    "reported_output": ("output, not capacity", "#E69F00", "."),
    "output_target": ("target, not capacity", "#FFFFFF", "/"),
}


def _short_name(facility: str) -> str:
    """'Midwest Advanced Materials magnet plant, Hyderabad' -> its part before the comma; a long name that ends in
    its own short form ('... Permanent Magnet (REPM scheme)') -> the short form."""
    name = short_name(facility)
    if name.endswith(")") and len(name) > 40:
        return name[name.rindex("(") + 1 : -1]
    return name


def _what(r) -> str:
    """What a figure is, in a few words: a target's date, an output's year, a capacity's status."""
    if r.measure == "output_target":
        return f"target, {r.applies_to}" if isinstance(r.applies_to, str) else "target"
    if r.measure == "reported_output":
        return f"output, {r.applies_to}" if isinstance(r.applies_to, str) else "output"
    return str(r.facility_status).replace("_", " ")


def _distinct(labels: list[str], dates: list[str]) -> list[str]:
    """Labels that two figures share (two sources' targets for one plant) told apart by the date each was stated, so
    that each is its own bar rather than one drawn over the other."""
    repeated = {x for x in labels if labels.count(x) > 1}
    return [f"{x} (stated {d})" if x in repeated else x for x, d in zip(labels, dates, strict=True)]


def india_panels(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """One panel per stated unit, each with its own axis titled with the unit: a bar per figure, coloured and
    patterned by what it is (capacity, output, target). Nothing is added within or across panels."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    units = list(dict.fromkeys(df["unit"]))
    counts = [int((df["unit"] == u).sum()) for u in units]
    fig = make_subplots(rows=len(units), cols=1, vertical_spacing=0.16, row_heights=counts)
    shown = set()
    for i, unit in enumerate(units, start=1):
        g = df[df["unit"] == unit].iloc[::-1]
        labels = _distinct([label_lines(f"{_short_name(r.facility)}: {_what(r)}", LABEL_CHARS) for r in g.itertuples()],
                           [str(r.stated_on) for r in g.itertuples()])
        for measure, (name, colour, pattern) in MEASURE_STYLE.items():
            keep = [x == measure for x in g["measure"]]
            if not any(keep):
                continue
            part = g[keep]
            fig.add_trace(go.Bar(**hover(dict(
                y=[lbl for lbl, k in zip(labels, keep, strict=True) if k], x=part["value"].astype("float64"),
                orientation="h", name=name, legendgroup=measure, showlegend=measure not in shown,
                marker=dict(color=colour, line=dict(color=SERIES_DARK, width=1.5),
                            pattern=dict(shape=pattern, fgcolor=SERIES_DARK if colour == "#FFFFFF" else ink_on(colour),
                                         solidity=0.2)),
                text=[f"{'≈ ' if a else ''}{v:,.0f}" for v, a in zip(part["value"], part["approximate"].fillna(False),
                                                                      strict=True)],
                textposition="outside", cliponaxis=False, textfont=dict(color=MUTED, size=SMALL_SIZE),
                constraintext="none",
            ), [f"<b>{esc(r.facility)}</b><br>{name}: {esc(r.value_as_published)} {esc(unit)}<br>Status: "
                f"{esc(r.facility_status).replace('_', ' ')}"
                + (f", applies to {esc(r.applies_to)}" if isinstance(r.applies_to, str) else "")
                + f"<br>Stated {esc(r.stated_on)} ({esc(r.status)})" for r in part.itertuples()])), row=i, col=1)
            shown.add(measure)
        fig.update_xaxes(title=dict(text=esc(unit), font=dict(size=SMALL_SIZE, color=MUTED), standoff=4),
                         rangemode="tozero", tickformat=",", showgrid=True, gridcolor="#E6E6E6",
                         tickfont=dict(size=SMALL_SIZE), row=i, col=1)
        # Every bar's label drawn: plotly would skip some in a short panel.
        fig.update_yaxes(showgrid=False, tickfont=dict(size=SMALL_SIZE), tickmode="array", tickvals=labels,
                         ticktext=labels, row=i, col=1)
    fig.update_layout(barmode="overlay", bargap=0.25, legend=dict(traceorder="normal"),
                      height=_tall(len(df) + 2 * len(units), base=220))
    if df["approximate"].fillna(False).any():
        legend_key(fig, "≈ approximate, as stated", symbol="circle-open", color=NA_GREY)
    return finish(fig, title, subtitle, source)
