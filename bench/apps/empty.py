"""Floor: an empty Streamlit app, a title only."""

import streamlit as st

st.title("Empty app")
