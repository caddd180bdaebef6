"""Data Series 140 (usgs-ds140): world production 1900-2020."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from lib.etl.usgs.files import RAW_FILES
from lib.etl.usgs.rows import production_row
from lib.etl.usgs.values import xlsx_text

# The workbook's embedded notes define the column; the sheet footer gives the status of its data.
DS140_NOTE = (
    "World production data were for REO equivalent content of ores produced. "
    "Data are calculated, estimated, or reported."
)


def read_ds140(raw: Path) -> list[dict]:
    wb = openpyxl.load_workbook(raw / RAW_FILES["ds140"], data_only=False)
    ws = wb["Rare earths"]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Year")
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(header, c).value == "World production")
    out = []
    for r in range(header + 1, ws.max_row + 1):
        year = ws.cell(r, 1).value
        if not isinstance(year, int):
            break
        out.append(
            production_row(
                "DS140",
                "World total",
                year,
                xlsx_text(ws.cell(r, col)),
                False,
                "estimated",
                DS140_NOTE,
                "usgs-ds140",
                rounded_total=False,
            )
        )  # a series, not a table total labelled as rounded
    return out
