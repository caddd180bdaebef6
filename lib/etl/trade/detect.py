"""Which format a trade file is in, from its bytes (never from its name), and the size limit.

    comtrade-json  a Comtrade API response: a JSON object with 'data' (and 'count', 'error')
    comtrade-csv   a CSV (or tab-separated text) whose header has Comtrade's field names
    dataweb-xlsx   an .xlsx workbook with DataWeb's 'Query Parameters' sheet
"""

from __future__ import annotations

import gzip
import io
import zipfile

from .comtrade import REQUIRED as COMTRADE_FIELDS
from .dataweb import PARAMETERS
from .records import Problem, TradeFileError

MAX_BYTES = 64 * 1024 * 1024  # an API response or a DataWeb export is far smaller; a bulk file needs the streaming path
FORMATS = ("comtrade-json", "comtrade-csv", "dataweb-xlsx")


def check_size(size: int, label: str, limit: int = MAX_BYTES) -> None:
    if size > limit:
        raise TradeFileError(label, [Problem(None, None, f"the file is {size / 1024 / 1024:.1f} MB; the limit is "
                                                         f"{limit / 1024 / 1024:.0f} MB (an API response or a DataWeb export "
                                                         "is far smaller; extract the codes you need from a bulk file first, "
                                                         "or raise the limit with --max-mb)")])


def unwrap(raw: bytes) -> bytes:
    """Comtrade sends bulk and some downloads gzip-compressed: look inside."""
    if raw[:2] == b"\x1f\x8b":
        return gzip.decompress(raw)
    return raw


def detect(raw: bytes, label: str) -> str:
    if raw[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        except (zipfile.BadZipFile, KeyError, EOFError, OSError) as err:
            raise TradeFileError(label, [Problem(None, None, f"a zip archive that is not a complete .xlsx workbook ({err}): "
                                                             "the download looks truncated or damaged")]) from None
        if f'name="{PARAMETERS}"' in workbook:
            return "dataweb-xlsx"
        raise TradeFileError(label, [Problem(f"sheet '{PARAMETERS}'", None,
                                             f"an .xlsx workbook without DataWeb's '{PARAMETERS}' sheet: export the query "
                                             "from DataWeb again with its parameters (the default)")])
    text = raw[:65536].decode("utf-8-sig", "replace").lstrip()
    if not text:
        raise TradeFileError(label, [Problem(None, None, "the file is empty; expected Comtrade JSON or CSV, or a DataWeb .xlsx")])
    if text[0] in "{[":
        return "comtrade-json"
    header = text.split("\n", 1)[0]
    names = {h.strip().strip('"') for h in header.replace("\t", ",").split(",")}
    if set(COMTRADE_FIELDS) <= names:
        return "comtrade-csv"
    missing = [f for f in COMTRADE_FIELDS if f not in names]
    raise TradeFileError(label, [Problem("row 1", None, f"not a format this importer reads: a CSV would need Comtrade's field "
                                                        f"names in its header (missing {', '.join(missing)}); also read are "
                                                        "Comtrade's JSON and DataWeb's .xlsx export")])
