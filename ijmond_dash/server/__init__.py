"""How the Streamlit process runs: turns, memory, preload, Streamlit's internals, the multi-worker launcher.

Uses the store (migrations at start) and the shared modules; not the UI."""
