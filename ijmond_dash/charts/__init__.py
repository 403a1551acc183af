"""Pure functions DataFrame -> Plotly figure, one module per page; shared style in ``common``."""
