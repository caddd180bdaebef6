"""Entry point: `streamlit run app.py`. Lists the pages; each page is a thin script in pages/."""

import streamlit as st

from lib import auth, links, ui

st.set_page_config(page_title="Rare-earth supply dependence", page_icon=ui.APP_ICON, layout="wide")
auth.require_login()  # only when [auth] OIDC settings are in secrets.toml; otherwise the app stays open

# Each page's address is its file name (/reserves, /supply_chain): links and AppTest.switch_page agree.
PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/explore:", default=True),
    st.Page("pages/reserves.py", title="Reserves", icon=":material/landscape:"),
    st.Page("pages/mining.py", title="Mining", icon=":material/hardware:"),
    st.Page("pages/supply_chain.py", title="Refining and magnets", icon=":material/factory:"),
    st.Page("pages/trade.py", title="Trade flows", icon=":material/directions_boat:"),
    st.Page("pages/country.py", title="Country profile", icon=":material/flag:"),
    st.Page("pages/briefing.py", title="Briefing deck", icon=":material/slideshow:", url_path="briefing"),
    st.Page("pages/data_sources.py", title="Data & sources", icon=":material/menu_book:"),
]

page = st.navigation(PAGES)
links.start_link()
links.presentation_toggle()  # ?present=1: no sidebar or controls, larger type, one chart per screen
page.run()
links.link_box(page.url_path)
