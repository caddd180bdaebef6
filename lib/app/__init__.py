"""The only Streamlit-aware code: the app's frame, cached state, URL-bound controls, presentation mode and
the components pages lay out. Pages call these; nothing below lib/app imports Streamlit."""
