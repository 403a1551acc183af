"""What the figures mean: the scenario model, series and kerncijfers, the data in words.

Pure Python over query results (a ``lees`` reader) and the catalog; never Streamlit, never the store's engine."""
