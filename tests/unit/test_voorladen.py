"""The chart-library preload (ijmond_dash/server/voorladen.py): it names a chunk that exists in the
installed Streamlit, and it sends nothing when it cannot find one."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from ijmond_dash.server import voorladen


def test_the_installed_streamlit_has_exactly_one_plotly_chunk():
    # Fails when a Streamlit upgrade renames or splits the chunk: then the preload would
    # silently do nothing and cold start would lose about a second (docs/PERFORMANCE.md).
    chunk = voorladen.plotly_chunk()
    assert chunk is not None, f"no single {voorladen.PLOTLY_CHUNK} in {voorladen.JS_MAP}"
    path = voorladen.JS_MAP / chunk
    assert path.is_file() and path.stat().st_size > 1_000_000  # plotly.js itself is in it
    # it is the chunk that loads plotly.js (not some other module with a similar name)
    assert b"plotly" in path.read_bytes()[-2_000_000:].lower()


def test_html_imports_the_chunk_next_to_the_main_script_and_is_hidden():
    html = voorladen.html("PlotlyChart.AbC123.js")
    assert '"PlotlyChart.AbC123.js"' in html
    assert "new URL(" in html and "/static/js/index." in html  # resolved like Streamlit's own scripts
    assert f".st-key-{voorladen.KEY}{{display:none}}" in html
    assert ".catch(" in html  # a failed load is not an error on the page
    assert not re.search(r"https?://", html)  # nothing from another host


def _preload_script() -> None:
    import streamlit as st

    from ijmond_dash.server import voorladen as v

    v.plotly()
    st.write("na")


def test_nothing_is_sent_without_a_chunk(monkeypatch, tmp_path):
    at = AppTest.from_function(_preload_script)
    at.run()
    assert [h.value for h in at.html] == [voorladen.html(voorladen.plotly_chunk())]

    monkeypatch.setattr(voorladen, "JS_MAP", tmp_path)  # a Streamlit without the chunk
    voorladen.plotly_chunk.cache_clear()
    try:
        at = AppTest.from_function(_preload_script)
        at.run()
        assert not at.exception
        assert len(at.html) == 0 and at.markdown[0].value == "na"
    finally:
        voorladen.plotly_chunk.cache_clear()


@pytest.mark.parametrize("namen", [[], ["PlotlyChart.a.js", "PlotlyChart.b.js"]])
def test_no_or_several_chunks_give_none(monkeypatch, tmp_path, namen):
    for naam in namen:
        (tmp_path / naam).write_text("x")
    monkeypatch.setattr(voorladen, "JS_MAP", tmp_path)
    voorladen.plotly_chunk.cache_clear()
    try:
        assert voorladen.plotly_chunk() is None
    finally:
        voorladen.plotly_chunk.cache_clear()
