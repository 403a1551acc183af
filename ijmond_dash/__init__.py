"""IJmond Werkt! dashboard: all logic behind the Streamlit pages.

Modules, one concept each:
  settings     configuration read at run time (no Streamlit import)
  catalog      every dataset: columns, units, keys, validation rules (the metadata)
  models       SQLAlchemy tables generated from the catalog
  db           engine creation, SQLite pragmas, schema upgrade
  validation   rules that the source documents imply, with Dutch messages
  loader       CSV -> typed frames -> validation -> one transaction
  queries      all SQL, bound parameters, returns DataFrames
  formatting   nl-NL numbers, money, percentages, dates (Babel)
  charts       DataFrame -> Plotly figure (pure functions)
  scenario     the frictiekosten model (pure Python)
  ui           the Streamlit glue: cached engine and queries, shared sidebar
  voorladen    the browser loads the chart library while the first run prepares the page
  geheugen     expired disconnected sessions removed and shut down, their memory returned;
               garbage collected off the runs' path
  beurten      script runs take turns (a few at once per process)
"""
