"""Small numeric helpers shared by the derivations: missing-aware floats, changes, masks."""

from __future__ import annotations

import numpy as np
import pandas as pd


def as_float(series: pd.Series) -> pd.Series:
    """Numbers as plain floats, missing as NaN (nullable Float64/Int64 in, float64 out)."""
    return pd.to_numeric(series, errors="coerce").astype("float64")


def floats(x) -> np.ndarray:
    # Float64/Int64 columns carry pd.NA, which numpy cannot compare; NaN can.
    if np.ndim(x) == 0:
        return np.asarray(np.nan if x is None or pd.isna(x) else float(x), dtype="float64")
    return as_float(pd.Series(np.asarray(x, dtype=object))).to_numpy()


def pct_change(a, b):
    """Percent change from a to b; missing where either is missing or a is zero.

    Works on scalars (returns float) and on Series/arrays (returns the same shape).
    """
    index = b.index if isinstance(b, pd.Series) else a.index if isinstance(a, pd.Series) else None
    a_, b_ = floats(a), floats(b)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where((a_ == 0) | np.isnan(a_) | np.isnan(b_), np.nan, (b_ - a_) / a_ * 100)
    if index is not None:
        return pd.Series(out, index=index)
    return float(out) if out.ndim == 0 else out


def is_in(df: pd.DataFrame, col: str, *values) -> pd.Series:
    """Rows whose `col` is one of `values`; False where the column is missing or absent."""
    if col not in df:
        return pd.Series(False, index=df.index)
    return df[col].isin(values).fillna(False).astype(bool)


def differs(a: pd.Series, b: pd.Series) -> pd.Series:
    """NaN-aware inequality: NA -> number and number -> NA count as changes, NA -> NA does not."""
    a, b = as_float(a), as_float(b)
    return (a.isna() != b.isna()) | (a.notna() & b.notna() & (a != b))


def text(series: pd.Series) -> pd.Series:
    """Text as plain objects, missing as None (for tables shown or downloaded)."""
    return series.astype("object").where(series.notna(), None)
