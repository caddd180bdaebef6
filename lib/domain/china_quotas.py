"""China's mining and smelting & separation quotas by year, and beside USGS's China mine production.

The quotas cap ore mined in China, not imported feedstock: they are not China's processing capacity, and nothing is
computed between a quota and USGS's production figure.
"""

from __future__ import annotations

import pandas as pd

from lib.domain.capacity import CHARTABLE, LABEL_RANK
from lib.domain.usgs import latest_production


def quota_series(quotas: pd.DataFrame) -> pd.DataFrame:
    """One row per year and quota type: the best-labelled source's figure (or its 'not published'), the number of
    sources and whether the chartable sources agree. Raises ValueError if two chartable sources give different
    numbers for the same year, since a chart cannot pick between them silently."""
    rows = quotas[quotas["status"].isin(CHARTABLE)]
    out = []
    for (year, kind), group in rows.groupby(["year", "quota_type"], sort=True):
        values = set(group["quota_t_reo"].dropna().astype(float))
        if len(values) > 1:
            raise ValueError(f"sources disagree on the {year} {kind} quota: {sorted(values)}")
        best = group.assign(_r=group["status"].map(LABEL_RANK), _v=group["quota_t_reo"].isna()).sort_values(["_v", "_r"]).iloc[0]
        out.append({
            "year": int(year), "quota_type": kind, "quota_t_reo": best["quota_t_reo"], "value_status": best["value_status"],
            "status": best["status"], "source_id": best["source_id"], "n_sources": len(group),
            "scope_notes": " | ".join(n for n in group["scope_note"].dropna() if n),
        })
    frame = pd.DataFrame(out)
    if not frame.empty:
        frame["quota_t_reo"] = frame["quota_t_reo"].astype("Float64")
    return frame


def quotas_beside_production(
    quotas: pd.DataFrame, production: pd.DataFrame, order: list[str], *, iso3: str = "CHN"
) -> pd.DataFrame:
    """Per year: China's mining and smelting & separation quotas beside USGS mine production for China from the latest
    edition that covers the year, by ``order`` (edition codes oldest first: ``editions.order(d["editions"])``; USGS
    reports China's official quota as its production). Years with only one side appear with the other empty; nothing
    is computed between the two."""
    series = quota_series(quotas)
    wide = {}
    for kind in ("mining", "smelting_separation"):
        part = series[series["quota_type"] == kind].set_index("year")
        wide[f"{kind}_quota_t_reo"] = part["quota_t_reo"]
        wide[f"{kind}_quota_status"] = part["status"]
        wide[f"{kind}_quota_published"] = part["value_status"].eq("value")
        wide[f"{kind}_quota_source_id"] = part["source_id"]
    left = pd.DataFrame(wide)
    usgs = latest_production(production[production["iso3"].eq(iso3)], order)
    right = usgs.set_index("year")[["mine_production_t_reo", "edition", "basis"]].rename(
        columns={"mine_production_t_reo": "usgs_mine_production_t_reo", "edition": "usgs_edition", "basis": "usgs_basis"}
    )
    out = left.join(right, how="outer")
    out.index = out.index.astype(int)
    return out.rename_axis("year").reset_index()
