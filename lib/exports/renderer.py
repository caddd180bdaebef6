"""One warm Chromium for server-side images: kaleido drives it, opened on first use and kept.

Starting Chromium and loading plotly.js into it takes a few seconds; rendering into an open page takes
a fraction of one. So one Kaleido (one Chromium, one tab) is opened on first use and kept, on an event
loop of its own in a daemon thread. kaleido's own kaleido.start_sync_server() does the same, but its
call_function() shares one task queue and one result queue between callers, so two downloads clicked
at once (Streamlit runs each deferred download on its own thread) could receive each other's image,
and it waits forever if Chromium fails to start. asyncio.run_coroutine_threadsafe gives each caller its
own future with a timeout; Kaleido queues concurrent renders on its tab itself.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import threading
from pathlib import Path

# kaleido (through choreographer) finds the browser through BROWSER_PATH; Debian's Chromium by default.
os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")

# plotly.js asks for f"{topojsonURL}world_110m.json"; the app serves the same file, so exports never
# need the network (kaleido's Chromium is started with --allow-file-access-from-files).
TOPOJSON_URL = (Path(__file__).resolve().parents[2] / "static").as_uri() + "/"
RENDER_TIMEOUT_S = 60


def browser_path() -> str:
    return os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"


def chromium_available() -> bool:
    """Whether a Chromium that kaleido can drive is installed (BROWSER_PATH, default /usr/bin/chromium)."""
    path = browser_path()
    return bool(shutil.which(path)) or (Path(path).is_file() and os.access(path, os.X_OK))


class ExportUnavailable(RuntimeError):
    """Server-side export cannot run on this host (no Chromium)."""


class _Renderer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    @property
    def started(self) -> bool:
        return self._kaleido is not None

    def _run(self, coro, timeout: float = RENDER_TIMEOUT_S):
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=timeout)

    def ensure_started(self) -> None:
        with self._lock:
            if self._kaleido is not None:
                return
            if not chromium_available():
                raise ExportUnavailable(f"No Chromium at {browser_path()}; install Debian's chromium or set BROWSER_PATH.")
            import kaleido  # noqa: PLC0415  (imported late: the app runs without it when exports are off)

            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="kaleido", daemon=True).start()
            self._loop = loop

            async def open_kaleido():
                # mathjax=False: no CDN fetch; plotly.js comes from the installed plotly package.
                k = kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT_S, mathjax=False)
                await k.open()
                return k

            try:
                self._kaleido = self._run(open_kaleido())
            except Exception:
                self._stop_loop()
                raise

    def _stop_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._loop = None
        self._kaleido = None

    def render(self, fig_dict: dict, opts: dict) -> bytes:
        self.ensure_started()
        try:
            return self._run(self._kaleido.calc_fig(fig_dict, opts=opts, topojson=TOPOJSON_URL))
        except Exception:
            # A crashed or stuck Chromium is replaced on the next call rather than reused.
            self.close()
            raise

    def close(self) -> None:
        with self._lock:
            if self._kaleido is not None and self._loop is not None:
                try:
                    self._run(self._kaleido.close(), timeout=10)
                except Exception:  # noqa: BLE001  (closing a broken browser may fail; it is dropped anyway)
                    pass
            self._stop_loop()


_renderer = _Renderer()
atexit.register(_renderer.close)


def warm() -> None:
    """Start Chromium now rather than on the first click (no-op without Chromium)."""
    if chromium_available():
        _renderer.ensure_started()


_warming = threading.Lock()


def warm_in_background() -> None:
    """Start Chromium on a background thread once, so that the first click does not wait for it."""
    if _renderer.started or not chromium_available() or not _warming.acquire(blocking=False):
        return

    def run():
        try:
            warm()
        except Exception:  # noqa: BLE001  (a failed start is retried, and reported, on the first click)
            pass

    threading.Thread(target=run, name="kaleido-warm", daemon=True).start()




def render(fig_dict: dict, opts: dict) -> bytes:
    """A figure (as a dict) rendered by the warm Chromium: PNG or SVG bytes as `opts` ask."""
    return _renderer.render(fig_dict, opts)
