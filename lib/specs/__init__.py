"""Specify a chart: which rows, which figure builder, and a title that states the finding, computed from
the data. A spec runs without Streamlit, so the page, the image export and the deck show the same chart."""
