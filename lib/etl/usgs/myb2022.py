"""Minerals Yearbook 2022, Table 8 (usgs-myb2022): world mine production by country, 2018-2022."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import openpyxl

from lib.etl.usgs.files import RAW_FILES
from lib.etl.usgs.names import harmonise, split_label
from lib.etl.usgs.rows import production_row
from lib.etl.usgs.values import join_notes, markers, parse_value, xlsx_text

MYB_BASIS_BY_FOOTNOTE = {
    "3": "official_quota",  # 'Official production quota. Illegal production could not be quantified.'
    "5": "reo_content_of_exports",  # 'Rare-earth oxide content of exports.'
}


def read_myb2022(raw: Path) -> list[dict]:
    with warnings.catch_warnings():
        # the workbook's print area for sheet T7 is not understood by openpyxl; T8 is unaffected
        warnings.filterwarnings("ignore", message="Print area cannot be set", category=UserWarning)
        wb = openpyxl.load_workbook(raw / RAW_FILES["myb2022"])
    ws = wb["T8"]
    header = next(
        r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("Country or locality")
    )
    year_cols = [
        (c, int(ws.cell(header, c).value))
        for c in range(2, ws.max_column + 1)
        if isinstance(ws.cell(header, c).value, int)
    ]
    footnotes, body = {}, []
    for r in range(header + 1, ws.max_row + 1):
        text = xlsx_text(ws.cell(r, 1))
        if not text:
            continue
        m = re.fullmatch(r"(\d+)(\D.*)", text)
        if m:
            footnotes[m.group(1)] = m.group(2).strip()
        elif not text.startswith("eEstimated"):
            body.append(r)
    out = []
    for r in body:
        name, row_markers = split_label(xlsx_text(ws.cell(r, 1)))
        entity = harmonise(name)[2]
        for col, year in year_cols:
            printed = xlsx_text(ws.cell(r, col))
            cell_markers = markers(xlsx_text(ws.cell(r, col + 1)))
            marks = row_markers + cell_markers
            _, status = parse_value(printed, total=(entity == "world"))
            estimated = "e" in marks
            notes = []
            if entity == "world":
                # fn 1: 'totals may include estimated data. Totals ... are rounded to no more than three
                # significant digits; may not add to totals shown.'
                notes.append(footnotes["1"])
                # fn 2: countries that may have produced but were not estimated, so the total leaves them out.
                notes.append(footnotes["2"])
            if "r" in marks:
                notes.append("Revised.")
            notes += [footnotes[m] for m in marks if m.isdigit()]
            basis = next((MYB_BASIS_BY_FOOTNOTE[m] for m in marks if m in MYB_BASIS_BY_FOOTNOTE), None)
            if basis is None:
                # fn 1: 'All data are reported unless otherwise noted'; a total is a sum that includes estimates.
                basis = "estimated" if (estimated or entity == "world") else "reported"
            out.append(
                production_row("MYB2022", name, year, printed, estimated, basis, join_notes(notes), "usgs-myb2022")
            )
    return out
