"""Entry point: `streamlit run app.py`. Lists the pages; each page is a thin script in pages/."""

import streamlit as st

from lib import ui

st.set_page_config(page_title="Rare-earth supply dependence", page_icon=":material/hub:", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/explore:", url_path="overview", default=True),
    st.Page("pages/reserves.py", title="Reserves", icon=":material/landscape:", url_path="reserves"),
    st.Page("pages/mining.py", title="Mining", icon=":material/hardware:", url_path="mining"),
    st.Page("pages/supply_chain.py", title="Refining and magnets", icon=":material/factory:", url_path="supply-chain"),
    st.Page("pages/trade.py", title="Trade flows", icon=":material/directions_boat:", url_path="trade"),
    st.Page("pages/country.py", title="Country profile", icon=":material/flag:", url_path="country"),
    st.Page("pages/data_sources.py", title="Data & sources", icon=":material/menu_book:", url_path="data"),
]

page = st.navigation(PAGES)
ui.start_link()
page.run()
ui.link_box(page.url_path)
