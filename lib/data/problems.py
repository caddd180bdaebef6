"""What is wrong with a file: each problem with its row and column, and the error that carries them all.

Row numbers count the header as row 1, as a spreadsheet does, so "row 12" is line 12 of the file.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

MAX_PROBLEMS = 25


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where) or 'file'}: {self.message}"


class DataError(Exception):
    """A dataset file that cannot be used, with every problem found (file, row, column, expected)."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        lines = [f"{file}: {len(problems)} problem(s)"] + [f"  - {p}" for p in problems[:MAX_PROBLEMS]]
        if len(problems) > MAX_PROBLEMS:
            lines.append(f"  … and {len(problems) - MAX_PROBLEMS} more")
        super().__init__("\n".join(lines))


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table (row, column, what is expected), for showing as data, never as markdown."""
    frame = pd.DataFrame(
        [{"row": p.row, "column": p.column or "", "problem": p.message} for p in problems],
        columns=["row", "column", "problem"],
    )
    return frame.astype({"row": "Int64", "column": "string", "problem": "string"})
