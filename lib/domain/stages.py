"""Supply-chain stages as the charts read them: the groups of one edition and year in chain order, each
country's share of a stage, and what the source leaves unassigned."""

from __future__ import annotations

import pandas as pd

from lib.domain.numbers import as_float, is_in
from lib.domain.shares import concentration, share_of_world

GROUP = ["stage", "edition", "year", "case"]
UNASSIGNED = "Not itemised by the source"
# Below this many percentage points, what the source leaves unassigned is rounding, not a gap worth a bar.
UNASSIGNED_MIN_PCT = 0.5


def chain_order(stages: pd.DataFrame) -> list[str]:
    """The stages in the order the schema lists them (mine to magnet)."""
    return list(stages.attrs.get("labels", {}).get("stage", {})) or list(dict.fromkeys(stages["stage"]))


def with_labels(frame: pd.DataFrame, stages: pd.DataFrame) -> pd.DataFrame:
    """`frame` with a stage_label column, from the labels the schema gives the stage column."""
    labels = stages.attrs.get("labels", {}).get("stage", {})
    return frame.assign(stage_label=frame["stage"].map(lambda s: labels.get(s, s)))


def in_chain_order(frame: pd.DataFrame, stages: pd.DataFrame) -> pd.DataFrame:
    order = {s: i for i, s in enumerate(chain_order(stages))}
    case = frame["case"].map({"actual": 0, "projection": 1}) if "case" in frame else 0
    key = frame["stage"].map(order).fillna(len(order))
    return frame.assign(_s=key, _c=case).sort_values(["_s", "_c", "year"], kind="stable").drop(columns=["_s", "_c"])


def chosen(stages: pd.DataFrame, edition: str, year: int, stated_only: tuple[str, ...]) -> pd.DataFrame:
    """The rows of one edition and year, plus the stages whose only figure is a stated share (magnet making,
    from a commentary rather than the IEA's tables)."""
    rows = stages[(stages["edition"] == edition) & (stages["year"] == year)]
    extra = stages[stages["stage"].isin(stated_only)]
    return pd.concat([rows, extra], ignore_index=True)


def stated_share_stages(stages: pd.DataFrame) -> tuple[str, ...]:
    """Stages for which no row has a tonnage: the source states only a share."""
    has_tonnes = stages.groupby("stage")["supply_kt"].apply(lambda s: s.notna().any())
    return tuple(str(s) for s, has in has_tonnes.items() if not has)


def concentration_by_stage(rows: pd.DataFrame, stages: pd.DataFrame) -> pd.DataFrame:
    conc = concentration(rows, by=GROUP)
    return with_labels(in_chain_order(conc, stages), stages).reset_index(drop=True)


def country_shares(rows: pd.DataFrame, stages: pd.DataFrame) -> pd.DataFrame:
    """Each country's share of its stage group: of the source's world row where it has tonnages, else the
    share it states; plus one 'unassigned' row per group for what the shares leave, never spread over
    countries. World rows are left out (they are the denominator)."""
    keys = [k for k in GROUP if k in rows]
    d = share_of_world(rows, "supply_kt", keys, out_col="_of_world")
    stated = as_float(d["share_pct"]) if "share_pct" in d else pd.Series(float("nan"), index=d.index)
    d["share_pct"] = d["_of_world"].where(d["_of_world"].notna(), stated)
    d = d[~is_in(d, "entity_type", "world") & d["share_pct"].notna()].drop(columns="_of_world")
    rest = (100 - d.groupby(keys, dropna=False)["share_pct"].sum()).clip(lower=0)
    rest = rest[rest > UNASSIGNED_MIN_PCT].rename("share_pct").reset_index()
    if len(rest):
        firsts = d.drop_duplicates(keys)[keys + [c for c in ("scope", "scenario") if c in d]]
        rest = rest.merge(firsts, on=keys, how="left").assign(country=UNASSIGNED, entity_type="unassigned")
        d = pd.concat([d, rest], ignore_index=True)
    return with_labels(in_chain_order(d, stages), stages).reset_index(drop=True)
