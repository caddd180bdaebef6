"""UN Comtrade records -> trade_records rows: the API's JSON (what comtradeapicall fetches) and the website's CSV.

Both carry the same field names (typeCode, freqCode, period, reporterCode, partnerCode, cmdCode, flowCode, qtyUnitAbbr,
netWgt, cifvalue, fobvalue, primaryValue, …). Numbers are read as Decimal, so a net weight of 77025454.404 kg becomes
77025.454404 t exactly. A file is taken whole or rejected whole: every problem found is reported with the record (JSON,
counted from 1) or the row (CSV, the header is row 1), the field, and what was expected.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal, InvalidOperation

from . import partners as partner_ref
from .records import (
    Context,
    Problem,
    Result,
    Skip,
    TradeFileError,
    month_period,
    new_row,
    year_period,
)

PUBLISHER = "UN Comtrade"
REQUIRED = ("freqCode", "period", "reporterCode", "flowCode", "partnerCode", "classificationCode", "cmdCode", "primaryValue")
# The API's own field names; a CSV must have the required ones to be read as Comtrade's.
KNOWN = REQUIRED + (
    "typeCode", "refPeriodId", "refYear", "refMonth", "reporterISO", "reporterDesc", "flowDesc", "partnerISO",
    "partnerDesc", "partner2Code", "partner2ISO", "partner2Desc", "classificationSearchCode", "isOriginalClassification",
    "cmdDesc", "aggrLevel", "isLeaf", "customsCode", "customsDesc", "mosCode", "motCode", "motDesc", "qtyUnitCode",
    "qtyUnitAbbr", "qty", "isQtyEstimated", "altQtyUnitCode", "altQtyUnitAbbr", "altQty", "isAltQtyEstimated", "netWgt",
    "isNetWgtEstimated", "grossWgt", "isGrossWgtEstimated", "cifvalue", "fobvalue", "legacyEstimationFlag", "isReported",
    "isAggregate",
)
# Comtrade's flow codes -> this table's flows. Other codes (inward/outward processing, …) are not flows it keeps.
FLOWS = {"M": "import", "X": "export", "RX": "re-export", "RM": "re-import", "DX": "export", "FM": "import"}
# Comtrade's HS classification codes name the HS edition: H0 is HS 1988/92, then one code per WCO revision.
HS_EDITIONS = {"H0": "HS1992", "H1": "HS1996", "H2": "HS2002", "H3": "HS2007", "H4": "HS2012", "H5": "HS2017", "H6": "HS2022"}
ANNUAL_REF_MONTH = 52  # Comtrade's refMonth for an annual record
NO_UNIT = "N/A"
MAX_PROBLEMS = 200


def _reject(label: str, where: str | None, field: str | None, message: str) -> TradeFileError:
    return TradeFileError(label, [Problem(where, field, message)])


def read_json(raw: bytes, label: str, ctx: Context) -> Result:
    try:
        payload = json.loads(raw.decode("utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError as err:
        raise _reject(label, None, None, f"not UTF-8 text (byte {err.start}); expected Comtrade's JSON") from None
    except json.JSONDecodeError as err:
        raise TradeFileError(label, [Problem(
            f"byte {err.pos}", None,
            f"the JSON stops being valid here ({err.msg}) in a file of {len(raw)} bytes: the download looks truncated "
            "or damaged; fetch it again")]) from None
    if not isinstance(payload, dict) or "data" not in payload:
        raise _reject(label, None, "data", "expected Comtrade's response object with 'count', 'data' and 'error'")
    error = payload.get("error")
    if error:
        raise TradeFileError(label, [Problem(None, "error", f"the API returned an error instead of data: {str(error)!r} "
                                                            f"(count {payload.get('count')}); nothing to import")])
    data = payload["data"]
    if not isinstance(data, list):
        raise TradeFileError(label, [Problem(None, "data", "expected a list of records")])
    count = payload.get("count")
    if count is not None and int(count) != len(data):
        raise TradeFileError(label, [Problem(None, "count", f"the response says {count} records but holds {len(data)}: "
                                                            "the download looks truncated; fetch it again")])
    records = [(f"record {i}", r if isinstance(r, dict) else {}) for i, r in enumerate(data, start=1)]
    return _import(records, label, "comtrade-json", ctx)


def read_csv(raw: bytes, label: str, ctx: Context) -> Result:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise _reject(label, f"row {line}", None, "not valid UTF-8; save or download the CSV as UTF-8") from None
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise _reject(label, "row 1", None, "the file is empty; expected a header of Comtrade field names") from None
    header = [h.strip() for h in header]
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        raise TradeFileError(label, [Problem("row 1", None, f"not a Comtrade CSV: the header lacks {', '.join(missing)} "
                                                            f"(Comtrade's downloads name their columns as the API does: "
                                                            f"{', '.join(REQUIRED)}, …)")])
    records, problems = [], []
    try:
        for number, values in enumerate(reader, start=2):
            if not values or values == [""]:
                continue
            if len(values) != len(header):
                problems.append(Problem(f"row {number}", None, f"the row has {len(values)} values for {len(header)} columns"
                                        + (": the download looks truncated" if len(values) < len(header) else "")))
                continue
            records.append((f"row {number}", dict(zip(header, values, strict=True))))
    except csv.Error as err:
        problems.append(Problem(f"row {reader.line_num}", None, f"the CSV breaks off here ({err}): the download looks truncated"))
    if text and not text.endswith("\n") and records:
        # A download cut mid-line still parses; a file that ends without its newline is a sign of that.
        last_where, last = records[-1]
        if any(v == "" for k, v in last.items() if k in REQUIRED):
            problems.append(Problem(last_where, None, "the last row is incomplete and the file has no final newline: "
                                                      "the download looks truncated"))
    if problems:
        raise TradeFileError(label, problems)
    return _import(records, label, "comtrade-csv", ctx)


# --- one record ---------------------------------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, field: str, message: str):
        self.field, self.message = field, message


def _text(rec: dict, name: str) -> str:
    value = rec.get(name)
    return "" if value is None else str(value).strip()


def _required(rec: dict, name: str) -> str:
    value = _text(rec, name)
    if value == "":
        raise _Bad(name, "a value is required")
    return value


def _integer(rec: dict, name: str, required: bool = False) -> int | None:
    value = _required(rec, name) if required else _text(rec, name)
    if value == "":
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise _Bad(name, f"expected a whole number, got {value!r}") from None
    if number != number.to_integral_value():
        raise _Bad(name, f"expected a whole number, got {value!r}")
    return int(number)


def _decimal(rec: dict, name: str) -> Decimal | None:
    value = rec.get(name)
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, bool):
        raise _Bad(name, f"expected a number, got {value!r}")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise _Bad(name, f"expected a number, got {value!r}") from None
    if not number.is_finite():
        return None  # NaN: pandas' way of writing a null
    return number


def _flag(rec: dict, name: str) -> bool | None:
    value = rec.get(name)
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    if text in ("", "nan"):
        return None
    raise _Bad(name, f"expected true or false, got {value!r}")


def _period(rec: dict) -> dict:
    freq = _required(rec, "freqCode")
    period = _required(rec, "period")
    ref_year = _integer(rec, "refYear")
    ref_month = _integer(rec, "refMonth")
    if freq == "A":
        if not re.fullmatch(r"\d{4}", period):
            raise _Bad("period", f"expected a year (YYYY) for freqCode 'A' (annual), got {period!r}")
        year = int(period)
        if ref_year is not None and ref_year != year:
            raise _Bad("refYear", f"expected {year} (the period), got {ref_year}")
        if ref_month is not None and ref_month != ANNUAL_REF_MONTH:
            raise _Bad("refMonth", f"expected {ANNUAL_REF_MONTH} (Comtrade's mark of an annual record), got {ref_month}")
        return year_period(year)
    if freq == "M":
        match = re.fullmatch(r"(\d{4})(\d{2})", period)
        if not match or not 1 <= int(match[2]) <= 12:
            raise _Bad("period", f"expected a month (YYYYMM, month 01–12) for freqCode 'M' (monthly), got {period!r}")
        year, month = int(match[1]), int(match[2])
        if ref_month is not None and ref_month != month:
            raise _Bad("refMonth", f"expected {month} (the period's month), got {ref_month}")
        if ref_year is not None and ref_year != year:
            raise _Bad("refYear", f"expected {year} (the period's year), got {ref_year}")
        return month_period(year, month)
    raise _Bad("freqCode", f"expected A (annual) or M (monthly), got {freq!r}")


def _party(rec: dict, prefix: str) -> partner_ref.Partner:
    code = _integer(rec, f"{prefix}Code", required=True)
    try:
        return partner_ref.from_comtrade(code, _text(rec, f"{prefix}ISO"), _text(rec, f"{prefix}Desc"))
    except partner_ref.UnknownPartner as err:
        raise _Bad(f"{prefix}Code", f"unknown {prefix} code: {err}") from None


def _basis(rec: dict, flow: str, value: Decimal) -> str:
    cif, fob = _decimal(rec, "cifvalue"), _decimal(rec, "fobvalue")
    order = (("CIF", cif), ("FOB", fob)) if flow in ("import", "re-import") else (("FOB", fob), ("CIF", cif))
    for basis, candidate in order:
        if candidate is not None and candidate == value:
            return basis
    raise _Bad("primaryValue", f"expected to equal cifvalue ({cif}) or fobvalue ({fob}) so that its valuation is "
                               f"known, got {value}")


def _breakdown(rec: dict) -> str | None:
    """Comtrade can split a figure by second partner, customs procedure or mode of transport; only totals are kept."""
    for name, total in (("partner2Code", "0"), ("customsCode", "C00"), ("motCode", "0")):
        value = _text(rec, name)
        if value not in ("", total):
            return f"{name} {value}: a breakdown of the total (this table keeps {name} {total}, the total)"
    return None


def _row(rec: dict, where: str, ctx: Context) -> dict | Skip:
    missing = [f for f in REQUIRED if _text(rec, f) == ""]
    if missing:
        raise _Bad(missing[0], "a value is required" + (f" (also missing: {', '.join(missing[1:])})" if missing[1:] else ""))
    code = _required(rec, "cmdCode")
    if not ctx.keeps(code):
        return Skip(f"{where} (code {code})", f"code not among the codes asked for ({', '.join(ctx.codes)})")
    breakdown = _breakdown(rec)
    if breakdown:
        return Skip(where, breakdown)
    flow_code = _required(rec, "flowCode")
    if flow_code not in FLOWS:
        raise _Bad("flowCode", f"expected one of {', '.join(FLOWS)}, got {flow_code!r}")
    flow = FLOWS[flow_code]
    classification = _required(rec, "classificationCode")
    if classification not in HS_EDITIONS:
        raise _Bad("classificationCode", f"expected an HS edition code ({', '.join(HS_EDITIONS)}), got {classification!r}")
    period = _period(rec)
    reporter = _party(rec, "reporter")
    if not reporter.is_country:
        raise _Bad("reporterCode", f"expected a reporting country, got {reporter.kind} {reporter.name!r}")
    partner = _party(rec, "partner")
    net = _decimal(rec, "netWgt")
    if net is not None and net < 0:
        raise _Bad("netWgt", f"expected a net mass ≥ 0 kg, got {net}")
    unit_code = _integer(rec, "qtyUnitCode")
    unit = _text(rec, "qtyUnitAbbr") or (NO_UNIT if unit_code in (None, -1) else str(unit_code))
    quantity = None
    if unit != NO_UNIT and unit_code != -1:
        quantity = _decimal(rec, "qty")
        if quantity is not None and quantity < 0:
            raise _Bad("qty", f"expected a quantity ≥ 0 {unit}, got {quantity}")
    else:
        unit = NO_UNIT
    value = _decimal(rec, "primaryValue")
    if value < 0:
        raise _Bad("primaryValue", f"expected a value ≥ 0 US$, got {value}")
    if ctx.retrieved is None:
        raise _Bad("retrieved", "the file does not record when it was retrieved: pass --retrieved YYYY-MM-DD, or import "
                                "its folder under data/raw/trade/ whose import.json says it")
    row = new_row(
        reporter=reporter.name, reporter_iso3=reporter.iso3, reporter_code=_text(rec, "reporterCode"),
        flow=flow, flow_as_published=_text(rec, "flowDesc") or flow_code,
        partner=partner.name, partner_iso3=partner.iso3, partner_code=_text(rec, "partnerCode"),
        partner_as_published=_text(rec, "partnerDesc") or None, partner_kind=partner.kind,
        classification=HS_EDITIONS[classification], commodity_code=code, commodity=_text(rec, "cmdDesc") or None,
        **period,
        mass_t=None if net is None else net / 1000, mass_estimated=_flag(rec, "isNetWgtEstimated"),
        quantity=quantity, quantity_unit=unit, quantity_estimated=_flag(rec, "isQtyEstimated") if quantity is not None else None,
        value_usd=value, value_basis=_basis(rec, flow, value),
        publisher=PUBLISHER, query_id=ctx.query_id, retrieved=ctx.retrieved, source_id=ctx.source_id,
    )
    row["_where"] = f"{ctx.query_id} {where}"
    row["_local"] = where
    return row


def _import(records: list[tuple[str, dict]], label: str, fmt: str, ctx: Context) -> Result:
    result = Result(label, fmt)
    problems: list[Problem] = []
    for where, rec in records:
        try:
            out = _row(rec, where, ctx)
        except _Bad as bad:
            problems.append(Problem(where, bad.field, bad.message))
            if len(problems) >= MAX_PROBLEMS:
                break
            continue
        if isinstance(out, Skip):
            result.skipped.append(out)
        else:
            result.rows.append(out)
    problems += _mixed_units(result.rows) + _duplicates(result.rows)
    if problems:
        raise TradeFileError(label, problems)
    _scope(result.rows, ctx)
    return result


def _mixed_units(rows: list[dict]) -> list[Problem]:
    """One code counted in two units (kg here, items there) cannot be compared or added: reject, naming the odd ones."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        if row["quantity_unit"] != NO_UNIT:
            groups.setdefault((row["reporter_iso3"], row["flow"], row["classification"], row["commodity_code"]), []).append(row)
    problems = []
    for (_, _, _, code), group in groups.items():
        units = [r["quantity_unit"] for r in group]
        common = max(set(units), key=units.count)
        for row in group:
            if row["quantity_unit"] != common:
                problems.append(Problem(row["_local"], "qtyUnitAbbr",
                                        f"expected {common!r} like the {units.count(common)} other records of code {code}: "
                                        f"mixed quantity units on one code cannot be compared, got {row['quantity_unit']!r}"))
    return problems


def _duplicates(rows: list[dict]) -> list[Problem]:
    from .records import cell, key_fields

    first: dict[tuple, str] = {}
    problems = []
    keys = key_fields()
    for row in rows:
        key = tuple(cell(row[k]) for k in keys)
        if key in first:
            problems.append(Problem(row["_local"], None, f"duplicate key: {first[key]} has the same "
                                                         f"({', '.join(keys)}) = ({', '.join(key)})"))
        else:
            first[key] = row["_local"]
    return problems


def _scope(rows: list[dict], ctx: Context) -> None:
    """A figure's denominator: with a World row the query covered all partners; without one, only those queried."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault((row["reporter_iso3"], row["flow"], row["classification"], row["commodity_code"], row["period"]),
                          []).append(row)
    for group in groups.values():
        has_world = any(r["partner_kind"] == "world" for r in group)
        for row in group:
            row["partner_scope"] = "all" if has_world else "selected"
            row["partners_queried"] = None if has_world else ctx.partners_queried
