"""Derive: pure pandas on loaded frames. No Streamlit, no files, no figures."""
