"""The dashboard's server: `streamlit run app.py` serves it on http://localhost:8501.

Streamlit's own server (st.App) runs the app's frame, lib/app/frame.py, for each session, with two
middlewares: one serves static/ (the map outline); the other names the app's root in each page it sends
(so a link straight to a page starts without a failed first request) and sends /overview to /.
"""

import streamlit as st
from starlette.middleware import Middleware

from lib.app import site
from lib.app.serving import AppRoot
from lib.app.static_files import StaticFolder

app = st.App(site.ROOT / "lib" / "app" / "frame.py", middleware=[
    Middleware(StaticFolder, directory=site.STATIC_DIR),
    Middleware(AppRoot, default_page=site.DEFAULT_PAGE),
])
