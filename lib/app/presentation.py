"""Presentation mode (?present=true): no navigation, no sidebar, no controls, larger type, a chart a screen.

The switch is a toggle bound to the URL, so a link opens straight into the mode. Controls are not drawn
while presenting (lib.app.state keeps their values in the address); the style below reaches only
containers the app keys itself (their `st-key-*` classes), never Streamlit's own element ids.
"""

from __future__ import annotations

import streamlit as st

PRESENT = "present"
PAGE = "presenting"  # the key of the container a page is drawn in while presenting
SLIDE = "slide_"  # prefix of the key of each chart's container while presenting

# Static CSS written here, never data.
CSS = f"""
<style>
.st-key-{PAGE} {{ margin-top: -3.5rem; }}
.st-key-{PAGE} h1 {{ font-size: 2.9rem !important; }}
.st-key-{PAGE} h2 {{ font-size: 2.2rem !important; }}
.st-key-{PAGE} p {{ font-size: 1.35rem !important; line-height: 1.45 !important; }}
[class*="st-key-{SLIDE}"] {{ flex: 0 0 auto; height: calc(100vh - 1.5rem); min-height: 28rem; }}
[class*="st-key-{SLIDE}"] p {{ font-size: 1rem !important; }}
.st-key-present_bar {{ position: fixed; top: 0.6rem; right: 4rem; z-index: 1000001; width: auto !important;
                       opacity: 0.6; }}
.st-key-present_bar:hover, .st-key-present_bar:focus-within {{ opacity: 1; }}
</style>
"""


def presenting() -> bool:
    """Whether presentation mode is on: the toggle's value, or before the toggle is drawn, the URL's."""
    if PRESENT in st.session_state:
        return bool(st.session_state[PRESENT])
    return str(st.query_params.get(PRESENT, "")).lower() == "true"


def toggle() -> bool:
    """The switch: in the sidebar when off; floating, faint, at the top right when on."""
    on = presenting()
    with st.container(key="present_bar") if on else st.sidebar:
        on = st.toggle("Presentation mode", key=PRESENT, bind="query-params",
                       help="Hides the navigation and the controls, enlarges type, one chart per screen. "
                            "The address then opens in presentation mode.")
    if on:
        st.markdown(CSS, unsafe_allow_html=True)
    return on


def page_container():
    """The container a page is drawn in: keyed while presenting, so that the style above reaches it."""
    return st.container(key=PAGE) if presenting() else st.container()


def slide(key: str):
    """The container of one chart: a screen high while presenting."""
    return st.container(key=f"{SLIDE}{key}") if presenting() else st.container()
