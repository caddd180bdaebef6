"""The app's pages as Streamlit's navigation takes them, made anew on every run.

Not made once per process: st.Page marks itself as run on the object (`page.run()` may be called once), so pages
shared between sessions let one viewer's run refuse another's when two arrive at once ("This page cannot be called
directly"), which bursts of viewers showed (bench/RESULTS.md, section 8).
"""

from __future__ import annotations

import streamlit as st

from lib.app import site


def pages() -> tuple[st.Page, ...]:
    # Each page's address is its file name (/reserves, /supply_chain), the default page's the root.
    return tuple(st.Page(site.PAGES_DIR / f"{p.name}.py", title=p.title, icon=p.icon, default=p.name == site.DEFAULT_PAGE,
                         url_path=None if p.name == site.DEFAULT_PAGE else p.name) for p in site.PAGES)
