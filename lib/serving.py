"""How the app is served: Streamlit's own server, plus one line in the page it sends.

A browser that opens a page's own address (/trade, as in a colleague's link) cannot tell where the app's
root is. Streamlit's frontend first asks /trade/_stcore/health, gets a 404, waits 100 ms and only then
asks /_stcore/health, so every link to a page other than the first began about 0.1 s late (bench/RESULTS.md,
1j). The frontend takes the root from `window.__streamlit` when the page sets it (streamlit/streamlit#11378
and #11537); `AppRoot` sets it in every HTML page the server sends.
"""

from __future__ import annotations

import json

from streamlit import config

_HEAD = b"<head>"


def root_script(base_url_path: str) -> bytes:
    """The inline script that tells Streamlit's frontend where the app's root is: the page's origin plus
    the server's base URL path. It keeps any value a hosting page has already set."""
    path = "/" + base_url_path.strip("/") + "/" if base_url_path.strip("/") else "/"
    root = f"location.origin + {json.dumps(path)}"
    return (
        f"<script>window.__streamlit = Object.assign({{BACKEND_BASE_URL: {root}, MAIN_PAGE_BASE_URL: {root}}}, "
        "window.__streamlit);</script>"
    ).encode()


class AppRoot:
    """ASGI middleware that adds `root_script` to every HTML page, just after <head>.

    Only a browser's navigation asks for HTML (Accept: text/html). Those requests are answered uncompressed
    (the page is 8 KB) so that the page can be edited here; every other request passes untouched.
    """

    def __init__(self, app, base_url_path: str | None = None):
        self.app = app
        self.script = root_script(config.get_option("server.baseUrlPath") if base_url_path is None else base_url_path)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not _header(scope, b"accept", b"text/html"):
            await self.app(scope, receive, send)
            return
        scope = dict(scope, headers=[(k, v) for k, v in scope["headers"] if k != b"accept-encoding"])
        start = None
        body: list[bytes] = []

        async def add_script(message):
            nonlocal start
            if (
                message["type"] == "http.response.start"
                and message["status"] == 200
                and _header(message, b"content-type", b"text/html")
            ):
                start = message  # held back until the body, whose length changes
                return
            if message["type"] == "http.response.body" and start is not None:
                body.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                page = b"".join(body).replace(_HEAD, _HEAD + self.script, 1)
                # The file's validators no longer describe this body; the page is small and never cached.
                headers = [(k, v) for k, v in start["headers"] if k not in (b"content-length", b"etag", b"last-modified")]
                await send(dict(start, headers=[*headers, (b"content-length", str(len(page)).encode())]))
                message = {"type": "http.response.body", "body": page}
            await send(message)

        await self.app(scope, receive, add_script)


def _header(message, name: bytes, part: bytes) -> bool:
    """Whether the request or response has a header `name` whose value contains `part`."""
    return any(k.lower() == name and part in v for k, v in message["headers"])
