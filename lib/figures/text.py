"""Text inside figures: escaped (plotly reads '<' as markup), wrapped (plotly does not wrap), formatted."""

from __future__ import annotations

import html
import textwrap

import pandas as pd

# Characters per line. These fit a plot area about 700 px wide (a 1280 px screen with the sidebar
# open), so they also fit the 1280 px slide.
TITLE_WRAP, SUBTITLE_WRAP, SOURCE_WRAP = 60, 80, 100


def missing(x) -> bool:
    return x is None or (not isinstance(x, str) and pd.isna(x))


def esc(text) -> str:
    # Data text may hold '<' or '>' ('>90,000,000'), which plotly would read as markup.
    return "" if missing(text) else html.escape(str(text), quote=False)


def wrap_lines(text, width: int) -> list[str]:
    """Escaped lines of at most `width` characters, keeping the text's own line breaks."""
    if missing(text) or not str(text).strip():
        return []
    return [esc(line) for para in str(text).split("\n") for line in (textwrap.wrap(para, width) or [""])]


def br(text, width: int = 60) -> str:
    return "<br>".join(wrap_lines(text, width))


def true(x) -> bool:
    return x is not None and not pd.isna(x) and bool(x)


def number(x) -> float:
    return float("nan") if x is None or pd.isna(x) else float(x)


def tonnes(v) -> str:
    return "not available" if pd.isna(v) else f"{v:,.0f} t"


def short_tonnes(v) -> str:
    if pd.isna(v):
        return ""
    if v >= 1e6:
        return f"{v / 1e6:.3g} Mt"
    return f"{v / 1e3:.3g} kt" if v >= 1e3 else f"{v:,.0f} t"


def pct(v, digits: int = 0) -> str:
    return "" if pd.isna(v) else f"{v:.{digits}f}%"


def column(df: pd.DataFrame, col: str) -> pd.Series:
    """A text column with '' for missing (and for an absent column)."""
    if col not in df:
        return pd.Series("", index=df.index, dtype="object")
    return df[col].astype("object").where(df[col].notna(), "")


def flag(df: pd.DataFrame, col: str) -> pd.Series:
    if col not in df:
        return pd.Series(False, index=df.index)
    return df[col].astype("object").fillna(False).astype(bool)


def label_lines(text, width: int, lines: int = 2) -> str:
    """A tick label in at most `lines` lines of about `width` characters (the rest shortened), escaped: a long name
    in one line would take the plot's width away from the title and the data."""
    parts = textwrap.wrap(str(text), width) or [""]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], textwrap.shorten(" ".join(parts[lines - 1 :]), width, placeholder="…")]
    return "<br>".join(esc(p) for p in parts)


def shorten(text, width: int) -> str:
    return esc(textwrap.shorten(str(text), width, placeholder="…"))


ASSUMPTIONS = "Assumptions, not data"


def assumed(line) -> bool:
    """Whether a scenario's footnote line is an assumption (the model words them 'Assumption…'), not data."""
    return str(line).startswith("Assumption")


def assumption_note(lines) -> str:
    """A scenario's footnote in one paragraph: its assumptions under one label, then what is data under another,
    for a figure, a page and a slide."""
    def plain(line: str) -> str:
        rest = str(line).removeprefix("Assumption: ")
        return rest[:1].upper() + rest[1:]

    parts = []
    if made := [plain(line) for line in lines if assumed(line)]:
        parts.append(f"{ASSUMPTIONS}: " + " ".join(made))
    if read := [str(line) for line in lines if not assumed(line)]:
        parts.append("Data: " + " ".join(read))
    return " ".join(parts)
