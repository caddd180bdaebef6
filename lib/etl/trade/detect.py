"""Which format a trade file is in, from its bytes (never from its name), and the size limit.

    comtrade-json  a Comtrade API response: a JSON object with 'data' (and 'count', 'error')
    comtrade-csv   a CSV (or tab-separated text) whose header has Comtrade's field names
    dataweb-xlsx   an .xlsx workbook with DataWeb's 'Query Parameters' sheet
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib

from .comtrade import REQUIRED as COMTRADE_FIELDS
from .dataweb import PARAMETERS
from .records import Problem, TradeFileError

MAX_BYTES = 64 * 1024 * 1024  # an API response or a DataWeb export is far smaller; a bulk file needs the streaming path
FORMATS = ("comtrade-json", "comtrade-csv", "dataweb-xlsx")
# What to do about a file over the limit, for the command line (an upload says its own: lib.etl.trade.upload).
TOO_LARGE = ("an API response or a DataWeb export is far smaller; extract the codes you need from a bulk file first "
             "with python -m lib.etl.trade bulk FILE --out DIR, or raise the limit with --max-mb")


def check_size(size: int, label: str, limit: int = MAX_BYTES, advice: str = TOO_LARGE, unpacked: bool = False) -> None:
    """Refuse a file over `limit` bytes; `unpacked` for the content of a compressed file, which is unpacked only up
    to one byte past the limit and so is known to be larger, not how large."""
    if size > limit:
        mb = f"{limit / 1024 / 1024:.0f} MB"
        found = (f"unpacked, the file holds more than the limit of {mb}" if unpacked
                 else f"the file is {size / 1024 / 1024:.1f} MB; the limit is {mb}")
        raise TradeFileError(label, [Problem(None, None, f"{found} ({advice})")])


def unwrap(raw: bytes, label: str = "", limit: int | None = None) -> bytes:
    """Comtrade sends bulk and some downloads gzip-compressed: look inside. With `limit`, at most one byte more than
    the limit is unpacked, so that a small compressed file cannot fill the memory before its size is checked."""
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as packed:
            return packed.read() if limit is None else packed.read(limit + 1)
    except (EOFError, OSError, zlib.error) as err:
        raise TradeFileError(label, [Problem(None, None, f"a gzip-compressed file that does not unpack ({err}): the "
                                                         "download looks truncated or damaged")]) from None


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
