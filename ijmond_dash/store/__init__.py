"""The store: dataset catalog, table models, engine and migrations, the default-data loader, validation and every SQL query.

Uses only the shared modules below it (formatting, settings, limieten); never Streamlit."""
