"""USITC DataWeb workbook -> trade_records rows.

DataWeb exports one sheet per measure ('Customs Value' or 'FAS Value', 'First Unit of Quantity', 'Second Unit of
Quantity', each also '… YTD'), years as columns, and a 'Query Parameters' sheet that says what was asked: trade flow,
classification, measures, years and the countries. What the importer relies on, and checks:

- The measures in 'Data To Report' each have their sheet (and a YTD sheet when the title says 'Year-To-Date').
- Each sheet's 'Data Row Count' matches the rows it holds (a cut-off export is caught here).
- A value is split by the unit its tariff lines are counted in ('Value for: kilograms', 'Value for: number'); it is
  paired with the first-unit quantity of the same unit, and each unit stays its own row.
- 'Second Unit of Quantity' has no key that ties it to a value bucket at 4 digits: it is reported as skipped.
- The annual column of the latest year is left out when that year is only there as a year-to-date range.
- The query names its partners and has no World row: every row says partner_scope 'selected' and partners_queried.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from datetime import date, datetime
from decimal import Decimal

from . import partners as partner_ref
from .records import Context, Problem, Result, Skip, TradeFileError, cumulative_period, new_row, year_period

PUBLISHER = "USITC DataWeb"
PARAMETERS = "Query Parameters"
FLOWS = {
    "Imports For Consumption": "import",
    "General Imports": "import",
    "Domestic Exports": "export",
    "Total Exports": "export",
    "Foreign Exports": "re-export",
}
VALUE_BASIS = {"Customs Value": "customs_value", "FAS Value": "FAS", "CIF Import Value": "CIF"}
FIRST_QUANTITY = "First Unit of Quantity"
SECOND_QUANTITY = "Second Unit of Quantity"
CLASSIFICATIONS = {"HTS Items": "HTS"}
MASS_UNITS = {"kilograms": Decimal(1000), "metric tons": Decimal(1)}  # divisor to metric tons
NO_QUANTITY_UNITS = ("no units collected",)
MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}
HEADER = ("Data Type", "Country", "HTS Number", "Description", "Quantity Description")
VALUE_FOR = "Value for: "


def read_workbook(raw: bytes, label: str, ctx: Context) -> Result:
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DataWeb's files have no default style; openpyxl says so on every load
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise TradeFileError(label, [Problem(None, None, f"not a complete .xlsx workbook ({err}): the download looks "
                                                         "truncated or damaged; export it from DataWeb again")]) from None
    try:
        sheets = {ws.title: _rows(ws) for ws in book.worksheets}
    finally:
        book.close()
    return _import(sheets, label, ctx)


def _rows(ws) -> list[tuple]:
    ws.reset_dimensions()  # DataWeb writes no sheet dimensions; without this read-only mode sees one cell
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def _parameters(sheets: dict, label: str) -> dict[str, str]:
    if PARAMETERS not in sheets:
        raise TradeFileError(label, [Problem(f"sheet '{PARAMETERS}'", None,
                                             f"sheet missing: a DataWeb export has a '{PARAMETERS}' sheet that records the "
                                             f"query; the workbook has {', '.join(map(repr, sheets)) or 'no sheets'}")])
    params, section = {}, ""
    for row in sheets[PARAMETERS]:
        if not row or row[0] is None:
            continue
        key = str(row[0]).strip()
        value = row[1] if len(row) > 1 else None
        if key.startswith("Step ") and value is None:
            section = key
            continue
        params[f"{section}|{key}" if key == "Select Type" else key] = value
    return params


def _import(sheets: dict, label: str, ctx: Context) -> Result:
    params = _parameters(sheets, label)
    problems: list[Problem] = []
    where = f"sheet '{PARAMETERS}'"

    def need(key: str) -> str:
        value = params.get(key)
        if value in (None, ""):
            problems.append(Problem(where, key, "a value is required"))
            return ""
        return value if isinstance(value, datetime) else str(value).strip()

    flow_text, system, measures_text = need("Trade Flow"), need("Classification System"), need("Data To Report")
    downloaded, countries = need("Download Date"), need("Country List")
    if problems:
        raise TradeFileError(label, problems)
    if flow_text not in FLOWS:
        problems.append(Problem(where, "Trade Flow", f"expected one of {', '.join(FLOWS)}, got {flow_text!r}"))
    if system not in CLASSIFICATIONS:
        problems.append(Problem(where, "Classification System", f"expected {', '.join(CLASSIFICATIONS)}, got {system!r}"))
    retrieved = _download_date(downloaded, problems, where)
    measures = [m.strip() for m in measures_text.split(",") if m.strip()]
    value_measures = [m for m in measures if m in VALUE_BASIS]
    if len(value_measures) != 1:
        problems.append(Problem(where, "Data To Report", f"expected exactly one value measure ({', '.join(VALUE_BASIS)}), "
                                                         f"got {measures_text!r}"))
    if FIRST_QUANTITY not in measures:
        problems.append(Problem(where, "Data To Report",
                                f"expected '{FIRST_QUANTITY}' among the measures, got {measures_text!r}"))
    partner_names = [c.strip() for c in countries.split(",") if c.strip()]
    selected = "Individual" in str(params.get("Step 3: Countries|Select Type", ""))
    if problems:
        raise TradeFileError(label, problems)

    title = next((str(r[0]) for r in sheets.get(value_measures[0], []) if r and r[0]), "")
    ytd = _ytd_months(title, label)
    wanted = [m for m in measures if m in VALUE_BASIS or m == FIRST_QUANTITY]
    expected_sheets = wanted + [f"{m} YTD" for m in wanted if ytd]
    for name in expected_sheets:
        if name not in sheets:
            problems.append(Problem(f"sheet '{name}'", None, f"sheet missing: the query reports '{name.removesuffix(' YTD')}'"
                                                             + (" with year-to-date figures" if name.endswith("YTD") else "")
                                                             + f", so the workbook should have this sheet; it has "
                                                             f"{', '.join(map(repr, sheets))}"))
    if problems:
        raise TradeFileError(label, problems)

    result = Result(label, "dataweb-xlsx")
    tables = {name: _table(name, sheets[name], problems) for name in expected_sheets}
    for name in sheets:
        if name not in expected_sheets and name != PARAMETERS:
            count = max(len(sheets[name]) - 3, 0)
            reason = ("second-unit quantities have no key that ties them to a value bucket at this level of detail"
                      if name.startswith(SECOND_QUANTITY) else "not a measure this table keeps")
            result.skipped.append(Skip(f"sheet '{name}' ({count} rows)", f"sheet not imported: {reason}"))
    for name in expected_sheets:
        result.skipped += [Skip(f"sheet '{name}', row {number}", "the sheet's own total over partners and codes: "
                                                                 "derived, not a figure to keep")
                           for number in tables[name]["totals"]]
    if problems:
        raise TradeFileError(label, problems)

    flow = FLOWS[flow_text]
    basis = VALUE_BASIS[value_measures[0]]
    common = {
        "reporter": partner_ref.country_name("USA"), "reporter_iso3": "USA", "flow": flow, "flow_as_published": flow_text,
        "classification": CLASSIFICATIONS[system], "value_basis": basis,
        "partner_scope": "selected" if selected else "all",
        "partners_queried": len(partner_names) if selected else None,
        "publisher": PUBLISHER, "retrieved": retrieved, "source_id": ctx.source_id,
    }
    latest_ytd_year = None
    if ytd:
        ytd_years = [p for p, _ in tables[f"{value_measures[0]} YTD"]["periods"]]
        latest_ytd_year = max(ytd_years) if ytd_years else None
    for suffix, months in (("", None), (" YTD", ytd)):
        if suffix and not ytd:
            continue
        value_table = tables[value_measures[0] + suffix]
        quantity_table = tables[FIRST_QUANTITY + suffix]
        _pair(value_table, quantity_table, months, latest_ytd_year, common, ctx, result, problems)
    if problems:
        raise TradeFileError(label, problems)
    return result


def _download_date(value, problems: list[Problem], where: str) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    try:
        return datetime.fromisoformat(str(value)).date()
    except ValueError:
        problems.append(Problem(where, "Download Date", f"expected a date, got {value!r}"))
        return None


def _ytd_months(title: str, label: str) -> tuple[int, int] | None:
    """'Imports For Consumption|Annual + Year-To-Date Data from Jan - Apr' -> (1, 4)."""
    if "Year-To-Date" not in title:
        return None
    match = re.search(r"from (\w{3}) - (\w{3})", title)
    if not match or match[1] not in MONTHS or match[2] not in MONTHS:
        raise TradeFileError(label, [Problem("title row", None,
                                             f"expected 'from Mon - Mon' naming the year-to-date months, got {title!r}")])
    return MONTHS[match[1]], MONTHS[match[2]]


def _table(name: str, rows: list[tuple], problems: list[Problem]) -> dict:
    """One measure sheet: its period columns and its data rows keyed by (country, code, unit)."""
    where = f"sheet '{name}'"
    if len(rows) < 3 or rows[1][0] != "Data Row Count" or tuple(rows[2][:5]) != HEADER:
        problems.append(Problem(where, None, f"expected a title row, 'Data Row Count', then the header {', '.join(HEADER)}, …"))
        return {"periods": [], "rows": {}, "totals": []}
    header = [str(h) if h is not None else "" for h in rows[2]]
    periods, suppressed = [], {}
    for i, label in enumerate(header[5:], start=5):
        match = re.fullmatch(r"(\d{4})(_Year_to_date)?(_Suppressed)?", label)
        if not match:
            problems.append(Problem(f"{where}, row 3", label, "expected a year column (YYYY, YYYY_Year_to_date, …_Suppressed)"))
            continue
        (suppressed.__setitem__(match[1], i) if match[3] else periods.append((int(match[1]), i)))
    data, totals = {}, []
    count = 0
    for number, row in enumerate(rows[3:], start=4):
        if not row or all(v in (None, "") for v in row):
            continue
        if str(row[0]).startswith("Total"):
            totals.append(number)  # the sheet's own sum over partners and codes, reported as skipped
            continue
        count += 1
        country, code, desc, unit = (str(v).strip() if v is not None else "" for v in row[1:5])
        key = (country, code, unit.removeprefix(VALUE_FOR))
        if key in data:
            problems.append(Problem(f"{where}, row {number}", None, f"duplicate key: row {data[key]['row']} has the same "
                                                                     f"(Country, HTS Number, Quantity Description) = {key}"))
            continue
        cells = {}
        for year, i in periods:
            value = row[i] if i < len(row) else None
            s_i = suppressed.get(str(year))
            cells[year] = (value, row[s_i] if s_i is not None and s_i < len(row) else None, header[i])
        data[key] = {"row": number, "desc": desc, "unit": unit, "cells": cells}
    stated = rows[1][1]
    if not isinstance(stated, (int, float)) or int(stated) != count:
        problems.append(Problem(f"{where}, row 2", "Data Row Count", f"expected {count} (the rows the sheet holds), got "
                                                                     f"{stated!r}: the export looks truncated or edited"))
    return {"name": name, "periods": periods, "rows": data, "totals": totals}


def _number(value, where: str, column: str, problems: list[Problem]) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        problems.append(Problem(where, column, f"expected a number, got {value!r}"))
        return None
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return number


def _pair(values: dict, quantities: dict, months, latest_ytd_year, common: dict, ctx: Context, result: Result,
          problems: list[Problem]) -> None:
    name = values["name"]
    partners: dict[str, partner_ref.Partner] = {}
    for (country, code, unit), vrow in values["rows"].items():
        where = f"sheet '{name}', row {vrow['row']}"
        if not ctx.keeps(code):
            result.skipped.append(Skip(f"{where} (code {code})", f"code not among the codes asked for ({', '.join(ctx.codes)})"))
            continue
        if country not in partners:
            try:
                partners[country] = partner_ref.from_name(country)
            except partner_ref.UnknownPartner as err:
                problems.append(Problem(where, "Country", f"unknown partner: {err}"))
                continue
        partner = partners[country]
        qrow = quantities["rows"].get((country, code, unit))
        if qrow is None:
            problems.append(Problem(where, "Quantity Description", f"no row in sheet '{quantities['name']}' for "
                                                                  f"({country}, {code}, {unit}) to pair the value with"))
            continue
        for year, (raw_value, _, column) in vrow["cells"].items():
            cell_where = f"{where}, column '{column}'"
            if months is None and latest_ytd_year is not None and year >= latest_ytd_year:
                result.skipped.append(Skip(cell_where, f"{year} is in this query only as a year-to-date range; its annual "
                                                       "column is not a full-year figure"))
                continue
            value = _number(raw_value, cell_where, column, problems)
            if value is not None and value < 0:
                problems.append(Problem(cell_where, column, f"expected a value ≥ 0 US$, got {value}"))
                continue
            raw_qty, raw_suppressed, q_column = qrow["cells"].get(year, (None, None, ""))
            q_where = f"sheet '{quantities['name']}', row {qrow['row']}, column '{q_column}'"
            quantity = _number(raw_qty, q_where, q_column, problems)
            if quantity is not None and quantity < 0:
                problems.append(Problem(q_where, q_column, f"expected a quantity ≥ 0 {unit}, got {quantity}"))
                continue
            suppressed = bool(raw_suppressed)
            if unit in NO_QUANTITY_UNITS or (suppressed and quantity == 0):
                quantity = None
            mass = quantity / MASS_UNITS[unit] if quantity is not None and unit in MASS_UNITS else None
            period = cumulative_period(year, *months) if months else year_period(year)
            row = new_row(
                **common, **period,
                partner=partner.name, partner_iso3=partner.iso3, partner_code=None, partner_as_published=country,
                partner_kind=partner.kind, commodity_code=code, commodity=vrow["desc"] or None,
                mass_t=mass, quantity=quantity, quantity_unit=unit, quantity_suppressed=suppressed, value_usd=value,
                query_id=f"{ctx.query_id}#{name}",
            )
            row["_where"] = f"{ctx.query_id} {cell_where}"
            result.rows.append(row)
