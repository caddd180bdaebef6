"""The order of editions, read from the editions table: a later publication supersedes an earlier one."""

from __future__ import annotations

import pandas as pd


def order(editions: pd.DataFrame, among=None) -> list[str]:
    """Edition codes from oldest to newest publication; only those in `among` if given."""
    ordered = editions.sort_values(["published", "edition"], kind="stable")["edition"].astype(str).tolist()
    if among is None:
        return ordered
    wanted = {str(e) for e in pd.Series(among).dropna()}
    return [e for e in ordered if e in wanted]


def newest_first(editions: pd.DataFrame, among) -> list[str]:
    return order(editions, among)[::-1]


def title(editions: pd.DataFrame, edition: str) -> str:
    """The edition's title as charts name it ('Mineral Commodity Summaries 2026')."""
    row = editions[editions["edition"] == edition]
    return str(row["title"].iloc[0]) if not row.empty else str(edition)


def rank(values: pd.Series, order: list[str]) -> pd.Series:
    """Each row's position in `order`; an edition not in it is an error, never a guess."""
    unknown = sorted(set(values.dropna().astype(str)) - set(order))
    if unknown:
        # Guessing where an unknown edition sits could silently pick a superseded value.
        raise ValueError(f"Unknown edition(s) {unknown}; add them to data/editions.csv first.")
    return values.astype(str).map({e: i for i, e in enumerate(order)}).astype("int64")
