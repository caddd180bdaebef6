"""Entry point: `streamlit run app.py`. Lists the pages; each page is a thin script in pages/."""

import streamlit as st

st.set_page_config(page_title="Rare-earth supply dependence", page_icon="🧲", layout="wide")

PAGES = [
    st.Page("pages/data_sources.py", title="Data & sources", icon="📚", url_path="data"),
]

st.navigation(PAGES).run()
