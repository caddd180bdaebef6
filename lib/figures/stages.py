"""Supply-chain stages, mine to magnet: how concentrated each is, and who supplies it. Projections hatched."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.figures.access import ink_on, patterns
from lib.figures.layout import empty_figure, finish, hover, legend_key, nothing
from lib.figures.text import br, column, esc, flag, pct
from lib.figures.theme import MUTED, OTHER_GREY, SERIES_DARK, SERIES_LIGHT, SMALL_SIZE, colour_for


def stage_label(r) -> str:
    """The x label of a stage group: the stage's label, its year, and 'projection' where it is one."""
    label = f"{r.get('stage_label') or r['stage']}<br>{int(r['year'])}"
    if r.get("case") == "projection":
        scenario = r.get("scenario") if isinstance(r.get("scenario"), str) and r.get("scenario") else None
        label += f"<br><i>projection, {esc(scenario)}</i>" if scenario else "<br><i>projection</i>"
    return label


def _projection_style(is_proj: list[bool]) -> dict:
    # overlay: the bar keeps its colour and the hatching is drawn on top of it.
    return dict(pattern=dict(shape=["/" if p else "" for p in is_proj], fillmode="overlay", fgcolor="white", solidity=0.3),
                opacity=[0.65 if p else 1.0 for p in is_proj])


def stage_concentration(conc: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """Top-1 and top-3 country shares per stage group, in the frame's order, HHI in the label.

    Takes lib.domain.shares.concentration() output (with a stage_label column). Projections are hatched,
    lighter and labelled.
    """
    if nothing(conc):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d = conc.reset_index(drop=True)
    x = [stage_label(r) for _, r in d.iterrows()]
    proj = list(d["case"] == "projection") if "case" in d else [False] * len(d)
    top1, top3, hhi = (pd.to_numeric(d[c], errors="coerce").astype("float64") for c in ("top_share_pct", "top3_share_pct", "hhi"))
    residual = flag(d, "residual_excluded")
    fig = go.Figure()
    fig.add_trace(go.Bar(**hover(dict(
        x=x, y=top1, name="Largest country", offsetgroup="top1",
        marker=dict(color=SERIES_DARK) | _projection_style(proj),
        text=[f"{esc(c)} {pct(v)}" if pd.notna(v) else "" for c, v in zip(d["top_country"], top1, strict=True)],
        textposition="outside", cliponaxis=False,
    ), [f"<b>{lbl}</b><br>Largest: {esc(c)} {pct(v, 1)}<br>{br(n)}"
        for lbl, c, v, n in zip(x, d["top_country"], top1, column(d, "note"), strict=True)])))
    hhi_text = [("" if pd.isna(h) else f"HHI {'≥ ' if r else ''}{h:,.0f}") for h, r in zip(hhi, residual, strict=True)]
    fig.add_trace(go.Bar(**hover(dict(
        x=x, y=top3, name="Top 3 countries", offsetgroup="top3",
        marker=dict(color=SERIES_LIGHT) | _projection_style(proj),
        text=[f"{pct(v)}<br>{h}" if pd.notna(v) else "" for v, h in zip(top3, hhi_text, strict=True)],
        textposition="outside", cliponaxis=False,
    ), [f"<b>{lbl}</b><br>Top 3: {pct(v, 1)}<br>{h}" for lbl, v, h in zip(x, top3, hhi_text, strict=True)])))
    missing = [lbl for lbl, v, t in zip(x, top3, top1, strict=True) if pd.isna(v) and pd.notna(t)]
    if missing:
        fig.add_trace(go.Scatter(x=missing, y=[1] * len(missing), mode="text", showlegend=False, hoverinfo="skip",
                                 offsetgroup="top3", text=["top 3, HHI:<br>not<br>published"] * len(missing),
                                 textposition="top center", textfont=dict(size=SMALL_SIZE, color=MUTED)))
    if any(proj):
        legend_key(fig, "projection (hatched)", symbol="square", color=SERIES_LIGHT, opacity=0.6)
    fig.update_layout(barmode="group", bargap=0.3, scattermode="group",
                      yaxis=dict(title=dict(text="% of world supply"), range=[0, 115], tickvals=[0, 25, 50, 75, 100]),
                      xaxis=dict(title=None, showline=False, ticks=""))
    return finish(fig, title, subtitle, source)


def stage_country_shares(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """100% stacked bars per stage group: each row's `share_pct`, as given (lib.domain.stages computes
    them, and the 'unassigned' rows for what the source leaves unassigned), groups in the frame's order."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d = df[df["share_pct"].notna()].copy()
    if d.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d["_x"] = [stage_label(r) for _, r in d.iterrows()]
    d["_share"] = pd.to_numeric(d["share_pct"], errors="coerce").astype("float64")
    x_order = list(dict.fromkeys(d["_x"]))
    proj_of = {lbl: "projection" in lbl for lbl in x_order}
    countries = d[d["entity_type"] == "country"].groupby("country")["_share"].sum().sort_values(ascending=False).index
    names = [*countries, *d.loc[d["entity_type"] == "other", "country"].unique()]
    colours = [colour_for(n, d[d["country"] == n]["entity_type"].iloc[0]) for n in names]
    fig = go.Figure()
    # Segments whose colours some viewers cannot tell apart also differ in pattern; projections are lighter and
    # say so under their bar (a hatch would take the pattern's place).
    for name, colour, pattern in zip(names, colours, patterns(colours), strict=True):
        g = d[d["country"] == name]
        fig.add_trace(go.Bar(**hover(dict(
            x=g["_x"], y=g["_share"], name=name,
            marker=dict(color=colour, opacity=[0.65 if proj_of[v] else 1.0 for v in g["_x"]],
                        pattern=dict(shape=pattern, fillmode="overlay", fgcolor=ink_on(colour), solidity=0.25)),
            text=[f"{esc(name)} {v:.0f}%" if v >= 8 else "" for v in g["_share"]], textposition="inside",
            insidetextanchor="middle", insidetextfont=dict(color=ink_on(colour)),
        ), [f"<b>{esc(name)}</b><br>{lbl}<br>{v:.1f}% of world" for lbl, v in zip(g["_x"], g["_share"], strict=True)])))
    rest = d[d["entity_type"] == "unassigned"]
    rest_texts = [f"{lbl}<br>{v:.1f}%: 100% minus the shares the source gives"
                  for lbl, v in zip(rest["_x"], rest["_share"], strict=True)]
    if len(rest):
        fig.add_trace(go.Bar(**hover(dict(
            x=rest["_x"], y=rest["_share"], name=str(rest["country"].iloc[0]),
            marker=dict(color="white", line=dict(color=OTHER_GREY, width=1.5), pattern=dict(shape=".", fgcolor=OTHER_GREY)),
        ), rest_texts)))
    fig.update_layout(barmode="stack", bargap=0.35, legend=dict(traceorder="normal"),
                      xaxis=dict(title=None, categoryorder="array", categoryarray=x_order, showline=False, ticks=""),
                      yaxis=dict(title=dict(text="% of world supply"), range=[0, 100.5], tickvals=[0, 25, 50, 75, 100]))
    return finish(fig, title, subtitle, source)
