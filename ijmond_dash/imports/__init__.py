"""Getting data in: file imports with preview and undo, trajectory events, the synthetic generator.

Uses the store and the shared modules; never Streamlit or the analysis."""
