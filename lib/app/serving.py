"""The one workaround of Streamlit's frontend: one line in each page the server sends.

No supported API names the app's root to the frontend; tests/test_streamlit_contract.py fails loudly if a
Streamlit release changes what this relies on.

A browser that opens a page's own address (/trade, as in a colleague's link) cannot tell where the app's
root is. Streamlit's frontend first asks /trade/_stcore/health, gets a 404, waits 100 ms and only then
asks /_stcore/health, so every link to a page other than the first began about 0.1 s late (bench/RESULTS.md,
1j). The frontend takes the root from `window.__streamlit` when the page sets it (streamlit/streamlit#11378
and #11537); `AppRoot` sets it in every HTML page the server sends.

Streamlit serves the default page only at the root: its own name (/overview) opens on a "Page not found"
dialog over the default page. `AppRoot` sends such a request to the root instead, with its query.
"""

from __future__ import annotations

import json

import streamlit as st

_HEAD = b"<head>"


def app_root(base_url_path: str) -> str:
    """The app's root path for a server.baseUrlPath: "/" or "/<base>/"."""
    return "/" + base_url_path.strip("/") + "/" if base_url_path.strip("/") else "/"


def root_script(base_url_path: str) -> bytes:
    """The inline script that tells Streamlit's frontend where the app's root is: the page's origin plus
    the server's base URL path. It keeps any value a hosting page has already set."""
    root = f"location.origin + {json.dumps(app_root(base_url_path))}"
    return (
        f"<script>window.__streamlit = Object.assign({{BACKEND_BASE_URL: {root}, MAIN_PAGE_BASE_URL: {root}}}, "
        "window.__streamlit);</script>"
    ).encode()


class AppRoot:
    """ASGI middleware that adds `root_script` to every HTML page, just after <head>, and redirects the
    default page's own name (`default_page`) to the root.

    Only a browser's navigation asks for HTML (Accept: text/html). Those requests are answered uncompressed
    (the page is 8 KB) so that the page can be edited here; every other request passes untouched.
    """

    def __init__(self, app, base_url_path: str | None = None, default_page: str | None = None):
        self.app = app
        base = st.get_option("server.baseUrlPath") if base_url_path is None else base_url_path
        self.root = app_root(base)
        self.script = root_script(base)
        self.default_page = default_page

    async def __call__(self, scope, receive, send):
        if (
            self.default_page
            and scope["type"] == "http"
            and scope["method"] in ("GET", "HEAD")
            and scope["path"].rstrip("/") == self.root + self.default_page
        ):
            query = scope.get("query_string", b"").decode("latin-1")
            location = self.root + (f"?{query}" if query else "")
            # 307, not a permanent redirect: browsers would keep it even if the default page changed.
            await send({"type": "http.response.start", "status": 307,
                        "headers": [(b"location", location.encode("latin-1")), (b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
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
