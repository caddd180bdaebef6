"""Serving entry point: `streamlit run serve.py` serves the dashboard (app.py) with Streamlit's own server,
plus lib.serving's middleware, so that a link straight to a page starts without a failed first request.
`streamlit run app.py` serves the same app without it."""

import streamlit as st
from starlette.middleware import Middleware

from lib.serving import AppRoot

# The default page (app.py) is served at the root; its own name is sent there.
app = st.App("app.py", middleware=[Middleware(AppRoot, default_page="overview")])
