"""Viewers who hold an upload: a synthetic DataWeb workbook at the upload's row limit, and a session that uploads it
over Streamlit's own protocol (file URLs, an HTTP PUT, the uploader's widget state), as a browser does.

The workbook is made for the benchmark only, in memory: the real DataWeb imports workbook of data/raw/trade/ with its
data rows copied under other partner countries (named by country_converter, through lib.data.countries), so that the
importer reads it as a real query of more partners. Its figures are the real partners' figures under other names:
nothing to read, only a size to hold.
"""

from __future__ import annotations

import asyncio
import http.client
import io
import uuid
import warnings
from urllib.parse import urlsplit

from bench.common import ROOT, Session

DATAWEB = ROOT / "data" / "raw" / "trade" / "usitc_dataweb_us_hts4_2805_2846_8505" / "us_imports_for_consumption_1993-2026.xlsx"
UPLOADER_KIND = "file_uploader"
UPLOADER = "trade_upload"  # the key of Data & sources' trade extract uploader (lib.app.official), and a counter
XSRF_COOKIE = "_streamlit_xsrf"


def _other_countries(used: set[str]) -> list[str]:
    """Country names the importer resolves to a country, not among `used`, in a fixed order."""
    from lib.data import countries
    from lib.etl.trade import partners

    names = []
    for code in sorted(countries.current_iso3()):
        name = countries.name_of(code)
        if not name or name in used:
            continue
        try:
            partner = partners.from_name(name)
        except partners.UnknownPartner:
            continue
        if partner.is_country and partner.iso3 == code and partner.name not in used:
            names.append(name)
    return names


def workbook(extra_partners: int) -> bytes:
    """The real imports workbook with its data rows copied under `extra_partners` more countries."""
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(DATAWEB)
    params = book["Query Parameters"]
    row = next(r for r in params.iter_rows() if r[0].value == "Country List")
    listed = [c.strip() for c in str(row[1].value).split(",")]
    extra = _other_countries(set(listed))[:extra_partners]
    row[1].value = ", ".join(listed + extra)
    for sheet in book.worksheets[1:]:
        rows = list(sheet.iter_rows(values_only=True))
        data = [r for r in rows[3:] if r[1] in listed and not str(r[0]).startswith("Total")]
        by_partner = {p: [r for r in data if r[1] == p] for p in listed}
        for i, name in enumerate(extra):
            for r in by_partner[listed[i % len(listed)]]:
                sheet.append([r[0], name, *r[2:]])
        count = sum(1 for r in sheet.iter_rows(min_row=4, values_only=True) if r[1] and not str(r[0]).startswith("Total"))
        sheet.cell(row=2, column=2, value=float(count))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def at_the_row_limit() -> tuple[bytes, int]:
    """(a workbook, the rows of trade_records it gives): about the most partners that stay within the row limit."""
    from lib.etl.trade import upload

    def rows(n: int) -> tuple[bytes, int | None]:
        raw = workbook(n)
        checked = upload.check("synthetic.xlsx", raw)
        return raw, len(checked.records) if checked.ok else None

    _, base = rows(0)
    _, ten = rows(10)
    if base is None or ten is None:
        raise SystemExit("the synthetic workbook does not pass the importer")
    n = int((upload.MAX_UPLOAD_ROWS - base) / ((ten - base) / 10))
    while n > 0:  # the copies differ a little in rows (a partner's zero years): step down until within the limit
        raw, found = rows(n)
        if found is not None and found <= upload.MAX_UPLOAD_ROWS:
            return raw, found
        n -= 1
    raise SystemExit("no synthetic workbook within the upload's limits")


async def _file_urls(session: Session, name: str):
    """The server's upload and delete URLs for one file of this session, as the browser asks for them."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    back = BackMsg()
    request_id = str(uuid.uuid4())
    back.file_urls_request.request_id = request_id
    back.file_urls_request.file_names.append(name)
    await session.ws.send(back.SerializeToString())
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await asyncio.wait_for(session.ws.recv(), 60))
        if msg.WhichOneof("type") == "file_urls_response" and msg.file_urls_response.response_id == request_id:
            return msg.file_urls_response.file_urls[0]


def _put(session: Session, url: str, name: str, raw: bytes) -> int:
    """The file as the browser sends it: multipart form data, with the XSRF cookie and its header."""
    parts = urlsplit(session.base_url)
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + raw + f"\r\n--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        if XSRF_COOKIE not in session.cookies:  # the server sets it on its health check, as the browser's first call
            conn.request("GET", "/_stcore/health")
            response = conn.getresponse()
            response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    key, _, val = value.split(";", 1)[0].partition("=")
                    session.cookies[key.strip()] = val
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}",
                   "Cookie": "; ".join(f"{k}={v}" for k, v in session.cookies.items()),
                   "X-Xsrftoken": session.cookies.get(XSRF_COOKIE, "")}
        conn.request("PUT", urlsplit(url).path, body=body, headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


async def upload(session: Session, name: str, raw: bytes) -> None:
    """Upload `raw` as file `name` through the page's file uploader (the session has run the page once), and run the
    page with it, as choosing a file in the browser does. Raises if the server refuses it or the page does not keep it."""
    from streamlit.proto.Common_pb2 import FileUploaderState, UploadedFileInfo

    key = next((k for k, kind in session.kinds.items() if kind == UPLOADER_KIND and k.startswith(UPLOADER)), None)
    if key is None:
        raise RuntimeError("the page drew no trade extract uploader")
    urls = await _file_urls(session, name)
    status = await asyncio.to_thread(_put, session, urls.upload_url, name, raw)
    if status != 204:
        raise RuntimeError(f"the server refused the upload: HTTP {status}")
    state = FileUploaderState()
    state.uploaded_file_info.append(UploadedFileInfo(name=name, size=len(raw), file_id=urls.file_id, file_urls=urls))
    result = await session.run({key: state}, timeout=600)
    if result.exceptions or "download_trade_upload" not in session.widgets:
        raise RuntimeError(f"the page did not keep the upload: {session.exception_texts[:1]}")


async def per_viewer(url: str, pid: int, raw: bytes, n: int, profile_query: str, repeats: int) -> dict:
    """MB of resident memory each of n more viewers adds who uploads `raw` on Data & sources (the server holds the
    file's bytes while the uploader shows it, and the rows for the session), then opens the U.S. profile (the file's
    bytes are let go, its rows kept and drawn); and the server CPU of that viewer's idle rerun of the profile, whose
    upload charts are built in the viewer's own run, never cached."""
    from bench.common import cpu_seconds, median, rss_mb

    # The process's own first visits (all datasets loaded for the catalogue, the profile's charts built) are not a
    # viewer's: one viewer without an upload opens both pages first.
    warm = Session(url, "data_sources")
    await warm.connect()
    await warm.run()
    warm.page, warm.query = "country", profile_query
    await warm.run(timeout=600)
    await warm.close()
    before = rss_mb(pid)
    sessions = [Session(url, "data_sources") for _ in range(n)]
    for s in sessions:
        await s.connect()
        await s.run()
        await upload(s, "synthetic-dataweb.xlsx", raw)
    holding = rss_mb(pid)
    for s in sessions:
        s.page, s.query = "country", profile_query
        result = await s.run(timeout=600)
        if result.exceptions or not any(k.startswith("chart_upload-") for k in s.widgets):
            raise RuntimeError(f"the profile did not draw the upload: {s.exception_texts[:1]}")
    on_profile = rss_mb(pid)
    s = sessions[0]
    await s.run()
    cpu0 = cpu_seconds(pid)
    walls = [(await s.run()).seconds for _ in range(repeats)]
    cpu = (cpu_seconds(pid) - cpu0) / repeats
    for s in sessions:
        await s.close()
    return {"n": n, "holding_mb": (holding - before) / n, "profile_mb": (on_profile - before) / n,
            "rerun_cpu": cpu, "rerun_wall": median(walls)}


def describe(r: dict, upload: tuple[bytes, int], floor_shipped: float, floor_own: float) -> str:
    from bench.common import ms, ratio

    raw, rows = upload
    return (f"with an upload of {rows:,} rows ({len(raw) / 1024 / 1024:.1f} MB workbook), {r['n']} viewers: "
            f"{r['holding_mb']:.1f} MB per added viewer on Data & sources (the file held), {r['profile_mb']:.1f} MB "
            f"once on the U.S. profile; that viewer's idle rerun of the profile {ms(r['rerun_cpu'])} server CPU "
            f"({ratio(r['rerun_cpu'], floor_shipped)} the floor as shipped, {ratio(r['rerun_cpu'], floor_own)} this "
            f"config), {ms(r['rerun_wall'])} wall")
