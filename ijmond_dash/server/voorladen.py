"""Let the browser load the chart library while the server prepares the first page.

Streamlit's frontend fetches Plotly (one 4,7 MB script chunk) only when the first chart element
arrives. On a cold start the server first imports pandas and SQLAlchemy and reads the store, so
the browser waits idle and only then spends about a second loading and evaluating Plotly. This
module imports nothing but the standard library and Streamlit, so app.py can call ``plotly()``
before those imports: the browser then loads the chunk while the server works, and the chart is
drawn as soon as its data arrives (measured in ``python -m benchmarks.bench --only cold``).

The chunk's file name carries a content hash and changes with every Streamlit release; it is
read from the installed Streamlit (``streamlit_intern.frontend_chunk``), and when it cannot be
found nothing is sent (the chart then loads as it would anyway). tests/unit/test_voorladen.py
fails when a Streamlit upgrade renames it.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import streamlit as st

from ijmond_dash.server import streamlit_intern

# Where Streamlit keeps its frontend's script chunks, and the chunk st.plotly_chart renders with.
JS_MAP: Path = streamlit_intern.FRONTEND_JS
PLOTLY_CHUNK = "PlotlyChart.*.js"
KEY = "ijw_voorladen"


@functools.cache
def plotly_chunk() -> str | None:
    """File name of the installed Streamlit's Plotly chunk, or None if there is not exactly one."""
    return streamlit_intern.frontend_chunk(PLOTLY_CHUNK, JS_MAP)


@functools.cache
def html(chunk: str) -> str:
    """A hidden element whose script imports ``chunk`` next to Streamlit's own main script.

    The URL is resolved against the page's main module script, so it holds under a base URL
    path and on a deep link. ``import()`` of a module the page has already loaded is a no-op,
    and a failed load changes nothing (Streamlit loads the chunk itself when it needs it).
    """
    naam = json.dumps(chunk)
    return (
        f"<style>.st-key-{KEY}{{display:none}}</style>"
        "<script>(function(){"
        "var s=document.querySelector('script[type=module][src*=\"/static/js/index.\"]');"
        f"if(s){{import(new URL({naam},s.src).href).catch(function(){{}});}}"
        "})();</script>"
    )


def plotly() -> None:
    """Start loading the Plotly chunk in the browser; call before the slow imports of a run."""
    chunk = plotly_chunk()
    if chunk is None:
        return
    with st.container(key=KEY):
        st.html(html(chunk), unsafe_allow_javascript=True)
