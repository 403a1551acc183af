"""The one-chart reference app for the cold-start ratio in `python -m benchmarks.bench`.

The same Streamlit, Plotly and config.toml as the dashboard, and nothing else: one Plotly
bar chart. Cold start of the dashboard divided by cold start of this app is the cost of the
dashboard's own start (imports, store check, queries) above the framework's.
"""

import plotly.graph_objects as go
import streamlit as st

st.title("Minimale app")
st.plotly_chart(go.Figure(go.Bar(x=["Beverwijk", "Heemskerk", "Velsen"], y=[3, 2, 4])))
