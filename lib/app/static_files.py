"""static/ served at the app's app/static/ address, as Streamlit serves a static/ folder beside its main
script (server.enableStaticServing). The app's main script is lib/app/frame.py, so the folder is named here."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from starlette.staticfiles import StaticFiles

from lib.app.serving import app_root


class StaticFolder:
    """ASGI middleware: requests under <root>app/static/ are answered from `directory`; others pass on."""

    def __init__(self, app, directory: Path, base_url_path: str | None = None):
        self.app = app
        base = st.get_option("server.baseUrlPath") if base_url_path is None else base_url_path
        self.prefix = app_root(base) + "app/static/"
        self.files = StaticFiles(directory=directory)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"].startswith(self.prefix):
            path = "/" + scope["path"][len(self.prefix):]
            await self.files(dict(scope, path=path, root_path=""), receive, send)
            return
        await self.app(scope, receive, send)
