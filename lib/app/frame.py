"""The app's frame, run on every rerun: page settings, sign-in, the navigation, presentation mode, and the
link to this view. The page chosen runs inside it. It reads no data, so it works whatever the data.

This script, not app.py, is what Streamlit runs per session (app.py serves it), so Streamlit never finds a
pages/ folder beside its main script, and never starts a fresh server in its legacy pages-folder mode.
"""

import streamlit as st

from lib.app import auth, navigation, presentation, site, state

st.set_page_config(page_title=site.TITLE, page_icon=site.ICON, layout="wide")
auth.require_login()  # only when [auth] OIDC settings are in secrets.toml; otherwise the app stays open
page = st.navigation(list(navigation.pages()), position="hidden" if presentation.presenting() else "sidebar")
presentation.toggle()
with presentation.page_container():
    page.run()
if not presentation.presenting():
    state.link_box(page.url_path)
