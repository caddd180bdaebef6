"""What every benchmark shares: a `streamlit run` on loopback, its memory, and a websocket client.

The client speaks Streamlit's own protocol: protobuf BackMsg/ForwardMsg over the websocket at
/_stcore/stream. A run is a `rerun_script` BackMsg answered by deltas and then `script_finished`.
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser_support import Server, free_port  # noqa: E402,F401  (one server runner for tests and benchmarks)

APPS = Path(__file__).resolve().parent / "apps"
# BENCH_APP points the benchmarks at another checkout (say the code before a change) for comparison.
APP = Path(os.environ.get("BENCH_APP", ROOT / "app.py")).resolve()
EMPTY = APPS / "empty.py"
ONE_CHART = APPS / "one_chart.py"
ONE_CHART_IN_APP = APPS / "one_chart_in_app.py"
# A floor run as Streamlit ships (a full garbage collection after every run), beside the same floor under this
# app's .streamlit/config.toml (postScriptGC off): the first is the stack's floor, the second the stricter one.
STREAMLIT_DEFAULT = ("--runner.postScriptGC", "true")
HOST = "127.0.0.1"  # loopback only: nothing here ever talks to another address

# url path -> the first widget a viewer changes there (key, new value); None: the page has none.
PAGES = {
    "overview": ("country", "India"),
    "reserves": ("edition", "MCS2024"),
    "mining": ("mode", "share"),
    "supply_chain": ("year", None),
    "capacity": ("unit", None),
    "trade": None,
    "what_if": ("preset", "Custom"),
    "country": ("country", "India"),
    "data_sources": None,
}


def address(page: str) -> str:
    """A page's path in the app's URL. The Overview is the default page, which Streamlit serves only at the
    root: its own name would open on a "Page not found" notice (app.py redirects it to the root)."""
    return "" if page == "overview" else page


def machine() -> str:
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) / 1024 / 1024
    system = f"{platform.system()} {platform.machine()}, Python {platform.python_version()}"
    return f"{os.cpu_count()} cores, {mem:.0f} GiB RAM, {system}"


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class RunResult:
    seconds: float
    status: str
    widgets: dict = field(default_factory=dict)  # user key -> widget id
    exceptions: int = 0


def _user_key(widget_id: str) -> str | None:
    # Streamlit's ids for keyed widgets end in "-<key>" ("$$ID-<hash>-<key>").
    return widget_id.split("-", 2)[2] if widget_id.startswith("$$ID-") and widget_id.count("-") >= 2 else None


class Session:
    """One viewer's session over Streamlit's websocket protocol."""

    def __init__(self, base_url: str, page: str = "", query: str = ""):
        self.base_url = base_url
        self.ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.cookies: dict[str, str] = {}
        self.page = address(page)
        self.query = query
        self.ws = None
        self.widgets: dict[str, str] = {}
        self.exception_texts: list[str] = []  # what the page showed as exceptions, for the first error line
        self.options: dict[str, list[str]] = {}
        self.states: dict[str, object] = {}
        self.kinds: dict[str, str] = {}  # user key -> element type ("selectbox", "button_group", ...)

    async def fetch_page(self) -> int:
        """GET the page as a browser would first (and keep any cookie, such as a load balancer's)."""
        from urllib.parse import urlsplit

        parts = urlsplit(self.base_url)
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        writer.write(f"GET /{self.page} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        raw = await reader.read()
        writer.close()
        head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        for line in head[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "set-cookie":
                key, _, val = value.strip().split(";", 1)[0].partition("=")
                self.cookies[key] = val
        return int(head[0].split()[1])

    async def connect(self) -> None:
        import websockets

        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else None
        self.ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=120, ping_interval=None,
            additional_headers=headers,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def run(self, widget_changes: dict | None = None, timeout: float = 120) -> RunResult:
        """Send `rerun_script` (optionally with changed widget values) and wait for `script_finished`."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        back = BackMsg()
        cs = back.rerun_script
        cs.query_string = self.query
        cs.page_name = self.page
        for key, value in (widget_changes or {}).items():
            # A segmented control (button group) holds its choice as a list of one.
            self.states[self.widgets[key]] = [value] if self.kinds.get(key) == "button_group" else value
        for wid, value in self.states.items():
            ws = cs.widget_states.widgets.add()
            ws.id = wid
            if isinstance(value, list):
                ws.string_array_value.data.extend(value)
            elif hasattr(value, "uploaded_file_info"):  # a file uploader's files (bench.upload_viewers)
                ws.file_uploader_state_value.CopyFrom(value)
            else:
                ws.string_value = str(value)
        start = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        exceptions = 0
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                name = element.WhichOneof("type")
                if name == "exception":
                    exceptions += 1
                    self.exception_texts.append(f"{element.exception.type}: {element.exception.message}")
                inner = getattr(element, name)
                wid = getattr(inner, "id", "") if hasattr(inner, "DESCRIPTOR") and "id" in inner.DESCRIPTOR.fields_by_name else ""
                key = _user_key(wid) if wid else None
                if key:
                    self.widgets[key] = wid
                    self.kinds[key] = name
                    if "options" in inner.DESCRIPTOR.fields_by_name:
                        self.options[key] = [getattr(o, "content", o) for o in inner.options]
            elif kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if status == "FINISHED_EARLY_FOR_RERUN":
                    continue
                return RunResult(time.perf_counter() - start, status, dict(self.widgets), exceptions)


def change_for(session: Session, page: str):
    """The widget change a viewer makes on `page`: {key: value}, or None if the page has no widget."""
    spec = PAGES.get(page)
    if not spec:
        return None
    key, value = spec
    if key not in session.widgets:
        return None
    if value is None:  # the last option, whatever the data holds
        value = session.options.get(key, [""])[-1]
    return {key: value}


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:.2f}×" if floor > 0 else "–"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
