"""Floor: the one-chart page inside the app's own frame (wide layout, a navigation of eight pages with icons,
the presentation toggle and the link popover, as lib/app/frame.py draws them), to tell what the frame costs
from what a page costs."""

import plotly.graph_objects as go
import streamlit as st

from lib.app import presentation, state

st.set_page_config(page_title="One chart in the app's frame", layout="wide")


def one_chart() -> None:
    st.title("One chart")
    st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 4])), key="chart")


def other() -> None:
    st.title("Another page")


PAGES = [st.Page(one_chart, title="One chart", icon=":material/bar_chart:", default=True)]
PAGES += [st.Page(other, title=f"Page {i}", icon=":material/flag:", url_path=f"page{i}") for i in range(2, 9)]
page = st.navigation(PAGES)
presentation.toggle()
page.run()
state.link_box(page.url_path)
