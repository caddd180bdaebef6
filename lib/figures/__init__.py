"""Draw: figure builders, a DataFrame in and a plotly Figure out. No Streamlit, no I/O, no metrics:
each builder plots the frame it is given, and the CSV a viewer downloads is that frame."""
