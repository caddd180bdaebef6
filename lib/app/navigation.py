"""The app's pages as Streamlit's navigation takes them, made once per process rather than on every run."""

from __future__ import annotations

from functools import cache

import streamlit as st

from lib.app import site


@cache
def pages() -> tuple[st.Page, ...]:
    # Each page's address is its file name (/reserves, /supply_chain), the default page's the root.
    return tuple(st.Page(site.PAGES_DIR / f"{p.name}.py", title=p.title, icon=p.icon, default=p.name == site.DEFAULT_PAGE,
                         url_path=None if p.name == site.DEFAULT_PAGE else p.name) for p in site.PAGES)
