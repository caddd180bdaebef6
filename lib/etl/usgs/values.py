"""USGS's printed values and notes: markers kept as a missing value plus a flag, never as a number."""

from __future__ import annotations

import re
from decimal import Decimal

# A USGS note that only points to the book's appendix and is attached to every reserves value: not repeated per row.
GENERIC_NOTES = {"See Appendix C for resource and reserve definitions and information concerning data sources."}
NOTE_SEPARATOR = " -- "  # as in the USGS data release's Notes column
_NUMBER = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?")


def parse_value(text: str, *, total: bool = False) -> tuple[Decimal | None, str]:
    """Printed value -> (number or None, value_status). Raises on anything not understood."""
    t = text.strip().replace("\xa0", " ")
    if t == "NA":
        return None, "not_available"
    if t == "W":
        return None, "withheld"
    if t == "E":  # in net-import-reliance rows: net exporter, not 'estimated'
        return None, "net_exporter"
    if t in ("—", "--", "–"):
        return Decimal(0), "zero"
    if t.startswith(">"):
        if not _NUMBER.fullmatch(t[1:].strip()):
            raise ValueError(f"unreadable lower bound {text!r}")
        return None, "lower_bound"
    t = t.removesuffix("%")
    if not _NUMBER.fullmatch(t):
        raise ValueError(f"unreadable value {text!r}")
    return Decimal(t.replace(",", "")), ("rounded" if total else "value")


def fmt_number(value: Decimal | None) -> str:
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def xlsx_text(cell) -> str:
    """The cell as displayed: numbers with the sheet's thousands separator ('#,##0'), text as is."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if "#,##0" in cell.number_format and float(v).is_integer():
            return f"{int(v):,}"
        return str(v)
    return str(v).strip()


def join_notes(parts) -> str:
    seen, out = set(), []
    for p in parts:
        p = " ".join(str(p).replace("\xa0", " ").split())
        if p and p not in seen and p not in GENERIC_NOTES:
            seen.add(p)
            out.append(p)
    return NOTE_SEPARATOR.join(out)


def split_csv_notes(notes: str) -> list[str]:
    return [p.strip() for p in notes.split(" -- ") if p.strip()]


def countries_named_in(sentence: str, pattern: str) -> list[str]:
    """'Reserves for Russia, South Africa, the United States, and Vietnam were revised' -> names."""
    m = re.search(pattern, sentence)
    if not m:
        return []
    names = re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(1))
    return [n.strip().removeprefix("the ").strip() for n in names if n.strip()]


def revision_sentences(text: str) -> list[str]:
    """Sentences of a USGS note that say which values were revised."""
    out = []
    for part in split_csv_notes(text):
        out += [s.strip() for s in re.split(r"(?<=\.)\s+", part) if "revis" in s]
    return out



def markers(*fields: str) -> list[str]:
    """Footnote markers printed beside a value ('e, 4' -> ['e', '4'])."""
    out = []
    for f in fields:
        out += [m.strip() for m in f.split(",") if m.strip()]
    return out
